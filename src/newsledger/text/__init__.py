"""Text as it arrives: lines, paragraphs and boilerplate spans.

Below both ``ingest`` (which reads pages) and ``extract`` (which reads language):
the page-level facts each needs, with no knowledge of either.
"""

from .boilerplate import find_boilerplate, topics_from
from .lines import iter_lines, paragraphs, sentence_starts

__all__ = ["find_boilerplate", "topics_from", "iter_lines", "paragraphs", "sentence_starts"]

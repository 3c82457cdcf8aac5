"""spaCy component that starts a sentence at every line that begins one, before the parser runs.

Article text arrives one paragraph a line, with headlines, datelines and
bylines on lines of their own and often without a full stop.  Left to itself
the parser joins a headline to the first sentence of the body ("... Within
Weeks' Transport minister X said"), and every later step (mentions, quotes,
speakers) inherits the broken tree.  Setting ``is_sent_start`` first makes the
parser respect the lines (spaCy keeps sentence starts set before it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..text import sentence_starts

__all__ = ["LineSentencer", "mark_line_starts"]


def mark_line_starts(doc: Doc) -> int:
    """Set ``is_sent_start`` on the first token of each line that begins a sentence; returns how many."""
    marked = 0
    for offset in sentence_starts(doc.text):
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0 and not span[0].is_space:
            span[0].is_sent_start = True
            marked += 1
    return marked


class LineSentencer:
    def __init__(self, name: str = "newsledger_paragraphs"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mark_line_starts(doc)
        return doc


@Language.factory(
    "newsledger_paragraphs_v1",
    assigns=["token.is_sent_start"],
    requires=[],
    retokenizes=False,
)
def make_paragraphs(nlp: Language, name: str) -> LineSentencer:
    return LineSentencer(name)

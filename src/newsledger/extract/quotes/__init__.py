"""Quotations: direct quotes from quote marks, mixed and indirect quotes from reporting cues.

The extraction runs in three layers, each a small pure function:

1. **Marks** (:func:`find_marked`, string only, in :mod:`newsledger.text.marks`): pair straight
   and curly, double and single quotation marks paragraph by paragraph with a state machine that
   tells apostrophes from single quotes, keeps nested quotes inside their outer passage, runs a
   quote on into the next paragraph when that paragraph opens with a mark, and reports a quote
   left open at the end (``unclosed``).
2. **Direct quotes** (:func:`direct_quotes`, :mod:`.direct`): a passage that stands as speech
   (opens a paragraph or sentence, follows a colon, or a comma or cue with a capital) gets its
   speaker from a cue after it (``, he said``) or before it (``They said:``), else from the quote
   it continues; transcript labels (``HOST:``) name theirs (:mod:`.transcript`).
3. **Indirect and mixed quotes** (:func:`reported_quotes`, :mod:`.reported`): the complement of a
   reporting verb ("said that ...", "urged X to ...", :mod:`.complement`) or the clause an
   "according to X" attaches to; ``mixed`` when that content holds a quoted fragment.

The rooms: :mod:`.context` (the per-document context, the found-quote record, cue records, text
bounds), :mod:`.rule_speaker` (a cue's speaker by rule), :mod:`.trim` (the edges of reported
content), and :mod:`.component`: :func:`extract_quotes` and :class:`QuoteExtractor`, the spaCy
component (factory ``newsledger_quotes_v1``) writing ``doc._.nl_quotes`` and the ``quotes``,
``speakers`` and ``cues`` span groups.
"""

from ...text import paragraphs
from ...text.marks import MARK_RE, Marked, find_marked
from .component import QuoteExtractor, extract_quotes, make_quotes
from .direct import direct_quotes
from .reported import reported_quotes

__all__ = [
    "Marked",
    "paragraphs",
    "find_marked",
    "direct_quotes",
    "reported_quotes",
    "extract_quotes",
    "QuoteExtractor",
    "MARK_RE",
]

"""What an expression is resolved against: the publication date and the time the narrative is at.

:class:`Context` holds, for one article, the publication date (the deictic centre
of "yesterday", "last week", "Monday"), the sentences and their tenses, and the
*narrative reference*: every date resolved so far, in text order.  Anaphoric
expressions ("the next year", "the following day", "that morning", "a year
earlier") move from the latest of these that is fine enough, not from the
publication date; an absolute date with a year is never moved by anything.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Doc

from .candidates import Candidate
from .dates import UNRESOLVED, fmt
from .tense import DEADLINE_VERBS, FUTURE, PAST, PERFECT, governing_lemma, tense_from_doc, tense_from_text

__all__ = ["Context", "Anchor", "GRAIN_ORDER"]

#: Granularities from finest to coarsest.
GRAIN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6,
               "century": 7}


@dataclass(frozen=True)
class Anchor:
    """A resolved point of the narrative: where it was said, the day it starts on, how fine it is."""

    pos: int
    date: dt.date
    grain: str


class Context:
    """Everything resolution needs about one article; pure state, no clock."""

    def __init__(self, text: str, pub: Optional[dt.date], doc: Optional[Doc], sentences: list[tuple[int, int]]):
        self.text = text
        self.pub = pub
        self.doc = doc
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]
        self.anchors: list[Anchor] = []
        #: dated events (key -> (date, phrase)) learned from the article, and those the caller knows
        self.events: dict = {}
        self.known: dict = {}
        #: every event the article names in a time expression, dated or not
        self.mentions: list = []
        #: candidates resolved so far, in the order they were resolved
        self.resolved: list[Candidate] = []
        self.pub_anchor = f"published:{pub.isoformat()}" if pub else "published:unknown"
        #: resolves another candidate (set by :func:`.resolve.resolve_times`; a clock time resolves its day)
        self.resolve: Callable[[Candidate], None] = lambda c: None

    # -- where ---------------------------------------------------------------
    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.sentences[i] if i >= 0 else (0, len(self.text))

    def before(self, c: Candidate, chars: int = 30) -> str:
        return self.text[max(0, c.start - chars):c.start]

    def after(self, c: Candidate, chars: int = 30) -> str:
        return self.text[c.end:c.end + chars]

    # -- tense ---------------------------------------------------------------
    def tense(self, c: Candidate) -> Optional[str]:
        """Past, present, perfect, future or None, from the parse where there is one.

        "until Monday", "by June" look ahead, unless the clause is in the past perfect
        ("had not called him a suspect until Thursday").
        """
        t = tense_from_doc(self.doc, c.start, c.end) if self.doc is not None else None
        lead = self.text[max(0, c.extra.get("lead_at", c.start) - 12):c.extra.get("lead_at", c.start)]
        if re.search(r"(?i)\b(?:effective|starting|beginning)\s+$", lead):
            return FUTURE  # "a new office, effective Feb. 1": the date a decision takes effect lies ahead
        if re.search(r"(?i)\b(?:until|till|by|before|through|ahead\s+of)\s+$", lead):
            if t == PAST and (self._past_perfect(c) or governing_lemma(self.doc, c.start, c.end) not in DEADLINE_VERBS):
                return PAST  # "had not named him until Thursday", "the boat stayed in port until Tuesday"
            return FUTURE  # "postponed the vote until Tuesday", "will stay until June"
        if re.search(r"(?i)\bsince\b[^.;]{0,25}$", self.before(c, 30)):
            return PAST  # "since the June floods"
        if re.search(r"(?i)\b(?:(?:set|planned)\s+for|(?:scheduled|slated|due)\s+(?:for|in|on)|as\s+(?:soon|early)\s+as)"
                     r"\s+(?:[\w'’-]+\s+){0,3}$", self.before(c, 40)):
            return FUTURE  # "a summit set for Washington in April", "as soon as Tuesday"; not "the record set on"
        if t:
            return t
        s, e = self.sentence_of(c.start)
        sent = self.text[s:e]
        rel = c.start - s
        masked = sent[:rel] + " " * (c.end - c.start) + sent[rel + (c.end - c.start):]
        return tense_from_text(masked, rel)

    def _past_perfect(self, c: Candidate) -> bool:
        s, e = self.sentence_of(c.start)
        return bool(re.search(r"(?i)\bhad\b", self.text[s:e]))

    # -- the narrative ---------------------------------------------------------
    def note(self, c: Candidate) -> None:
        """Remember a resolved date as a point the narrative has reached.

        A comparison ("from $5 million a year earlier") looks back without moving the
        narrative, so the next "a year earlier" still counts from the same quarter.
        """
        if c.date is not None and c.type in ("DATE", "TIME") and c.grain in GRAIN_ORDER and not c.extra.get("comparison"):
            self.anchors.append(Anchor(c.start, c.date, c.grain))

    def narrative(self, c: Candidate, finest: str = "year", same_sentence: bool = False,
                  sentences_back: Optional[int] = None) -> Optional[Anchor]:
        """The latest resolved date before ``c`` at least as fine as ``finest``.

        ``same_sentence`` keeps to the expression's sentence, ``sentences_back`` to it and
        that many sentences before it.
        """
        limit = GRAIN_ORDER.get(finest, 5)
        lo = -1
        if same_sentence or sentences_back is not None:
            i = max(0, bisect.bisect_right(self._starts, c.start) - 1 - (sentences_back or 0))
            lo = self.sentences[i][0] if self.sentences else 0
        best = None
        for a in self.anchors:
            if lo <= a.pos < c.start and GRAIN_ORDER.get(a.grain, 9) <= limit and (best is None or a.pos > best.pos):
                best = a
        return best

    def narrative_day(self, c: Candidate) -> Optional[Anchor]:
        """The day a part of a day or a clock time without a day of its own is on: one named in its
        sentence; in a clause told in the past, the day the narrative is at (within three sentences:
        "Traders bought heavily in the morning", after the paragraph named the Friday)."""
        ref = self.narrative(c, "day", same_sentence=True)
        if ref is None and self.tense(c) in (PAST, PERFECT):
            ref = self.narrative(c, "day", sentences_back=3)
        return ref if ref is not None and ref.grain == "day" else None

    # -- setting values --------------------------------------------------------
    def set_from_pub(self, c: Candidate, grain: str, compute: Callable[[dt.date], tuple[dt.date, str]]) -> None:
        """Resolve against the publication date (``compute(pub) -> (date, grain)``)."""
        c.grain = grain
        if self.pub is None:
            c.value, c.anchor = UNRESOLVED.get(grain, "XXXX-XX-XX"), self.pub_anchor
            return
        self.set_date(c, *compute(self.pub), anchor=self.pub_anchor)

    def set_date(self, c: Candidate, d: dt.date, grain: str, anchor: Optional[str] = None) -> None:
        c.grain, c.date, c.value = grain, d, fmt(d, grain)
        if anchor is not None:
            c.anchor = anchor

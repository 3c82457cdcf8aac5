"""What every quote-finding step shares: the per-document context, the found-quote record, cue
records, and the helpers that find sentence and line bounds in the article text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator, Optional, Sequence

from spacy.tokens import Doc, Token

from ...lexicon.words import INTRO_WORDS
from ...records import Boilerplate, Cue, Speaker
from ...text import paragraphs
from ...text.marks import Marked, find_marked
from ..cues import CueHit, find_cues
from ..people import People, find_people
from ..speakers import SpeakerResolver
from ..spans import SpanIndex

__all__ = [
    "WORD", "QuoteContext", "FoundQuote", "passage_span", "sentence_end", "sentence_start", "line_start",
    "line_end", "crosses_line", "within_line", "cue_record", "intro_cue", "nearest_cue",
]

#: A word: starts with a letter, may hold apostrophes and hyphens ("don't", "well-known").
WORD = re.compile(r"[^\W\d_][\w'’-]*")

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Prof|Rev|Capt|vs|U\.S|U\.K|No|Inc|Corp|Co|Ltd"
    r"|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa"
    r"|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?…][\"”’'»]*(?=\s|$)")

#: The cue kinds that introduce a direct quote (beliefs, intentions and topics do not).
_SPEECH_KINDS = ("speech", "according", "phrase", "request")


@dataclass
class QuoteContext:
    """One document's text, passages, cues and people, computed once and read by every step."""

    doc: Doc
    text: str
    paras: list[tuple[int, int]]
    marked: list[Marked]
    cues: list[CueHit]
    cue_chars: list[int]  # char offset of each cue's head token
    tok_starts: list[int]
    people: People
    resolver: SpeakerResolver
    boilerplate: SpanIndex

    @classmethod
    def of(cls, doc: Doc, boilerplate: Sequence[Boilerplate]) -> "QuoteContext":
        """The context of a parsed doc; passages and cues on boilerplate lines are left out."""
        text = doc.text
        bp_spans = [tuple(b.span) for b in boilerplate]
        bp_index = SpanIndex(bp_spans)  # type: ignore[arg-type]
        paras = paragraphs(text, bp_spans)  # type: ignore[arg-type]
        marked = [m for m in find_marked(text, paras) if not bp_index.overlaps(m.start, m.end)]
        cues = [h for h in find_cues(doc) if not bp_index.overlaps(doc[h.head].idx, doc[h.head].idx + 1)]
        tok_starts = doc.to_array("IDX").tolist() if len(doc) else []
        people = doc._.nl_people if doc._.nl_people is not None else find_people(doc, boilerplate)
        return cls(doc, text, paras, marked, cues, [doc[h.head].idx for h in cues], tok_starts, people,
                   SpeakerResolver(doc, people), bp_index)

    def token_at(self, char: int) -> int:
        """Index of the token containing (or starting after) char offset."""
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return max(i, 0)

    def tokens_in(self, a: int, b: int) -> range:
        """Indexes of the tokens that start in the characters [a, b)."""
        return range(bisect.bisect_left(self.tok_starts, a), bisect.bisect_left(self.tok_starts, b))

    def cues_in(self, a: int, b: int) -> list[CueHit]:
        """The cues whose head token starts in the characters [a, b), in text order."""
        lo = bisect.bisect_left(self.cue_chars, a)
        hi = bisect.bisect_left(self.cue_chars, b)
        return self.cues[lo:hi]


@dataclass
class FoundQuote:
    """A quote while it is being found: character span, speaker and cue, before it gets its id."""

    kind: str
    start: int
    end: int
    speaker: Optional[Speaker]
    cue: Optional[Cue]
    confidence: float
    unclosed: bool = False
    continues: Optional["FoundQuote"] = None
    paragraph: int = -1
    marked: Optional[Marked] = None


def passage_span(m: Marked) -> tuple[int, int]:
    """A quoted passage with its marks: from the opening mark (if any) to past the closing one (if any)."""
    return (m.open_at if m.open_at >= 0 else m.start, m.close_at + m.close_len if m.close_at >= 0 else m.end)


def _sentence_ends(text: str, a: int, b: int) -> Iterator[int]:
    """Ends of sentence-final punctuation in text[a:b], passing over the full stop of 'Dr.' or 'J.'."""
    for m in _SENT_END.finditer(text, a, b):
        if m.group(0)[0] == "." and _ABBREV.search(text, max(a, m.start() - 6), m.start() + 1):
            continue
        yield m.end()


def sentence_end(text: str, a: int, b: int) -> int:
    """End (exclusive) of the first sentence-final punctuation in text[a:b], else b."""
    return next(_sentence_ends(text, a, b), b)


def sentence_start(text: str, a: int, b: int) -> int:
    """Start of the sentence that holds position b, not before a."""
    last = a
    for last in _sentence_ends(text, a, b):
        pass
    return last


def line_start(text: str, pos: int) -> int:
    """Offset of the first character of the line holding pos."""
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Offset of the line break that ends the line holding pos (the text's end on the last line)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def crosses_line(ctx: QuoteContext, i: int, j: int) -> bool:
    """Whether a line break lies between tokens i and j: a parse link across it joins two paragraphs."""
    a, b = (i, j) if i < j else (j, i)
    return "\n" in ctx.text[ctx.doc[a].idx : ctx.doc[b].idx]


def within_line(ctx: QuoteContext, rng: tuple[int, int], head: Token) -> tuple[int, int]:
    """A reported clause never runs across a line break: a headline parsed into the next sentence stays out."""
    line = ctx.tokens_in(line_start(ctx.text, head.idx), line_end(ctx.text, head.idx))
    return max(rng[0], line.start), min(rng[1], line.stop)


def cue_record(ctx: QuoteContext, hit: CueHit) -> Cue:
    """The record of a cue: its words as written and their character span."""
    doc = ctx.doc
    s = doc[hit.start].idx
    last = doc[hit.end - 1]
    e = last.idx + len(last.text)
    return Cue(text=ctx.text[s:e], span=(s, e))


def intro_cue(ctx: QuoteContext, a: int, b: int) -> Optional[Cue]:
    """The last introducing word in [a, b) ('her note read:'): the cue of a quote after a colon."""
    for i in reversed(ctx.tokens_in(a, b)):
        t = ctx.doc[i]
        if t.lower_ in INTRO_WORDS:
            return Cue(text=t.text, span=(t.idx, t.idx + len(t.text)))
    return None


def nearest_cue(hits: Sequence[CueHit], before_quote: bool) -> Optional[CueHit]:
    """The speech cue closest to a quote: the last of those before it, or the first of those after it."""
    hits = [h for h in hits if h.kind in _SPEECH_KINDS]
    if not hits:
        return None
    return hits[-1] if before_quote else hits[0]

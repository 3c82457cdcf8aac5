"""From text to TimeExpr records: scan, resolve plain expressions in text order, then event-anchored ones."""

from __future__ import annotations

import bisect
import re
from typing import Optional, Sequence, Union

from spacy.tokens import Doc

from ...records import TimeExpr
from ...text.lines import paragraphs
from ...text.marks import find_marked
from ..spans import SpanIndex
from .absolute import ABSOLUTE
from .anchors import ANCHORED, known_keys, learn_from_attachment, record_mention
from .candidates import Candidate, scan
from .context import Context
from .dates import UNRESOLVED, Published, parse_day
from .relative import RELATIVE

__all__ = ["resolve_times", "resolve_one"]

RESOLVERS = {**ABSOLUTE, **RELATIVE, **ANCHORED}
#: Event-anchored kinds, resolved after everything else (ordinal days can date an event the offsets need).
_LATE = {"event_ordinal": 1, "event_offset": 2}
#: Kinds that name a day an event can be dated by.
_DAYS = {"ago", "weekday", "date", "day_rel"}


def resolve_one(ctx: Context, c: Candidate) -> None:
    """Fill in the candidate's type and value; a date beyond the calendar stays unresolved."""
    try:
        RESOLVERS[c.kind](ctx, c)
    except (OverflowError, ValueError):
        c.value, c.date = UNRESOLVED.get(c.grain, "XXXX-XX-XX"), None
        if c.type == "TIME":
            c.value += "TXX:XX"
    ctx.note(c)
    ctx.resolved.append(c)
    if c.kind in _DAYS:
        learn_from_attachment(ctx, c)


_TIME_NOUNS = {"day", "days", "week", "weeks", "month", "months", "season", "seasons", "period", "term", "quarter",
               "night", "morning", "evening", "time", "holiday", "holidays"}


def _classifier(doc: Doc, c: Candidate) -> bool:
    """A season naming a kind of thing, not a time ("the winter wheat", "summer camps")."""
    if c.kind != "season" or "y" in c.groups:
        return False
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[-1]
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i >= span.end and tok.head.pos_ == "NOUN" \
        and tok.head.lower_ not in _TIME_NOUNS


def _without_speakers_now(text: str, cands: list[Candidate], sentences: list[tuple[int, int]]) -> list[Candidate]:
    """Leave out a "now" inside a quoted fragment woven into the narrator's sentence.

    In "the minister said that, for her, 'the answer is patience now'" the "now" is the
    speaker's, at a time the narration has put in the past ("said"), not the article's
    present, and a PRESENT_REF would date it wrongly.  A whole quoted sentence keeps its
    "now" (the narration hands the floor to the speaker).
    """
    if not any(c.kind == "now" for c in cands):
        return cands
    passages = find_marked(text, paragraphs(text))
    starts = [s for s, _ in sentences]

    def woven(c: Candidate) -> bool:
        for m in passages:
            if m.start <= c.start < m.end and m.open_at >= 0:
                i = max(0, bisect.bisect_right(starts, m.open_at) - 1)
                lead = text[sentences[i][0]:m.open_at] if sentences else text[:m.open_at]
                return bool(re.search(r"\w", lead))
        return False

    return [c for c in cands if c.kind != "now" or not woven(c)]


def _sentences(text: str, doc: Optional[Doc]) -> list[tuple[int, int]]:
    if doc is not None and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [(s.start_char, s.end_char) for s in doc.sents]
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?\"”'])\s+(?=[A-Z\"“'‘])|\n+", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def resolve_times(doc_or_text: Union[Doc, str], published: Published = None,
                  known_events: Optional[dict[str, str]] = None,
                  boilerplate: Sequence[tuple[int, int]] = ()) -> list[TimeExpr]:
    """Every time expression of a text or Doc, typed and resolved.

    ``published`` is the publication date (ISO string or date; None keeps relative
    values unresolved): the only "today" this function knows, it never reads a clock.
    ``known_events`` maps event names ("the eclipse") to ISO dates for event-anchored
    expressions the article itself does not date.  ``boilerplate`` spans are skipped
    (a Doc's ``doc._.nl_boilerplate`` is used when none are given).
    """
    doc = doc_or_text if isinstance(doc_or_text, Doc) else None
    text = doc.text if doc is not None else str(doc_or_text or "")
    if doc is not None and not boilerplate and doc._.nl_boilerplate:
        boilerplate = [b.span for b in doc._.nl_boilerplate]
    sentences = _sentences(text, doc)
    cands = [c for c in scan(text, SpanIndex(list(boilerplate))) if doc is None or not _classifier(doc, c)]
    cands = _without_speakers_now(text, cands, sentences)
    ctx = Context(text, parse_day(published), doc, sentences)
    ctx.known = known_keys(known_events or {})
    ctx.resolve = lambda c: resolve_one(ctx, c)
    for c in cands:
        record_mention(ctx, c)
    for c in cands:
        if c.kind not in _LATE:
            resolve_one(ctx, c)
    for c in sorted((c for c in cands if c.kind in _LATE), key=lambda c: (_LATE[c.kind], c.start)):
        resolve_one(ctx, c)
    return [TimeExpr(id=f"t{i}", text=text[c.start:c.end], span=(c.start, c.end), type=c.type, value=c.value,
                     anchor=c.anchor, mod=c.mod) for i, c in enumerate(cands, 1)]

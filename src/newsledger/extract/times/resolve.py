"""From text to TimeExpr records: scan, resolve plain expressions in text order, then event-anchored ones."""

from __future__ import annotations

import re
from typing import Optional, Sequence, Union

from spacy.tokens import Doc

from ...records import TimeExpr
from ..spans import SpanIndex
from .absolute import ABSOLUTE
from .anchors import ANCHORED, known_keys, record_mention
from .candidates import Candidate, scan
from .context import Context
from .dates import UNRESOLVED, Published, parse_day
from .relative import RELATIVE

__all__ = ["resolve_times", "resolve_one"]

RESOLVERS = {**ABSOLUTE, **RELATIVE, **ANCHORED}
#: Event-anchored kinds, resolved after everything else (ordinal days can date an event the offsets need).
_LATE = {"event_ordinal": 1, "event_offset": 2}


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
    cands = [c for c in scan(text, SpanIndex(list(boilerplate))) if doc is None or not _classifier(doc, c)]
    ctx = Context(text, parse_day(published), doc, _sentences(text, doc))
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

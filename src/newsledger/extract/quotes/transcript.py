"""Transcripts: a speaker label in capitals ('HOST: Welcome back.') names who speaks, inside quote
marks or on an unquoted line; a bracketed note ('(LAUGHTER)') is no speech."""

from __future__ import annotations

import re
from typing import Optional

from ...records import Speaker
from ..people import People
from ..spans import SpanIndex
from .context import WORD, FoundQuote, QuoteContext

__all__ = ["transcript_label", "stage_direction", "label_speaker", "transcript_lines"]

_LABEL = re.compile(r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s+(?=\S)")
_NOT_LABELS = frozenset(
    "UPDATE UPDATED EDITOR'S NOTE EDITOR’S NOTE CORRECTION BREAKING WATCH READ RELATED PHOTOS PHOTO VIDEO CLAIM "
    "FACT NOTE WARNING SOURCE SOURCES TRANSCRIPT Q A AP CNN NBC ABC CBS UPI AFP PS P.S CLARIFICATION".split()
)


def transcript_label(text: str, a: int, b: int) -> Optional[tuple[int, int, int]]:
    """'HOST: Good evening ...': (label start, label end, content start) of a transcript speaker label."""
    m = _LABEL.match(text, a, b)
    if not m or len(m.group(1)) < 3 or m.group(1) in _NOT_LABELS or " ".join(m.group(1).split()[:2]) in _NOT_LABELS:
        return None
    return m.start(1), m.end(1), m.end()


def stage_direction(content: str) -> bool:
    """'(APPLAUSE.)', '[inaudible]': a bracketed note in a transcript, not speech."""
    c = content.strip().rstrip(".,;:!?")
    return len(c) >= 2 and c[0] in "([" and c[-1] in ")]" and not any(ch in c[1:-1] for ch in "()[]")


def label_speaker(ctx: QuoteContext, s: int, e: int) -> Speaker:
    """The speaker a transcript label at [s, e) names."""
    label = ctx.text[s:e]
    return Speaker(name=_labelled_entity_name(ctx.people, label), mention=label, span=(s, e))


def _labelled_entity_name(people: People, label: str) -> str:
    """'OKAFOR' -> 'Grace Okafor' when the article names one person so; else the label in title case."""
    words = [w.lower() for w in label.split()]
    for ent in people.entities:
        if ent.type == "PERSON" and any(n.lower().split()[-len(words):] == words for n in ent.names()):
            return ent.name
    return " ".join(w.capitalize() for w in label.split())


def transcript_lines(ctx: QuoteContext, taken: SpanIndex) -> list[FoundQuote]:
    """Unquoted transcript paragraphs ('HOST: Are you ...') as direct quotes of the labelled speaker."""
    out = []
    for pi, (lo, hi) in enumerate(ctx.paras):
        label = transcript_label(ctx.text, lo, hi)
        if label is None or taken.overlaps(lo, hi):
            continue
        s, e = label[2], hi
        if len(WORD.findall(ctx.text[s:e])) < 3 or stage_direction(ctx.text[s:e]):
            continue
        out.append(FoundQuote("direct", s, e, label_speaker(ctx, label[0], label[1]), None, 0.8, paragraph=pi))
    return out

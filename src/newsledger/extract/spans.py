"""Helpers between character offsets (the record's truth) and spaCy token spans."""

from __future__ import annotations

import bisect
from typing import Callable, Iterable, Optional, Sequence

from spacy.tokens import Doc, Span

__all__ = ["char_spans", "inside_any", "SpanIndex"]


def char_spans(doc: Doc, items: Iterable, label: Optional[Callable] = None) -> list[Span]:
    """Token spans covering each item's character span (expanded to token bounds)."""
    out = []
    for item in items:
        start, end = item.span
        span = doc.char_span(start, end, label=label(item) if label else "", alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


class SpanIndex:
    """Sorted, non-overlapping character ranges with fast membership tests."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covering(self, pos: int) -> Optional[tuple[int, int]]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.ends[i]:
            return self.starts[i], self.ends[i]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)
        return i < len(self.starts) and self.starts[i] < end

    def __bool__(self) -> bool:
        return bool(self.starts)


def inside_any(pos: int, index: SpanIndex) -> bool:
    return index.covering(pos) is not None

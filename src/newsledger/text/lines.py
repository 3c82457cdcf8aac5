"""Lines and paragraphs of article text as character ranges (text arrives one paragraph a line)."""

from __future__ import annotations

from typing import Iterator, Sequence

__all__ = ["iter_lines", "paragraphs"]


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's content, without the line break and outer whitespace."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.rstrip("\r\n")
        lead = len(stripped) - len(stripped.lstrip())
        content = stripped.strip()
        if content:
            start = pos + lead
            yield start, start + len(content)
        pos += len(raw)


def paragraphs(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, outer whitespace trimmed, minus the ranges in ``skip``."""
    skipped = set(skip)
    return [line for line in iter_lines(text) if line not in skipped]

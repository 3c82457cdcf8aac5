"""Lines and paragraphs of article text as character ranges (text arrives one paragraph a line)."""

from __future__ import annotations

from typing import Iterator, Sequence

__all__ = ["iter_lines", "paragraphs", "sentence_starts"]


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


_TERMINAL = tuple('.!?:;"”’\')]…')


def sentence_starts(text: str) -> list[int]:
    """Offsets of the lines that begin a sentence of their own.

    A line is a paragraph, a headline, a dateline or a byline, so it starts a
    sentence when the line before it ends a sentence or the line itself opens
    like one (a capital, a digit, a quotation mark).  A line that continues in
    lower case is text wrapped by its sender and stays inside its sentence.
    """
    out, prev_end = [], None
    for start, end in iter_lines(text):
        if prev_end is not None:
            first = text[start]
            if text[prev_end - 1] in _TERMINAL or first.isupper() or first.isdigit() or not first.isalpha():
                out.append(start)
        prev_end = end
    return out

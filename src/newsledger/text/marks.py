"""Quotation marks paired paragraph by paragraph: the passages a text puts in quotes.

A state machine over straight and curly, double and single marks tells
apostrophes from single quotes, keeps nested quotes inside their outer passage,
runs a quote on into the next paragraph when that paragraph opens with a mark,
and reports a quote left open at the end (``unclosed``).  Pure string work: no
parse is needed, so both people and quote extraction can ask where the quoted
passages are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

__all__ = ["Marked", "find_marked", "MARK_RE", "passage_span"]

MARK_RE = re.compile(r"''|``|’’|‘‘|[\"“”„‟«»‘’‚‛']")

_DOUBLE = {'"', "“", "”", "„", "‟", "''", "``", "’’", "‘‘", "«", "»"}  # two single marks written as one double
_OPEN_ONLY = {"“", "„", "‟", "``", "‘‘", "«", "‘", "‚", "‛"}
_CLOSE_ONLY = {"”", "’’", "»"}
_LEFT_BOUND = set("([{—–-/\u00a0")
_RIGHT_BOUND = set(".,;:!?)]}—–-/…\u00a0")
# A single mark before these is an elision, not a quote: 'em, '90s, 'n', 'cause, 'til.
_ELISION = re.compile(r"(?:em|n|til|cause|tis|twas|round|\d\ds?|\d0s)\b", re.I)


@dataclass
class Marked:
    """A top-level quoted passage: content span (outer marks excluded) inside one paragraph."""

    start: int  # first char of the content
    end: int  # end of the content (exclusive)
    open_at: int  # offset of the opening mark (-1 when the paragraph starts inside a quote)
    close_at: int  # offset of the closing mark (-1 when none in this paragraph)
    paragraph: int
    double: bool
    close_len: int = 1  # length of the closing mark ('' counts two)
    continued: bool = False  # the previous paragraph's passage runs on into this one
    runs_on: bool = False  # open at paragraph end, and the next paragraph continues it
    unclosed: bool = False  # open at paragraph end with nothing continuing it


def _role(text: str, i: int, mark: str, lo: int, hi: int) -> str:
    """open | close | amb | apos for the mark at text[i:i+len(mark)] within [lo, hi)."""
    p = text[i - 1] if i > lo else None
    j = i + len(mark)
    n = text[j] if j < hi else None
    left = p is None or p.isspace() or p in _LEFT_BOUND or (MARK_RE.match(p) is not None and p not in "'’")
    right = n is None or n.isspace() or n in _RIGHT_BOUND or MARK_RE.match(n) is not None
    if mark in _DOUBLE:
        if mark in _OPEN_ONLY:
            return "open"
        if mark in _CLOSE_ONLY:
            return "open" if (left and not right and mark == "»") else "close"
        if left and not right:
            return "open"
        if right and not left:
            return "close"
        return "amb"
    # single marks
    if p is not None and n is not None and p.isalnum() and n.isalnum():
        return "apos"
    if mark in ("‘", "‚", "‛"):
        if n is not None and _ELISION.match(text, j, hi) and not (n.isupper()):
            return "apos"
        return "open" if not right else "apos"
    if left and not right:
        if _ELISION.match(text, j, hi):
            return "apos"
        return "open"
    if right and not left:
        return "close"
    return "apos"


def _scan(text: str, lo: int, hi: int, starts_inside: Optional[bool], ignore: set[int]):
    """Pair marks in text[lo:hi].  Returns (pairs, open_at_end) where pairs are
    (open_pos, open_len, close_pos, double) and open_at_end is the bottom of the stack or None."""
    stack: list[tuple[int, int, bool]] = []  # (pos, len, double)
    if starts_inside is not None:
        stack.append((-1, 0, starts_inside))
    pairs = []
    for m in MARK_RE.finditer(text, lo, hi):
        i, mark = m.start(), m.group(0)
        if i in ignore:
            continue
        role = _role(text, i, mark, lo, hi)
        if role == "apos":
            continue
        double = mark in _DOUBLE
        if double:
            if role == "amb":
                role = "close" if any(d for _, _, d in stack) else "open"
            if role == "open":
                stack.append((i, len(mark), True))
            else:
                k = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][2]), None)
                if k is None:
                    continue  # a stray closing mark
                pos, ln, _ = stack[k]
                del stack[k:]
                if k == 0:
                    pairs.append((pos, ln, i, len(mark), True))
        else:
            if stack and stack[0][2]:
                continue  # singles inside a double-quoted passage never matter
            if role == "open":
                if not stack:
                    stack.append((i, len(mark), False))
                continue
            # close
            if stack and not stack[-1][2]:
                pos, ln, _ = stack.pop()
                if not stack:
                    pairs.append((pos, ln, i, len(mark), False))
    bottom = stack[0] if stack else None
    return pairs, bottom


def _opens_paragraph(text: str, lo: int, hi: int, double: bool) -> bool:
    m = MARK_RE.match(text, lo, hi)
    if not m:
        return False
    return (m.group(0) in _DOUBLE) == double and _role(text, lo, m.group(0), lo, hi) in ("open", "amb")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_marked(text: str, paras: Iterable[tuple[int, int]]) -> list[Marked]:
    """Every top-level quoted passage, paragraph by paragraph, in text order."""
    paras = list(paras)
    out: list[Marked] = []
    carry: Optional[bool] = None  # double? of a passage that runs on into the next paragraph
    for pi, (lo, hi) in enumerate(paras):
        starts_inside = None
        body_lo = lo
        if carry is not None:
            m = MARK_RE.match(text, lo, hi)
            starts_inside = carry
            body_lo = lo + len(m.group(0)) if m else lo
        ignore: set[int] = set()
        for _attempt in range(8):
            pairs, bottom = _scan(text, body_lo, hi, starts_inside, ignore)
            if bottom is None or bottom[2] or bottom[0] < 0:
                break
            # a single mark open at paragraph end: continued, or an apostrophe after all
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt is not None and _opens_paragraph(text, nxt[0], nxt[1], False):
                break
            ignore.add(bottom[0])
        else:
            pairs, bottom = _scan(text, body_lo, hi, starts_inside, ignore)
            bottom = None
        for pos, ln, cpos, _cln, double in pairs:
            s, e = _trim(text, pos + ln if pos >= 0 else body_lo, cpos)
            if s < e and any(c.isalnum() for c in text[s:e]):
                out.append(
                    Marked(s, e, pos, cpos, pi, double, close_len=_cln, continued=pos < 0 and carry is not None)
                )
            elif pos < 0 and out and carry is not None:
                pass
        carry = None
        if bottom is not None:
            pos, ln, double = bottom
            s, e = _trim(text, pos + ln if pos >= 0 else body_lo, hi)
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            runs_on = nxt is not None and _opens_paragraph(text, nxt[0], nxt[1], double)
            if s < e and any(c.isalnum() for c in text[s:e]):
                out.append(
                    Marked(s, e, pos, -1, pi, double, continued=pos < 0, runs_on=runs_on, unclosed=not runs_on)
                )
            if runs_on:
                carry = double
    return out


def passage_span(m: Marked) -> tuple[int, int]:
    """The passage with its marks: from the opening mark to the end of the closing one."""
    return (m.open_at if m.open_at >= 0 else m.start, (m.close_at + m.close_len) if m.close_at >= 0 else m.end)

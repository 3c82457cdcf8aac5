"""The edges of reported content: a token range becomes a character span without leading "that",
outer punctuation or quote marks that pair with nothing inside it; and a span is indirect, mixed or
direct by the quoted fragments it holds."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from .context import QuoteContext

__all__ = ["trim_content", "kind_of"]

_LEAD_MARK = {"that", "whether", "if"}
_PUNCT_EDGE = " \t\n.,;:!?-–—…\u00a0"
_OPEN_MARKS = "\"“‘'"
_CLOSE_MARKS = "\"”’'"


def trim_content(ctx: QuoteContext, s: int, e: int) -> Optional[tuple[int, int]]:
    """The character span of tokens [s, e) as reported content, or None when too little is left."""
    doc, text = ctx.doc, ctx.text
    while s < e and (doc[s].is_punct and doc[s].text not in _OPEN_MARKS
                     or (doc[s].lower_ in _LEAD_MARK and doc[s].dep_ == "mark")):
        s += 1
    while e > s and ((doc[e - 1].is_punct and doc[e - 1].text not in _CLOSE_MARKS) or doc[e - 1].pos_ == "CCONJ"
                     or doc[e - 1].is_space):
        e -= 1
    if e - s < 2:
        return None
    a = doc[s].idx
    b = doc[e - 1].idx + len(doc[e - 1].text)
    a, b = _trim_marks(text, a, b)
    inner = text[a:b]
    if b < len(text) and text[b] in _CLOSE_MARKS and _unbalanced(inner, text[b]):
        b += 1  # the closing mark of a fragment that ends the content hangs on the main verb
    if b - a < 3:
        return None
    return a, b


def _unbalanced(inner: str, close: str) -> bool:
    """Whether the span holds an opening mark that the closing mark just after it would close."""
    if close in "\"”":
        return (inner.count('"') % 2 == 1) or inner.count("“") > inner.count("”")
    opens = len(re.findall(r"(?<!\w)[‘']", inner))
    closes = len(re.findall(r"[’'](?!\w)", inner))
    return opens > closes


def _trim_marks(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop outer whitespace/punctuation and outer marks that do not pair inside the span."""
    for _ in range(4):
        while a < b and text[a] in _PUNCT_EDGE:
            a += 1
        while b > a and text[b - 1] in _PUNCT_EDGE:
            b -= 1
        changed = False
        if a < b and text[a] in _OPEN_MARKS and _nothing_closes(text[a], text[a + 1 : b]):
            a += 1
            changed = True
        if b > a and text[b - 1] in _CLOSE_MARKS and _nothing_opens(text[b - 1], text[a : b - 1]):
            b -= 1
            changed = True
        if not changed:
            break
    return a, b


def _nothing_closes(mark: str, inner: str) -> bool:
    """Whether no mark in the text after an opening mark closes it."""
    if mark in "\"“":
        return sum(inner.count(c) for c in "\"”") == 0
    return not re.search(r"[’'](?!\w)", inner)


def _nothing_opens(mark: str, inner: str) -> bool:
    """Whether no mark in the text before a closing mark opens it."""
    if mark in "\"”":
        return sum(inner.count(c) for c in "\"“") == 0
    return not re.search(r"(?<!\w)[‘']", inner)


def kind_of(span: tuple[int, int], frag_spans: Sequence[tuple[int, int]]) -> str:
    """'direct' when a quoted fragment fills the span, 'mixed' when it holds one, else 'indirect'."""
    a, b = span
    for fs, fe in frag_spans:
        if fs < b and a < fe:
            return "direct" if fs <= a + 1 and fe >= b - 1 else "mixed"
    return "indirect"

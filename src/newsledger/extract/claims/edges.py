"""The edges of a claim's text: no outer spaces, quote marks or punctuation, no dangling 'and' or 'that'."""

from __future__ import annotations

import re

__all__ = ["strip", "edges", "text_of", "TEXT_KEY"]

#: ``doc.user_data`` key holding the doc's text while claims are extracted (``Doc.text`` joins every
#: token on each call).
TEXT_KEY = "newsledger_claims_text"


def text_of(doc) -> str:
    """The doc's text, read once per extraction."""
    text = doc.user_data.get(TEXT_KEY)
    return text if text is not None else doc.text

_LEAD = "\"“”'‘’,;:–—-(["
_TRAIL = ".,;:!?\"“”'‘’–—-)(["
_EDGE_WORDS = {"and", "or", "but", "while", "whereas", "as", "that", ",", ";", ":", "–", "—", "-"}


def strip(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without outer whitespace, quotation marks and punctuation."""
    while s < e and (text[s].isspace() or text[s] in _LEAD):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _TRAIL):
        e -= 1
    return s, e


def edges(text: str, a: int, b: int) -> tuple[int, int]:
    """:func:`strip`, and no conjunction or 'that' left at either end ("and 5.7 million who fled")."""
    a, b = strip(text, a, b)
    while True:
        m = re.match(r"(\S+)\s+", text[a:b])
        if m and m.group(1).lower() in _EDGE_WORDS and b - a > len(m.group(0)):
            a += m.end()
            continue
        m = re.search(r"\s+(\S+)$", text[a:b])
        if m and m.group(1).lower() in _EDGE_WORDS:
            b = a + m.start()
            continue
        return strip(text, a, b)

"""Numbers in news text: digits and words, vague plurals, and how firm they are.

Pure functions only; :mod:`newsledger.extract.claims` and
:mod:`newsledger.extract.times` build on them.

- :func:`parse_number` turns "5,300", "1.5 million", "twenty-five", "two dozen",
  "a hundred" into a float (None when the text is not a number).
- :func:`find_quantities` finds every quantity in a text, with its bound
  ("as many as" → upper, "more than" / "hundreds of thousands" → lower,
  "about" → approximate, otherwise exact), unit and what it counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from ..records import Quantity, Span

__all__ = [
    "UNITS_WORDS",
    "NUMBER_WORD_RE",
    "parse_number",
    "QuantityMatch",
    "find_quantities",
]

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "mn": 1_000_000, "m": 1_000_000, "bn": 1_000_000_000,
           "k": 1_000}
_MULT = {"dozen": 12, "score": 20, "half": 0.5, "couple": 2, "pair": 2}
#: Words that can appear inside a number written in words.
UNITS_WORDS = set(_SMALL) | {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "a", "an", "and"}

_SMALL_ALT = "|".join(sorted(_SMALL, key=len, reverse=True))
#: One number written in words ("twenty-five", "two hundred and fifty", "two dozen").
NUMBER_WORD_RE = (
    rf"(?:(?:{_SMALL_ALT})(?:[- ](?:{_SMALL_ALT}))?"
    rf"(?:\s+(?:hundred|thousand|million|billion|dozen)(?:\s+(?:and\s+)?(?:{_SMALL_ALT})(?:[- ](?:{_SMALL_ALT}))?)?)*"
    rf"|an?\s+(?:hundred|thousand|million|billion|dozen))"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(
    rf"(?<![\w.,-])(?:{_DIGITS}(?:\s*(?:hundred|thousand|million|billion|trillion|bn|mn)\b)?|(?i:{NUMBER_WORD_RE})\b)",
)


def parse_number(text: str) -> Optional[float]:
    """The value of a number written in digits, words or both; None if it is not one."""
    if not text:
        return None
    s = text.strip().lower().replace("\u2009", "").replace("\xa0", " ")
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current: Optional[float] = None
    for w in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            if current is not None:
                return None
            current = float(w)
        elif w in _SMALL:
            current = (current or 0) + _SMALL[w]
        elif w in ("a", "an"):
            if current is not None:
                return None
            current = 1
        elif w in _MULT:
            current = (current if current is not None else 1) * _MULT[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            current = current if current is not None else 1
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        else:
            return None
    value = total + (current or 0)
    if current is None and total == 0:
        return None
    return value


# ---------------------------------------------------------------------------
# Quantities with bounds

_UPPER = r"as\s+many\s+as|up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|fewer\s+than|less\s+than|under|a\s+maximum\s+of|as\s+much\s+as"
_LOWER = r"more\s+than|over|at\s+least|in\s+excess\s+of|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|exceeding|above"
_APPROX = r"about|around|approximately|nearly|almost|roughly|some|an\s+estimated|estimated|close\s+to|circa|c\.|just\s+over|just\s+under|some\s+\d+|around\s+\d+"
_BOUND_RE = re.compile(rf"(?i:\b(?P<upper>{_UPPER})|\b(?P<lower>{_LOWER})|\b(?P<approx>{_APPROX}))\s+$")

#: Vague plurals: "hundreds of thousands of" → 100000 (lower bound).
_VAGUE_RE = re.compile(
    r"(?i)\b(?P<v>(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|dozens|scores|hundreds|thousands|millions|billions|tens\s+of\s+thousands))(?=\s+of\b|\s+(?:more|[a-z]))"
)
_VAGUE_VALUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9}

_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_UNIT_AFTER = re.compile(
    r"(?i)\s*(?P<u>%|per\s*cent|percent|km|kilometres|kilometers|miles|metres|meters|kg|tonnes|tons|dollars|euros|pounds|hryvnias|roubles|rubles)\b|\s*%"
)
_STOP_COUNT = {"the", "a", "an", "of", "and", "or", "who", "which", "that", "have", "has", "had", "were", "was",
               "are", "is", "been", "be", "in", "on", "at", "to", "from", "for", "with", "by", "since", "as"}
_COUNT_WORD = re.compile(r"[A-Za-z][\w’'-]*")


@dataclass
class QuantityMatch:
    """A quantity found in a text, with its character span (relative to the text passed in)."""

    quantity: Quantity
    span: Span


def _counts_after(text: str, pos: int) -> Optional[str]:
    """The few words after a number that say what it counts ("Russian soldiers")."""
    rest = text[pos:]
    rest = re.sub(r"^\s*(?:of\s+(?:the\s+)?)?", "", rest)
    words = []
    for m in _COUNT_WORD.finditer(rest[:80]):
        w = m.group(0)
        gap = rest[words and words[-1][1] or 0: m.start()] if words else rest[: m.start()]
        if words and re.search(r"[,.;:!?()]", gap):
            break
        if w.lower() in _STOP_COUNT:
            break
        words.append((w, m.end()))
        if len(words) >= 4:
            break
    return " ".join(w for w, _ in words) or None


def find_quantities(text: str, exclude: Sequence[Span] = ()) -> list[QuantityMatch]:
    """Every quantity in ``text`` outside the ``exclude`` spans (e.g. dates), in text order."""
    out: list[QuantityMatch] = []
    taken: list[Span] = list(exclude)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _VAGUE_RE.finditer(text):
        s, e = m.span("v")
        if not free(s, e):
            continue
        words = m.group("v").lower().split()
        value = 1.0
        for w in words:
            if w in _VAGUE_VALUE:
                value *= _VAGUE_VALUE[w]
            elif w == "tens":
                value *= 10
        qty = Quantity(value=value, text=text[s:e], bound="lower", counts=_counts_after(text, e))
        out.append(QuantityMatch(qty, (s, e)))
        taken.append((s, e))

    for m in _NUMBER_RE.finditer(text):
        s, e = m.span()
        raw = m.group(0)
        if not free(s, e):
            continue
        # a lone "a"/"an" hundred is fine; years and clock times are left to the time extractor
        value = parse_number(raw)
        if value is None:
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", raw) and not re.match(r"\s*(?:%|per\s*cent|people|troops|soldiers)", text[e:e + 12]):
            continue
        if re.match(r"[:/]\d", text[e:e + 2]) or (s and text[s - 1] in ":/"):
            continue
        if raw.lower() in ("one",) and not re.match(r"\s+[a-z]", text[e:e + 3]):
            continue
        prev = re.search(r"([\w&-]+)[ \t]+$", text[max(0, s - 30):s])
        if prev and raw[0].isdigit() and re.fullmatch(r"\d{1,4}", raw) and \
                re.fullmatch(r"[A-Z][\w&-]*|[a-z]+[A-Z][\w-]*", prev.group(1)) and \
                not re.search(r"(?:^|[.!?]\s+)\S+[ \t]+$", text[max(0, s - 30):s]):
            continue  # part of a name: "FTSE 100", "iPhone 4", "Nikkei 225"
        start = s
        unit = None
        if s and text[s - 1] in _CURRENCY:
            unit = _CURRENCY[text[s - 1]]
            start = s - 1
        um = _UNIT_AFTER.match(text, e)
        end = e
        if um and unit is None:
            u = (um.group("u") or "%").lower()
            unit = "percent" if u in ("%", "percent", "per cent", "percent") or "cent" in u else u
            end = um.end()
        bound = "exact"
        bm = _BOUND_RE.search(text[max(0, start - 30): start])
        if bm:
            bound = "upper" if bm.group("upper") else "lower" if bm.group("lower") else "approximate"
            start = max(0, start - 30) + bm.start()
        elif re.match(r"\s*(?:or|and)\s+more\b|\+", text[end:end + 9]):
            bound = "lower"
        qty = Quantity(value=value, text=text[start:end], unit=unit, bound=bound,
                       counts=_counts_after(text, end))
        out.append(QuantityMatch(qty, (start, end)))
        taken.append((start, end))
    out.sort(key=lambda q: q.span)
    return out


def first_quantity(text: str, exclude: Iterable[Span] = ()) -> Optional[QuantityMatch]:
    found = find_quantities(text, list(exclude))
    return found[0] if found else None

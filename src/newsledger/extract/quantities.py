"""Numbers in news text: the one parser of figures (digits, words, money, ranges, fractions, bounds).

Pure functions over strings; :mod:`newsledger.extract.claims` and
:mod:`newsledger.extract.times` build on them.  Every word list comes from the lexicon
(:mod:`newsledger.lexicon.words`).

- :func:`parse_number` turns "5,300", "1.5 million", "twenty-five", "two dozen",
  "a hundred", "half a million" into a float (None when the text is not a number).
- :func:`find_quantities` finds every stated figure in a text: its value with multipliers
  ("$116m" = 116,000,000 USD, "£1.5bn"), ranges ("70,000-80,000": both ends), fractions
  ("a sixth", "just over half"), percentages and units, its bound ("as many as" -> upper,
  "more than" / "hundreds of" / a range -> lower, "about" -> approximate, else exact) and
  the words after it that say what it counts.  Ages ("aged 48", "Ivanov, 48,",
  "48-year-old"), ordinals ("4th"), names ("FTSE 100", "Three Amigos", "F-16"), street
  addresses, durations ("ten days"), years and clock times are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from ..lexicon.words import (
    AGE_BEFORE, BOUND_APPROX, BOUND_LOWER, BOUND_UPPER, COUNTRY_FORMS, CURRENCY_CODES, CURRENCY_SYMBOLS,
    CURRENCY_WORDS, FRACTIONS, MEASURE_UNITS, MONTHS, MULTIPLIERS, STREET_WORDS, TIME_UNITS,
)
from ..records import Quantity, Span

__all__ = [
    "UNITS_WORDS",
    "NUMBER_WORD_RE",
    "parse_number",
    "QuantityMatch",
    "find_quantities",
    "first_quantity",
]

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_MULT = {"dozen": 12, "score": 20, "half": 0.5, "couple": 2, "pair": 2}
#: Words that can appear inside a number written in words.
UNITS_WORDS = set(_SMALL) | {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "a", "an", "and"}

_SMALL_ALT = "|".join(sorted(_SMALL, key=len, reverse=True))
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
#: One number written in words ("twenty-five", "two hundred and fifty", "two dozen", "half a million").
NUMBER_WORD_RE = (
    rf"(?:(?:{_SMALL_ALT})(?:[- ](?:{_SMALL_ALT}))?"
    rf"(?:\s+(?:hundred|thousand|million|billion|dozen)(?:\s+(?:and\s+)?(?:{_SMALL_ALT})(?:[- ](?:{_SMALL_ALT}))?)?)*"
    rf"|an?\s+(?:hundred|thousand|million|billion|dozen)"
    rf"|half\s+an?\s+(?:million|billion|trillion|dozen))"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SYMBOLS = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_CODES = "|".join(sorted(CURRENCY_CODES))
_FRACTION_ALT = "|".join(sorted(FRACTIONS, key=len, reverse=True))
#: One figure: optional currency, digits with a multiplier (word or abbreviation), words, or a fraction.
_ATOM_RE = re.compile(
    rf"(?<![\w.,$£€¥])(?<![A-Za-z]-)"
    rf"(?:(?P<cur>{_SYMBOLS})\s?|(?P<code>{_CODES})\s)?"
    rf"(?:(?P<digits>{_DIGITS})(?P<mult>\s*(?:{_SCALE_WORDS})\b|\s?(?:bn|mn|mln|tn|trn)\b|(?:m|k|b)\b(?![’'.]\w))?"
    rf"|(?P<frac>(?i:(?:an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?:{_FRACTION_ALT}))\b)"
    rf"|(?P<words>(?i:{NUMBER_WORD_RE})\b)"
    rf"|(?P<half>(?i:half)\b))"
)
_SEP_RE = re.compile(r"\s*[-–—]\s*|\s+to\s+|\s+and\s+|\s*/\s*|\s+in\s+(?:every\s+)?|\s+out\s+of\s+")


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
            if current is not None and current != 0.5:
                return None
            current = current if current == 0.5 else 1
        elif w in _MULT:
            current = (current if current is not None else 1) * _MULT[w]
        elif w in ("hundred", "thousand", "million", "billion", "trillion"):
            scale = MULTIPLIERS[w]
            current = current if current is not None else 1
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        else:
            return None
    if current is None and total == 0:
        return None
    return total + (current or 0)


@dataclass
class QuantityMatch:
    """A quantity found in a text, with its character span (relative to the text passed in)."""

    quantity: Quantity
    span: Span


@dataclass
class _Atom:
    start: int
    end: int
    value: float
    unit: Optional[str]
    kind: str  # digits | words | fraction
    mult: float = 1.0  # the multiplier written with it ("bn" -> 1e9)


# ---------------------------------------------------------------------------------------------
# Reading one figure


def _atom_value(m: re.Match) -> Optional[float]:
    if m.group("half"):
        return 0.5
    if m.group("frac"):
        words = re.split(r"[\s-]+", m.group("frac").lower())
        part = FRACTIONS[words[-1]]
        count = 1.0 if len(words) == 1 or words[0] in ("a", "an") else _SMALL.get(words[0], 1)
        return count * part
    if m.group("words"):
        return parse_number(m.group("words"))
    value = parse_number(m.group("digits"))
    mult = (m.group("mult") or "").strip().lower()
    if value is not None and mult:
        value *= MULTIPLIERS[mult]
    return value


def _metres_not_million(text: str, m: re.Match) -> bool:
    """'5m' is metres unless money or a plural noun follows ('5m people', '$5m')."""
    if (m.group("mult") or "").strip() != "m" or m.group("cur") or m.group("code"):
        return False
    nxt = re.match(r"\s+([a-z]+)", text[m.end():m.end() + 30])
    return not (nxt and (nxt.group(1).endswith("s") or nxt.group(1) in ("people", "children", "women", "men")))


def _atoms(text: str) -> list[_Atom]:
    out = []
    for m in _ATOM_RE.finditer(text):
        value = _atom_value(m)
        if value is None:
            continue
        start, end = m.span()
        if _metres_not_million(text, m):
            end -= 1
            value /= 1e6
        unit = CURRENCY_SYMBOLS.get(m.group("cur") or "") or (m.group("code") or None)
        kind = "fraction" if m.group("frac") or m.group("half") else "words" if m.group("words") else "digits"
        mult = (m.group("mult") or "").strip().lower()
        out.append(_Atom(start, end, value, unit, kind, MULTIPLIERS[mult] if mult and end == m.end() else 1.0))
    return out


# ---------------------------------------------------------------------------------------------
# What is not a figure


def _not_a_figure(text: str, a: _Atom) -> bool:
    """Years, clock times, ordinals, parts of names and codes, ages, addresses and durations."""
    raw, before, after = text[a.start:a.end], text[max(0, a.start - 40):a.start], text[a.end:a.end + 40]
    if a.kind == "digits" and not a.unit and re.fullmatch(r"(?:1[89]|20)\d\d", raw) and \
            not re.match(r"\s*(?:%|per\s*cent|people|troops|soldiers)", after):
        return True  # a year: left to the time extractor
    if re.match(r"[:/.]\d|(?:st|nd|rd|th)\b|[A-Za-z]*\d|-[A-Za-z]|\s*o['’]clock", after) or \
            before.endswith((":", "/", "#", "No ", "No. ")):
        return True  # clock time, date, ordinal, a code such as 4x4 or 5G
    prev = re.search(r"([A-Za-z]+)\.?\s+$", before)
    if prev and prev.group(1).lower() in MONTHS and (prev.group(1)[0].isupper() or prev.group(1).lower() != "may"):
        return True  # "March 10": a date
    if a.kind != "fraction" and re.match(r"[A-Za-z]", after) and not _unit_after(text, a.end):
        return True
    if a.kind == "fraction" and not re.match(r"\s+(?:of|the|its|their|his|her|our|your|that|this|these|those|what|an?)\b"
                                             r"|\s*[-–]?\s*(?:million|billion)", after):
        return True  # "a third round" is an ordinal; "a third of the votes" a fraction
    if a.kind == "words" and raw[:1].isupper() and re.search(r"[\w,;][ \t]+$", before):
        return True  # a number word capitalised inside a sentence belongs to a name ("the Three Amigos")
    if a.kind == "digits" and _part_of_name(before, raw):
        return True
    return _is_age(before, after) or _is_address(after) or _is_duration(after)


def _part_of_name(before: str, raw: str) -> bool:
    """'FTSE 100', 'iPhone 4', 'Article 5': a capitalised word (not opening a sentence) before a short number."""
    prev = re.search(r"([\w&-]+)[ \t]+$", before)
    if not prev or not re.fullmatch(r"\d{1,4}", raw):
        return False
    word = prev.group(1)
    if re.search(r"['’]s?$", word):
        return False  # a possessive: "Russia’s 12 deputy ministers"
    if not re.fullmatch(r"[A-Z][\w&-]*|[a-z]+[A-Z][\w-]*", word) or word.lower() in COUNTRY_FORMS:
        return False
    return not re.search(r"(?:^|[.!?:\"“]\s+)\S+[ \t]+$", before)


def _is_age(before: str, after: str) -> bool:
    low = before.lower()
    if any(re.search(rf"\b{re.escape(w)}\s+$", low) for w in AGE_BEFORE):
        return True
    if re.search(r"\bages?\s+of\s+\S+\s+(?:and|to|-)\s+$", low):
        return True  # the upper end of "the ages of 18 and 60"
    if re.match(r"(?:-|\s+)(?:years?|months?)[- ]old\b|-year-old|s?\s*\(?\s*years?\s+of\s+age", after):
        return True
    if re.search(r"[A-Z][\w'’-]+,\s$", before) and re.match(r"(?:,|\s*\)|\.(?:\s|$))", after):
        return True  # "Ivanov, 48, ..."
    return bool(re.search(r"[A-Z][\w'’-]+\s\($", before) and after.startswith(")"))


def _is_address(after: str) -> bool:
    m = re.match(r"\s+((?:[A-Z][\w'’-]*\s+){1,3})([A-Z][a-z]*)\b", after)
    return bool(m and m.group(2).lower().rstrip(".") in STREET_WORDS)


def _is_duration(after: str) -> bool:
    m = re.match(r"(?:\s*-\s*|\s+)(?:more\s+|additional\s+|further\s+|consecutive\s+|straight\s+)?([a-z]+)\b", after)
    return bool(m and m.group(1) in TIME_UNITS)


# ---------------------------------------------------------------------------------------------
# Units, bounds, ranges


_UNIT_RE = re.compile(
    r"(?:\s*(?P<measure>" + "|".join(f"(?:{k})" for k in MEASURE_UNITS) + r")(?![\w])"
    r"|\s+(?P<word>" + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True)) + r")\b"
    r"|\s+(?P<code>" + _CODES + r")\b)",
    re.I,
)


def _unit_after(text: str, end: int) -> Optional[tuple[str, int]]:
    m = _UNIT_RE.match(text, end)
    if m is None:
        return None
    if m.group("measure"):
        said = m.group("measure")
        if said == "m" and not re.match(r"\s*m\b", text[end:]):
            return None
        unit = next(v for k, v in MEASURE_UNITS.items() if re.fullmatch(k, said, re.I))
        return unit, m.end()
    if m.group("word"):
        return CURRENCY_WORDS[m.group("word").lower()], m.end()
    return m.group("code"), m.end()


def _bound_before(text: str, start: int) -> tuple[Optional[str], int]:
    before = text[max(0, start - 40):start].lower()
    for bound, words in (("upper", BOUND_UPPER), ("lower", BOUND_LOWER), ("approximate", BOUND_APPROX)):
        for w in words:
            if before.endswith(w + " ") and (len(before) == len(w) + 1 or not before[-len(w) - 2].isalnum()):
                return bound, start - len(w) - 1
    return None, start


_VAGUE_RE = re.compile(
    r"(?i)\b(?P<v>(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|dozens|scores|hundreds|thousands|millions|billions|tens\s+of\s+thousands))(?=\s+of\b|\s+(?:more|[a-z]))"
)
_VAGUE_VALUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9,
                "tens": 10}


def _joined(text: str, a: _Atom, b: _Atom) -> Optional[str]:
    """'range' when b ends a range begun by a ("20-25", "between 3 and 4"), 'tally' for a score ("79 to 18")."""
    sep = text[a.end:b.start]
    if a.kind == "fraction" or b.kind == "fraction" or not _SEP_RE.fullmatch(sep):
        return None
    word = re.sub(r"\s+", " ", sep.strip().lower())
    if word in ("in", "in every", "out of"):
        return "ratio" if b.value > a.value and a.kind == b.kind else None  # "one in five", "3 out of 10"
    if word == "and" and not re.search(r"\bbetween\s+(?:\S+\s+)?$", text[max(0, a.start - 30):a.start].lower()):
        return None
    if word == "to" and re.search(r"\bfrom\s+$", text[max(0, a.start - 8):a.start].lower()):
        return None  # "rose from 5 to 9": two figures
    if word == "/":
        return None
    return "range" if b.value > a.value else "tally" if word in ("to", "-", "–", "—") else None


def _counts_after(text: str, pos: int) -> Optional[str]:
    """The few words after a number that say what it counts ("Russian soldiers")."""
    rest = re.sub(r"^\s*(?:of\s+(?:the\s+|its\s+|their\s+)?)?", "", text[pos:pos + 80])
    words: list[str] = []
    for m in re.finditer(r"[A-Za-z][\w’'-]*|[,.;:!?()]", rest):
        w = m.group(0)
        if not w[0].isalpha() or w.lower() in _STOP_COUNT or len(words) >= 4:
            break
        words.append(w)
    return " ".join(words) or None


_STOP_COUNT = {"the", "a", "an", "of", "and", "or", "who", "which", "that", "have", "has", "had", "were", "was",
               "what", "it", "they", "he", "she", "we", "i", "you",
               "are", "is", "been", "be", "in", "on", "at", "to", "from", "for", "with", "by", "since", "as",
               "will", "would", "could", "may", "might", "each", "per", "a", "this", "last", "after", "before",
               "over", "under", "about", "into", "within", "during", "than", "up", "down", "across", "through"}


# ---------------------------------------------------------------------------------------------
# The finder


def _vague(text: str, taken: list[Span]) -> list[QuantityMatch]:
    out = []
    for m in _VAGUE_RE.finditer(text):
        s, e = m.span("v")
        if any(s < b and a < e for a, b in taken):
            continue
        value = 1.0
        for w in m.group("v").lower().split():
            value *= _VAGUE_VALUE.get(w, 1)
        out.append(QuantityMatch(Quantity(value=value, text=text[s:e], bound="lower", counts=_counts_after(text, e)),
                                 (s, e)))
    return out


def _one_is_a_figure(text: str, a: _Atom) -> bool:
    raw = text[a.start:a.end].lower()
    if raw not in ("one", "a", "an"):
        return True
    nxt = re.match(r"\s+([a-z]+)", text[a.end:a.end + 20])
    return bool(nxt) and nxt.group(1) not in ("of", "another", "or", "and", "thing", "way", "day", "time", "side",
                                              "hand", "point", "could", "can", "would", "might", "must", "should",
                                              "in", "at", "on", "from", "for", "by", "with", "to")


def _figure(text: str, a: _Atom, b: Optional[_Atom], how: Optional[str]) -> Optional[QuantityMatch]:
    start, end, unit = a.start, (b.end if b is not None else a.end), a.unit or (b.unit if b is not None else None)
    found = _unit_after(text, end)
    if found is not None:
        unit = unit if unit and found[0] not in CURRENCY_WORDS.values() else found[0]
        end = found[1]
    bound, bstart = _bound_before(text, start)
    value, high = a.value, None
    if how == "ratio":
        value = a.value / b.value
    if how == "range":
        high = b.value
        if a.mult == 1 and b.mult > 1 and a.kind == "digits":  # "20-25 million", "$5-6bn"
            value = a.value * b.mult
        bound = "approximate" if bound == "approximate" else "lower"
    if bound is None and re.match(r"\s*(?:or|and)\s+more\b|\+|\s+or\s+so\b|\s+plus\b", text[end:end + 9]):
        bound = "approximate" if "so" in text[end:end + 9] else "lower"
    if bound is not None:
        start = bstart
    qty = Quantity(value=value, text=text[start:end], unit=unit, bound=bound or "exact", high=high,
                   counts=_counts_after(text, end))
    return QuantityMatch(qty, (start, end))


def find_quantities(text: str, exclude: Sequence[Span] = ()) -> list[QuantityMatch]:
    """Every figure in ``text`` outside the ``exclude`` spans (e.g. dates), in text order."""
    taken: list[Span] = list(exclude)
    out = _vague(text, taken)
    taken += [q.span for q in out]
    atoms = _atoms(text)

    def excluded(x: _Atom) -> bool:
        return any(x.start < e and s < x.end for s, e in taken)

    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        how = _joined(text, a, b) if b is not None else None
        if how and (_not_a_figure(text, b) or excluded(a) or excluded(b)):
            i += 2  # "three to six months", "ages of 18 and 60", "2019-20": neither end is a figure
            continue
        i += 2 if how else 1
        if excluded(a) or _not_a_figure(text, a) or (not how and not _one_is_a_figure(text, a)):
            continue
        if how == "tally":
            how, b = None, None
        found = _figure(text, a, b if how else None, how)
        if found is not None:
            out.append(found)
    out.sort(key=lambda q: q.span)
    return out


def first_quantity(text: str, exclude: Iterable[Span] = ()) -> Optional[QuantityMatch]:
    found = find_quantities(text, list(exclude))
    return found[0] if found else None

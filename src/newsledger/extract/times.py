"""Time expressions: find them, type them (TIMEX3) and resolve them against the publication date.

The core is the pure function :func:`resolve_times`; the spaCy component
``newsledger_times_v1`` wraps it, writing ``doc._.nl_times`` and
``doc.spans["times"]``.

Detection is a set of regular expressions written for news text (dates with and
without a year, weekdays, parts of day, relative and "ago" expressions,
durations, sets, clock times, quarters, seasons, event-anchored days such as
"the day before the invasion").  Absolute dates are read with ``dateparser``;
everything relative is resolved here:

- against the publication date (``anchor="published:YYYY-MM-DD"``); with no
  publication date a relative expression keeps an unresolved value
  ("XXXX-XX-XX", "XXXX-WXX") and ``anchor="published:unknown"``;
- weekdays, months and day-month dates without a year follow the tense of the
  clause: past → the latest one not after publication, future → the next one;
- event-anchored expressions ("the seventh day since Russia entered Ukraine",
  "the day before the invasion commenced") use the event's date when the article
  fixes it ("Today marks the seventh day since…", "since launching their
  invasion five days ago") or ``known_events`` gives it; otherwise the value is
  "XXXX-XX-XX" and the anchor names the event.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon.words import ORDINALS
from ..records import TimeExpr
from ._doc import ensure_extensions
from .quantities import NUMBER_WORD_RE, parse_number
from .spans import SpanIndex, char_spans

__all__ = ["resolve_times", "event_key", "TimeExtractor", "VAGUE_REFERENCES"]

# ---------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_UNIT_CODES = {"second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
               "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
               "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
               "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False)}

#: Vague references kept as expressions (value PRESENT_REF / PAST_REF / FUTURE_REF).
VAGUE_REFERENCES = {
    "currently": "PRESENT_REF", "at present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the time being": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "in recent years": "PAST_REF", "recent": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "soon": "FUTURE_REF", "very soon": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the long term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "short-term": "FUTURE_REF", "long-term": "FUTURE_REF",
}

_MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![\w])")
_MONTH_FULL = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_PART = r"(?:morning|afternoon|evening|night)"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_UNIT_SG = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"
_NUM = rf"(?:\d+(?:\.\d+)?|{NUMBER_WORD_RE}|several|a\s+few|a\s+couple\s+of|a|an|few|many)"
_HALF = r"(?:\s+and\s+a\s+half)"
_ORD = r"(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"|\d+(?:st|nd|rd|th))"
_SEP = r"\s*,?\s*"
_EVENT = r"(?P<event>(?:[\w’'-]+\s+){0,5}?[\w’'-]+?)(?=\s*(?:[,.;:!?\"”)]|\s(?:and|but|when|while|as|with|which|who)\b|$))"
_TZ = r"(?:UTC|GMT|EST|EDT|CST|PST|BST|CET|Z)"
_AMPM = r"(?:[ap]\.\s?m\.|[ap]m\b|[AP]M\b)"
_NEAR = r"(?:this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+following|the\s+next|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+last|late\s+last|early\s+next|late\s+next)"


@dataclass
class _Rule:
    kind: str
    regex: re.Pattern
    priority: int = 0


def _no_newlines(pattern: str) -> str:
    """Let whitespace in a pattern match spaces and tabs but never a line break."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            if pair == "\\s":
                out.append(" \\t\\u00a0" if in_class else "[ \\t\\u00a0]")
            else:
                out.append(pair)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class and pattern[i - 1] != "[":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _r(kind: str, pattern: str, priority: int = 0) -> _Rule:
    pattern = _no_newlines(pattern)
    return _Rule(kind, re.compile(r"(?<![\w-])" + pattern + r"(?![\w])", re.IGNORECASE), priority)


_RULES: list[_Rule] = [
    # event anchored: "the seventh day since Russia entered Ukraine", "the day before the invasion commenced"
    _r("event_ordinal", rf"the\s+(?P<ord>{_ORD})\s+(?P<unit>day|week|month|year)\s+(?:since|of|after)\s+{_EVENT}", 9),
    _r("event_offset", rf"(?:the\s+(?P<unit1>day|week|month|year)|(?P<num>{_NUM})\s+(?P<unit>day|week|month|year)s?)\s+"
                       rf"(?P<dir>before|after|prior\s+to|following)\s+{_EVENT}", 8),
    # clock times
    _r("time", rf"(?P<h>1[0-2]|0?\d)\.(?P<m>[0-5]\d)\s*(?P<ampm>{_AMPM})", 7),
    _r("time", rf"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])(?:\s*(?P<ampm>{_AMPM}))?(?:\s*(?P<tz>{_TZ})(?:\s*[+-]\d+)?)?"
               rf"(?:\s*\(\s*{_TZ}\s*[+-]?\s*\d*\s*\))?", 7),
    _r("time", rf"(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>{_AMPM})(?:\s*(?P<tz>{_TZ}))?", 7),
    _r("time", rf"(?P<hm>[01]\d[0-5]\d|2[0-3][0-5]\d)\s*(?:hours\s+)?(?P<tz>{_TZ})", 7),
    _r("time", r"(?P<noon>noon|midday|midnight)", 3),
    # explicit dates
    _r("date", rf"(?:(?P<wd>{_WEEKDAY}){_SEP})?(?:the\s+)?(?P<d>{_DAYNUM})(?:\s+of)?\s+(?P<mon>{_MONTH})(?:{_SEP}(?P<y>{_YEAR}))?", 6),
    _r("date", rf"(?:(?P<wd>{_WEEKDAY}){_SEP})?(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})(?!\d)(?:{_SEP}(?P<y>{_YEAR}))?(?![\d:])", 6),
    _r("date", r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)", 6),
    _r("date", r"(?P<num>[01]?\d/[0-3]?\d/(?:\d\d)?\d\d)", 6),
    _r("month", rf"(?:(?P<mod>early|late|mid|the\s+(?:beginning|start|end|middle)\s+of)[-\s]+)?(?P<mon>{_MONTH_FULL})(?:{_SEP}(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<ynear>this|last|next)\s+year))?", 5),
    _r("month_rel", rf"(?P<near>{_NEAR})\s+(?P<mon>{_MONTH_FULL})", 6),
    _r("quarter", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]+quarter"
                  rf"(?:\s+(?:of\s+)?(?:(?P<y>{_YEAR})|(?P<near>this|last|next)\s+year|the\s+(?P<thisyear>year)))?", 6),
    _r("quarter", rf"(?P<q>Q[1-4])(?:\s+(?P<y>{_YEAR}))?", 6),
    _r("season", rf"(?:(?P<near>this|last|next|the)\s+)?(?P<season>spring|summer|autumn|winter|fall)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?", 4),
    _r("year", rf"(?:(?P<mod>early|late|mid)[-\s]+)?(?P<y>{_YEAR})(?!\s*(?:%|per\s*cent))", 3),
    _r("decade", r"(?:the\s+)?(?P<dec>(?:1[5-9]|20)?\d0|'\d0)[’']?s", 3),
    _r("year", r"(?P<apos>['’]\d\d)", 2),
    # today & co
    _r("day_rel", rf"(?:(?P<when>earlier|later|late|early)\s+)?(?P<rel>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{_PART}))?", 6),
    _r("day_rel", r"the\s+day\s+(?P<rel2>before\s+yesterday|after\s+tomorrow)", 7),
    _r("part_rel", rf"(?P<near>this|last|tomorrow|yesterday)\s+(?P<part>{_PART})", 7),
    _r("weekday", rf"(?:(?P<near>last|next|this|on|Black|coming|past)\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?", 5),
    _r("the_day", r"(?:the|that|the\s+same)\s+day(?!\s+(?:before|after|since|of|when|to|that|in|on)\b)", 2),
    _r("weekend", r"(?P<near>the|this|last|next|over\s+the)\s+weekend", 5),
    _r("duration", r"(?P<single>single-day|one-day|intraday)", 2),
    # relative periods
    _r("unit_rel", rf"(?:the\s+(?P<edge>end|start|beginning|middle)\s+of\s+)?(?P<near>{_NEAR})\s+(?P<unit>week|weekend|month|year|quarter|decade|century)", 6),
    _r("unit_rel", r"(?P<near>the\s+same\s+(?:day|week|month|year|period|quarter))(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?", 4),
    _r("unit_rel", r"the\s+(?P<edge>end|start|beginning)\s+of\s+the\s+(?P<unit>year|month|week)", 5),
    _r("ago", rf"(?P<num>{_NUM}){_HALF}?\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|before)(?!\s+(?:the|a|his|her|their|its)\b)", 7),
    # sets
    _r("set", rf"(?:every|each)\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNIT}|(?P<wd>{_WEEKDAY})|{_PART})", 6),
    _r("set", rf"(?:(?:once|twice|\d+\s+times|{NUMBER_WORD_RE}\s+times)\s+(?:a|an|per)|per)\s+(?P<unit>{_UNIT_SG})", 6),
    _r("set", r"(?P<rate>\d[\d,.]*\s+)(?:a|an|per)\s+(?P<unit>year|month|week|day|hour)", 5),
    _r("set", r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|annual|fortnightly|quarterly)", 2),
    # durations
    _r("duration", rf"(?:the\s+(?:past|last|next|previous|coming|first|following)\s+)?(?:(?:about|around|nearly|almost|over|more\s+than|less\s+than|some|just|at\s+least|up\s+to)\s+)?"
                   rf"(?P<num>{_NUM}){_HALF}?[-\s]+(?:(?:straight|consecutive|successive|trading|working|full|long|more|further|additional|previous)\s+)?(?P<unit>{_UNIT})"
                   rf"(?:[-\s]+(?:long|old))?", 4),
    _r("duration", r"(?:for|over|in|within|after|spanning)\s+(?P<bare>(?:the\s+)?(?:years|decades|months|weeks|days|hours|minutes|centuries))", 3),
    _r("duration", r"(?P<bare>decades|years|centuries)[-\s]long", 3),
    _r("duration", rf"the\s+(?P<ord>{_ORD})\s+(?P<unit>week|month|year)\s+(?:since|of)\s+{_EVENT}", 5),
    _r("duration", r"the\s+(?:past|last)\s+(?P<unit>decade|century)", 6),
    _r("vague", r"(?P<vague>" + "|".join(sorted((re.escape(v) for v in VAGUE_REFERENCES), key=len, reverse=True)) + ")", 1),
]

_INVASION = {"invade", "invaded", "invading", "invades", "invasion", "entered", "enter", "entering", "incursion",
             "offensive", "attack", "attacked"}
_EVENT_STOP = {"the", "a", "an", "their", "its", "his", "her", "our", "of", "russia", "ukraine", "began", "begun",
               "begin", "started", "start", "commenced", "commence", "launched", "launch", "launching", "was", "were",
               "had", "has", "have", "been", "first", "this", "that", "they", "it"}


def event_key(phrase: str) -> str:
    """A crude key for an event phrase, shared by every way of naming it ("invaded", "the invasion")."""
    words = re.findall(r"[a-z’'-]+", (phrase or "").lower())
    if any(w in _INVASION for w in words):
        return "invasion"
    content = [w for w in words if w not in _EVENT_STOP]
    if not content:
        return " ".join(words)
    return re.sub(r"(?:ed|ing|s)$", "", content[-1]) or content[-1]


# ---------------------------------------------------------------------------
# Dates and values


def _day(d: dt.date) -> str:
    return d.isoformat()


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month(d: dt.date) -> str:
    return f"{d.year}-{d.month:02d}"


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


def _shift(d: dt.date, n: float, unit: str) -> tuple[dt.date, str]:
    """d moved by n units (negative: back), with the granularity to print it at."""
    code, mult, _ = _UNIT_CODES.get(unit, ("D", 1, False))
    n = n * mult
    if unit in ("second", "minute", "hour"):
        return d + dt.timedelta(hours=n if unit == "hour" else 0), "day"
    if unit in ("day", "night"):
        return d + dt.timedelta(days=n), "day"
    if unit in ("week", "fortnight"):
        return d + dt.timedelta(weeks=n), "day"
    if unit == "month":
        return _add_months(d, int(round(n))), "month"
    if unit == "quarter":
        return _add_months(d, int(round(3 * n))), "month"
    return dt.date(max(1, min(9999, d.year + int(round(n)))), d.month, min(d.day, 28)), "year"


def _fmt(d: dt.date, grain: str) -> str:
    if grain == "month":
        return _month(d)
    if grain == "year":
        return str(d.year)
    if grain == "week":
        return _week(d)
    return _day(d)


_UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX"}


def _unit_of(word: str) -> str:
    w = word.lower().rstrip("s")
    if w == "centurie":
        return "century"
    return w if w in _UNIT_CODES else "day"


def _duration(n: Optional[float], unit: str) -> str:
    code, mult, is_time = _UNIT_CODES.get(unit, ("D", 1, False))
    if n is None:
        amount = "X"
    else:
        v = n * mult
        amount = str(int(v)) if float(v).is_integer() else f"{v:g}"
    return ("PT" if is_time else "P") + amount + code


def _num(text: Optional[str]) -> Optional[float]:
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("several", "a few", "few", "many", "a couple of"):
        return None if t != "a couple of" else 2
    return parse_number(t)


# ---------------------------------------------------------------------------
# Tense of the clause around an expression


_FUTURE_RE = re.compile(r"(?i)\b(?:will|shall|'ll|’ll|going\s+to|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|planned|slated)\s+to|plans?\s+to|planning\s+to|intends?\s+to|to\s+be\s+held|upcoming|next)\b")
_PAST_RE = re.compile(r"(?i)\b(?:was|were|had|did|said|told|announced|\w{3,}ed|met|went|came|took|gave|made|began|rose|fell|won|lost|left|held|sold|bought|saw|spoke|wrote|ran|hit|cut|shut|set)\b")


def _tense_text(sentence: str, pos: int) -> str:
    """'future', 'past' or 'present' from the words of a sentence nearest to ``pos``."""
    if _FUTURE_RE.search(sentence[max(0, pos - 40):pos]):
        return "future"
    best = None
    for rx, label in ((_FUTURE_RE, "future"), (_PAST_RE, "past")):
        for m in rx.finditer(sentence):
            dist = min(abs(m.start() - pos), abs(m.end() - pos))
            if best is None or dist < best[0] or (dist == best[0] and label == "future"):
                best = (dist, label)
    return best[1] if best else "present"


def _tense_doc(doc: Doc, start: int, end: int) -> Optional[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = [c.lower_ for c in auxes]
    if any(w in ("will", "'ll", "’ll", "shall", "wo", "may", "might", "should", "could", "would", "must") for w in words):
        return "future"
    if tok.lower_ == "going" and any(c.lower_ == "to" for c in tok.children):
        return "future"
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if tok.lemma_ in ("set", "due", "schedule", "expect", "plan") and any(c.dep_ == "xcomp" for c in tok.children):
        return "future"
    if tok.tag_ == "VB" and any(c.lower_ == "to" for c in tok.children):
        return "future"  # "plans to cut … by June"
    if tok.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
        return "present"  # present perfect: the nearest date
    if tok.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


# ---------------------------------------------------------------------------
# Candidates


@dataclass
class _Cand:
    kind: str
    start: int
    end: int
    groups: dict
    priority: int
    type: str = "DATE"
    value: Optional[str] = None
    anchor: Optional[str] = None
    grain: str = "day"
    date: Optional[dt.date] = None  # the resolved day, for expressions that have one
    extra: dict = field(default_factory=dict)


_PAST_VERB = re.compile(r"(?i)^(?:\w+ed|began|begun|went|came|took|struck|broke|fell|won|lost|held|made|led|ran|hit|left)$")
_DET = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "our"}


def _trim_event(phrase: str) -> int:
    """Length of an event phrase cut after its verb and object ("Russia invaded Ukraine | nears …")."""
    words = list(re.finditer(r"\S+", phrase))
    for i, w in enumerate(words[:-1]):
        if i and _PAST_VERB.match(w.group(0)):
            j = i + 1
            if j < len(words) - 1 and words[j].group(0).lower() in _DET:
                j += 1
            return words[j].end()
    return len(phrase)


def _candidates(text: str, skip: SpanIndex) -> list[_Cand]:
    found: list[_Cand] = []
    for rule in _RULES:
        for m in rule.regex.finditer(text):
            s, e = m.span()
            if e <= s:
                continue
            if skip and skip.overlaps(s, e):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "event" in groups:
                es, ee = m.span("event")
                cut = _trim_event(text[es:ee])
                if cut < ee - es:
                    e = es + cut
                    groups["event"] = text[es:e]
            found.append(_Cand(rule.kind, s, e, groups, rule.priority))
    # longest first, then priority; keep non-overlapping
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    kept: list[_Cand] = []
    occupied: list[tuple[int, int]] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        if not _plausible(text, c):
            continue
        kept.append(c)
        occupied.append((c.start, c.end))
    kept.sort(key=lambda c: c.start)
    return _merge_adjacent(text, kept)


_NOT_YEAR_AFTER = re.compile(r"\s*(?:%|per\s*cent|[a-z]+(?:s|ers)\b)")


def _plausible(text: str, c: _Cand) -> bool:
    g = c.groups
    surface = text[c.start:c.end]
    before = text[max(0, c.start - 12):c.start]
    after = text[c.end:c.end + 14]
    if c.kind == "year" and "y" in g and "mod" not in g:
        # a bare four-digit number is a year unless it counts something or is money
        if re.search(r"[$£€]\s*$|[\d,.]\s*$", before):
            return False
        if re.match(r"\s*(?:%|per\s*cent|people|troops|soldiers|jobs|workers|employees|units|cars|vehicles|planes|aircraft|shares|barrels|tonnes|tons|km|miles|metres|meters|feet|pounds|dollars|euros|points?|residents|homes|members|votes|index|series)\b", after, re.I):
            return False
        if re.match(r"\s*[,.]\d", after):
            return False
    if c.kind == "year" and "apos" in g:
        if not re.search(r"(?:in|of|since|from|until|by|since|class|summer|winter|spring|fall|autumn)\s*$", before, re.I):
            return False
    if c.kind == "month" and "mod" not in g and "y" not in g:
        mon = g["mon"]
        if mon in ("May", "March") and not re.search(r"(?:in|since|until|by|of|early|late|mid|last|next|this|from|to|through|during|before|after)\s*-?\s*$", before, re.I):
            return False
    if c.kind == "season" and g.get("season", "").lower() == "fall" and "y" not in g and "near" not in g:
        return False
    if c.kind == "season" and "y" not in g and "near" not in g and surface[0].islower():
        return False
    if c.kind == "duration" and "num" in g:
        num = g["num"].strip().lower()
        if num in ("a", "an") and not re.search(r"(?:for|in|within|over|after|about|nearly|almost|than|only|just|once|twice|of|from|spanning|last|past|took|takes|take|spent|spend|lasted|lasting)\s*$", before, re.I):
            return False
        if num in ("many", "few") and not re.search(r"(?:for|in|over|after|the\s+past|the\s+last)\s*$", before, re.I) and not surface.lower().startswith("the "):
            return False
        if re.fullmatch(r"\d+(?:\.\d+)?", num) and "-" not in surface and re.search(r"[$£€]\s*$", before):
            return False
    if c.kind == "decade":
        dec = g["dec"]
        if not dec.startswith("'") and len(dec) == 2 and not surface.lower().startswith("the"):
            # "70s" alone is often an age or a temperature
            return bool(re.search(r"\b(?:in|since|from|the|of|early|late|mid|and|or|to)\s*$", before, re.I))
    if c.kind == "vague" and g["vague"].lower() in ("the past", "the future"):
        if re.match(r"\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade|day)", after, re.I):
            return False
    if c.kind == "the_day":
        if not re.search(r"(?:end|ended|ending|ends|finish|finished|finishing|close|closed|closing|start|started|for|during|in|on|of|same)\s+$", before, re.I):
            return False
    if c.kind == "date" and re.match(r"\s*,?\s*(?:\d{4}\s*,?\s*)?(?:terrorist\s+)?attacks\b", after, re.I):
        return False
    if c.kind == "duration" and g.get("num", "").strip().lower() in ("a", "an") and g.get("unit", "").lower() == "second":
        return False
    if c.kind == "vague" and re.match(r"-", after):
        return False
    return True


def _merge_adjacent(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Glue a clock time to the day next to it ("16:00 UTC today", "12:00 UTC Monday")."""
    out: list[_Cand] = []
    for c in cands:
        if out:
            p = out[-1]
            gap = text[p.end:c.start]
            if re.fullmatch(r"[ \t]*(?:,|on|at)?[ \t]*", gap) and {p.kind, c.kind} & {"time"} and \
                    ({p.kind, c.kind} - {"time"}) <= {"day_rel", "weekday", "date"} and len({p.kind, c.kind}) == 2:
                time_c, day_c = (p, c) if p.kind == "time" else (c, p)
                if "," in gap:
                    time_c.extra["day"] = day_c
                    out.append(c)
                    continue
                merged = _Cand("time", p.start, c.end, dict(time_c.groups), 7)
                merged.extra["day"] = day_c
                out[-1] = merged
                continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------
# Resolution


_Published = Optional[Union[str, dt.date]]


def _parse_pub(published: _Published) -> Optional[dt.date]:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(published))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _dateparse(text: str) -> Optional[tuple[int, int, int, tuple[str, ...]]]:
    """Absolute date through dateparser: (year, month, day, parts given)."""
    parser = _ddp()
    clean = re.sub(r"\s+,", ",", text)
    clean = re.sub(r"(?i)^the\s+", "", clean)
    clean = re.sub(r"(?i)(\d)(st|nd|rd|th)\b", r"\1", clean)
    clean = re.sub(r"(?i)\s+of\s+", " ", clean)
    try:
        data = parser.get_date_data(clean)
    except Exception:  # dateparser raises on odd input; treat as unparsed
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj
    parts = tuple(getattr(data, "parts", None) or ())
    return d.year, d.month, d.day, parts


@functools.lru_cache(maxsize=1)
def _ddp():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(2000, 1, 1), "PREFER_DATES_FROM": "past", "DATE_ORDER": "MDY",
        "TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
    })


def _pick_year(pub: dt.date, month: int, day: Optional[int], tense: str) -> dt.date:
    """The year of a day (or month) given without one, by the tense of its clause."""
    options = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append(dt.date(y, month, day or 1))
        except ValueError:
            continue
    if not options:
        return pub
    ref = pub if day else dt.date(pub.year, pub.month, 1)
    if tense == "past":
        past = [o for o in options if o <= ref]
        if past:
            return max(past)
    if tense == "future":
        fut = [o for o in options if o >= ref]
        if fut:
            return min(fut)
    return min(options, key=lambda o: (abs((o - ref).days), o > ref))


def _pick_weekday(pub: dt.date, wd: int, tense: str, near: str) -> dt.date:
    delta_back = (pub.weekday() - wd) % 7
    last = pub - dt.timedelta(days=delta_back)
    nxt = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    if near == "last":
        return last if delta_back else pub - dt.timedelta(days=7)
    if near == "next":
        return nxt if nxt != pub else pub + dt.timedelta(days=7)
    if tense == "future" or near == "coming":
        return nxt
    return last


class _Resolver:
    def __init__(self, text: str, pub: Optional[dt.date], known: dict[str, str], doc: Optional[Doc],
                 sentences: list[tuple[int, int]]):
        self.text = text
        self.pub = pub
        self.doc = doc
        self.sentences = sentences
        self.events: dict[str, tuple[dt.date, str]] = {}
        self.known = {}
        for k, v in (known or {}).items():
            d = _parse_pub(v)
            if d:
                self.known[event_key(k)] = (d, k)
        self.last_day: Optional[_Cand] = None
        self.last_month: Optional[str] = None
        self.pub_anchor = f"published:{pub.isoformat()}" if pub else "published:unknown"

    def sentence_of(self, pos: int) -> tuple[int, int]:
        import bisect

        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, pos) - 1
        return self.sentences[i] if i >= 0 else (0, len(self.text))

    def tense(self, c: _Cand) -> str:
        if re.search(r"(?i)\b(?:until|till|by|before)\s+$", self.text[max(0, c.start - 8):c.start]):
            return "future"
        if self.doc is not None:
            t = _tense_doc(self.doc, c.start, c.end)
            if t:
                return t
        s, e = self.sentence_of(c.start)
        sent = self.text[s:e]
        rel = c.start - s
        # ignore the expression's own words
        masked = sent[:rel] + " " * (c.end - c.start) + sent[rel + (c.end - c.start):]
        return _tense_text(masked, rel)

    # -- per kind ---------------------------------------------------------
    def resolve(self, c: _Cand) -> None:
        try:
            getattr(self, "_" + c.kind)(c)
        except (OverflowError, ValueError):  # dates beyond year 1..9999: leave the value unresolved
            c.value, c.date = _UNRESOLVED.get(c.grain, "XXXX-XX-XX"), None
            if c.type == "TIME":
                c.value += "TXX:XX"
        if c.date is not None and c.type in ("DATE", "TIME") and c.grain == "day":
            self.last_day = c
        if c.type == "DATE" and c.value and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", c.value):
            self.last_month = c.value[:7]

    def _relative(self, c: _Cand, grain: str, compute) -> None:
        c.grain = grain
        if self.pub is None:
            c.value = _UNRESOLVED.get(grain, "XXXX-XX-XX")
            c.anchor = self.pub_anchor
            return
        d, g = compute(self.pub)
        c.grain = g
        c.date = d if g == "day" else None
        c.value = _fmt(d, g)
        c.anchor = self.pub_anchor

    def _date(self, c: _Cand) -> None:
        g = c.groups
        surface = self.text[c.start:c.end]
        if "iso" in g or "num" in g:
            parsed = _dateparse(g.get("iso") or g["num"])
            if parsed:
                y, m, d, _ = parsed
                if "num" in g and re.search(r"/\d\d$", g["num"]):
                    yy = int(g["num"][-2:])
                    limit = (self.pub.year % 100 + 1) if self.pub else 30
                    y = (2000 if yy <= limit else 1900) + yy
                c.date = dt.date(y, m, d)
                c.value = _day(c.date)
            else:
                c.value = "XXXX-XX-XX"
            return
        mon = _MONTHS.get(g["mon"].lower().rstrip("."), 1)
        day = int(re.match(r"\d+", g["d"]).group(0))
        if "y" in g:
            parsed = _dateparse(f"{g['mon']} {day} {g['y']}")
            try:
                c.date = dt.date(parsed[0], parsed[1], parsed[2]) if parsed else dt.date(int(g["y"]), mon, day)
                c.value = _day(c.date)
            except ValueError:
                c.value = f"{g['y']}-{mon:02d}-XX"
            return
        _ = surface
        if self.pub is None:
            c.value = f"XXXX-{mon:02d}-{day:02d}"
            c.anchor = self.pub_anchor
            return
        try:
            dt.date(2000, mon, day)
        except ValueError:
            c.value = f"XXXX-{mon:02d}-XX"
            return
        if "wd" in g:  # the weekday fixes the year
            wd = _WEEKDAYS[g["wd"].lower()]
            for y in (self.pub.year, self.pub.year - 1, self.pub.year + 1):
                try:
                    cand = dt.date(y, mon, day)
                except ValueError:
                    continue
                if cand.weekday() == wd:
                    c.date, c.value, c.anchor = cand, _day(cand), self.pub_anchor
                    return
        c.date = _pick_year(self.pub, mon, day, self.tense(c))
        c.value = _day(c.date)
        c.anchor = self.pub_anchor

    def _month(self, c: _Cand) -> None:
        g = c.groups
        mon = _MONTHS[g["mon"].lower()]
        c.grain = "month"
        if "y" in g:
            c.value = f"{g['y']}-{mon:02d}"
            return
        if self.pub is None:
            c.value, c.anchor = f"XXXX-{mon:02d}", self.pub_anchor
            return
        if "ynear" in g:
            year = self.pub.year + {"this": 0, "last": -1, "next": 1}[g["ynear"].lower()]
            c.value, c.anchor = f"{year}-{mon:02d}", self.pub_anchor
            return
        d = _pick_year(self.pub, mon, None, self.tense(c))
        c.value, c.anchor = _month(d), self.pub_anchor

    def _month_rel(self, c: _Cand) -> None:
        g = c.groups
        mon = _MONTHS[g["mon"].lower()]
        near = g["near"].lower().split()[-1]
        tense = {"last": "past", "previous": "past", "past": "past", "next": "future", "coming": "future",
                 "following": "future"}.get(near, self.tense(c))
        c.grain = "month"
        if self.pub is None:
            c.value, c.anchor = f"XXXX-{mon:02d}", self.pub_anchor
            return
        ref = dt.date(self.pub.year, self.pub.month, 1)
        if near == "this":
            d = dt.date(self.pub.year, mon, 1)
        else:
            d = _pick_year(self.pub, mon, None, tense)
            if d == ref and near in ("last", "previous", "past"):
                d = dt.date(d.year - 1, mon, 1)
            if d == ref and near in ("next", "coming", "following"):
                d = dt.date(d.year + 1, mon, 1)
        c.value, c.anchor = _month(d), self.pub_anchor

    def _quarter(self, c: _Cand) -> None:
        g = c.groups
        c.grain = "quarter"
        if "q" in g:
            q = int(g["q"][1])
        else:
            o = g["ord"].lower()
            q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(o, 0)
        if "y" in g:
            c.value = f"{g['y']}-Q{q or 4}"
            return
        if self.pub is None:
            c.value, c.anchor = f"XXXX-Q{q}" if q else "XXXX-QX", self.pub_anchor
            return
        cur_q = (self.pub.month - 1) // 3 + 1
        year = self.pub.year
        near = g.get("near", "").lower()
        if near == "last":
            year -= 1
        elif near == "next":
            year += 1
        elif "thisyear" in g or near == "this":
            pass
        elif q == 0:  # "the last/final quarter"
            q = cur_q - 1
            if q == 0:
                q, year = 4, year - 1
        elif q > cur_q and self.tense(c) != "future":
            year -= 1
        c.value, c.anchor = f"{year}-Q{q}", self.pub_anchor

    def _season(self, c: _Cand) -> None:
        g = c.groups
        code = _SEASONS[g["season"].lower()]
        if "y" in g:
            c.value = f"{g['y']}-{code}"
            return
        if self.pub is None:
            c.value, c.anchor = f"XXXX-{code}", self.pub_anchor
            return
        near = g.get("near", "").lower()
        year = self.pub.year + (-1 if near == "last" else 1 if near == "next" else 0)
        c.value, c.anchor = f"{year}-{code}", self.pub_anchor

    def _year(self, c: _Cand) -> None:
        g = c.groups
        c.grain = "year"
        if "apos" in g:
            yy = int(g["apos"][1:])
            century = 2000 if (self.pub and yy <= (self.pub.year % 100) + 5) or (not self.pub and yy < 30) else 1900
            c.value = str(century + yy)
            return
        c.value = g["y"]

    def _decade(self, c: _Cand) -> None:
        dec = c.groups["dec"].lstrip("'")
        if len(dec) == 2:
            century = "19" if not self.pub or int(dec) > (self.pub.year % 100) else "20"
            dec = century + dec
        c.value = dec[:3]

    def _day_rel(self, c: _Cand) -> None:
        g = c.groups
        rel = (g.get("rel") or g.get("rel2") or "").lower()
        rel = re.sub(r"\s+", " ", rel)
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "before yesterday": -2, "after tomorrow": 2}[rel]
        part = _PARTS.get((g.get("part") or "").lower())
        if rel == "tonight":
            part = "NI"
        if part:
            c.type = "TIME"
        self._relative(c, "day", lambda p: (p + dt.timedelta(days=offset), "day"))
        if part and c.value:
            c.value += "T" + part

    def _part_rel(self, c: _Cand) -> None:
        g = c.groups
        near = g["near"].lower()
        part = _PARTS[g["part"].lower()]
        offset = {"this": 0, "last": -1 if part == "NI" or True else 0, "yesterday": -1, "tomorrow": 1}[near]
        if near == "last" and part != "NI":
            offset = -1
        c.type = "TIME"
        self._relative(c, "day", lambda p: (p + dt.timedelta(days=offset), "day"))
        c.value += "T" + part

    def _weekday(self, c: _Cand) -> None:
        g = c.groups
        wd = _WEEKDAYS[g["wd"].lower()]
        near = (g.get("near") or "").lower()
        part = _PARTS.get((g.get("part") or "").lower())
        if part:
            c.type = "TIME"
        if near == "black":
            c.value = "XXXX-XX-XX"
            return
        tense = self.tense(c) if near not in ("last", "next", "coming", "past") else ""
        if self.pub is None:
            c.value, c.anchor = f"XXXX-WXX-{wd + 1}", self.pub_anchor
        else:
            self._relative(c, "day", lambda p: (_pick_weekday(p, wd, tense, near), "day"))
        if part:
            c.value += "T" + part

    def _unit_rel(self, c: _Cand) -> None:
        g = c.groups
        near = re.sub(r"\s+", " ", (g.get("near") or "this").lower())
        unit = (g.get("unit") or "").lower()
        if near.startswith("the same"):
            # "the same day/period": the last day mentioned, else the publication
            if "day" in near and self.last_day is not None and self.last_day.date is not None:
                c.date, c.value, c.anchor = self.last_day.date, _day(self.last_day.date), "time:previous"
                return
            if re.search(r"a year|last year", self.text[c.start:c.end]):
                if self.last_month:
                    y, m = map(int, self.last_month.split("-"))
                    c.value, c.anchor, c.grain = f"{y - 1}-{m:02d}", "time:previous", "month"
                    return
                self._relative(c, "month", lambda p: (_add_months(p, -12), "month"))
                return
            if self.last_day is not None and self.last_day.date is not None:
                c.date, c.value, c.anchor = self.last_day.date, _day(self.last_day.date), "time:previous"
                return
            self._relative(c, "day", lambda p: (p, "day"))
            return
        step = -1 if near.split()[-1] in ("last", "past", "previous") and not near.startswith("early this") else 0
        if near.split()[-1] in ("next", "coming", "following"):
            step = 1
        if near in ("earlier this", "later this", "early this", "late this", "this"):
            step = 0
        if unit in ("decade", "century"):
            n = 10 if unit == "decade" else 100
            if near in ("the past", "the last", "the previous", "the next", "the coming", "the following"):
                c.type, c.value = "DURATION", f"P{n}Y"
                return
            self._relative(c, "year", lambda p: (p, "year"))
            if self.pub:
                base = self.pub.year // n * n + step * n
                c.value = str(base)[: 3 if n == 10 else 2]
            return
        if near in ("the past", "the last", "the next", "the coming", "the following") and unit in ("week", "month"):
            c.type, c.value = "DURATION", _duration(1, unit)
            return
        if unit == "week":
            self._relative(c, "week", lambda p: (p + dt.timedelta(weeks=step), "week"))
        elif unit == "weekend":
            def wk(p):
                return p + dt.timedelta(weeks=step), "week"
            self._relative(c, "week", wk)
            c.value += "-WE"
        elif unit == "month":
            self._relative(c, "month", lambda p: (_add_months(p, step), "month"))
        elif unit == "quarter":
            c.grain = "quarter"
            if self.pub is None:
                c.value, c.anchor = "XXXX-QX", self.pub_anchor
                return
            d = _add_months(self.pub, 3 * step)
            c.value, c.anchor = f"{d.year}-Q{(d.month - 1) // 3 + 1}", self.pub_anchor
        else:  # year
            self._relative(c, "year", lambda p: (dt.date(p.year + step, 1, 1), "year"))

    def _ago(self, c: _Cand) -> None:
        g = c.groups
        n = _num(g["num"])
        if n is not None and "and a half" in self.text[c.start:c.end].lower():
            n += 0.5
        unit = _unit_of(g["unit"])
        if g["dir"].lower() != "ago" and not self._anchored_on_pub(c):
            c.type, c.value = "DURATION", _duration(n, unit)
            return
        if n is None:
            c.value, c.anchor = "PAST_REF", self.pub_anchor
            return
        self._relative(c, "day", lambda p: _shift(p, -n, unit))
        self._learn_since(c)

    def _anchored_on_pub(self, c: _Cand) -> bool:
        return False

    def _learn_since(self, c: _Cand) -> None:
        """'since launching their invasion five days ago' dates the invasion."""
        if c.date is None:
            return
        s, _ = self.sentence_of(c.start)
        before = self.text[max(s, c.start - 80):c.start]
        m = re.search(r"\bsince\s+((?:[\w’'-]+\s+){1,5})$", before, re.I)
        if m:
            self.events.setdefault(event_key(m.group(1)), (c.date, m.group(1).strip()))

    def _set(self, c: _Cand) -> None:
        g = c.groups
        c.type = "SET"
        if "adv" in g:
            adv = g["adv"].lower()
            c.value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                       "hourly": "PT1H", "annual": "P1Y", "fortnightly": "P2W", "quarterly": "P1Q"}[adv]
            return
        if "wd" in g:
            c.value = f"XXXX-WXX-{_WEEKDAYS[g['wd'].lower()] + 1}"
            return
        word = g["unit"].lower()
        if word.rstrip("s") in _PARTS:
            c.value = "XXXX-XX-XXT" + _PARTS[word.rstrip("s")]
            return
        n = _num(g.get("num")) if g.get("num") else 1
        c.value = _duration(n, _unit_of(word))

    def _duration(self, c: _Cand) -> None:
        g = c.groups
        c.type = "DURATION"
        if "single" in g:
            c.value = "P1D"
            return
        if "bare" in g:
            unit = _unit_of(g["bare"].split()[-1])
            c.value = _duration(None, unit)
            return
        unit = _unit_of(g["unit"])
        if "ord" in g:
            c.value = _duration(ORDINALS.get(g["ord"].lower()) or _num(re.sub(r"\D", "", g["ord"])), unit)
            c.anchor = "event:" + g["event"] if "event" in g else None
            return
        if "num" not in g:  # "the past decade"
            c.value = _duration(1, unit)
            return
        n = _num(g["num"])
        if n is not None and "and a half" in self.text[c.start:c.end].lower():
            n += 0.5
        c.value = _duration(n, unit)

    def _time(self, c: _Cand) -> None:
        g = c.groups
        c.type = "TIME"
        day_c = c.extra.get("day")
        if day_c is not None:
            self.resolve(day_c)
            base = day_c.value if day_c.value and day_c.grain == "day" and "T" not in day_c.value else None
            c.anchor = day_c.anchor
        else:
            base = None
        if base is None and self.last_day is not None and self.last_day.date is not None \
                and self.sentence_of(self.last_day.start) == self.sentence_of(c.start):
            base, c.anchor = _day(self.last_day.date), "time:previous"
        if base is None:
            if self.pub is None:
                base, c.anchor = "XXXX-XX-XX", self.pub_anchor
            else:
                base, c.anchor = _day(self.pub), self.pub_anchor
        if "noon" in g:
            w = g["noon"].lower()
            c.value = base + ("T24:00" if w == "midnight" else "T12:00")
            return
        if "hm" in g:
            h, m = int(g["hm"][:2]), int(g["hm"][2:])
        else:
            h, m = int(g["h"]), int(g.get("m") or 0)
        ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and h < 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
        c.value = f"{base}T{h:02d}:{m:02d}" + ("Z" if g.get("tz", "").upper() in ("UTC", "GMT", "Z") else "")
        try:
            c.date = dt.date.fromisoformat(base)
        except ValueError:
            c.date = None

    def _the_day(self, c: _Cand) -> None:
        if self.last_day is not None and self.last_day.date is not None:
            c.date, c.value, c.anchor = self.last_day.date, _day(self.last_day.date), "time:previous"
            return
        self._relative(c, "day", lambda p: (p, "day"))

    def _weekend(self, c: _Cand) -> None:
        near = c.groups["near"].lower().split()[-1]

        def compute(p: dt.date):
            if near == "next":
                sat = p + dt.timedelta(days=(5 - p.weekday()) % 7 or 7)
            elif near == "this" and p.weekday() < 5:
                sat = p + dt.timedelta(days=5 - p.weekday())
            else:  # the last weekend not after publication
                sat = p - dt.timedelta(days=(p.weekday() - 5) % 7)
            return sat, "week"
        self._relative(c, "week", compute)
        c.value += "-WE"

    def _vague(self, c: _Cand) -> None:
        c.value = VAGUE_REFERENCES[re.sub(r"\s+", " ", c.groups["vague"].lower())]

    # -- event anchored ---------------------------------------------------
    def _event_date(self, phrase: str) -> Optional[tuple[dt.date, str]]:
        key = event_key(phrase)
        if key in self.events:
            return self.events[key]
        if key in self.known:
            return self.known[key]
        return None

    def _event_ordinal(self, c: _Cand) -> None:
        g = c.groups
        n = ORDINALS.get(g["ord"].lower()) or int(re.sub(r"\D", "", g["ord"]) or 1)
        unit = g["unit"].lower()
        phrase = g["event"]
        if unit != "day":
            c.type, c.value, c.anchor = "DURATION", _duration(n, unit), "event:" + phrase
            return
        c.anchor = "event:" + phrase
        known = self._event_date(phrase)
        if known:
            c.date = known[0] + dt.timedelta(days=n - 1)
            c.value = _day(c.date)
            return
        # "Today marks the seventh day since …": the day is the publication date and fixes the event
        s, _ = self.sentence_of(c.start)
        lead = self.text[s:c.start]
        if re.search(r"(?i)\b(?:today|this|it|now)\b[^.]{0,30}\b(?:is|marks|marked|was)\s+$", lead) and self.pub:
            c.date = self.pub
            c.value, c.anchor = _day(self.pub), self.pub_anchor
            self.events[event_key(phrase)] = (self.pub - dt.timedelta(days=n - 1), phrase)
            return
        c.value = "XXXX-XX-XX"

    def _event_offset(self, c: _Cand) -> None:
        g = c.groups
        phrase = g["event"]
        unit = (g.get("unit1") or g.get("unit") or "day").lower()
        n = 1 if "unit1" in g else _num(g.get("num"))
        sign = -1 if g["dir"].lower() in ("before", "prior to") else 1
        c.anchor = "event:" + phrase
        known = self._event_date(phrase)
        if known and n is not None:
            d, grain = _shift(known[0], sign * n, unit)
            c.date = d if grain == "day" else None
            c.value = _fmt(d, grain)
            return
        if "unit1" not in g:  # "five years after its launch": keep the duration, the event is unknown
            m = re.match(r"\S+(?:\s+\S+)*?\s+(?:day|week|month|year)s?", self.text[c.start:c.end], re.I)
            if m:
                c.end = c.start + m.end()
                c.type, c.value, c.anchor = "DURATION", _duration(n, unit), None
                return
        c.value = "XXXX-XX-XX"


def _sentences(text: str, doc: Optional[Doc]) -> list[tuple[int, int]]:
    if doc is not None and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [(s.start_char, s.end_char) for s in doc.sents]
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?\"”'])\s+(?=[A-Z\"“'‘])|\n+", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


_ORDER = {"event_ordinal": 1, "event_offset": 2}


def resolve_times(doc_or_text: Union[Doc, str], published: _Published = None,
                  known_events: Optional[dict[str, str]] = None,
                  boilerplate: Sequence[tuple[int, int]] = ()) -> list[TimeExpr]:
    """Every time expression of a text or Doc, typed and resolved.

    ``published`` is the publication date (ISO string or date; None keeps relative
    values unresolved).  ``known_events`` maps event names ("invasion") to ISO
    dates used for event-anchored expressions the article itself does not date.
    ``boilerplate`` spans are skipped (a Doc's ``doc._.nl_boilerplate`` is used
    when none are given).
    """
    doc = doc_or_text if isinstance(doc_or_text, Doc) else None
    text = doc.text if doc is not None else str(doc_or_text or "")
    if doc is not None and not boilerplate and doc._.nl_boilerplate:
        boilerplate = [b.span for b in doc._.nl_boilerplate]
    pub = _parse_pub(published)
    cands = _candidates(text, SpanIndex(list(boilerplate)))
    resolver = _Resolver(text, pub, known_events or {}, doc, _sentences(text, doc))
    # plain expressions first (in text order, so "the same day" sees the day before it),
    # then those anchored on events the article may date along the way
    for c in cands:
        if c.kind not in _ORDER:
            resolver.resolve(c)
    for c in sorted((c for c in cands if c.kind in _ORDER), key=lambda c: (_ORDER[c.kind], c.start)):
        resolver.resolve(c)
    out = []
    for i, c in enumerate(cands, 1):
        out.append(TimeExpr(id=f"t{i}", text=text[c.start:c.end], span=(c.start, c.end), type=c.type,
                            value=c.value, anchor=c.anchor))
    return out


# ---------------------------------------------------------------------------
# spaCy component


class TimeExtractor:
    def __init__(self, name: str = "newsledger_times", known_events: Optional[dict[str, str]] = None):
        self.name = name
        self.known_events = dict(known_events or {})

    def __call__(self, doc: Doc) -> Doc:
        times = resolve_times(doc, doc._.nl_published, self.known_events)
        doc._.nl_times = times
        doc.spans["times"] = char_spans(doc, times, label=lambda t: t.type)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_times_v1",
    assigns=["doc._.nl_times", "doc.spans"],
    requires=["doc.sents"],
    retokenizes=False,
    default_config={"known_events": {}},
)
def make_times(nlp: Language, name: str, known_events: dict) -> TimeExtractor:
    return TimeExtractor(name, known_events)

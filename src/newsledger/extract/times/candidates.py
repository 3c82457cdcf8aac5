"""Finding time expressions: one pass over the words, the longest plausible rule at each start.

:func:`scan` walks the words of the text once (:func:`starts`); where a word can
begin an expression, every rule is tried anchored there and the longest match that
passes :func:`plausible` becomes a :class:`Candidate`.  A clock time next to its day
is then joined to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from ..spans import SpanIndex
from .patterns import FIRST_WORDS, RULES, SCANNER, WORD, Rule
from .words import MODS

__all__ = ["Candidate", "scan", "starts", "scan_by_alternation", "plausible"]


@dataclass
class Candidate:
    """One expression on its way to a TimeExpr: where it is, what matched, what it resolves to."""

    kind: str
    start: int
    end: int
    groups: dict
    priority: int
    type: str = "DATE"
    value: Optional[str] = None
    anchor: Optional[str] = None
    mod: Optional[str] = None
    grain: str = "day"
    date: Optional[dt.date] = None  # the resolved day (or first day of the period) when there is one
    extra: dict = field(default_factory=dict)


_PAST_VERB = re.compile(r"(?i)^(?:\w+ed|began|begun|went|came|took|struck|broke|fell|won|lost|held|made|led|ran|hit|left)$")
_DET = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "our"}


def _trim_event(phrase: str) -> int:
    """Length of an event phrase cut after its verb and object ("the river burst its banks | as …")."""
    words = list(re.finditer(r"\S+", phrase))
    for i, w in enumerate(words[:-1]):
        if i and _PAST_VERB.match(w.group(0)):
            j = i + 1
            if j < len(words) - 1 and words[j].group(0).lower() in _DET:
                j += 1
            return words[j].end()
    return len(phrase)


def _mod_of(groups: dict) -> Optional[str]:
    for key in ("edge", "approx"):
        word = groups.get(key)
        if word:
            return MODS.get(re.sub(r"\s+", " ", word.lower()))
    return None


def _candidate(rule: Rule, m: re.Match, text: str) -> Candidate:
    s, e = m.span()
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if "event" in groups:
        es, ee = m.span("event")
        cut = _trim_event(text[es:ee])
        if cut < ee - es:
            e = es + cut
            groups["event"] = text[es:e]
    if "bare" in groups and rule.kind == "duration":
        s = m.start("bare")  # "for weeks": the preposition is not part of the expression
    c = Candidate(rule.kind, s, e, groups, rule.priority)
    c.mod = _mod_of(groups)
    return c


def _options(text: str, start: int) -> list[tuple[int, int, int, Rule, re.Match]]:
    found = []
    for order, rule in enumerate(RULES):
        m = rule.regex.match(text, start)
        if m is not None and m.end() > start:
            found.append((m.end(), rule.priority, -order, rule, m))
    found.sort(key=lambda f: f[:3], reverse=True)
    return found


def _may_start(word: str) -> bool:
    w = word.lower()
    return w in FIRST_WORDS or w[:-1] in FIRST_WORDS or w[0].isdigit() or w[0] in "'’" or bool(re.match(r"(?:q[1-4]|h[12]|fy\d*)$", w))


def starts(text: str) -> list[int]:
    """Where an expression may start: one pass over the words of the text."""
    return [m.start() for m in WORD.finditer(text) if _may_start(m.group(0))]


def scan(text: str, skip: SpanIndex) -> list[Candidate]:
    """Every time expression of ``text`` outside ``skip``, in text order, none overlapping."""
    out: list[Candidate] = []
    pos = 0
    for start in starts(text):
        if start < pos:
            continue
        chosen = None
        for _end, _prio, _order, rule, m in _options(text, start):
            c = _candidate(rule, m, text)
            if skip and skip.overlaps(c.start, c.end):
                continue
            if plausible(text, c):
                chosen = c
                break
        if chosen is not None:
            out.append(chosen)
            pos = chosen.end
    return _join_clock_and_day(text, _with_day_tails(text, out, skip))


def scan_by_alternation(text: str) -> list[int]:
    """Where :data:`SCANNER` (every rule at once) finds a match starting: the reference for :func:`starts`."""
    found, pos = [], 0
    while True:
        hit = SCANNER.search(text, pos)
        if hit is None:
            return found
        start = hit.start()
        while text[start].isspace():  # a rule whose first part is optional may match from the space before
            start += 1
        found.append(start)
        pos = hit.start() + 1


_DAY_TAIL = re.compile(r"\s*(?:and|or|to|through|until|-|–)\s*((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"
                       r"(?![\d,.]\d|\s*(?:%|per\s*cent|[a-z]))")


def _with_day_tails(text: str, cands: list[Candidate], skip: SpanIndex) -> list[Candidate]:
    """"April 24 and 25", "March 3-5": the second day is an expression of its own, in the first's month."""
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        out.append(c)
        if c.kind != "date" or "mon" not in c.groups or "y" in c.groups:
            continue
        m = _DAY_TAIL.match(text, c.end)
        nxt = cands[i + 1].start if i + 1 < len(cands) else len(text)
        if m and m.end() <= nxt and not (skip and skip.overlaps(m.start(1), m.end(1))):
            groups = {"mon": c.groups["mon"], "d": m.group(1)}
            out.append(Candidate("date", m.start(1), m.end(1), groups, c.priority))
    return out


# ---------------------------------------------------------------------------
# Plausibility: a match that is not a time in this context


_COUNTED = re.compile(
    r"\s*(?:%|per\s*cent|people|troops|soldiers|jobs|workers|employees|units|cars|vehicles|planes|aircraft|shares|"
    r"barrels|tonnes|tons|km|miles|metres|meters|feet|pounds|dollars|euros|points?|residents|homes|members|votes|"
    r"index|series|acres|square|beds|rooms|students|pupils|cases|deaths|patients|delegates|seats)\b", re.I)
_PREP_BEFORE = re.compile(r"(?:in|since|until|by|of|early|late|mid|last|next|this|from|to|through|during|before|after"
                          r"|that|every|each)\s*-?\s*$", re.I)
_NOT_NOW = re.compile(r"\s+that\b|\s*-", re.I)
_NOW_PREV = re.compile(r"(?:from|just|even|than)\s+$", re.I)


def _plausible_year(text: str, c: Candidate, before: str, after: str) -> bool:
    g = c.groups
    if "y" in g and "edge" not in g and not text[c.start:c.end].lower().startswith("the year"):
        if re.search(r"[$£€#]\s*$|[\d,.]\s*$|\bNo\.\s*$|\bnumber\s+$", before, re.I):
            return False
        if _COUNTED.match(after) or re.match(r"\s*[,.]\d|\s*-\s*\d", after):
            return False
    if "apos" in g:
        return bool(re.search(r"(?:in|of|since|from|until|by|class|summer|winter|spring|fall|autumn)\s*$", before, re.I))
    if "sy" in g and "the year" not in text[c.start:c.end].lower():
        if re.fullmatch(r"(?i)(?:nineteen|eighteen)[-\s]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                        r"(?:[-\s]+\w+)?", g["sy"]):  # "nineteen ninety-six" is a year unless it counts things
            return not (_COUNTED.match(after) or re.match(r"\s+[a-z]+s\b", after))
        return bool(re.search(r"(?:in|of|since|from|until|by|year|early|late|mid)\s+$", before, re.I))
    return True


def _plausible_duration(text: str, c: Candidate, before: str, after: str) -> bool:
    g = c.groups
    surface = text[c.start:c.end]
    if "old" in g or re.match(r"[-\s]+old\b", after, re.I):
        return False  # an age ("a 22-year-old", "six months old"), not a time
    if "num" not in g:
        return True
    num = g["num"].strip().lower()
    unit = g.get("unit", "").lower()
    if num in ("a", "an") and not (g.get("lead") or g.get("approx")) and not re.search(
            r"(?:for|in|within|over|after|about|nearly|almost|than|only|just|once|twice|of|from|spanning|last|past|"
            r"took|takes|take|spent|spend|lasted|lasting|another|half)\s*$", before, re.I):
        return False
    if num in ("a", "an") and unit.startswith("second"):
        return False
    if unit.startswith("quarter") and (num in ("a", "an") and not g.get("lead") or "-" in surface):
        return False  # "a quarter of the vote", "three-quarters": fractions
    if num in ("many", "few", "some") and not g.get("lead") and not re.search(
            r"(?:for|in|over|after|the\s+past|the\s+last)\s*$", before, re.I):
        return False
    if re.fullmatch(r"\d+(?:\.\d+)?", num) and "-" not in surface and re.search(r"[$£€]\s*$", before):
        return False
    return True


def _plausible_vague(c: Candidate, before: str, after: str) -> bool:
    word = re.sub(r"\s+", " ", c.groups["vague"].lower())
    if word in ("the past", "the future") and re.match(
            r"\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade|day)", after, re.I):
        return False
    if word == "the future" and re.match(r"\s+of\b", after):
        return False  # "the future of the plant": its prospects, not a time
    if word == "recent":
        return bool(re.match(r"\s+[a-z]", after))  # the adjective before its noun ("recent losses")
    if word == "now":
        return not (_NOT_NOW.match(after) or _NOW_PREV.search(before))
    if word == "current":
        return not re.match(r"\s+(?:accounts?|affairs|events|assets|liabilities|prices|dollars|terms)\b|\s*[,.;:]",
                            after, re.I) and not re.search(r"(?:electric|ocean|strong)\s+$", before, re.I)
    return not re.match(r"-", after)


_CALENDAR_NAME = re.compile(r"(?i)(?:january|february|march|april|may|june|july|august|september|october|november|"
                            r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{4})(?:,?\s+\d{4})?")


#: Kinds whose words are capitalised anyway (names of months, weekdays, holidays; years).
_NAMED_KINDS = frozenset({"date", "month", "month_rel", "weekday", "holiday", "year", "decade", "week_of", "season",
                          "quarter", "fiscal", "time", "race"})


def _a_title(text: str, c: Candidate) -> bool:
    """Is the match part of a title (a programme, a film: "ABC's 'This Week'", "60 Minutes", "High
    Noon")?  Its words are all capitalised though common words, in a sentence of lowercase prose, and it
    stands mid-sentence, after another capitalised word, or in quotes of its own."""
    if c.kind in _NAMED_KINDS and not (c.kind == "time" and "noon" in c.groups):
        return False
    words = re.findall(r"\w+", text[c.start:c.end])
    if not words or not all(w[0].isupper() or w[0].isdigit() for w in words) or words[-1][0].isdigit():
        return False
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if sum(w[0].islower() for w in re.findall(r"[A-Za-z]+", line)) < 3:
        return False  # a headline in title case
    before = text[line_start:c.start]
    quoted = re.search(r"[\"“‘`']\s*$", before) and re.match(r"[,.]?\s*(?:[\"”’']|(?:[A-Z]\w*\s+)+)",
                                                             text[c.end:c.end + 20])
    after_name = re.search(r"[a-z,;]\s+[\"“‘`']*[A-Z]\w*\s+$", before)
    mid = re.search(r"[a-z,;]\s+$", before)
    return bool(quoted and len(words) > 1 or after_name or mid and len(words) > 1)


def plausible(text: str, c: Candidate) -> bool:
    """False for matches that are not times here ("may" the verb, "1500 residents", a 22-year-old)."""
    g = c.groups
    if _a_title(text, c):
        return False
    if "event" in g and _CALENDAR_NAME.fullmatch(g["event"].lstrip("`‘“\"'")):
        return False  # "the first week of June" is a week of a month, not of an event
    before = text[max(0, c.start - 14):c.start]
    after = text[c.end:c.end + 16]
    kind = c.kind
    if kind == "year":
        return _plausible_year(text, c, before, after)
    if kind == "duration":
        return _plausible_duration(text, c, before, after)
    if kind in ("vague", "now"):
        return _plausible_vague(c, before, after)
    if kind == "month" and "edge" not in g and "y" not in g and g["mon"] in ("May", "March"):
        return bool(_PREP_BEFORE.search(before))
    if kind == "season" and not any(k in g for k in ("y", "sy", "near", "near2", "edge")):
        word = g["season"].lower()
        if word == "fall" or (word == "spring" and re.match(r"\s+(?:from|up|into|to|back)\b", after, re.I)):
            return False  # the verbs
    if kind == "quarter" and g.get("unit", "").lower() == "period":
        return any(k in g for k in ("rel", "ago", "yr")) and g.get("rel", "").lower() != "same"
    if kind == "quarter" and not any(k in g for k in ("ord", "q", "h", "rel", "ago", "yr", "fy", "ynear")):
        return text[c.start:c.end].lower().startswith("the ") and g.get("unit", "").lower() == "quarter" \
            and not re.match(r"\s+of\s+(?:a|an|the|its|their|\d)", after, re.I) and not re.search(r"-\s*$", before)
    if kind == "decade" and "dec" in g:
        dec = g["dec"]
        if not dec.startswith(("'", "’")) and len(dec) == 2 and not text[c.start:c.end].lower().startswith("the"):
            return bool(re.search(r"\b(?:in|since|from|the|of|early|late|mid|and|or|to)\s*$", before, re.I))
    if kind == "the_year" and "whole" not in g:  # "for the year, sales fell", "nine months of the year"
        return bool(re.search(r"(?:for|during|in|through|throughout|over|(?:months|weeks|days|quarters?|half|rest|"
                              r"remainder|part|balance|course)\s+of)\s+$", before, re.I))
    if kind == "the_day":
        return bool(re.search(r"(?:end|ended|ending|ends|finish|finished|finishing|close|closed|closing|start|started"
                              r"|for|during|in|on|of|same)\s+$", before, re.I))
    if kind == "set" and "wds" in g:  # "on Sundays"; "Monday and Tuesday nights": the second of a pair too
        return bool(re.search(r"(?:on|every|most|some|many|all)\s+$" + (r"|\b(?:and|or)\s+$" if "spart" in g else ""),
                              before, re.I))
    if kind == "part_day":  # "in the morning", "by mid-afternoon"; not "Morning Edition"
        if text[c.start:c.end].lower().startswith("the"):
            return bool(re.search(r"(?:in|during|through|until|since|by)\s+$", before, re.I))
        return text[c.start].islower() and bool(re.search(r"(?:in|by|during|through|until|since|from|on|that|this)"
                                                          r"\s+$", before, re.I))
    if kind == "holiday" and g["hol"].lower() == "may day":
        return bool(_PREP_BEFORE.search(before))
    return True


# ---------------------------------------------------------------------------
# Joining: a clock time and the day it is on


def _join_clock_and_day(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Glue a clock time to the day next to it ("16:00 GMT today", "9 a.m. Tuesday", "noon Saturday")."""
    out: list[Candidate] = []
    for c in cands:
        if out:
            p = out[-1]
            gap = text[p.end:c.start]
            kinds = {p.kind, c.kind}
            if re.fullmatch(r"[ \t]*(?:\([^()\n]{1,20}\))?[ \t]*(?:,|on|at)?[ \t]*", gap) and "time" in kinds \
                    and len(kinds) == 2 \
                    and kinds - {"time"} <= {"day_rel", "weekday", "date", "anaphor"}:
                time_c, day_c = (p, c) if p.kind == "time" else (c, p)
                if "," in gap or "(" in gap:
                    time_c.extra["day"] = day_c
                    out.append(c)
                    continue
                merged = Candidate("time", p.start, c.end, dict(time_c.groups), 7, mod=time_c.mod)
                merged.extra["day"] = day_c
                out[-1] = merged
                continue
        out.append(c)
    return out

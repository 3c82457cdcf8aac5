"""Resolving calendar expressions: dates, months, quarters, fiscal years, seasons, years, decades, holidays, clocks.

A calendar expression that states its year is final.  One without a year takes it
from the publication date and the tense of its clause (:mod:`.underspecified`).
Each function takes the :class:`~.context.Context` and a :class:`~.candidates.Candidate`
and fills in ``type``, ``value``, ``anchor``, ``mod`` and the date it starts on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ...lexicon.words import ordinal_value
from .candidates import Candidate
from .context import Context
from .dates import number
from .holiday_dates import holiday_date, holiday_grain
from .underspecified import pick_day, pick_month, pick_yearly
from .words import MONTHS, PARTS, QUARTER_ORDINALS, SEASONS, WEEKDAYS

__all__ = ["ABSOLUTE"]


def _month_no(word: str) -> int:
    return MONTHS.get(word.lower().rstrip("."), 1)


def _day_no(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def _numeric(ctx: Context, c: Candidate) -> None:
    g = c.groups
    if "iso" in g:
        y, m, d = map(int, g["iso"].split("-"))
    else:
        m, d, y = map(int, g["num"].split("/"))
        if y < 100:
            limit = (ctx.pub.year % 100 + 1) if ctx.pub else 30
            y += 2000 if y <= limit else 1900
    ctx.set_date(c, dt.date(y, m, d), "day")


def resolve_date(ctx: Context, c: Candidate) -> None:
    g = c.groups
    if "iso" in g or "num" in g:
        _numeric(ctx, c)
        return
    mon, day = _month_no(g["mon"]), _day_no(g["d"])
    if "y" in g:
        ctx.set_date(c, dt.date(int(g["y"]), mon, day), "day")
        return
    dt.date(2000, mon, day)  # ValueError (no such day) leaves the value unresolved
    if ctx.pub is None:
        c.value, c.anchor = f"XXXX-{mon:02d}-{day:02d}", ctx.pub_anchor
        return
    if "wd" in g:  # the weekday fixes the year
        wd = WEEKDAYS[g["wd"].lower()]
        for y in (ctx.pub.year, ctx.pub.year - 1, ctx.pub.year + 1):
            try:
                cand = dt.date(y, mon, day)
            except ValueError:
                continue
            if cand.weekday() == wd:
                ctx.set_date(c, cand, "day", ctx.pub_anchor)
                return
    ctx.set_date(c, pick_day(ctx.pub, mon, day, ctx.tense(c)), "day", ctx.pub_anchor)


_WEEK_MIDDLE = {"first": 4, "second": 11, "third": 18, "fourth": 25}


def resolve_week_of(ctx: Context, c: Candidate) -> None:
    """"the week of March 6"; "the last week of March" (the week holding its fourth-last day)."""
    word = (c.groups.get("word") or "").lower()
    if word:  # the week that holds the middle day of the month's first, second... or last seven days
        mon = _month_no(c.groups["mon"])
        year = int(c.groups["y"]) if "y" in c.groups else (ctx.pub or dt.date(2001, 1, 1)).year
        c.groups["d"] = str(_WEEK_MIDDLE.get(word, calendar.monthrange(year, mon)[1] - 3))
    resolve_date(ctx, c)
    if c.date is not None:
        ctx.set_date(c, c.date, "week")


def resolve_holiday(ctx: Context, c: Candidate) -> None:
    g = c.groups
    name = re.sub(r"\s+", " ", g["hol"])
    grain = holiday_grain(name)
    if "y" in g:
        d = holiday_date(name, int(g["y"]))
    elif ctx.pub is None:
        c.value, c.anchor = "XXXX-XX-XX" if grain == "day" else "XXXX-XX", ctx.pub_anchor
        return
    else:
        near = (g.get("near") or "").lower().split()
        tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(near[-1] if near else "",
                                                                                        ctx.tense(c))
        tense = "future" if tense == "present" else tense  # "the shop closes on Christmas Eve": the coming one
        d = pick_yearly(ctx.pub, lambda y: holiday_date(name, y), tense)
        c.anchor = ctx.pub_anchor
    if d is not None:
        ctx.set_date(c, d, "week" if "hweek" in g else grain)


def _month_of_a_thing(ctx: Context, c: Candidate) -> bool:
    """Does the month say when a thing named by a noun happens ("a cut in supplies in September",
    "November deliveries"), not when the clause's verb did ("sales fell in November")?  Only then
    can a past-tense clause be reporting a plan for the coming month; "since November" never does."""
    if ctx.doc is None:
        return False
    span = ctx.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    if tok.dep_ in ("compound", "nmod", "npadvmod") and tok.head.pos_ == "NOUN":
        return True
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("in", "for", "of") and prep.head.pos_ == "NOUN"


def resolve_month(ctx: Context, c: Candidate) -> None:
    g = c.groups
    mon = MONTHS[g["mon"].lower()]
    c.grain = "month"
    if "y" in g or "sy" in g:
        ctx.set_date(c, dt.date(int(g["y"]) if "y" in g else _spelled_year(g["sy"]), mon, 1), "month")
        return
    if ctx.pub is None:
        c.value, c.anchor = f"XXXX-{mon:02d}", ctx.pub_anchor
        return
    if "ynear" in g:
        year = ctx.pub.year + {"this": 0, "last": -1, "next": 1}[g["ynear"].lower()]
        ctx.set_date(c, dt.date(year, mon, 1), "month", ctx.pub_anchor)
        return
    ctx.set_date(c, pick_month(ctx.pub, mon, ctx.tense(c), loose=_month_of_a_thing(ctx, c)), "month", ctx.pub_anchor)


def resolve_month_rel(ctx: Context, c: Candidate) -> None:
    g = c.groups
    mon = MONTHS[g["mon"].lower()]
    near = g["near"].lower().split()[-1]
    if ctx.pub is None:
        c.grain, c.value, c.anchor = "month", f"XXXX-{mon:02d}", ctx.pub_anchor
        return
    this = dt.date(ctx.pub.year, ctx.pub.month, 1)
    if near == "this" and "past" not in g["near"].lower() and "coming" not in g["near"].lower():
        d = dt.date(ctx.pub.year, mon, 1)
    elif near in ("last", "previous", "past"):
        d = pick_month(ctx.pub, mon, "past")
        d = dt.date(d.year - 1, mon, 1) if d == this else d
    else:
        d = pick_month(ctx.pub, mon, "future")
        d = dt.date(d.year + 1, mon, 1) if d == this else d
    ctx.set_date(c, d, "month", ctx.pub_anchor)


def _quarter_number(g: dict) -> int:
    """1-4 from "Q3", "third" or "3rd"; 0 for "final"/"last" and none given."""
    if "q" in g:
        return int(g["q"][1])
    word = (g.get("ord") or "").lower()
    return QUARTER_ORDINALS.get(word, 0)


def _quarter_year(ctx: Context, c: Candidate, q: int) -> int | None:
    g = c.groups
    for key in ("y", "yr", "fy"):
        if key in g:
            return int(g[key])
    if ctx.pub is None:
        return None
    near = (g.get("near") or g.get("ynear") or "").lower()
    if near in ("last", "next"):
        return ctx.pub.year + (1 if near == "next" else -1)
    if "ago" in g:
        ref = ctx.narrative(c, "quarter")
        return (ref.date.year if ref and ref.grain == "quarter" else ctx.pub.year) - 1
    if near == "this" or "thisyear" in g or not q or 3 * q - 2 <= ctx.pub.month:
        return ctx.pub.year  # a quarter begun by publication is this year's
    start = pick_yearly(ctx.pub, lambda y: dt.date(y, 3 * q - 2, 1), ctx.tense(c))
    return start.year if start else ctx.pub.year


def _period_named(ctx: Context, c: Candidate, grains: tuple[str, ...] = ("quarter", "month")):
    """The last quarter (or month) named before ``c``.  A day named since does not replace it: in
    "the quarter ended March 31 ... the latest period" the period is still the quarter."""
    best = None
    for a in ctx.anchors:
        if a.pos < c.start and a.grain in grains and (best is None or a.pos > best.pos):
            best = a
    return best


def _years_back(g: dict) -> int:
    """1 for "year-ago", "last year's", "... last year"; 0 otherwise."""
    near = (g.get("near") or g.get("ynear") or "").lower()
    return 1 if "ago" in g or near == "last" else 0


#: Words that put a period behind publication: "the latest quarter" has ended, whatever was named last.
_ENDED_PERIOD = {"latest", "recent", "past", "most recent"}


def _reported_quarter(ctx: Context, c: Candidate, ended: bool = False) -> dt.date | None:
    """The quarter under discussion: the last one named, else the last one ended before publication.

    With ``ended`` ("the latest quarter") a quarter named but not over by publication (a forecast
    "fourth-quarter charge") is not the one meant.
    """
    ref = _period_named(ctx, c, ("quarter",))
    last_ended = _last_ended_quarter(ctx.pub) if ctx.pub is not None else None
    if ref is not None and not (ended and last_ended is not None and ref.date > last_ended):
        return ref.date
    return last_ended


def _last_ended_quarter(pub: dt.date) -> dt.date:
    start = dt.date(pub.year, (pub.month - 1) // 3 * 3 + 1, 1)
    return (start - dt.timedelta(days=1)).replace(day=1)


def _half(ctx: Context, c: Candidate) -> None:
    g = c.groups
    h = 1 if (g.get("h") or "").upper() == "H1" or (g.get("ord") or "").lower() in ("first", "1st") else 2
    year = _quarter_year(ctx, c, 4 if h == 2 else 2)
    c.grain = "half"
    c.value = f"{year}-H{h}" if year else f"XXXX-H{h}"
    if year:
        c.date = dt.date(year, 1 if h == 1 else 7, 1)


_ENDING = re.compile(r"(?i)^,?\s+(?:that\s+)?(?P<verb>ended|ending|ends)\s+(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})\b"
                     r"(?:,?\s+(?P<y>1[5-9]\d\d|20\d\d))?")


def _quarter_by_end(ctx: Context, c: Candidate) -> bool:
    """"the quarter ended Sept. 30": the three months up to that day, as the calendar quarter most of
    them fall in (a fiscal quarter ended July 31 is mostly the second).  False when no end is given, or
    when a quarter was named before: a company numbers its fiscal quarters its own way ("its fiscal first
    quarter ... the quarter ended Sept. 29" is that first quarter)."""
    if _period_named(ctx, c, ("quarter",)) is not None:
        return False
    m = _ENDING.match(ctx.after(c, 40))
    month = MONTHS.get(m.group("mon").lower()) if m else None
    if month is None or (not m.group("y") and ctx.pub is None):
        return False
    middle = (month - 2) % 12 + 1
    if m.group("y"):
        year = int(m.group("y"))
    elif m.group("verb").lower() == "ended":  # the last such day by publication
        year = ctx.pub.year - ((month, int(m.group("d"))) > (ctx.pub.month, ctx.pub.day))
    else:  # "ending": the nearest such day, either side
        year = ctx.pub.year + round((ctx.pub.month - month) / 12)
    year -= middle > month  # "ended Jan. 31": November to January, mostly the year before's fourth quarter
    ctx.set_date(c, dt.date(year, (middle - 1) // 3 * 3 + 1, 1), "quarter", None if m.group("y") else ctx.pub_anchor)
    return True


def resolve_quarter(ctx: Context, c: Candidate) -> None:
    g = c.groups
    if (g.get("unit") or "").lower() == "half" or "h" in g:
        _half(ctx, c)
        return
    if (g.get("unit") or "").lower() == "period":
        resolve_period_ago(ctx, c)
        return
    q = _quarter_number(g)
    rel = (g.get("rel") or "").lower()
    if not q and not rel and not g.get("ord") and _quarter_by_end(ctx, c):
        return
    if not q and (rel or "ago" in g or "yr" in g or not g.get("ord")):
        base = _reported_quarter(ctx, c, ended=rel in _ENDED_PERIOD)
        if base is None:
            c.grain, c.value, c.anchor = "quarter", "XXXX-QX", ctx.pub_anchor
            return
        if rel == "current" and ctx.pub is not None:
            base = dt.date(ctx.pub.year, (ctx.pub.month - 1) // 3 * 3 + 1, 1)
        elif rel in ("previous", "preceding", "prior"):
            base = dt.date(base.year - (base.month == 1), (base.month - 4) % 12 + 1, 1)
        year = int(g["yr"]) if "yr" in g else base.year - _years_back(g)
        ctx.set_date(c, dt.date(year, base.month, 1), "quarter", ctx.pub_anchor)
        c.extra["comparison"] = _years_back(g) > 0
        return
    if not q:  # "the final quarter": the fourth of the year named, else the last one ended
        q = 4 if any(k in g for k in ("y", "yr", "fy", "near", "ynear", "thisyear")) else 0
        if not q:
            base = _reported_quarter(ctx, c)
            if base is not None:
                ctx.set_date(c, base, "quarter", ctx.pub_anchor)
                return
    year = _quarter_year(ctx, c, q)
    if year is None:
        c.grain, c.value, c.anchor = "quarter", f"XXXX-Q{q}" if q else "XXXX-QX", ctx.pub_anchor
        return
    ctx.set_date(c, dt.date(year, 3 * (q or 4) - 2, 1), "quarter")
    if not any(k in g for k in ("y", "yr", "fy")):
        c.anchor = ctx.pub_anchor


def resolve_period_ago(ctx: Context, c: Candidate) -> None:
    """"the year-ago period", "year-earlier results", "the 1988 period", "the latest period".

    The period under discussion is the last quarter or month named (else the year of
    publication); "year-ago" moves it a year back, a year given replaces its year.
    """
    g = c.groups
    ref = _period_named(ctx, c)
    back = _years_back(g)
    if ref is None and (g.get("rel") or "").lower() in _ENDED_PERIOD and ctx.pub is not None:
        ctx.set_date(c, _last_ended_quarter(ctx.pub), "quarter", ctx.pub_anchor)  # "the latest period"
        return
    if ref is None:
        if ctx.pub is None and "yr" not in g:
            c.value, c.anchor = "XXXX", ctx.pub_anchor
            return
        year = int(g["yr"]) if "yr" in g else ctx.pub.year - back
        ctx.set_date(c, dt.date(year, 1, 1), "year", None if "yr" in g else ctx.pub_anchor)
    else:
        year = int(g["yr"]) if "yr" in g else ref.date.year - back
        ctx.set_date(c, dt.date(year, ref.date.month, 1), ref.grain, "time:previous")
    c.extra["comparison"] = True


def resolve_fiscal(ctx: Context, c: Candidate) -> None:
    """"fiscal 1989", "FY2020", "the current fiscal year": TIMEX3 has no fiscal-year value, so the
    year it is named by ("fiscal 1989" is 1989, whatever month it ends in)."""
    g = c.groups
    c.grain = "year"
    if "y" in g or "fy" in g:
        raw = g.get("y") or g["fy"]
        year = int(raw) if len(raw) == 4 else 2000 + int(raw) if int(raw) < 50 else 1900 + int(raw)
        c.value = str(year)
        return
    if ctx.pub is None:
        c.value, c.anchor = "XXXX", ctx.pub_anchor
        return
    rel = (g.get("relw") or "current").lower()  # "the fiscal year", "this fiscal year": the current one
    step = {"current": 0, "same": 0, "latest": -1, "previous": -1, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
    c.value, c.anchor = str(ctx.pub.year + step), ctx.pub_anchor


def resolve_season(ctx: Context, c: Candidate) -> None:
    g = c.groups
    code = SEASONS[g["season"].lower()]
    c.grain = "season"
    if "y" in g or "sy" in g:
        c.value = f"{g.get('y') or _spelled_year(g['sy'])}-{code}"
        return
    if ctx.pub is None:
        c.value, c.anchor = f"XXXX-{code}", ctx.pub_anchor
        return
    near = re.sub(r"\s+", " ", (g.get("near2") or g.get("near") or "").lower())
    year = ctx.pub.year
    if near == "last" or (near in ("this past", "the", "that", "") and (near == "this past" or ctx.tense(c) in (
            "past", "perfect")) and _season_start(code, year) > ctx.pub):
        year -= 1
    elif near in ("next",) or (near in ("the", "this coming") and ctx.tense(c) == "future"
                               and _season_start(code, year) + dt.timedelta(days=92) < ctx.pub):
        year += 1
    c.value, c.anchor = f"{year}-{code}", ctx.pub_anchor


def _season_start(code: str, year: int) -> dt.date:
    return dt.date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code], 21)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _spelled_year(words: str) -> int:
    """1996 for "nineteen ninety-six", 2003 for "two thousand three"."""
    w = re.sub(r"[-\s]+", " ", words.lower()).replace(" and ", " ").split()
    if w[:2] == ["two", "thousand"]:
        return 2000 + int(number(" ".join(w[2:])) or 0) if w[2:] else 2000
    century = 1900 if w[0] == "nineteen" else 1800
    rest = w[1:]
    if rest == ["hundred"]:
        return century
    if rest and rest[0] in _TENS:
        return century + _TENS[rest[0]] + (int(number(rest[1]) or 0) if len(rest) > 1 else 0)
    return century + int(number(" ".join(rest)) or 0)


def resolve_year(ctx: Context, c: Candidate) -> None:
    g = c.groups
    c.grain = "year"
    if "apos" in g:
        yy = int(g["apos"][1:])
        century = 2000 if (ctx.pub and yy <= (ctx.pub.year % 100) + 5) or (not ctx.pub and yy < 30) else 1900
        year = century + yy
    elif "sy" in g:
        year = _spelled_year(g["sy"])
    else:
        year = int(g["y"])
    ctx.set_date(c, dt.date(year, 1, 1), "year")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def resolve_decade(ctx: Context, c: Candidate) -> None:
    g = c.groups
    c.grain = "decade"
    if "decw" in g:
        dec = str(_DECADE_WORDS[g["decw"].lower()])
        century = "19" if not ctx.pub or ctx.pub.year < 2030 else "20"
        c.value = century + dec
        return
    dec = g["dec"].lstrip("'’")
    if len(dec) == 2:  # "the '80s": the latest such decade not after publication
        pub_year = ctx.pub.year if ctx.pub else 1999
        century = pub_year // 100 if int(dec) <= pub_year % 100 else pub_year // 100 - 1
        dec = f"{century}{dec}"
    c.value = dec[:3]
    c.date = dt.date(int(dec[:3] + "0"), 1, 1)


def resolve_century(ctx: Context, c: Candidate) -> None:
    g = c.groups
    c.grain = "century"
    if "ord" in g:
        n = ordinal_value(g["ord"]) or 1
        c.value = f"{n - 1:02d}"
        return
    if ctx.pub is None:
        c.value, c.anchor = "XX", ctx.pub_anchor
        return
    near = g["near"].lower().split()[-1]
    step = {"previous": -1, "next": 1}.get(near, 0)  # "the past century": the hundred years up to now
    step = -1 if g["near"].lower() == "last" else step
    c.value, c.anchor = f"{ctx.pub.year // 100 + step:02d}", ctx.pub_anchor


def resolve_race(ctx: Context, c: Candidate) -> None:
    """A stopwatch reading ("won in 2:05:37") is a duration; after "at" it is a clock time."""
    g = c.groups
    if re.search(r"(?i)\bat\s+$", ctx.before(c, 6)):
        c.groups = {"h": g["rh"], "m": g["rm"]}
        resolve_time(ctx, c)
        return
    h, m, s = int(g["rh"]), int(g["rm"]), float(g["rs"])
    c.type = "DURATION"
    secs = f"{s:g}" if s else ""
    c.value = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{secs}S" if secs else "")


def _clock_base(ctx: Context, c: Candidate) -> tuple[str, bool]:
    """The day a clock time is on: its own day word, else the narrative's day (see
    :meth:`Context.narrative_day`: "was shot at 10 p.m." after the Friday was named), else publication."""
    day_c = c.extra.get("day")
    if day_c is not None:
        day_c.extra["lead_at"] = min(c.start, day_c.start)  # "until 9 a.m. Tuesday": the "until" is the day's too
        ctx.resolve(day_c)
        c.anchor = day_c.anchor
        if day_c.value and day_c.grain == "day" and "T" not in day_c.value:
            return day_c.value, True
    ref = ctx.narrative_day(c)
    if ref is not None:
        c.anchor = "time:previous"
        return ref.date.isoformat(), True
    c.anchor = ctx.pub_anchor
    return ("XXXX-XX-XX", False) if ctx.pub is None else (ctx.pub.isoformat(), True)


def resolve_time(ctx: Context, c: Candidate) -> None:
    g = c.groups
    c.type = "TIME"
    base, known = _clock_base(ctx, c)
    if "noon" in g:
        c.value = base + ("T24:00" if g["noon"].lower() == "midnight" else "T12:00")
    else:
        if "hm" in g:
            h, m = int(g["hm"][:2]), int(g["hm"][2:])
        elif "hw" in g:
            h, m = int(number(g["hw"]) or 0), 0
            later = g.get("dpart", "").lower() in ("afternoon", "evening") or ("dnight" in g and h >= 6)
            h += 12 if later and h < 12 else 0
            h = 0 if h == 12 and g.get("dpart", "").lower() == "morning" else h
        else:
            h, m = int(g["h"]), int(g.get("m") or 0)
        ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        h += 12 if ampm == "pm" and h < 12 else 0
        h = 0 if ampm == "am" and h == 12 else h
        c.value = f"{base}T{h:02d}:{m:02d}" + ("Z" if g.get("tz", "").upper() in ("UTC", "GMT", "Z") else "")
    c.date = dt.date.fromisoformat(base) if known else None


def resolve_part(ctx: Context, c: Candidate, part_word: str) -> None:
    """Add a part of the day ("TMO") to a resolved day."""
    code = PARTS.get(part_word.lower().replace(" ", ""))
    if code:
        c.type = "TIME"
        c.value = (c.value or "XXXX-XX-XX") + "T" + code


ABSOLUTE = {
    "date": resolve_date, "week_of": resolve_week_of, "holiday": resolve_holiday, "month": resolve_month,
    "month_rel": resolve_month_rel, "quarter": resolve_quarter, "period_ago": resolve_period_ago,
    "fiscal": resolve_fiscal, "season": resolve_season, "year": resolve_year, "decade": resolve_decade,
    "century": resolve_century, "race": resolve_race, "time": resolve_time,
}

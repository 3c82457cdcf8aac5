"""Resolving relative expressions: deictic ones against publication, anaphoric ones against the narrative.

Deictic ("yesterday", "last week", "Monday", "three years ago") count from the
publication date.  Anaphoric ("the next day", "that year", "a year earlier",
"earlier in the day") count from the time the narrative is at
(:meth:`.context.Context.narrative`) and fall back to the publication date when
the article has named no time before them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .absolute import resolve_part
from .candidates import Candidate
from .context import Anchor, Context
from .dates import UNRESOLVED, add_months, duration, number, shift, unit_of
from .tense import FUTURE, NEAREST, PAST, PERFECT
from .underspecified import pick_weekday
from .words import PARTS, SET_ADVERBS, VAGUE_REFERENCES, WEEKDAYS, MONTHS

__all__ = ["RELATIVE"]

_DURATION_BEFORE = re.compile(r"(?i)\b(?:over|for|during|within|in|throughout|across|of|course\s+of|through)\s+$")


def resolve_day_rel(ctx: Context, c: Candidate) -> None:
    g = c.groups
    rel = re.sub(r"\s+", " ", (g.get("rel") or g.get("rel2") or "").lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "before yesterday": -2,
              "after tomorrow": 2, "overnight": -1}[rel]
    ref = ctx.narrative_day(c) if rel == "overnight" else None
    if ref is not None:  # "shares fell Friday, depressed by overnight losses": the night before the story's day
        ctx.set_date(c, ref.date - dt.timedelta(days=1), "day", "time:previous")
    else:
        ctx.set_from_pub(c, "day", lambda p: (p + dt.timedelta(days=offset), "day"))
    part = g.get("part") or g.get("part2") or ("night" if rel in ("tonight", "overnight") else "")
    if part:
        resolve_part(ctx, c, part)


def resolve_part_rel(ctx: Context, c: Candidate) -> None:
    g = c.groups
    near = g["near"].lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[near]
    ctx.set_from_pub(c, "day", lambda p: (p + dt.timedelta(days=offset), "day"))
    resolve_part(ctx, c, g["part"])


def resolve_weekday(ctx: Context, c: Candidate) -> None:
    g = c.groups
    wd = WEEKDAYS[g["wd"].lower()]
    near = re.sub(r"\s+", " ", (g.get("near") or "").lower())
    if near in ("the following", "the next", "the previous"):
        ref = ctx.narrative(c, "day")
        if ref is not None and ref.grain == "day":
            d = pick_weekday(ref.date, wd, None, "next" if near != "the previous" else "last")
            ctx.set_date(c, d, "day", "time:previous")
            if g.get("part"):
                resolve_part(ctx, c, g["part"])
            return
    tense = ctx.tense(c) if near in ("", "this") else None
    if not near and re.match(r"['’]s\b", ctx.after(c, 3)):
        tense = NEAREST  # "Friday's vote": a name for an event, not a clause with a tense
    if ctx.pub is None:
        c.value, c.anchor = f"XXXX-WXX-{wd + 1}", ctx.pub_anchor
    else:
        ctx.set_from_pub(c, "day", lambda p: (pick_weekday(p, wd, tense, near), "day"))
    if g.get("part"):
        resolve_part(ctx, c, g["part"])


def resolve_weekend(ctx: Context, c: Candidate) -> None:
    near = re.sub(r"\s+", " ", c.groups["near"].lower())
    if near in ("that", "the following", "the previous"):
        ref = ctx.narrative(c, "day")
        if ref is not None and ref.grain == "day":
            sat = ref.date + dt.timedelta(days=(5 - ref.date.weekday()) % 7)
            sat = sat - dt.timedelta(days=7) if near == "the previous" else sat
            ctx.set_date(c, sat, "week", "time:previous")
            c.value += "-WE"
            return
    tense = ctx.tense(c)

    def compute(p: dt.date):
        if near == "next":  # the weekend of next week
            return p + dt.timedelta(days=12 - p.weekday() if p.weekday() < 5 else 7), "week"
        if near in ("this", "this coming") or (near == "the" and tense == FUTURE):
            return p + dt.timedelta(days=(5 - p.weekday()) % 7), "week"  # the weekend of this week
        return p - dt.timedelta(days=(p.weekday() - 5) % 7), "week"

    ctx.set_from_pub(c, "week", compute)
    c.value += "-WE"


_NEAR_STEP = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}


def resolve_unit_rel(ctx: Context, c: Candidate) -> None:
    g = c.groups
    near = re.sub(r"\s+", " ", (g.get("near") or "this").lower())
    if near.startswith("the same"):
        _same_period(ctx, c, near)
        return
    unit = (g.get("unit") or "").lower()
    last_word = near.split()[-1]
    step = 0 if near in ("this", "this past", "this coming", "the current") or near.startswith(("earlier this",
                                                                                                  "later this", "early this",
                                                                                                  "late this")) \
        else _NEAR_STEP.get(last_word, 0)
    spans_period = re.compile(r"(?i)\b(?:over|throughout|during)\s+$") if near in ("the past", "the last") \
        else _DURATION_BEFORE
    # "over the past year" is last year, as TimeML news annotates it; "over the past decade" is ten years' span
    if near in ("the next", "the coming", "the past", "the last"):
        if spans_period.search(ctx.before(c, 20)) and unit == "decade":
            c.type, c.value = "DURATION", duration(1, unit)
            return
    if unit == "week" and near in ("the past", "the last"):
        step = 0  # "for the last week": the week up to now
    if unit == "decade" and near in ("the past", "the last") and ctx.pub is not None and ctx.pub.year % 10 > 2:
        c.type, c.value = "DURATION", "P10Y"  # in 2015 "the past decade" is 2005-2015, no calendar decade
    elif unit == "decade":
        ctx.set_from_pub(c, "decade", lambda p: (dt.date(p.year // 10 * 10 + 10 * step, 1, 1), "decade"))
    elif unit == "week":
        ctx.set_from_pub(c, "week", lambda p: (p + dt.timedelta(weeks=step), "week"))
    elif unit == "month":
        ctx.set_from_pub(c, "month", lambda p: (add_months(dt.date(p.year, p.month, 1), step), "month"))
    elif unit == "quarter":
        ctx.set_from_pub(c, "quarter", lambda p: (add_months(dt.date(p.year, (p.month - 1) // 3 * 3 + 1, 1), 3 * step),
                                                   "quarter"))
    else:
        if near == "the" and g.get("edge"):
            step = _edge_step(ctx, c, g["edge"])
        ctx.set_from_pub(c, "year", lambda p: (dt.date(p.year + step, 1, 1), "year"))


def _edge_step(ctx: Context, c: Candidate, edge: str) -> int:
    """"at the end of the year" told in the past before the year has ended is last year's end."""
    edge, tense = edge.lower(), ctx.tense(c)
    if ctx.pub is None:
        return 0
    if "end" in edge and tense in (PAST, PERFECT) and ctx.pub.month < 10:
        return -1
    if ("beginning" in edge or "start" in edge or edge == "early") and tense == FUTURE and ctx.pub.month > 3:
        return 1
    return 0


def _same_period(ctx: Context, c: Candidate, near: str) -> None:
    """"the same month a year ago", "the same period": the period under discussion (a year back)."""
    ref = ctx.narrative(c, "year")
    year_back = bool(re.search(r"a year|last year", ctx.text[c.start:c.end]))
    if ref is None:
        ctx.set_from_pub(c, "year", lambda p: (dt.date(p.year - year_back, 1, 1), "year"))
        return
    grain = ref.grain if ref.grain != "day" else "month"
    ctx.set_date(c, dt.date(ref.date.year - year_back, ref.date.month, 1), grain, "time:previous")
    c.extra["comparison"] = year_back


def resolve_ago(ctx: Context, c: Candidate) -> None:
    g = c.groups
    n = number(g["num"])
    if n is not None and "and a half" in ctx.text[c.start:c.end].lower():
        n += 0.5
    if n is not None and "halfof" in g:
        n /= 2  # "half an hour later"
    unit = unit_of(g["unit"])
    direction = re.sub(r"\s+", " ", (g.get("dir") or g["dir2"]).lower())
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if n is None:
        if sign > 0 and ctx.tense(c) in (PAST, PERFECT):
            # "A few days later, the firm cut its forecast": a vague gap after a past point, not the future
            c.type, c.value = "DURATION", duration(None, unit)
            return
        c.value, c.anchor = ("FUTURE_REF" if sign > 0 else "PAST_REF"), ctx.pub_anchor
        return
    if unit in ("second", "minute", "hour") and direction != "ago":
        c.type, c.value = "DURATION", duration(n, unit)  # "an hour later": no clock to count from
        return
    ref = None if direction in ("ago", "from now", "hence") else ctx.narrative(c, "year")
    if direction == "ago" and unit == "year" and n == 1:
        near = ctx.narrative(c, "quarter", same_sentence=True) or ctx.narrative(c, "quarter")
        ref = near if near is not None and near.grain in ("quarter", "month") and _close(ctx, near, c) else None
    if ref is None:
        ctx.set_from_pub(c, "day", lambda p: shift(p, sign * n, unit))
        # "up from $5 million a year ago": a figure compared, not a time the narrative moves to
        c.extra["comparison"] = sign < 0 and bool(_COMPARED.search(ctx.before(c, 48)))
    else:
        _shift_from(ctx, c, ref, sign * n, unit)
        c.extra["comparison"] = sign < 0


#: What introduces the term of a comparison ("from", "than", "compared with", "versus").
_COMPARED = re.compile(r"(?i)\b(?:from|than|with|versus|vs\.?)\s+(?:[$£€]?\s?\d[\d.,]*\s*(?:million|billion|"
                       r"thousand|percent|%|cents?)?(?:\s+a\s+share)?,?\s+)?$")


def _close(ctx: Context, a: Anchor, c: Candidate) -> bool:
    """Is the anchor in the same or the previous sentence?"""
    s, _ = ctx.sentence_of(c.start)
    prev, _ = ctx.sentence_of(max(0, s - 1))
    return a.pos >= prev


def _shift_from(ctx: Context, c: Candidate, ref: Anchor, n: float, unit: str) -> None:
    """Move a narrative point, keeping its granularity when it is coarser than the step's."""
    d, grain = shift(ref.date, n, unit)
    order = ["day", "week", "month", "quarter", "year"]
    if ref.grain in order and grain in order and order.index(ref.grain) > order.index(grain):
        grain = ref.grain
    if ref.grain == "quarter" and unit == "year":
        grain = "quarter"
    ctx.set_date(c, d, grain, "time:previous")


def resolve_now(ctx: Context, c: Candidate) -> None:
    c.value, c.anchor = "PRESENT_REF", ctx.pub_anchor


def _narrative_or_pub(ctx: Context, c: Candidate, finest: str) -> tuple[Optional[dt.date], str]:
    ref = ctx.narrative(c, finest)
    if ref is not None:
        return ref.date, "time:previous"
    return ctx.pub, ctx.pub_anchor


def resolve_anaphor(ctx: Context, c: Candidate) -> None:
    """"that day", "the next year", "the following morning", "the day before": from the narrative."""
    g = c.groups
    if "near2" in g:
        unit, near = g["near2"].lower().split()[1], g["near2"].lower().split()[-1]
        step = -1 if near in ("before", "previous", "earlier") else 1
    else:
        unit, near = g["unit"].lower(), re.sub(r"\s+", " ", g["near"].lower())
        step = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1, "the prior": -1}.get(near, 0)
    part = unit if unit in PARTS else None
    unit = "day" if part else unit
    if step and _DURATION_BEFORE.search(ctx.before(c, 20)) and unit in ("week", "month", "year", "quarter"):
        c.type, c.value = "DURATION", duration(1, unit)
        return
    base, anchor = _narrative_or_pub(ctx, c, "day" if unit == "day" else "month" if unit == "week" else "year")
    if base is None:
        c.value, c.anchor = UNRESOLVED.get(unit, "XXXX-XX-XX"), ctx.pub_anchor
        return
    d, grain = shift(base, step, unit) if step else (base, unit if unit != "quarter" else "quarter")
    ctx.set_date(c, d, grain, anchor)
    if part:
        resolve_part(ctx, c, part)


def resolve_in_day(ctx: Context, c: Candidate) -> None:
    """"earlier in the day": the day named in the same sentence, else the day of publication."""
    unit = c.groups["unit"].lower()
    ref = ctx.narrative(c, "day" if unit == "day" else "year", sentences_back=1)
    if ref is not None:
        ctx.set_date(c, ref.date, unit if unit != "day" or ref.grain == "day" else ref.grain, "time:previous")
        return
    ctx.set_from_pub(c, unit, lambda p: (p, unit))


def resolve_the_day(ctx: Context, c: Candidate) -> None:
    ref = ctx.narrative(c, "day")
    if ref is not None and ref.grain == "day":
        ctx.set_date(c, ref.date, "day", "time:previous")
        return
    ctx.set_from_pub(c, "day", lambda p: (p, "day"))


def resolve_ord_unit(ctx: Context, c: Candidate) -> None:
    """"for a second consecutive day", "the fourth week in a row": a count of days (weeks) that has reached
    the day (week) the narrative is at, not a length of time."""
    if c.groups["unit"].lower() == "day":
        resolve_the_day(ctx, c)
        return
    ref = ctx.narrative(c, "week")
    if ref is not None:
        ctx.set_date(c, ref.date, "week", "time:previous")
        return
    ctx.set_from_pub(c, "week", lambda p: (p, "week"))


#: A word that makes the date after it a deadline or target rather than a period reported on.
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:by|until|till|before)\s+(?:the\s+end\s+of\s+)?$")


def _target_ahead(ctx: Context, ref) -> bool:
    """Is the date at ``ref`` a deadline after publication ("by 2030")?"""
    return ctx.pub is not None and ref.date.year > ctx.pub.year \
        and bool(_DEADLINE_BEFORE.search(ctx.text[max(0, ref.pos - 24):ref.pos]))


def resolve_the_year(ctx: Context, c: Candidate) -> None:
    """"for the year", "the full year": a year named in the sentence or the one before, else the year of
    publication (a target year said paragraphs earlier is not the one reported on, nor is a deadline
    still ahead: "aims to double output by 2030 ... forecast higher profit for the full year")."""
    ref = ctx.narrative(c, "year", sentences_back=1)
    if ref is not None and not _target_ahead(ctx, ref):
        ctx.set_date(c, dt.date(ref.date.year, 1, 1), "year", "time:previous")
        return
    ctx.set_from_pub(c, "year", lambda p: (dt.date(p.year, 1, 1), "year"))


def resolve_year_end(ctx: Context, c: Candidate) -> None:
    """"by year-end", "since year's end": the end of this year; told in the past before December, of the
    last one."""
    c.mod = "END"
    back = ctx.pub is not None and ctx.pub.month < 12 and ctx.tense(c) in (PAST, PERFECT)
    ctx.set_from_pub(c, "year", lambda p: (dt.date(p.year - back, 1, 1), "year"))


def resolve_set(ctx: Context, c: Candidate) -> None:
    g = c.groups
    c.type = "SET"
    if "adv" in g:
        c.value = SET_ADVERBS[g["adv"].lower()]
    elif "wd" in g or "wds" in g:
        c.value = f"XXXX-WXX-{WEEKDAYS[(g.get('wd') or g['wds']).lower()] + 1}"
        if "spart" in g:
            c.value += "T" + PARTS[g["spart"].lower().replace("-", "")]
    elif "mon" in g:
        c.value = f"XXXX-{MONTHS[g['mon'].lower()]:02d}"
    elif g["unit"].lower().rstrip("s") in PARTS:
        c.value = "XXXX-XX-XXT" + PARTS[g["unit"].lower().rstrip("s")]
    else:
        n = number(g.get("num")) if g.get("num") else 1
        n = 2 * n if n and "other" in ctx.text[c.start:c.end].lower() else n
        c.value = duration(n, unit_of(g["unit"]))


def resolve_duration(ctx: Context, c: Candidate) -> None:
    g = c.groups
    c.type = "DURATION"
    if "single" in g:
        word = g["single"].lower()
        c.value = "P1D" if word in ("intraday", "overnight") else duration(1, unit_of(re.split(r"[-\s]", word)[-2]
                                                                                    if "-" in word else word[:-4]))
        return
    if "bare" in g:
        unit = unit_of(g["bare"].split()[-1])
        long_form = ctx.text[c.end - 5:c.end].lower() == "-long"
        c.value = duration(None, "year" if long_form and unit == "decade" else unit)  # "decades-long": PXY
        return
    unit = unit_of(g["unit"])
    if "ord" in g:
        from ...lexicon.words import ordinal_value

        c.value = duration(ordinal_value(g["ord"]), unit)
        c.anchor = "event:" + g["event"] if "event" in g else None
        return
    if "few" in g or "num" not in g:
        few = (g.get("few") or "").lower()
        c.value = duration(2 if few.startswith("couple") else None if few else 1, unit)
        return
    if _someday(ctx, c):
        c.type, c.value = "DATE", "FUTURE_REF"
        return
    n = None if "num2" in g else number(g["num"])
    if n is not None and "and a half" in ctx.text[c.start:c.end].lower():
        n += 0.5
    if n is not None and "halfof" in g:
        n /= 2  # "half an hour"
    c.value = duration(n, unit)


def _someday(ctx: Context, c: Candidate) -> bool:
    """"one day" as an adverb of a clause still ahead ("the mill will one day reopen"): some day to come,
    not a day's length ("fell 5% in one day", "followed by one day")."""
    if ctx.text[c.start:c.end].lower() != "one day" or re.match(r"\s*(?:after|before|later|earlier|of)\b",
                                                                ctx.after(c, 12), re.I):
        return False
    before = ctx.before(c, 20)
    if _DURATION_BEFORE.search(before) or re.search(r"(?i)\b(?:by|than|only|just|every|per|a|the|each|first|last)\s+$",
                                                    before):
        return False  # "for one day", "in one day", "only one day": a length
    return ctx.tense(c) == FUTURE


def resolve_recent(ctx: Context, c: Candidate) -> None:
    """"recent weeks", "the coming days": an unknown number of units (PXW, PXD)."""
    c.type = "DURATION"
    c.value = duration(None, unit_of(c.groups["unit"]))


def resolve_vague(ctx: Context, c: Candidate) -> None:
    c.value = VAGUE_REFERENCES[re.sub(r"\s+", " ", c.groups["vague"].lower())]


def resolve_part_day(ctx: Context, c: Candidate) -> None:
    """"in the morning", "by mid-afternoon": a part of the narrative's day (:meth:`Context.narrative_day`),
    else of publication."""
    ref = ctx.narrative_day(c)
    if ref is not None:
        ctx.set_date(c, ref.date, "day", "time:previous")
    else:
        ctx.set_from_pub(c, "day", lambda p: (p, "day"))
    resolve_part(ctx, c, c.groups["part"])


def resolve_year_span(ctx: Context, c: Candidate) -> None:
    """"the year ended June 30": a year's length ending on that day."""
    c.type, c.value = "DURATION", "P1Y"


RELATIVE = {
    "part_day": resolve_part_day, "year_span": resolve_year_span,
    "day_rel": resolve_day_rel, "part_rel": resolve_part_rel, "weekday": resolve_weekday, "weekend": resolve_weekend,
    "unit_rel": resolve_unit_rel, "ago": resolve_ago, "now": resolve_now, "anaphor": resolve_anaphor,
    "in_day": resolve_in_day, "the_day": resolve_the_day, "set": resolve_set, "duration": resolve_duration,
    "recent": resolve_recent, "vague": resolve_vague, "the_year": resolve_the_year, "year_end": resolve_year_end,
    "ord_unit": resolve_ord_unit,
}

"""Completing an underspecified date: the year of "March 3", "in June", "Christmas"; the week of "Monday".

The choice is the candidate nearest the reference day, pulled by the tense of the
clause: the future takes the next one; the past prefers the last one, but a day
within a few weeks after the reference still wins ("extended the offer to Nov.
20", written on 2 November, is this November).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from .tense import FUTURE, NEAREST, PAST, PERFECT, PRESENT

__all__ = ["pick_day", "pick_month", "pick_weekday", "pick_yearly"]

#: In a past-tense clause a later candidate, and in a future one an earlier candidate, counts four
#: times its distance plus these days: a day a few weeks the other way still wins, one a season away
#: does not ("in the year ended Jan. 31", written in October, is the last January).
PAST_PULL = 30


def pick_yearly(ref: dt.date, day_in: Callable[[int], Optional[dt.date]], tense: Optional[str]) -> Optional[dt.date]:
    """Of ``day_in(year)`` for the years around ``ref``, the one the tense points to."""
    options = [d for d in (day_in(y) for y in (ref.year - 1, ref.year, ref.year + 1)) if d is not None]
    if not options:
        return None
    past, future = tense in (PAST, PERFECT), tense == FUTURE

    def cost(o: dt.date) -> int:
        days = abs((o - ref).days)
        if (past and o > ref) or (future and o < ref):
            return 4 * days + PAST_PULL
        return days

    return min(options, key=lambda o: (cost(o), o > ref))


def _safe(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def pick_day(ref: dt.date, month: int, day: int, tense: Optional[str]) -> Optional[dt.date]:
    return pick_yearly(ref, lambda y: _safe(y, month, day), tense)


def pick_month(ref: dt.date, month: int, tense: Optional[str], loose: bool = False) -> dt.date:
    """The first day of the month ``month`` nearest ``ref`` in the tense's direction.

    ``loose``: a past tense still lets the month right after publication win over the one
    eleven months back ("were told of a cut in supplies in September", written in August:
    a clause in the past cannot tell of next month, so it is reported speech of a plan).
    "last September" is never loose.
    """
    this = dt.date(ref.year, ref.month, 1)
    options = [dt.date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == FUTURE:
        return min(o for o in options if o >= this)
    if tense in (PAST, PERFECT):
        if loose and month == ref.month % 12 + 1:
            return min(o for o in options if o > this)
        return max(o for o in options if o <= this)
    return min(options, key=lambda o: (abs((o - this).days), o > this))


def pick_weekday(ref: dt.date, wd: int, tense: Optional[str], near: str) -> dt.date:
    """The day named ``wd`` (0 Monday) around ``ref``: "last", "next", or by tense."""
    back = (ref.weekday() - wd) % 7
    last = ref - dt.timedelta(days=back)
    nxt = ref + dt.timedelta(days=(wd - ref.weekday()) % 7)
    if near in ("last", "past", "this past", "the previous"):
        return last if back else ref - dt.timedelta(days=7)
    if near in ("next", "the following", "the next"):
        return nxt if nxt != ref else ref + dt.timedelta(days=7)
    if near in ("coming", "this coming") or tense == FUTURE:
        return nxt
    if tense == PRESENT:
        return nxt  # "the council meets Monday": a present tense with a weekday is a schedule
    if tense == NEAREST:  # news tells of what happened: the coming day only when clearly nearer
        return nxt if (nxt - ref).days < (ref - last).days - 1 else last
    return last

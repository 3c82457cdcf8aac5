"""Calendar arithmetic and TIMEX3 values: shift a date, print it at a granularity, write durations.

Pure functions over ``datetime.date``; nothing here reads a clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional, Union

from ..quantities import parse_number
from .words import UNIT_CODES, UNIT_WORDS

__all__ = ["add_months", "shift", "fmt", "week_of", "duration", "number", "unit_of", "parse_day", "UNRESOLVED",
           "quarter_of", "Published"]

Published = Optional[Union[str, dt.date]]

#: Values for expressions that need a publication date the article does not have.
UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX",
              "season": "XXXX", "decade": "XXX", "century": "XX", "half": "XXXX-HX"}


def parse_day(value: Published) -> Optional[dt.date]:
    """A date from a date, datetime or ISO string (None when it is none of these)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def week_of(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: dt.date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: dt.date, n: float, unit: str) -> tuple[dt.date, str]:
    """``d`` moved by ``n`` units (negative: back), with the granularity TIMEX3 writes it at.

    "two weeks ago" is a day, "three months ago" a month, "six years ago" a year.
    """
    _, mult, _ = UNIT_CODES.get(unit, ("D", 1, False))
    n = n * mult
    if unit in ("second", "minute", "hour"):
        return d + dt.timedelta(hours=n if unit == "hour" else 0), "day"
    if unit in ("day", "night"):
        return d + dt.timedelta(days=n), "day"
    if unit in ("week", "fortnight"):
        return d + dt.timedelta(weeks=n), "day"
    if unit == "month":
        return add_months(d, int(round(n))), "month"
    if unit == "quarter":
        return add_months(d, int(round(3 * n))), "quarter"
    grain = {"decade": "decade", "century": "century"}.get(unit, "year")
    if grain == "year" and not float(n).is_integer():  # "half a year ago": counted in months
        return add_months(d, int(round(12 * n))), "year"
    return dt.date(max(1, min(9999, d.year + int(round(n)))), d.month, min(d.day, 28)), grain


def fmt(d: dt.date, grain: str) -> str:
    """The TIMEX3 value of the period of granularity ``grain`` that holds ``d``."""
    if grain == "month":
        return f"{d.year}-{d.month:02d}"
    if grain == "year":
        return str(d.year)
    if grain == "week":
        return week_of(d)
    if grain == "quarter":
        return quarter_of(d)
    if grain == "decade":
        return str(d.year)[:3]
    if grain == "century":
        return str(d.year)[:2]
    return d.isoformat()


def unit_of(word: str) -> str:
    w = word.lower()
    w = UNIT_WORDS.get(w, w)
    w = w[:-1] if w.endswith("s") and w[:-1] in UNIT_CODES else w
    w = UNIT_WORDS.get(w, w)
    return w if w in UNIT_CODES else "day"


def duration(n: Optional[float], unit: str) -> str:
    """P5D, PT3H, P2.5Y, PXM (unknown amount).

    A fraction of an hour or a minute is written as a clock reads it, in the next unit down
    ("an hour and a half" PT1H30M, "a minute and a half" PT1M30S): TimeML's usual form.  A
    fraction of a calendar unit keeps its decimal ("two and a half years" P2.5Y).
    """
    code, mult, is_time = UNIT_CODES.get(unit, ("D", 1, False))
    if n is not None and code in ("H", "M") and is_time and not float(n * mult).is_integer():
        whole, part = int(n * mult), round((n * mult - int(n * mult)) * 60)
        sub = "M" if code == "H" else "S"
        return f"PT{whole}{code}{part}{sub}" if whole else f"PT{part}{sub}"
    if unit == "decade" and n is None:
        code, mult = "DE", 1
    if unit == "century" and n is None:
        code, mult = "CE", 1
    if n is None:
        amount = "X"
    else:
        v = n * mult
        amount = str(int(v)) if float(v).is_integer() else f"{v:g}"
    return ("PT" if is_time else "P") + amount + code


def number(text: Optional[str]) -> Optional[float]:
    """The count of a duration ("six", "a couple of", "5 1/2"); None for vague counts ("several")."""
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("several", "a few", "few", "many", "some"):
        return None
    if t in ("a couple of", "a couple"):
        return 2
    m = re.fullmatch(r"(\d+) (\d)/(\d)", t)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    return parse_number(t)

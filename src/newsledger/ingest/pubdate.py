"""Publication dates: normalise metadata values and infer a date from the text.

Priority (recorded as ``published_from``, applied in ``make_article``):
metadata (sidecar, HTML meta, JSONL field; never WARC-Date, the crawl date),
then the ``--published`` option, then the text itself, else none.  In the text we trust only dates the writer ties to the time
of writing: a dateline at the top, "Published/Updated ..." lines, and dates
introduced by "today", "this morning", "tonight" and the like.  A weekday with
day and month but no year ("Monday, February 28") takes the latest year, not
after today, in which that day is that weekday.

"Today" is injected: the ``today`` argument, else the ``today`` setting
(``NEWSLEDGER_TODAY``), else the system clock (:func:`default_today` is the one
place it is read), so results and tests do not change with the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

__all__ = ["normalise_date", "infer_from_text", "resolve_weekday_year", "default_today"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAMES})\.?)(?:,?\s+{_YEAR})?\b"
    rf"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
)
_DATE_RE = re.compile(_DATE, re.I)
_NOW_CUE = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|earlier today|published|updated|posted|last updated)"
    r"\b[\s,:(]*(?:on\s+)?(?:at\s+\d\d?[:.]\d\d\s*(?:am|pm|gmt|bst|utc|et|est|cet)?[\s,]*)?$",
    re.I,
)


def default_today() -> dt.date:
    """The ``today`` setting (``NEWSLEDGER_TODAY``) when set, else the system clock."""
    import os

    from ..settings import check_day

    setting = check_day(os.environ.get("NEWSLEDGER_TODAY"), "today (NEWSLEDGER_TODAY)")
    return dt.date.fromisoformat(setting) if setting else dt.date.today()


def resolve_weekday_year(month: int, day: int, weekday: int, today: dt.date) -> Optional[int]:
    """The latest year <= today's in which month/day falls on ``weekday`` (and is not after today)."""
    for year in range(today.year, today.year - 40, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today and candidate.weekday() == weekday:
            return year
    return None


def _to_date(m: re.Match, today: dt.date) -> Optional[dt.date]:
    if m.group("iso"):
        try:
            return dt.date.fromisoformat(m.group("iso"))
        except ValueError:
            return None
    month = _MONTHS[(m.group("month") or m.group("month2")).lower()]
    day = int(m.group("day") or m.group("day2"))
    weekday = m.group("weekday")
    if m.group("year"):
        year = int(m.group("year"))
    elif weekday:
        year = resolve_weekday_year(month, day, _WEEKDAYS[weekday.lower().rstrip(".")], today)
        if year is None:
            return None
    else:
        return None  # day and month alone say nothing about the year
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_from_text(text: str, today: Optional[dt.date] = None, head_chars: int = 400) -> Optional[str]:
    """The publication date the text itself states, as YYYY-MM-DD, or None."""
    today = today or default_today()
    tied, dateline = [], []
    for m in _DATE_RE.finditer(text):
        date = _to_date(m, today)
        if date is None or date > today:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if _NOW_CUE.search(before):
            tied.append(date)
        elif m.start() < head_chars and _is_dateline(text, m):
            dateline.append(date)
    for found in (tied, dateline):
        if found:
            return found[0].isoformat()
    return None


def _is_dateline(text: str, m: re.Match) -> bool:
    """A date that (nearly) fills its own line, or opens the first paragraph ("KYIV, Feb 28 (Reuters) -")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    rest = (text[line_start:m.start()] + text[m.end():line_end]).strip(" ,.-–—()")
    return len(rest) <= 25 or bool(re.match(r"\s*(?:\([A-Z][\w ]+\))?\s*[-–—]", text[m.end():line_end]))


def normalise_date(value: object, today: Optional[dt.date] = None) -> Optional[str]:
    """A metadata date in any common form (ISO, RFC 2822, "28 February 2022") as YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raw = str(value).strip()
    if not raw:
        return None
    m = re.match(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)", raw)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    import dateparser  # slow to import: only for the odd formats

    base = dt.datetime.combine(today or default_today(), dt.time())
    parsed = dateparser.parse(raw, settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                                             "RELATIVE_BASE": base})
    return parsed.date().isoformat() if parsed else None

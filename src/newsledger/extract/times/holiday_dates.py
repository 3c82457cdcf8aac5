"""Holidays: the day a named holiday falls on in a given year.

Fixed holidays are a table; movable ones (Easter, Thanksgiving, Memorial Day,
Eid, Passover, ...) come from the ``holidays`` package, which computes them for
any year (lunar and lunisolar calendars included).  Month-long observances
(Ramadan) are given as the month most of them falls in.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Optional

__all__ = ["holiday_date", "holiday_grain"]

#: Holidays on the same day every year: name -> (month, day).
FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new years day": (1, 1), "new year's": (1, 1), "new years": (1, 1), "new year's eve": (12, 31),
    "new years eve": (12, 31), "independence day": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    "veterans day": (11, 11), "armistice day": (11, 11), "remembrance day": (11, 11), "halloween": (10, 31),
    "valentine's day": (2, 14), "valentines day": (2, 14), "st patrick's day": (3, 17), "st. patrick's day": (3, 17),
    "boxing day": (12, 26), "bastille day": (7, 14), "may day": (5, 1), "victory day": (5, 9),
    "orthodox christmas": (1, 7),
}

#: Movable holidays: name -> (country code for ``holidays``, the name it uses there, days after that day).
MOVABLE = {
    "thanksgiving": ("US", "Thanksgiving Day", 0), "thanksgiving day": ("US", "Thanksgiving Day", 0),
    "black friday": ("US", "Thanksgiving Day", 1), "memorial day": ("US", "Memorial Day", 0),
    "labor day": ("US", "Labor Day", 0), "labour day": ("US", "Labor Day", 0),
    "martin luther king day": ("US", "Martin Luther King Jr. Day", 0),
    "martin luther king jr. day": ("US", "Martin Luther King Jr. Day", 0),
    "martin luther king jr day": ("US", "Martin Luther King Jr. Day", 0),
    "presidents day": ("US", "Washington's Birthday", 0), "presidents' day": ("US", "Washington's Birthday", 0),
    "columbus day": ("US", "Columbus Day", 0),
    "good friday": ("EASTER", "", -2), "easter monday": ("EASTER", "", 1),
    "easter": ("EASTER", "", 0), "easter sunday": ("EASTER", "", 0),
    "eid al-fitr": ("SA", "Eid al-Fitr", 0), "eid al-adha": ("SA", "Eid al-Adha", 0),
    "ramadan": ("SA", "Eid al-Fitr", -30),
    "passover": ("IL", "Pesach", 0), "pesach": ("IL", "Pesach", 0),
    "rosh hashanah": ("IL", "Rosh Hashanah", 0), "yom kippur": ("IL", "Yom Kippur", 0),
}

#: Observances that last a month: their value is a month, not a day.
MONTH_LONG = {"ramadan"}


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace("’", "'")).strip()


def holiday_grain(name: str) -> str:
    return "month" if _key(name) in MONTH_LONG else "day"


@functools.lru_cache(maxsize=512)
def _movable(country: str, wanted: str, year: int) -> Optional[dt.date]:
    if country == "EASTER":  # Western Easter Sunday (dateutil comes with ``holidays``)
        from dateutil.easter import easter

        return easter(year)
    import holidays  # imported on first use: building the country tables is not free

    days = holidays.country_holidays(country, years=year, language="en_US")
    found = sorted(d for d, n in days.items() if any(part.strip().startswith(wanted) for part in n.split(";")))
    return found[0] if found else None


def holiday_date(name: str, year: int) -> Optional[dt.date]:
    """The day ``name`` falls on in ``year`` (the first day of a month-long observance's month), or None."""
    key = _key(name)
    if key in FIXED:
        month, day = FIXED[key]
        return dt.date(year, month, day)
    if key not in MOVABLE:
        return None
    country, wanted, offset = MOVABLE[key]
    base = _movable(country, wanted, year)
    if base is None:
        return None
    day = base + dt.timedelta(days=offset)
    if key in MONTH_LONG:  # the month most of it falls in
        middle = day + dt.timedelta(days=15)
        return dt.date(middle.year, middle.month, 1)
    return day

"""The words of time: calendar names, units, parts of day, vague references (TIMEX3 values).

Pure data, read once at import; the patterns (:mod:`.patterns`) and the resolvers use
the same tables so that a word the scanner finds always has a value.
"""

from __future__ import annotations

__all__ = [
    "MONTHS", "WEEKDAYS", "PARTS", "SEASONS", "UNIT_CODES", "UNIT_WORDS", "VAGUE_REFERENCES",
    "SET_ADVERBS", "QUARTER_ORDINALS", "MODS", "APPROX_WORDS", "NUMBER_YEARS",
]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
#: Parts of the day and their TIMEX3 codes.
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI",
         "mid-afternoon": "AF", "midafternoon": "AF", "mid-morning": "MO", "midmorning": "MO"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

#: unit -> (ISO 8601 designator, multiplier, is a time-of-day unit)
UNIT_CODES = {"second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
              "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
              "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
              "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False)}
#: Written forms of a unit -> the unit.
UNIT_WORDS = {"centurie": "century", "centuries": "century", "mins": "minute", "min": "minute", "hrs": "hour",
              "hr": "hour", "secs": "second", "sec": "second", "yr": "year", "yrs": "year"}

#: Vague references kept as expressions (value PRESENT_REF / PAST_REF / FUTURE_REF).
VAGUE_REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the time being": "PRESENT_REF", "these days": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF", "until recently": "PAST_REF",
    "the past": "PAST_REF", "recent": "PAST_REF", "recent years": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "very soon": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}

#: Adjectives and adverbs of frequency -> TIMEX3 SET value.
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "annual": "P1Y", "fortnightly": "P2W", "nightly": "P1D", "biannual": "P6M",
               "semiannual": "P6M", "biweekly": "P2W"}

QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                    "q1": 1, "q2": 2, "q3": 3, "q4": 4}

#: Modifier words before an expression -> TIMEX3 ``mod``.
MODS = {"early": "START", "the beginning of": "START", "the start of": "START", "the dawn of": "START",
        "late": "END", "the end of": "END", "the close of": "END",
        "mid": "MID", "the middle of": "MID", "the middle": "MID",
        "about": "APPROX", "around": "APPROX", "some": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
        "nearly": "APPROX", "almost": "APPROX", "or so": "APPROX",
        "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
        "less than": "LESS_THAN", "under": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS"}
APPROX_WORDS = "about|around|some|roughly|approximately|nearly|almost|more\\s+than|over|at\\s+least|less\\s+than|" \
               "up\\s+to|no\\s+more\\s+than|just|only|barely|fully|a\\s+full|under"

#: Years spelled in words, as speech transcripts write them ("nineteen ninety-six").
NUMBER_YEARS = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000, "two thousand": 2000}

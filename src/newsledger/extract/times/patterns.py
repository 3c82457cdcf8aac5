"""What a time expression looks like: one rule per form, all found in one pass over the text.

Each :class:`Rule` is a regular expression with named groups for the parts its
resolver reads.  The scan (:func:`newsledger.extract.times.candidates.scan`) walks
the words of the text once; only where a word can begin an expression
(:data:`FIRST_WORDS`, digits, "'90s", Q1/H2/FY codes) are the rules tried, anchored,
and the longest plausible match taken.  :data:`SCANNER`, the alternation of every
rule, defines the same starts and is what the tests check the word scan against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lexicon.words import ORDINALS
from ..quantities import NUMBER_WORD_RE
from .words import APPROX_WORDS, VAGUE_REFERENCES

__all__ = ["Rule", "RULES", "SCANNER", "FIRST_WORDS", "WORD"]

MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![\w])")
MONTH_FULL = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
PART = r"(?:morning|afternoon|evening|night|mid-?afternoon|mid-?morning)"
UNIT = r"(?:second|sec|minute|min|hour|hr|day|night|week|fortnight|month|quarter|year|yr|decade|century|centurie)s?"
UNIT_SG = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"
NUM = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{NUMBER_WORD_RE}|several|a\s+few|a\s+couple\s+of|a\s+couple|a|an|few|many|some)"
HALF = r"(?:\s+and\s+a\s+half)"
ORD = r"(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"|\d+(?:st|nd|rd|th))"
SEP = r"\s*,?\s*"
EVENT = (r"(?P<event>[`‘“\"']*(?:[\w’'-]+\s+){0,5}?[\w’'-]+?)"
         r"(?=\s*(?:[,.;:!?\"”)]|\s(?:and|but|when|while|as|with|which|who)\b|$))")
TZ = r"(?:UTC|GMT|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|MSK|Z)"
AMPM = r"(?:[ap]\.\s?m\b\.?|[ap]m\b|[AP]M\b)"
NEAR = (r"(?:this|last|next|this\s+past|this\s+coming|the\s+past|the\s+last|the\s+coming|"
        r"the\s+current|earlier\s+this|later\s+this|early\s+this|late\s+this|"
        r"early\s+last|late\s+last|early\s+next|late\s+next|earlier\s+last|later\s+next)")
EDGE = r"(?:(?P<edge>early|late|mid|the\s+(?:beginning|start|end|middle|close)\s+of)[-\s]+)"
APPROX = rf"(?:(?P<approx>{APPROX_WORDS})\s+)"
SPELLED_YEAR = (r"(?:nineteen|eighteen)[-\s]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+(?:and\s+)?"
                r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|twenty))?")
HOLIDAY = (r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]?s(?:\s+(?:Day|Eve))?|Easter(?:\s+(?:Sunday|Monday))?|"
           r"Good\s+Friday|Thanksgiving(?:\s+Day)?|Black\s+Friday|Independence\s+Day|Fourth\s+of\s+July|"
           r"July\s+Fourth|Memorial\s+Day|Labor\s+Day|Labour\s+Day|Veterans\s+Day|Armistice\s+Day|"
           r"Remembrance\s+Day|Halloween|Valentine['’]?s\s+Day|St\.?\s+Patrick['’]?s\s+Day|Boxing\s+Day|"
           r"Bastille\s+Day|May\s+Day|Victory\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|"
           r"Presidents['’]?\s+Day|Columbus\s+Day|Ramadan|Eid\s+al-(?:Fitr|Adha)|Passover|Pesach|"
           r"Rosh\s+Hashanah|Yom\s+Kippur|Orthodox\s+Christmas)")


@dataclass(frozen=True)
class Rule:
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


_BOUNDED = r"(?<![\w-])(?:{})(?![\w])"


def _r(kind: str, pattern: str, priority: int = 0) -> Rule:
    return Rule(kind, re.compile(_BOUNDED.format(_no_newlines(pattern)), re.IGNORECASE), priority)


_RULES_EVENTS = [
    # "the ninth day since the floods began", "the day before the vote"
    _r("event_ordinal", rf"the\s+(?P<ord>{ORD})\s+(?P<unit>day|week|month|year)\s+(?:since|of|after)\s+{EVENT}", 9),
    _r("event_offset", rf"(?:the\s+(?P<unit1>day|week|month|year)|{APPROX}?(?P<num>{NUM})\s+(?P<unit>day|week|month|year)s?)\s+"
                       rf"(?P<dir>before|after|prior\s+to|following)\s+{EVENT}", 8),
]

_RULES_CLOCK = [
    # race results and stopwatch times: "in 2:05:37" is a duration
    _r("race", r"(?P<rh>\d{1,2}):(?P<rm>[0-5]\d):(?P<rs>[0-5]\d(?:\.\d+)?)(?!\s*" + AMPM + ")", 8),
    _r("time", rf"(?:{APPROX})?(?P<h>1[0-2]|0?\d)[.:](?P<m>[0-5]\d)\s*(?P<ampm>{AMPM})(?:\s*(?P<tz>{TZ}))?", 7),
    _r("time", rf"(?:{APPROX})?(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])(?:\s*(?P<ampm>{AMPM}))?"
               rf"(?:\s*(?P<tz>{TZ})(?:\s*[+-]\d+)?)?(?:\s*\(\s*{TZ}\s*[+-]?\s*\d*\s*\))?", 7),
    _r("time", rf"(?:{APPROX})?(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>{AMPM})(?:\s*(?P<tz>{TZ}))?", 7),
    _r("time", rf"(?P<hm>[01]\d[0-5]\d|2[0-3][0-5]\d)\s*(?:hours\s+)?(?P<tz>{TZ})", 7),
    _r("time", r"(?P<noon>noon|midday|midnight)", 3),
    # "4 in the morning", "eleven at night": the hour told by the part of the day
    _r("time", r"(?P<hw>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
               r"(?:\s+o['’]clock)?\s+(?:in\s+the\s+(?P<dpart>morning|afternoon|evening)|at\s+(?P<dnight>night))", 7),
]

_RULES_CALENDAR = [
    _r("date", rf"(?:(?P<wd>{WEEKDAY}){SEP})?(?:the\s+)?(?P<d>{DAYNUM})(?:\s+of)?\s+(?P<mon>{MONTH})(?:{SEP}(?P<y>{YEAR}))?", 6),
    _r("date", rf"(?:(?P<wd>{WEEKDAY}){SEP})?(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})(?!\d)(?:{SEP}(?P<y>{YEAR}))?(?!\d|:\d)", 6),
    _r("date", r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)", 6),
    _r("date", r"(?P<num>[01]?\d/[0-3]?\d/(?:\d\d)?\d\d)", 6),
    _r("week_of", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})(?:{SEP}(?P<y>{YEAR}))?", 7),
    _r("week_of", rf"the\s+(?P<word>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<mon>{MONTH_FULL})"
                  rf"(?:{SEP}(?P<y>{YEAR}))?", 7),
    _r("holiday", rf"(?:(?P<near>last|next|this|this\s+past|this\s+coming)\s+)?(?P<hol>{HOLIDAY})"
                  rf"(?P<hweek>\s+week)?(?:\s+(?:of\s+)?(?P<y>{YEAR}))?", 6),
    _r("month", rf"{EDGE}?(?P<mon>{MONTH_FULL})(?:{SEP}(?:of\s+)?(?:(?P<y>{YEAR})|(?P<ynear>this|last|next)\s+year|"
                rf"(?P<sy>{SPELLED_YEAR})))?", 5),
    _r("month_rel", rf"{EDGE}?(?P<near>{NEAR})\s+(?P<mon>{MONTH_FULL})", 6),
    _r("quarter", rf"(?:the\s+)?(?:(?P<yr>{YEAR})\s+|(?P<ynear>last|next|this)\s+year['’]s\s+|"
                  rf"(?P<ago>(?:comparable\s+|same\s+)?year[-\s](?:ago|earlier))\s+|(?P<rel>latest|current|previous|"
                  rf"preceding|prior|same|comparable|corresponding|recent|past|most\s+recent)\s+)?"
                  rf"(?:fiscal[-\s]+)?(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]+)?"
                  rf"(?:fiscal[-\s]+)?(?P<unit>quarter|half|period)(?!ly)"
                  rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<near>this|last|next)\s+year|the\s+(?P<thisyear>year)|"
                  rf"fiscal\s+(?P<fy>{YEAR})))?", 6),
    _r("quarter", rf"(?P<q>Q[1-4])(?:\s+(?P<y>{YEAR}))?", 6),
    _r("quarter", rf"(?P<h>H[12])\s+(?P<y>{YEAR})", 6),
    _r("period_ago", r"(?:the\s+)?(?P<ago>year[-\s](?:ago|earlier))(?:\s+(?P<unit>period|month|year|level|results?))?", 5),
    _r("fiscal", rf"(?:(?P<rel>(?:the|this)\s+(?:(?P<relw>current|latest|previous|last|next|coming|past|same)\s+)?)"
                 rf"fiscal\s+year(?!\s*-)|"
                 rf"fiscal(?:\s+year)?\s+(?P<y>{YEAR})|FY\s?-?(?P<fy>\d\d(?:\d\d)?))(?!\s*-)", 6),
    _r("season", rf"(?:(?P<near>the|that)\s+)?{EDGE}?(?:(?P<near2>this\s+past|this\s+coming|this|last|next)\s+)?"
                 rf"(?P<season>spring|summer|autumn|winter|fall)(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR})))?", 4),
    _r("year", rf"(?:the\s+year\s+)?{EDGE}?(?P<y>{YEAR})(?!\s*(?:%|per\s*cent))", 3),
    _r("year", rf"(?:the\s+year\s+)?(?P<sy>{SPELLED_YEAR})", 2),
    _r("decade", rf"(?:the\s+)?{EDGE}?(?P<dec>(?:1[5-9]|20)?\d0|'\d0|’\d0)[’']?s", 3),
    _r("decade", rf"(?:the\s+)?{EDGE}?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", 3),
    _r("century", rf"(?:the\s+)?{EDGE}?(?:(?P<ord>{ORD})|(?P<near>this|last|next|the\s+last|the\s+past|the\s+previous|"
                  rf"the\s+next|the\s+current))[-\s]+century", 5),
    _r("year", r"(?P<apos>['’]\d\d)", 2),
]

_RULES_DEICTIC = [
    _r("day_rel", rf"(?:(?P<when>earlier|later|late|early)\s+)?(?P<rel>today|tonight|yesterday|tomorrow)"
                  rf"(?:\s+(?P<part>{PART}))?", 6),
    _r("day_rel", rf"(?P<part2>{PART})\s+(?P<rel>today|yesterday|tomorrow)", 6),
    _r("day_rel", r"the\s+day\s+(?P<rel2>before\s+yesterday|after\s+tomorrow)", 7),
    _r("part_rel", rf"(?:(?P<when>early|late|earlier|later)\s+)?(?P<near>this|last|tomorrow|yesterday)\s+(?P<part>{PART})", 7),
    _r("weekday", rf"(?:(?P<when>early|late|earlier|later)\s+)?(?:(?P<near>last|next|this|coming|past|this\s+coming|"
                  rf"this\s+past|the\s+previous|the\s+following|the\s+next)\s+)?(?P<wd>{WEEKDAY})"
                  rf"(?:\s+(?P<part>{PART}))?", 5),
    _r("weekend", r"(?P<near>the|this|last|next|this\s+past|this\s+coming|that|the\s+following|the\s+previous)\s+weekend", 5),
    _r("unit_rel", rf"{EDGE}?(?P<near>{NEAR})\s+(?P<unit>week|month|year|quarter|decade)", 6),
    _r("unit_rel", rf"{EDGE}(?P<near>the)\s+(?P<unit>week|month|year|quarter|decade)", 6),
    _r("ago", rf"{APPROX}?(?P<halfof>half\s+(?=an?\s))?(?P<num>{NUM}){HALF}?\s+(?:or\s+(?:so|two|three)\s+)?(?P<unit>{UNIT}){HALF}?(?:\s+or\s+so)?\s+"
              rf"(?:(?P<dir>ago|earlier|later|from\s+now|hence|previously)|(?P<dir2>before|after)"
              rf"(?=\s*[,.;:!?)\"”]|\s+(?:and|but)\b|\s*$))", 7),
    _r("now", r"(?P<vague>right\s+now|now|nowadays|currently|at\s+present|these\s+days)", 2),
    _r("anaphor", rf"(?:(?P<when>earlier|later|early|late)\s+)?(?P<near>that|the\s+same|the\s+next|the\s+following|"
                  rf"the\s+previous|the\s+preceding|the\s+prior|the\s+same)\s+(?P<unit>day|morning|afternoon|evening|"
                  rf"night|week|month|year|quarter)", 5),
    _r("anaphor", r"(?P<near2>the\s+(?:day|week|month|year)\s+(?:before|after|previous|earlier|later))"
                  r"(?=\s*[,.;:!?)]|\s+(?:and|but)\b)", 6),
    _r("in_day", r"(?P<when>earlier|later|early|late)\s+in\s+the\s+(?P<unit>day|week|month|year)", 6),
    # "a second consecutive day", "the third straight week": the day (week) the count has reached
    _r("ord_unit", rf"(?:(?:the|a)\s+)?(?P<ord>{ORD})\s+(?:(?:straight|consecutive|successive)\s+)?"
                   rf"(?P<unit>day|week)(?![-\w])", 4),
    _r("part_day", rf"(?:the\s+)?(?:(?P<when>early|late|mid)[-\s]+|mid)?(?P<part>morning|afternoon|evening)", 3),
    _r("year_span", r"the\s+(?:fiscal\s+)?year\s+(?:ended|ending|to|through)", 6),
    _r("the_year", r"the\s+(?P<whole>full|entire|whole)\s+year(?![-\w])|the\s+year(?=\s*[,.;:!?)]|\s+(?:and|but)\b)", 2),
    _r("year_end", r"(?P<yend>year[-\s]end|year['’]s\s+end)", 5),
    _r("the_day", r"(?:the|that|the\s+same)\s+day(?!\s+(?:before|after|since|of|when|to|that|in|on|he|she|they)\b)", 2),
    _r("duration", r"(?P<single>single-day|one-day|intraday|day-long|daylong|week-long|month-long|year-long|"
                   r"hour-long)(?=\s+[a-z])", 2),
    _r("day_rel", r"(?P<rel>overnight)", 2),
]

_RULES_SPANS = [
    _r("unit_rel", r"(?P<near>the\s+same\s+(?:week|month|year|period|quarter))(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?", 4),
    _r("set", rf"(?:every|each)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}|(?P<wd>{WEEKDAY})|{PART}|"
              rf"(?P<mon>{MONTH_FULL}))", 6),
    _r("set", rf"(?:(?:once|twice|\d+\s+times|{NUMBER_WORD_RE}\s+times)\s+(?:a|an|per)|per)\s+(?P<unit>{UNIT_SG})", 6),
    _r("set", r"(?P<rate>\d[\d,.]*\s+)(?:a|an|per)\s+(?P<unit>year|month|week|day|hour)", 5),
    _r("set", r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|annual|fortnightly|nightly|biannual|semiannual)", 2),
    _r("set", rf"(?P<wds>{WEEKDAY})s", 4),
    # "Tuesday nights", "every Thursday evening", and "Monday" in "Monday and Tuesday nights": a weekly part of a day
    _r("set", rf"(?P<wds>{WEEKDAY})\s+(?P<spart>{PART})s\b", 6),
    _r("set", rf"(?:every|each)\s+(?P<wd>{WEEKDAY})\s+(?P<spart>{PART})\b", 7),
    _r("set", rf"(?P<wds>{WEEKDAY})(?=\s+(?:and|or)\s+{WEEKDAY}\s+(?P<spart>{PART})s\b)", 6),
    _r("duration", rf"(?:(?P<lead>the\s+(?:past|last|next|previous|coming|first|following|final|remaining|same|"
                   rf"entire|whole|better\s+part\s+of\s+the)|another|the)\s+)?{APPROX}?(?P<halfof>half\s+(?=an?\s))?"
                   rf"(?P<num>{NUM}){HALF}?(?:\s+(?:to|or|-)\s+(?P<num2>{NUM}))?[-\s]+(?:(?:straight|consecutive|"
                   rf"successive|trading|working|business|full|long|more|further|additional|previous|calendar|"
                   rf"school|fiscal)\s+)?(?P<unit>{UNIT})(?:{HALF}(?![-\w]))?(?P<old>[-\s]+old)?(?:[-\s]+long)?"
                   rf"(?:\s+or\s+so)?", 4),
    _r("duration", r"(?:for|over|in|within|after|spanning|the\s+past|the\s+last)\s+(?:(?:just|only|mere)\s+)?"
                   r"(?P<bare>(?:the\s+)?(?:years|decades|"
                   r"months|weeks|days|hours|minutes|centuries))", 3),
    _r("duration", r"(?P<bare>decades|years|centuries|months|weeks)[-\s]long", 3),
    _r("duration", rf"the\s+(?P<ord>{ORD})\s+(?P<unit>week|month|year)\s+(?:since|of)\s+{EVENT}", 5),
    _r("duration", r"the\s+(?:past|last|previous|next|coming)\s+(?P<few>few|several|couple\s+of)\s+(?P<unit>" + UNIT + ")", 6),
    _r("recent", r"(?P<recent>recent|past|coming|the\s+coming|the\s+past)\s+(?P<unit>days|weeks|months|decades)", 5),
    _r("vague", r"(?P<vague>" + "|".join(sorted((re.escape(v).replace("\\ ", "\\s+") for v in VAGUE_REFERENCES
                                                   if v not in ("now", "right now", "currently", "at present",
                                                                "these days", "nowadays")),
                                                  key=len, reverse=True)) + ")", 1),
]

#: Every rule, in the order ties of length and priority are broken.
RULES: list[Rule] = _RULES_EVENTS + _RULES_CLOCK + _RULES_CALENDAR + _RULES_DEICTIC + _RULES_SPANS


def _first_words() -> frozenset[str]:
    """Every word a time expression can begin with (digits, apostrophes and Q1/H2/FY codes apart)."""
    from ..quantities import UNITS_WORDS
    from .holiday_dates import FIXED, MOVABLE
    from .words import MODS, MONTHS, PARTS, SEASONS, SET_ADVERBS, UNIT_CODES, WEEKDAYS

    structural = """the this that these last next past coming previous following earlier later early late mid
        a an another every each once twice several few many some couple for over in within after spanning
        right now nowadays currently current at until very as recent recently more most future today tonight
        yesterday tomorrow noon midday midnight single one intraday daylong overnight year fiscal fy quarter half
        comparable same corresponding latest prior preceding final first second third fourth decades years months
        weeks centuries days hours minutes century decade twenties thirties forties fifties sixties seventies
        eighties nineties nineteen eighteen two just only barely fully no under up less about around roughly
        approximately nearly almost daily week month hour per period""".split()
    holidays = {k.split()[0].replace("'s", "").replace(".", "") for k in [*FIXED, *MOVABLE]}
    words = {*structural, *MONTHS, *WEEKDAYS, *PARTS, *SEASONS, *SET_ADVERBS, *UNIT_CODES, *UNITS_WORDS,
             *(w.split()[0] for w in MODS), *(w.split()[0] for w in VAGUE_REFERENCES), *ORDINALS, *holidays,
             "valentine", "valentines", "president", "presidents", "st", "martin", "new", "good", "black", "july",
             "independence", "labor", "labour", "veterans", "armistice", "remembrance", "boxing", "bastille",
             "victory", "columbus", "ramadan", "eid", "passover", "pesach", "rosh", "yom", "orthodox", "easter",
             "thanksgiving", "halloween", "christmas", "memorial"}
    return frozenset(w.lower() for w in words)


#: Words an expression may start with: the scan tries the rules only where one of them stands.
FIRST_WORDS = _first_words()
#: One word of the text, split at hyphens and apostrophes for its first part ("mid-July" -> "mid").
WORD = re.compile(r"(?<![\w-])\w+|['’](?=\d)")


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


#: One alternation of every rule (names removed): the definition of where an expression may start,
#: against which the fast word scan is tested.
SCANNER: re.Pattern = re.compile("|".join(f"(?:{_unnamed(r.regex.pattern)})" for r in RULES), re.IGNORECASE)

"""Time values by error kind found in the error analysis of TimeML news (issue 13): one general
phenomenon per test, each with sentences of our own."""

from __future__ import annotations

import pytest

from newsledger.extract.times import resolve_times

PUB = "2023-05-10"  # a Wednesday


def value_of(nlp, text, needle, published=PUB):
    doc = nlp(text) if nlp is not None else None
    times = resolve_times(doc if doc is not None else text, published)
    for t in times:
        assert text[t.span[0]:t.span[1]] == t.text
    hits = [t for t in times if t.text.lower() == needle.lower()] or \
        [t for t in times if needle.lower() in t.text.lower()]
    assert hits, f"{needle!r} not found in {[t.text for t in times]}"
    return hits[0].value


# Tense and direction of underspecified dates: what the parse says about when.
@pytest.mark.parametrize("text, published, needle, value", [
    # a passive infinitive looks ahead like an active one
    ("New rules to be published in early June will ban the boats.", PUB, "early June", "2023-06"),
    # a plan made in the past, for a day near it
    ("Fishermen planned a protest in the harbour on Saturday.", "2023-05-12", "Saturday", "2023-05-13"),
    ("The coroner has scheduled a hearing Thursday to explain the findings.", PUB, "Thursday", "2023-05-11"),
    ("The reopening of the pier was planned for early September.", "2023-08-10", "early September", "2023-09"),
    ("A concert planned at the old mill for Saturday was called off.", "2023-05-14", "Saturday", "2023-05-13"),
    # an infinitival relative after "first", "last", "only" tells what happened
    ("The first two ferries to dock at the new pier on Friday were both late.", "2023-05-13", "Friday", "2023-05-12"),
    ("Among the first boats to reach the island on Friday were two from the mainland.", "2023-05-13", "Friday",
     "2023-05-12"),
    # a bare participle tells what happened, unless it schedules ("the verdict, expected Friday")
    ("Farmers said they would appeal the ruling, issued Tuesday by the board, that the dam must go.", PUB,
     "Tuesday", "2023-05-09"),
    ("The verdict, expected Friday, will be read in the town hall.", PUB, "Friday", "2023-05-12"),
    # "should", "may", "must" look ahead; with "have" they look back
    ("The sale of the quarry should be completed in October.", "2023-06-05", "October", "2023-10"),
    ("The crew may have left the port on Tuesday.", PUB, "Tuesday", "2023-05-09"),
    # a plan in the past perfect ("had been due to") is a plan of the past
    ("The fishing permit had been due to expire Friday evening.", "2023-05-08", "Friday evening", "2023-05-05TEV"),
    ("The fishing permit is due to expire Friday evening.", "2023-05-08", "Friday evening", "2023-05-12TEV"),
    # "the record set on Aug. 6" is a past record, not a schedule
    ("The river peaked at the level set on Aug. 6.", "2023-02-06", "Aug. 6", "2022-08-06"),
    # a past-tense clause prefers the last such day unless the next one is only weeks away
    ("In the season that ended Jan. 31, the resort sold fewer passes.", "2023-10-31", "Jan. 31", "2023-01-31"),
    ("On Tuesday the council extended the consultation to May 19.", PUB, "May 19", "2023-05-19"),
    # the date a decision takes effect lies ahead, whatever the tense of the decision
    ("The guild created a new board, effective Feb. 1.", "2023-10-26", "Feb. 1", "2024-02-01"),
])
def test_tense_and_direction(nlp, text, published, needle, value):
    assert value_of(nlp, text, needle, published) == value


# Granularity and notation: TIMEX3 has no fiscal-year value; the year's end is the year, mod END.
@pytest.mark.parametrize("text, published, needle, type_, value, mod", [
    ("The cooperative lost money in fiscal 2021.", PUB, "fiscal 2021", "DATE", "2021", None),
    ("Orders rose in the latest fiscal year.", PUB, "the latest fiscal year", "DATE", "2022", None),
    ("The port hopes to finish the dredging by year-end.", PUB, "year-end", "DATE", "2023", "END"),
    ("Freight rates have fallen 8% since year-end.", PUB, "year-end", "DATE", "2022", "END"),
    ("The new terminal should be open by year's end.", PUB, "year's end", "DATE", "2023", "END"),
    ("The brewery expects higher sales for the full year.", PUB, "the full year", "DATE", "2023", None),
    ("By the end of 2021 the mill had met half of its target for the year.", PUB, "the year", "DATE", "2021", None),
    ("Exports fell in the first nine months of the year.", PUB, "the year", "DATE", "2023", None),
    ("Atlanta, nineteen ninety-six: the torch arrives.", PUB, "nineteen ninety-six", "DATE", "1996", None),
])
def test_granularity_and_notation(text, published, needle, type_, value, mod):
    t = next(t for t in resolve_times(text, published) if t.text == needle)
    assert (t.type, t.value, t.mod) == (type_, value, mod)


# A count of days or weeks ("for a second consecutive day", "the fourth week in a row") dates the day
# (week) it has reached, not a length of time.
@pytest.mark.parametrize("text, needle, type_, value", [
    ("Ferries were held in port for a second consecutive day.", "a second consecutive day", "DATE", "2023-05-10"),
    ("The strike went on. Dockers walked out on Monday, the third straight day of protests.",
     "the third straight day", "DATE", "2023-05-08"),
    ("Grain prices rose for the fourth week in a row.", "the fourth week", "DATE", "2023-W19"),
])
def test_ordinal_day_is_a_date(text, needle, type_, value):
    t = next(t for t in resolve_times(text, PUB) if t.text == needle)
    assert (t.type, t.value) == (type_, value)


# Titles of programmes and films made of time words are not times; the same words in prose, at the
# start of a sentence or of a quote, and in a title-case headline still are.
@pytest.mark.parametrize("text, needle, kept", [
    ('The harbour master, speaking on the radio show "This Week," said the pier was safe.', "This Week", False),
    ("The skipper told the channel's ''60 Minutes'' that the nets were empty.", "60 Minutes", False),
    ("A poster showed a sheriff from the film ``High Noon'' on the wall of the bar.", "Noon", False),
    ("You are listening to the evening news on Harbour Radio Today.", "Today", False),
    ("Today the council meets to discuss the pier.", "Today", True),
    ('"This week we sail for the islands," the skipper said.', "This week", True),
    ("Ferries Return To The Island This Week\nThe first ferry left the harbour this morning.", "This Week", True),
    ("The deal was agreed by Harbour Co. Recently, analysts have said the port is busy.", "Recently", True),
])
def test_titles_are_not_times(text, needle, kept):
    assert any(t.text == needle for t in resolve_times(text, PUB)) == kept


# "up from $4 million a year ago" compares a figure: it does not move the narrative, so a later "a year
# earlier" still counts from the year under discussion.
@pytest.mark.parametrize("text, needle, value", [
    ("The dairy expects a better year in 2023. Profit rose to $5 million, up from $4 million a year ago. "
     "Costs were higher compared with a year earlier.", "a year earlier", "2022"),
    ("A year ago the dairy was closed. A year earlier it had been sold.", "A year earlier", "2021"),
])
def test_comparison_does_not_move_narrative(text, needle, value):
    assert value_of(None, text, needle) == value


# A bare plural unit after "in just", "within only", "for mere" is a vague duration like "in minutes".
@pytest.mark.parametrize("text, needle, value", [
    ("The index fell 100 points in just minutes.", "minutes", "PTXM"),
    ("The ferry service may end within only weeks.", "weeks", "PXW"),
    ("The quarry sat idle for mere months.", "months", "PXM"),
])
def test_bare_duration_after_adverb(text, needle, value):
    assert value_of(None, text, needle) == value


@pytest.mark.parametrize("text, absent", [
    ("She was named sailor of the year, the club said.", "the year"),
    ("The club counted nineteen ninety-six boats.", "nineteen ninety-six"),
])
def test_not_a_year(text, absent):
    assert all(t.text != absent for t in resolve_times(text, PUB))


# Earnings reports: "the latest period", "the year-earlier period", "last year's quarter" are the
# quarter under discussion (a year back where the words say so), not the year; a day named inside the
# quarter ("ended March 31") does not replace it.
_REPORT = "The dairy's profit fell 10% in the quarter ended March 31, its chairman said. "


@pytest.mark.parametrize("text, needle, value", [
    (_REPORT + "The latest period included a gain on a land sale.", "The latest period", "2023-Q1"),
    (_REPORT + "Sales rose 5% from the corresponding period last year.", "the corresponding period last year",
     "2022-Q1"),
    (_REPORT + "In the year-earlier period, the dairy lost money.", "the year-earlier period", "2022-Q1"),
    (_REPORT + "Cheese sales for last year's quarter were $3 million.", "last year's quarter", "2022-Q1"),
    (_REPORT + "The year-ago results included a one-time charge.", "year-ago", "2022-Q1"),
])
def test_period_under_discussion(nlp, text, needle, value):
    assert value_of(nlp, text, needle, "2023-05-08") == value


# A past-tense clause naming the month right after publication for a thing (a noun: "a cutback in
# September", "September deliveries") reports a plan: that month, not the one eleven months back. What
# the verb did ("fell in September"), "since September", "last September" and months further ahead stay
# in the past.
@pytest.mark.parametrize("text, needle, value", [
    ("The refinery was warned of a sharp cutback in its crude supply in September.", "September", "2023-09"),
    ("Traders placed orders for September deliveries.", "September", "2023-09"),
    ("Sales fell in September.", "September", "2022-09"),
    ("Markets had their best week since September.", "September", "2022-09"),
    ("The ferry line said it stopped the night crossings last September.", "last September", "2022-09"),
    ("The mill changed its accounting year in December.", "December", "2022-12"),
    ("The mill changed its accounting year in March.", "March", "2023-03"),
])
def test_past_tense_next_month(nlp, text, needle, value):
    assert value_of(nlp, text, needle, "2023-08-16") == value


# A clock time or part of a day told in the past, with no day of its own, is on the day the narrative
# is at; told of what is ahead, on publication's day.
@pytest.mark.parametrize("text, needle, value", [
    ("The storm reached the harbour on Monday, fishermen said. The first boat sank at 10 p.m.", "10 p.m.",
     "2023-05-08T22:00"),
    ("The storm reached the harbour on Monday. The council will meet at 10 a.m. to discuss repairs.", "10 a.m.",
     "2023-05-10T10:00"),
    ("Grain prices slid on Monday. Millers bought heavily in the morning, then sold later in the day.",
     "the morning", "2023-05-08TMO"),
    ("Grain prices slid on Monday. Millers bought heavily in the morning, then sold later in the day.",
     "later in the day", "2023-05-08"),
    ("Grain prices slid on Monday. The millers will meet in the morning.", "the morning", "2023-05-10TMO"),
])
def test_clock_time_on_narrative_day(nlp, text, needle, value):
    assert value_of(nlp, text, needle) == value


# "the full year" is the year reported on: a deadline still ahead ("by 2030") just before is a target,
# not that year; a past year named just before is ("by the end of 2021 ... for the year").
@pytest.mark.parametrize("text, value", [
    ("Until recently, the mill told its buyers that by 2030 it meant to double its output. Its chairman "
     "forecast higher profit for the full year.", "2023"),
    ("By the end of 2021 the charity had raised half the money it needed for the full year.", "2021"),
    ("The mill doubled its output in 2021. Its chairman said profit for the full year rose 5%.", "2021"),
])
def test_full_year_not_a_target(nlp, text, value):
    assert value_of(nlp, text, "the full year") == value


# A quarter told "latest", "recent" or "past" has ended by publication: a quarter named before it but
# still ahead (a forecast charge) is not the one meant; with none named it is the last one ended.
@pytest.mark.parametrize("text, needle, value", [
    ("The floods will mean a fourth-quarter charge, the insurer said. Its earnings fell in the latest "
     "quarter.", "the latest quarter", "2023-Q3"),
    ("The ferry line's revenue rose 12% in the latest period.", "the latest period", "2023-Q3"),
    ("The dairy's third-quarter profit fell. In the latest quarter, cheese sales rose.", "the latest quarter",
     "2023-Q3"),
])
def test_latest_quarter_has_ended(nlp, text, needle, value):
    assert value_of(nlp, text, needle, "2023-11-02") == value


# "the quarter ended <day>" is the three months up to that day, as the calendar quarter most of them
# fall in; a quarter named before keeps its own (fiscal) number.
@pytest.mark.parametrize("text, published, value", [
    ("In the quarter ended July 31, the bakery chain lost money.", "2023-10-02", "2023-Q2"),
    ("In the quarter ended Sept. 30, the ferry line carried more cars.", "2023-10-20", "2023-Q3"),
    ("In the quarter ended Jan. 31, the ski resort sold fewer passes.", "2023-05-08", "2022-Q4"),
    ("Results for the quarter ending Jan. 31 are due in March.", "2023-10-02", "2023-Q4"),
    ("The mill's fiscal first quarter was weak. In the quarter ended Sept. 29, sales fell.", "2023-10-20",
     "2023-Q1"),
])
def test_quarter_named_by_its_end(nlp, text, published, value):
    assert value_of(nlp, text, "the quarter", published) == value


# A present tag on a verb whose past is spelt the same, or on a bare verb beside a singular subject,
# says nothing of when: the weekday is the one just past. A weekday's possessive names a past event
# unless the coming one is clearly nearer.
@pytest.mark.parametrize("text, published, value", [
    ("Cheap imports hurt the mill on Tuesday, its owner said.", PUB, "2023-05-09"),
    ("Falling orders hurt the index, which slid two percent on Friday.", PUB, "2023-05-05"),
    ("The notes convert at a premium over Thursday's closing price.", "2023-05-08", "2023-05-04"),
    ("Voters await Saturday's count.", "2023-05-11", "2023-05-13"),
    ("The council meets Friday.", PUB, "2023-05-12"),
])
def test_bare_present_forms_and_weekday_possessives(nlp, text, published, value):
    needle = next(d for d in ("Tuesday", "Friday", "Thursday", "Saturday") if d in text)
    assert value_of(nlp, text, needle, published) == value


# "the fiscal year" with no year of its own is the current one (named, like "fiscal 1989", by its
# year); "the fiscal year ended March 31" stays a span of a year.
@pytest.mark.parametrize("text, needle, value", [
    ("The truck maker said the loss will mean lower earnings for the fiscal year.", "the fiscal year", "2023"),
    ("This fiscal year the ferry line expects a loss.", "This fiscal year", "2023"),
    ("The previous fiscal year was the mill's best.", "The previous fiscal year", "2022"),
    ("Earnings for the fiscal year ended March 31 fell.", "the fiscal year ended", "P1Y"),
])
def test_fiscal_year_without_a_year(text, needle, value):
    assert value_of(None, text, needle, "2023-11-02") == value


# "overnight" in a story told of a day is the night before that day; "one day" as an adverb of a clause
# still ahead is some day to come, not a day's length.
@pytest.mark.parametrize("text, needle, value", [
    ("Grain prices slid on Monday.\n\nTraders were rattled by overnight losses in Chicago.", "overnight",
     "2023-05-07TNI"),
    ("Power came back overnight, the utility said.", "overnight", "2023-05-09TNI"),
    ("The old quarry will one day be a lake.", "one day", "FUTURE_REF"),
    ("One day the town may build a second bridge.", "One day", "FUTURE_REF"),
    ("The index fell 5% in one day.", "one day", "P1D"),
    ("The new ferry will sail for one day only.", "one day", "P1D"),
])
def test_overnight_and_some_day(nlp, text, needle, value):
    assert value_of(nlp, text, needle) == value

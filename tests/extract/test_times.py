"""Time expressions: detection, TIMEX3 type and value, per kind (our own sentences)."""

from __future__ import annotations

import pytest

from newsledger.extract.times import event_key, resolve_times

PUB = "2023-05-10"  # a Wednesday


def find(text, published=PUB, known=None, doc=None):
    return resolve_times(doc if doc is not None else text, published, known)


def one(text, needle, published=PUB, known=None):
    times = find(text, published, known)
    for t in times:
        assert text[t.span[0]:t.span[1]] == t.text
    hits = [t for t in times if needle.lower() in t.text.lower()]
    assert hits, f"{needle!r} not found in {[t.text for t in times]}"
    return hits[0]


@pytest.mark.parametrize(
    "text, needle, type_, value",
    [
        # explicit dates, with and without year
        ("The ferry sank on 3 March 2021 near the cape.", "3 March 2021", "DATE", "2021-03-03"),
        ("The bakery reopened on June 7th, 2019.", "June 7th, 2019", "DATE", "2019-06-07"),
        ("The orchard was sold on April 20.", "April 20", "DATE", "2023-04-20"),
        ("The auction will be held on June 2.", "June 2", "DATE", "2023-06-02"),
        ("The fair closed on Friday, May 5.", "Friday, May 5", "DATE", "2023-05-05"),
        ("The report is dated 2022-11-30.", "2022-11-30", "DATE", "2022-11-30"),
        ("The dam was finished in 1987.", "1987", "DATE", "1987"),
        ("Sales fell in February.", "February", "DATE", "2023-02"),
        ("The harvest was poor in October 2020.", "October 2020", "DATE", "2020-10"),
        ("Profits rose in the third quarter of 2022.", "third quarter of 2022", "DATE", "2022-Q3"),
        ("Music of the 1970s filled the hall.", "1970s", "DATE", "197"),
        # weekdays and tense
        ("The mayor resigned on Monday.", "Monday", "DATE", "2023-05-08"),
        ("The council will vote on Monday.", "Monday", "DATE", "2023-05-15"),
        ("Walkers met last Thursday.", "last Thursday", "DATE", "2023-05-04"),
        ("The market opens next Tuesday.", "next Tuesday", "DATE", "2023-05-16"),
        # today & co, parts of day
        ("Today the river is calm.", "Today", "DATE", "2023-05-10"),
        ("The lighthouse keeper retired yesterday.", "yesterday", "DATE", "2023-05-09"),
        ("The pier reopens tomorrow.", "tomorrow", "DATE", "2023-05-11"),
        ("Fog lifted this morning over the bay.", "this morning", "TIME", "2023-05-10TMO"),
        ("A storm hit the coast tonight.", "tonight", "TIME", "2023-05-10TNI"),
        ("Shots were heard last night.", "last night", "TIME", "2023-05-09TNI"),
        ("The ferry left yesterday afternoon.", "yesterday afternoon", "TIME", "2023-05-09TAF"),
        ("The gates closed on Sunday evening.", "Sunday evening", "TIME", "2023-05-07TEV"),
        # relative periods
        ("The choir sang six days ago.", "six days ago", "DATE", "2023-05-04"),
        ("The bridge opened two weeks ago.", "two weeks ago", "DATE", "2023-04-26"),
        ("The firm moved three years ago.", "three years ago", "DATE", "2020"),
        ("The zoo bought a camel last week.", "last week", "DATE", "2023-W18"),
        ("Traffic was heavy this week.", "this week", "DATE", "2023-W19"),
        ("Rain fell earlier this month.", "earlier this month", "DATE", "2023-05"),
        ("Rents rose last month.", "last month", "DATE", "2023-04"),
        ("The school opens next year.", "next year", "DATE", "2024"),
        ("The club was founded last year.", "last year", "DATE", "2022"),
        ("The lake froze last winter.", "last winter", "DATE", "2022-WI"),
        # clock times
        ("The train left at 14:30 GMT.", "14:30", "TIME", "2023-05-10T14:30Z"),
        ("The shop shuts at 6 p.m. today.", "6 p.m.", "TIME", "2023-05-10T18:00"),
        # durations
        ("The strike lasted five days.", "five days", "DURATION", "P5D"),
        ("She served 12 years on the board.", "12 years", "DURATION", "P12Y"),
        ("A two-week festival began.", "two-week", "DURATION", "P2W"),
        ("The talks went on for three hours.", "three hours", "DURATION", "PT3H"),
        ("He waited two and a half years.", "two and a half years", "DURATION", "P2.5Y"),
        ("The siege lasted several months.", "several months", "DURATION", "PXM"),
        ("Costs doubled over the past decade.", "the past decade", "DURATION", "P10Y"),
        # sets
        ("The ferry sails every week.", "every week", "SET", "P1W"),
        ("Nurses check the ward twice a day.", "twice a day", "SET", "P1D"),
        ("The gazette is published weekly.", "weekly", "SET", "P1W"),
        ("The market is held every Saturday.", "every Saturday", "SET", "XXXX-WXX-6"),
    ],
)
def test_kinds(text, needle, type_, value):
    t = one(text, needle)
    assert (t.type, t.value) == (type_, value), t


@pytest.mark.parametrize(
    "text, needle, value",
    [
        ("The choir sang six days ago.", "six days ago", "XXXX-XX-XX"),
        ("The zoo bought a camel last week.", "last week", "XXXX-WXX"),
        ("Rents rose last month.", "last month", "XXXX-XX"),
        ("The club was founded last year.", "last year", "XXXX"),
        ("Today the river is calm.", "Today", "XXXX-XX-XX"),
        ("The mayor resigned on Monday.", "Monday", "XXXX-WXX-1"),
        ("The orchard was sold on April 20.", "April 20", "XXXX-04-20"),
        ("Fog lifted this morning over the bay.", "this morning", "XXXX-XX-XXTMO"),
    ],
)
def test_unresolved_without_publication_date(text, needle, value):
    t = one(text, needle, published=None)
    assert t.value == value
    assert t.anchor == "published:unknown"


@pytest.mark.parametrize("text, needle, value", [
    ("The ferry sank on 3 March 2021 near the cape.", "3 March 2021", "2021-03-03"),
    ("The dam was finished in 1987.", "1987", "1987"),
    ("The strike lasted five days.", "five days", "P5D"),
])
def test_absolute_and_durations_need_no_publication_date(text, needle, value):
    assert one(text, needle, published=None).value == value


def test_anchor_names_publication():
    assert one("Rents rose last month.", "last month").anchor == "published:2023-05-10"


def test_ordinal_day_fixes_event_and_anchors_the_day_before():
    text = ("Today marks the ninth day since the floods began. "
            "Residents said the levee cracked the day before the floods began.")
    times = find(text)
    by_text = {t.text: t for t in times}
    assert by_text["Today"].value == "2023-05-10"
    assert by_text["the ninth day since the floods began"].value == "2023-05-10"
    assert by_text["the day before the floods began"].value == "2023-05-01"
    assert by_text["the day before the floods began"].anchor == "event:the floods began"


def test_ago_with_since_dates_the_event():
    text = "Since the blockade started nine days ago, 40 ships have waited. The port shut the day after the blockade."
    t = one(text, "the day after the blockade")
    assert t.value == "2023-05-02"


def test_unknown_event_is_unresolved_but_named():
    t = one("The dog barked the day before the eclipse.", "the day before the eclipse")
    assert t.value == "XXXX-XX-XX"
    assert t.anchor == "event:the eclipse"


def test_known_events_are_used():
    t = one("The dog barked the day before the eclipse.", "the day before the eclipse",
            known={"eclipse": "2023-04-20"})
    assert t.value == "2023-04-19"


def test_ordinal_week_is_a_duration():
    t = one("As the second week since the strike began ends, talks resume.", "second week")
    assert (t.type, t.value) == ("DURATION", "P2W")


def test_event_key_groups_invasion_wordings():
    assert event_key("Russia invaded Ukraine") == event_key("the invasion commenced") == "invasion"
    assert event_key("the election") == "election"


def test_boilerplate_is_skipped():
    text = "Subscribe today for news.\nThe fair opened on Monday."
    times = resolve_times(text, PUB, boilerplate=[(0, 25)])
    assert [t.text for t in times] == ["on Monday"]


@pytest.mark.parametrize("text", [
    "Shares rose 2.36 % on the day.",
    "The Model 2000 Index was flat.",
    "The town has 1500 residents.",
])
def test_not_times(text):
    assert all(t.type != "TIME" for t in find(text)) and all(t.text not in ("2000", "1500") for t in find(text))


def test_ids_are_sequential():
    times = find("On Monday and on Tuesday, and yesterday.")
    assert [t.id for t in times] == ["t1", "t2", "t3"]


def test_component_with_parsed_doc(nlp):
    doc = nlp.make_doc("x")
    assert doc is not None
    from newsledger.extract.pipeline import doc_for
    from newsledger.ingest.article import make_article

    art = make_article("The committee will meet on Friday. It met on Friday last year too.", source="t.txt",
                       metadata={"published": PUB})
    doc = nlp(doc_for(nlp, art))
    values = [t.value for t in doc._.nl_times]
    assert values[0] == "2023-05-12"  # future tense → the coming Friday
    assert [s.text for s in doc.spans["times"]][0] == "on Friday"

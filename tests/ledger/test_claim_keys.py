"""What identifies a claim across articles (newsledger.ledger.claim_keys): what it counts, its wording, its day,
its side, its figure's bounds; pure functions of one hand-built record."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.ledger.claim_keys import (NO_END, claim_day, claim_key, claim_place, claim_side, count_words,
                                          describe_key, figure_bounds, wording)
from newsledger.records import Claim, ClaimSource, Entity, Event, Mention, Quantity, Record, TimeExpr


def record(text: str, claim_text: str, *, quantity=None, entities=(), events=(), times=(), time=None, source=None,
           published="2024-05-03", publisher="Kestrian Wire") -> tuple[Claim, Record]:
    start = text.index(claim_text)
    claim = Claim(id="c1", text=claim_text, span=(start, start + len(claim_text)), status="claimed", time=time,
                  source=ClaimSource(name=source) if source else None, quantity=quantity)
    rec = Record(id="a1", source="a1.txt", text=text, published=published, publisher=publisher, claims=[claim],
                 entities=list(entities), events=list(events), times=list(times))
    return claim, rec


def figure(text: str, number: str, counts: str, bound: str = "exact", high=None, unit=None) -> Quantity:
    start = text.index(number)
    return Quantity(value=float(number.split()[-1].replace(",", "")), text=number, counts=counts, bound=bound,
                    high=high, unit=unit, span=(start, start + len(number)))


def entity(text: str, name: str, etype: str) -> Entity:
    start = text.index(name)
    return Entity(id="e1", name=name, type=etype, mentions=[Mention(text=name, span=(start, start + len(name)))])


@pytest.mark.parametrize("counts,place,words", [
    ("civilians killed", None, ["civilian", "killed"]),
    ("people died", None, ["people", "killed"]),  # died, dead, killed: one death toll
    ("Tarvik residents", "tarvik", ["resident"]),  # the place is where, not what
    ("casualties", None, ["casualty"]),
    ("children injured", None, ["child", "wounded"]),
    ("missiles struck", None, ["missile", "struck"]),
    ("grass", None, ["grass"]),  # a double s is no plural
    ("them hit", None, ["hit"]),  # small words say nothing of what
])
def test_what_a_figure_counts(counts, place, words):
    assert count_words(counts, place) == words


@pytest.mark.parametrize("a,b,same", [
    ("The talks in Selgrad had collapsed", "the talks in Selgrad had collapsed.", True),
    ("The talks in Selgrad had collapsed", "Talks had collapsed in Selgrad", True),  # order and small words
    ("The talks in Selgrad had collapsed", "The talks in Brenik had collapsed", False),
    ("Drones struck the grain terminal", "A drone struck the grain terminals", True),  # plurals
])
def test_wording_compares_content_words(a, b, same):
    assert (wording(a) == wording(b)) is same


TEXT = "The ministry said 41 civilians were killed in Tarvik on Thursday when missiles struck. Officials agreed."


@pytest.mark.parametrize("kind,expected", [
    ("event", "f:civilian killed||tarvik"),  # the place of the event the figure belongs to
    ("locative", "f:civilian killed||tarvik"),  # a name after "in" the article names (the tagger called it an ORG)
    ("mention", "f:civilian killed||tarvik"),  # a place mentioned inside the claim
    ("none", "f:civilian killed||"),
])
def test_the_key_of_a_figure_names_what_unit_and_place(kind, expected):
    claim_text = "41 civilians were killed in Tarvik on Thursday"
    q = figure(TEXT, "41", "civilians killed")
    entities = {"locative": [entity(TEXT, "Tarvik", "ORG")], "mention": [entity(TEXT, "Tarvik", "GPE")]}.get(kind, [])
    events = [Event(id="v1", text=claim_text, span=(TEXT.index(claim_text), TEXT.index(claim_text) + len(claim_text)),
                    type="casualties", place="Tarvik")] if kind == "event" else []
    claim, rec = record(TEXT, claim_text, quantity=q, entities=entities, events=events)
    assert claim_key(claim, rec) == expected


def test_units_and_unkeyed_claims():
    text = "The fund said $40m was lost. He said so. Officials said 12 were seen. The bridge over the Serin was closed."
    claim, rec = record(text, "$40m was lost", quantity=figure(text, "40", "money lost", unit="USD"))
    assert claim_key(claim, rec) == "f:money lost|USD|"
    assert describe_key("f:money lost|USD|") == {"kind": "figure", "what": "money lost", "unit": "USD", "place": None}
    claim, rec = record(text, "He said so")
    assert claim_key(claim, rec) is None  # too few words to compare
    claim, rec = record(text, "12 were seen", quantity=figure(text, "12", None))
    assert claim_key(claim, rec) is None  # nothing said of what it counts
    claim, rec = record(text, "12 were seen", quantity=figure(text, "12", "people"))
    assert claim_key(claim, rec) is None  # one word, no place: which people?
    claim, rec = record(text, "The bridge over the Serin was closed")
    assert claim_key(claim, rec).startswith("t:") and describe_key(claim_key(claim, rec))["kind"] == "wording"


@pytest.mark.parametrize("value,published,expected", [
    ("2024-05-02", "2024-05-03", "2024-05-02"),  # its own day
    ("2024-04-30TNI", "2024-05-03", "2024-04-30"),  # a time of day on its day
    ("2024-05-12", "2024-05-10", "2024-05-10"),  # announced for later: the figure holds when published
    ("2024-W18", "2024-05-03", "2024-05-03"),  # a week is no day
    (None, "2024-05-03", "2024-05-03"),
    (None, None, None),
])
def test_the_day_of_a_claim(value, published, expected):
    times = [TimeExpr(id="t1", text="then", span=(0, 3), type="DATE", value=value)] if value else []
    claim, rec = record(TEXT, "41 civilians were killed", times=times, time="t1" if value else None,
                        published=published)
    day = claim_day(claim, rec)
    assert (dt.date.fromordinal(day).isoformat() if day else None) == expected


@pytest.mark.parametrize("a,b,same", [
    ("Kestria's health ministry", "the Kestrian health ministry", True),
    ("Kestrian Ministry of Health", "Kestria's health ministry", True),
    ("Kestrian Ministry of Health", "Orvalian Ministry of Defence", False),
])
def test_sides_are_sources_by_their_organisation_words(a, b, same):
    sides = [claim_side(*record(TEXT, "41 civilians were killed", source=s)) for s in (a, b)]
    assert (sides[0] == sides[1]) is same


def test_the_article_itself_is_its_outlets_side():
    claim, rec = record(TEXT, "41 civilians were killed")
    assert claim_side(claim, rec) == "p:kestrian wire"
    claim, rec = record(TEXT, "41 civilians were killed", publisher=None)
    assert claim_side(claim, rec) == "a:a1"


@pytest.mark.parametrize("bound,high,expected", [
    ("exact", None, (41.0, 41.0)),
    ("approximate", None, (41.0 * 0.9, 41.0 * 1.1)),
    ("lower", None, (41.0, NO_END)),
    ("upper", None, (-NO_END, 41.0)),
    ("exact", 50.0, (41.0, 50.0)),
])
def test_figure_bounds(bound, high, expected):
    low, top = figure_bounds(Quantity(value=41.0, bound=bound, high=high))
    assert (low, top) == pytest.approx(expected)
    assert figure_bounds(None) == (None, None)


def test_place_after_a_preposition_must_be_named_by_the_article():
    claim, rec = record(TEXT, "41 civilians were killed in Tarvik on Thursday")
    assert claim_place(claim, rec) is None  # "Tarvik" is no entity of this article: a capital is not enough

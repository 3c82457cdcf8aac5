"""Event mentions: the trigger's sense read off the parse, keys by type and participants."""

from __future__ import annotations

import pytest

from newsledger.extract import build_pipeline
from newsledger.extract.pipeline import extract_records
from newsledger.extract.times import same_event
from newsledger.extract.times.anchors import EventKey
from newsledger.ingest.article import make_article


@pytest.fixture(scope="module")
def events_of():
    nlp = build_pipeline()

    def run(text: str):
        (record,) = extract_records([make_article(text, "mem", metadata={"published": "2024-06-03"})], nlp)
        for e in record.events:
            assert record.text[e.span[0]:e.span[1]] == e.text
            assert record.text[e.trigger.span[0]:e.trigger.span[1]] == e.trigger.text
        return [(e.type, e.trigger.text) for e in record.events]

    return run


@pytest.mark.parametrize("text, release", [
    ("The militia released three hostages on Sunday.", True),
    ("Two fishermen were released from custody after a week.", True),
    ("The kidnappers freed the aid workers near the border.", True),
    ("Both sides agreed on a prisoner exchange at the crossing.", True),
    ("The candidate released his tax returns on Friday.", False),
    ("The ministry released a report on the harvest.", False),
    ("The hold on the military aid was released in September.", False),
    ("The funds released last week reached the schools.", False),
    ("Shares fell on the stock exchange in the afternoon.", False),
    ("The two units exchanged fire overnight.", False),
])
def test_a_release_is_of_people_held(events_of, text, release):
    assert (any(etype == "release" for etype, _ in events_of(text))) is release


def test_two_different_kinds_of_event_with_the_same_actors_are_not_one():
    assert not same_event(EventKey("attack", "army", "town", kind="attack"), EventKey("evacuat", "army", "town",
                                                                                         kind="evacuation"))
    assert same_event(EventKey("besieg", "rome", "veii"), EventKey("encircl", "rome", "veii"))
    assert same_event("the evacuation", "crews evacuated the town")

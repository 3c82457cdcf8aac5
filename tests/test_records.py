"""Records: one JSON form each, round trips, span checks."""

from __future__ import annotations

import json

import pytest

from newsledger.records import (
    Boilerplate, Claim, ClaimSource, Cue, Entity, Event, Evidence, Mention, PipelineInfo, Quantity, Quote,
    Record, Speaker, TimeExpr, check_spans,
)

TEXT = "Advert\nThe ministry said: 'As many as 40 drones were shot down on Tuesday.'"


def full_record() -> Record:
    q0 = TEXT.index("As many")
    q1 = TEXT.index("'", q0)
    tue = TEXT.index("Tuesday")
    return Record(
        id="abc", source="mem", text=TEXT, published="2024-05-02", published_from="option",
        boilerplate=[Boilerplate(kind="advert", text="Advert", span=(0, 6))],
        quotes=[Quote(id="q1", kind="direct", text=TEXT[q0:q1], span=(q0, q1),
                      speaker=Speaker(name="ministry", mention="The ministry", span=(7, 19)),
                      cue=Cue(text="said", span=(20, 24)))],
        claims=[Claim(id="c1", text=TEXT[q0:q1 - 1], span=(q0, q1 - 1), status="claimed",
                      source=ClaimSource(name="ministry", quote="q1"),
                      quantity=Quantity(value=40, text="As many as 40", counts="drones shot down", bound="upper"),
                      time="t1", status_evidence=Evidence(text="said", span=(20, 24)))],
        times=[TimeExpr(id="t1", text="Tuesday", span=(tue, tue + 7), type="DATE", value="2024-04-30")],
        entities=[Entity(id="e1", name="ministry", type="ORG", mentions=[Mention(text="The ministry", span=(7, 19))])],
        events=[Event(id="v1", text="shot down", span=(TEXT.index("shot"), TEXT.index("shot") + 9), type="attack")],
        pipeline=PipelineInfo(version="0", model="m"),
    )


def test_round_trip_through_json():
    record = full_record()
    again = Record.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record
    assert isinstance(again.quotes[0].speaker, Speaker)
    assert again.quotes[0].span == record.quotes[0].span


def test_spans_are_lists_in_json():
    data = full_record().to_dict()
    assert data["quotes"][0]["span"] == list(data["quotes"][0]["span"])
    assert isinstance(data["quotes"][0]["span"], list)


def test_check_spans_accepts_exact_slices():
    assert check_spans(full_record()) == []


def test_check_spans_reports_a_wrong_slice():
    record = full_record()
    record.times[0].span = (0, 7)
    problems = check_spans(record)
    assert len(problems) == 1 and "TimeExpr" in problems[0]


def test_check_spans_covers_speaker_mentions():
    record = full_record()
    record.quotes[0].speaker.span = (8, 19)
    assert any("Speaker" in p for p in check_spans(record))


def test_unknown_keys_are_ignored_on_read():
    data = full_record().to_dict()
    data["future_field"] = 1
    assert Record.from_dict(data).id == "abc"


@pytest.mark.parametrize("cls", [Quote, Claim, TimeExpr, Entity, Event])
def test_every_item_type_has_id_text_and_span(cls):
    import dataclasses

    names = {f.name for f in dataclasses.fields(cls)}
    assert {"id", "text"} <= names or {"id", "name"} <= names


def test_claim_json_from_before_issue_11_still_loads():
    old = {"id": "c1", "text": "up to 120 boats sank", "span": [4, 24], "status": "unverified",
           "source": {"name": "coast guard", "mention": "The coast guard", "span": [0, 15]},
           "quantity": {"value": 120, "text": "up to 120", "unit": None, "counts": "boats", "bound": "upper"},
           "status_evidence": {"text": "These numbers have not been verified", "span": [26, 62]}}
    claim = Claim.from_dict(old)
    assert claim.quantity.high is None and claim.quantity.span is None
    assert claim.status_evidence.source is None and claim.status_evidence.link is None
    assert Claim.from_dict(claim.to_dict()) == claim


def test_claim_evidence_source_refers_and_range_round_trip():
    text = "Officials said 70,000-80,000 fled. These figures could not be verified by the UN."
    claim = Claim(
        id="c1", text="70,000-80,000 fled", span=(15, 33), status="unverified",
        quantity=Quantity(value=70_000, high=80_000, text="70,000-80,000", span=(15, 28), bound="lower"),
        status_evidence=Evidence(text="These figures could not be verified by the UN", span=(35, 80),
                                 source=ClaimSource(name="United Nations", mention="the UN", span=(74, 80)),
                                 refers=Mention(text="These figures", span=(35, 48)),
                                 link="'These figures' refers to 1 claim(s) of this paragraph"))
    record = Record(id="r", source="s", text=text, claims=[claim])
    assert check_spans(record) == []
    assert Record.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    assert Quantity.from_dict({"value": 3, "bound": "approx"}).bound == "approximate"  # the gold sets' spelling

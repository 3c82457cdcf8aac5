"""Property: any record whose spans slice its text survives the JSON round trip unchanged, and check_spans
finds exactly the spans that do not slice (issue 15, Deliver 4: the record round-trip)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.records import (
    Claim, ClaimSource, Cue, Entity, Event, Evidence, Mention, PipelineInfo, Quantity, Quote, Record, Speaker,
    TimeExpr, check_spans,
)

UNICODE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)


@st.composite
def spans(draw, text: str):
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, len(text)))
    return a, b


@st.composite
def records(draw):
    text = draw(UNICODE)

    def piece():
        a, b = draw(spans(text))
        return text[a:b], (a, b)

    quotes, claims, times, entities, events = [], [], [], [], []
    for i in range(draw(st.integers(0, 3))):
        t, s = piece()
        m, ms = piece()
        c, cs = piece()
        quotes.append(Quote(id=f"q{i + 1}", kind=draw(st.sampled_from(["direct", "mixed", "indirect"])), text=t, span=s,
                            speaker=Speaker(name=draw(st.text(max_size=10)), mention=m, span=ms, entity=None),
                            cue=Cue(text=c, span=cs), confidence=draw(st.floats(0, 1)),
                            unclosed=draw(st.booleans())))
    for i in range(draw(st.integers(0, 2))):
        t, s = piece()
        e, es = piece()
        claims.append(Claim(id=f"c{i + 1}", text=t, span=s, status="unverified",
                            source=ClaimSource(name="x", quote=quotes[0].id if quotes else None),
                            quantity=Quantity(value=draw(st.floats(allow_nan=False, allow_infinity=False)), text=t),
                            status_evidence=Evidence(text=e, span=es)))
    for i in range(draw(st.integers(0, 2))):
        t, s = piece()
        times.append(TimeExpr(id=f"t{i + 1}", text=t, span=s, type="DATE", value=draw(st.none() | st.text(max_size=10))))
    for i in range(draw(st.integers(0, 2))):
        t, s = piece()
        entities.append(Entity(id=f"e{i + 1}", name=t or "x", type="PERSON", aliases=draw(st.lists(st.text(max_size=5))),
                               mentions=[Mention(text=t, span=s)]))
        v, vs = piece()
        events.append(Event(id=f"v{i + 1}", text=v, span=vs, type="talks", trigger=Mention(text=v, span=vs),
                            participants=draw(st.lists(st.text(max_size=5), max_size=2))))
    return Record(id="r", source=draw(st.text(max_size=20)), text=text, published=draw(st.none() | st.just("2024-05-01")),
                  quotes=quotes, claims=claims, times=times, entities=entities, events=events,
                  pipeline=PipelineInfo(version="t", model="m"))


@settings(max_examples=300, deadline=None)
@given(records())
def test_round_trip_keeps_everything_and_spans_slice(record):
    assert check_spans(record) == []
    again = Record.from_dict(json.loads(json.dumps(record.to_dict(), ensure_ascii=False)))
    assert again == record and again.to_dict() == record.to_dict()
    assert check_spans(again) == []


@settings(max_examples=200, deadline=None)
@given(records(), st.integers(1, 5))
def test_a_shifted_span_is_reported(record, shift):
    items = [q for q in record.quotes if q.text] + [t for t in record.times if t.text]
    if not items:
        return
    item = items[0]
    a, b = item.span
    if b + shift > len(record.text) or record.text[a + shift:b + shift] == item.text:
        return
    item.span = (a + shift, b + shift)
    assert len(check_spans(record)) >= 1

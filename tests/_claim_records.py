"""Hand-built claim records for the claim ledger's tests (no NLP): one figure claim per article, with its place
named as an entity, and a writer that stores them as ``newsledger ingest`` does."""

from __future__ import annotations

import datetime as dt

from newsledger.records import Claim, ClaimSource, Entity, Mention, PipelineInfo, Quantity, Record
from newsledger.scale.dump import dump_store
from newsledger.scale.writer import BatchWriter
from newsledger.store import open_store

DAY0 = dt.date(2024, 5, 1)
BOUNDS = {"exact": "", "upper": "no more than ", "lower": "at least ", "approximate": "about "}


def report(n: int, day: int, value: int, *, source: str = "Kestrian health ministry", counts: str = "civilians killed",
           place: str = "Tarvik", bound: str = "exact", high=None, publisher: str = "Kestrian Wire") -> Record:
    """Article ``n``, published on day ``day``: ``source`` said ``value`` ``counts`` in ``place``."""
    figure = BOUNDS[bound] + f"{value:,}" + (f" to {high:,}" if high else "")
    claim_text = f"{figure} {counts}" + (f" in {place}" if place else "")
    text = f"Report {n}. The {source} said {claim_text}."
    start = text.index(claim_text)
    entities = [Entity(id="e1", name=place, type="GPE",
                       mentions=[Mention(text=place, span=(text.rindex(place), text.rindex(place) + len(place)))])] \
        if place else []
    q = Quantity(value=float(value), text=figure, counts=counts, bound=bound, high=float(high) if high else None,
                 span=(start, start + len(figure)))
    claim = Claim(id="c1", text=claim_text, span=(start, start + len(claim_text)), status="claimed",
                  source=ClaimSource(name=source), quantity=q)
    return Record(id=f"art{n:04d}", source=f"{n}.txt", text=text, published=(DAY0 + dt.timedelta(days=day)).isoformat(),
                  publisher=publisher, claims=[claim], entities=entities,
                  pipeline=PipelineInfo(version="t", model="none"))


def write(url: str, records, batch_size: int = 64) -> dict:
    with open_store(url) as store:
        writer = BatchWriter(store, batch_size)
        for r in records:
            writer.add(Record.from_dict(r.to_dict()))
        writer.flush()
        return dump_store(store)



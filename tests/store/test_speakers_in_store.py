"""Speakers as a fact-checker sees them after ingest (our own articles, both backends):
two people who share a surname stay two people, and a person is never shown as a place."""

from __future__ import annotations

from newsledger.extract import extract_records
from newsledger.ingest.article import make_article
from newsledger.ledger.linker import Ledger
from newsledger.store import open_store, queries

BANKER = ("John Ashworth, the central bank governor, said on Monday that rates would stay where they are.\n"
          "\"We see no reason to move yet,\" Mr. Ashworth said.\n")
AIDE = ("Jennifer Ashworth, an aide to the prime minister, said the budget was ready.\n"
        "\"It goes to parliament on Friday,\" Ms. Ashworth told reporters.\n")
ENVOY = ("Kestria's ambassador to Norland, Ilse Marrow, said the embassy would stay open.\n"
         "US officials said on Tuesday that the talks would resume next month.\n")


def _ingest(nlp, url):
    articles = [make_article(text, f"{name}.txt", metadata={"published": day}) for name, text, day in (
        ("banker", BANKER, "2025-02-03"), ("aide", AIDE, "2025-02-04"), ("envoy", ENVOY, "2025-02-05"))]
    with open_store(url) as store:
        store.write(list(extract_records(articles, nlp)), ledger=Ledger())


def _speakers_of(store, speaker):
    return sorted({row["speaker"] for row in queries.quotes(store, speaker=speaker, limit=100)})


def test_two_people_of_one_surname_stay_apart_in_the_store(nlp, store_url):
    _ingest(nlp, store_url)
    with open_store(store_url) as store:
        assert _speakers_of(store, "John Ashworth") == ["John Ashworth"]
        assert _speakers_of(store, "Jennifer Ashworth") == ["Jennifer Ashworth"]
        assert len(queries.quotes(store, speaker="John Ashworth", limit=100)) == 2
        people = [e for e in queries.entities(store, name="Ashworth", limit=100) if e["type"] == "PERSON"]
        assert sorted(e["name"] for e in people) == ["Jennifer Ashworth", "John Ashworth"]
        for person in people:
            assert not any("Ashworth" in alias and alias.split()[0] in ("John", "Jennifer")
                           and alias.split()[0] != person["name"].split()[0] for alias in person["aliases"])


def test_a_speaker_is_never_shown_as_a_place_from_their_role(nlp, store_url):
    _ingest(nlp, store_url)
    with open_store(store_url) as store:
        rows = {row["speaker"]: row for row in queries.speakers(store, limit=100)}
    assert "Ilse Marrow" in rows and rows["Ilse Marrow"]["type"] == "PERSON"
    assert "US officials" in rows
    assert not {"Kestria", "Norland", "US", "U.S."} & set(rows)

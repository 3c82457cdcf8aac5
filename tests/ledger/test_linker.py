"""Cross-article linking on both backends, with hand-built records (no NLP)."""

from __future__ import annotations

import json

import pytest

from newsledger.ledger.linker import Ledger, LedgerError, merge_entities, split_entity
from newsledger.records import Entity, Event, Mention, PipelineInfo, Record
from newsledger.store import open_store, queries


def record(rid: str, published: str, entities=(), events=()) -> Record:
    """A record whose text holds every entity name and event text once, so spans slice."""
    parts, ents, evs = [], [], []
    pos = 0
    for i, (name, etype, aliases, roles) in enumerate(entities, 1):
        ents.append(Entity(id=f"e{i}", name=name, type=etype, aliases=list(aliases), roles=list(roles),
                           mentions=[Mention(text=name, span=(pos, pos + len(name)))]))
        parts.append(name)
        pos += len(name) + 1
    for i, (text, etype, date, participants, ordinal, modality) in enumerate(events, 1):
        evs.append(Event(id=f"v{i}", text=text, span=(pos, pos + len(text)), type=etype, date=date,
                         participants=list(participants), ordinal=ordinal, modality=modality))
        parts.append(text)
        pos += len(text) + 1
    text = " ".join(parts) + f" [{rid}]"
    return Record(id=rid, source=f"{rid}.txt", text=text, published=published, published_from="metadata",
                  entities=ents, events=evs, pipeline=PipelineInfo(version="t", model="none"))


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


def write(store, *records):
    store.write(list(records), ledger=Ledger())


def ledger_entities(store):
    return {r["name"]: r for r in queries.entities(store, limit=1000)}


def test_spelling_variants_become_one_person_with_all_aliases_and_dated_roles(store):
    write(store,
          record("a", "2024-03-01", [("Volodymyr Zelenskyy", "PERSON", ["Zelenskyy"], ["Ukrainian President"])]),
          record("b", "2024-03-02", [("Volodymyr Zelensky", "PERSON", ["Zelensky"], [])]),
          record("c", "2024-03-03", [("Zelenskiy", "PERSON", [], ["President"])]))
    (person,) = [e for e in queries.entities(store) if e["type"] == "PERSON"]
    assert person["articles"] == 3
    assert {"Zelenskyy", "Volodymyr Zelensky", "Zelensky", "Zelenskiy"} <= set(person["aliases"]) | {person["name"]}
    assert {(r["role"], r["published"], r["articles"]) for r in person["role_history"]} == {
        ("Ukrainian President", "2024-03-01", 1), ("President", "2024-03-03", 1)}
    (found,) = queries.entities(store, name="Zelensky")
    reasons = {link["written"]: link["reason"] for link in found["links"]}
    # the reference name is the first of the fullest names in alphabetical order, whichever article came first
    assert reasons["Volodymyr Zelensky"] == "new ledger entity"
    assert "spelling" in reasons["Volodymyr Zelenskyy"] and "surname" in reasons["Zelenskiy"]


def test_namesakes_stay_apart(store):
    write(store,
          record("a", "2024-03-01", [("Joe Biden", "PERSON", [], [])]),
          record("b", "2024-03-01", [("Hunter Biden", "PERSON", [], [])]))
    assert {"Joe Biden", "Hunter Biden"} <= set(ledger_entities(store))


def test_organisation_descriptions_join(store):
    write(store,
          record("a", "2024-03-01", [("Ukrainian Ministry of Defence", "ORG", ["Ukraine’s defence ministry"], [])]),
          record("b", "2024-03-02", [("Ministry of Defence of Ukraine", "ORG", [], [])]),
          record("c", "2024-03-02", [("UK Ministry of Defence", "ORG", [], [])]))
    names = ledger_entities(store)
    assert names["Ukrainian Ministry of Defence"]["articles"] == 2
    assert names["UK Ministry of Defence"]["articles"] == 1


def test_events_link_across_articles_by_type_date_and_ordinal(store):
    write(store,
          record("a", "2024-03-04", [], [("delegations met to begin peace talks", "talks", None, ["Ukraine", "Russia"], None, "happened")]),
          record("b", "2024-03-06", [], [("the first negotiations on Monday failed", "talks", "2024-03-04", [], 1, "happened"),
                                         ("a second round is set to take place", "talks", None, [], 2, "planned")]))
    rows = store.execute("SELECT * FROM ledger_events ORDER BY articles DESC")
    assert rows[0]["articles"] == 2 and rows[0]["date"] == "2024-03-04"
    assert len(rows) == 2
    timeline = queries.timeline(store)
    assert [(t["date"], t["kind"], t["articles"]) for t in timeline] == [("2024-03-04", "event", 2)]


def test_unrelated_attacks_on_the_same_day_stay_apart(store):
    write(store,
          record("a", "2024-03-04", [], [("shelling of Kharkiv", "attack", "2024-03-04", ["Kharkiv"], None, "happened")]),
          record("b", "2024-03-04", [], [("strike on Odesa", "attack", "2024-03-04", ["Odesa"], None, "happened")]))
    assert store.count("ledger_events") == 2


def test_reingest_keeps_one_link_per_article(store):
    r = record("a", "2024-03-04", [("Anna Kovalenko", "PERSON", [], [])],
               [("talks in Geneva", "talks", "2024-03-04", ["Anna Kovalenko"], None, "happened")])
    write(store, r)
    write(store, r)
    assert store.count("ledger_entities") == 1 and store.count("ledger_events") == 1
    assert ledger_entities(store)["Anna Kovalenko"]["articles"] == 1


def test_manual_merge_is_followed_by_later_ingests(store):
    write(store, record("a", "2024-03-01", [("Kyiv Independent", "ORG", [], [])]),
          record("b", "2024-03-01", [("KI newsroom", "ORG", [], [])]))
    merged = merge_entities(store, "Kyiv Independent", "KI newsroom")
    assert merged["articles"] == 2 and "KI newsroom" in json.loads(merged["aliases"])
    write(store, record("c", "2024-03-05", [("KI newsroom", "ORG", [], [])]))
    assert ledger_entities(store)["Kyiv Independent"]["articles"] == 3
    assert "KI newsroom" not in ledger_entities(store)


def test_manual_split_is_respected_by_later_ingests(store):
    write(store, record("a", "2024-03-01", [("Kovalenko", "PERSON", [], [])]),
          record("b", "2024-03-01", [("Anna Kovalenko", "PERSON", ["Kovalenko"], [])]),
          record("c", "2024-03-01", [("Kovalenko", "PERSON", [], [])]))
    (only,) = queries.entities(store)
    split_entity(store, only["id"], "Kovalenko")
    assert ledger_entities(store)["Kovalenko"]["articles"] == 2
    write(store, record("d", "2024-03-02", [("Kovalenko", "PERSON", [], [])]))
    assert ledger_entities(store)["Kovalenko"]["articles"] == 3
    assert ledger_entities(store)["Anna Kovalenko"]["articles"] == 1


def test_merge_needs_unambiguous_names(store):
    write(store, record("a", "2024-03-01", [("Joe Biden", "PERSON", [], []), ("Hunter Biden", "PERSON", [], [])]))
    with pytest.raises(LedgerError, match="exactly one"):
        merge_entities(store, "Biden", "Joe Biden")


def test_a_name_in_capitals_gives_way_to_its_ordinary_spelling(store):
    write(store, record("a", "2024-03-01", [("VARNSK", "GPE", [], [])]),
          record("b", "2024-03-02", [("Varnsk", "GPE", [], [])]), record("c", "2024-03-03", [("VARNSK", "GPE", [], [])]))
    (only,) = queries.entities(store)
    assert (only["name"], only["articles"], only["aliases"]) == ("Varnsk", 3, [])


def test_a_shared_surname_alias_never_joins_two_first_names(store):
    write(store,
          record("a", "2024-03-01", [("John Ashworth", "PERSON", ["Mr. Ashworth", "Ashworth"], ["governor"])]),
          record("b", "2024-03-02", [("Jennifer Ashworth", "PERSON", ["Ms. Ashworth", "Ashworth"], ["aide"])]))
    people = sorted(e["name"] for e in queries.entities(store) if e["type"] == "PERSON")
    assert people == ["Jennifer Ashworth", "John Ashworth"]


def test_a_role_written_around_a_name_does_not_split_the_person(store):
    write(store,
          record("a", "2024-03-01", [("Anna Kovalenko", "PERSON", ["Kestria's Defence Minister Anna Kovalenko"], [])]),
          record("b", "2024-03-02", [("Anna Kovalenko", "PERSON", ["Defence Minister Anna Kovalenko", "Ms Kovalenko"],
                                      [])]))
    (person,) = [e for e in queries.entities(store) if e["type"] == "PERSON"]
    assert person["articles"] == 2


def test_near_matches_are_offered_as_possible_never_joined(store):
    write(store,
          record("a", "2024-03-01", [("Anna Berg", "PERSON", [], []), ("Apple Inc.", "ORG", [], [])]),
          record("b", "2024-03-02", [("Petra Berg", "PERSON", [], []), ("Apple Corps", "ORG", [], [])]),
          record("c", "2024-03-03", [("Berg", "PERSON", [], []), ("Apple", "ORG", [], [])]))
    (anna,) = [e for e in queries.entities(store, name="Anna Berg") if e["name"] == "Anna Berg"]
    assert anna["articles"] == 1
    assert [(p["name"], p["why"].split(";")[0]) for p in anna["possible"]] == [("Berg", "same surname (berg)")]
    corps = [e for e in queries.entities(store, name="Apple Corps") if e["name"] == "Apple Corps"][0]
    assert corps["articles"] == 1
    assert any(p["name"] == "Apple" and "first words" in p["why"] for p in corps["possible"])
    apple = ledger_entities(store)["Apple"]
    assert apple["articles"] == 2 and "Apple Inc." in apple["aliases"]  # "Apple" and "Apple Inc." share their words; Apple Corps stays apart


def test_a_short_organisation_name_joins_the_one_body_it_is_part_of(store):
    write(store,
          record("a", "2024-03-01", [("Ford Motor Company", "ORG", ["Ford"], [])]),
          record("b", "2024-03-02", [("Ford", "ORG", [], [])]),
          record("c", "2024-03-03", [("General Motors", "ORG", [], [])]),
          record("d", "2024-03-04", [("GM", "ORG", [], [])]))
    names = ledger_entities(store)
    assert names["Ford Motor Company"]["articles"] == 2 and names["General Motors"]["articles"] == 2
    (gm,) = queries.entities(store, name="General Motors")
    assert any("acronym" in link["reason"] for link in gm["links"])


def test_attacks_at_two_places_on_one_day_are_two_events(store):
    first = record("a", "2024-03-01", events=[("shelling of the port", "attack", "2024-02-28", ["Kestria"], None,
                                              "happened")])
    second = record("b", "2024-03-01", events=[("shelling of the depot", "attack", "2024-02-28", ["Kestria"], None,
                                               "happened")])
    third = record("c", "2024-03-02", events=[("the port was shelled", "attack", "2024-02-28", ["Kestria"], None,
                                              "happened")])
    first.events[0].place, second.events[0].place, third.events[0].place = "Varnsk", "Orsk", "Varnsk"
    write(store, first, second, third)
    rows = store.execute("SELECT place, articles FROM ledger_events ORDER BY place")
    assert [(r["place"], r["articles"]) for r in rows] == [("Orsk", 1), ("Varnsk", 2)]


def test_a_surname_written_as_a_body_never_joins_two_people(store):
    write(store,
          record("a", "2024-03-01", [("Jennifer Williams", "PERSON", ["Williams", "Ms. Williams"], ["aide"])]),
          record("b", "2024-03-02", [("John Williams", "PERSON", ["Williams"], ["central banker"])]),
          record("c", "2024-03-03", [("Williams", "ORG", [], [])]),
          record("d", "2024-03-04", [("Williams", "PERSON", [], [])]))
    names = ledger_entities(store)
    jennifer, john = names["Jennifer Williams"], names["John Williams"]
    assert jennifer["id"] != john["id"] and jennifer["articles"] == john["articles"] == 1
    assert "John Williams" not in jennifer["aliases"] and "Jennifer Williams" not in john["aliases"]
    (found,) = [e for e in queries.entities(store, name="Jennifer Williams") if e["name"] == "Jennifer Williams"]
    assert [link["reason"] for link in found["links"]] == ["new ledger entity"]
    assert any(p["name"] == "Williams" for p in found["possible"])
    assert any(p["name"] == "Williams" for p in queries.entity(store, jennifer["id"])["possible"])
    from click.testing import CliRunner

    from newsledger.cli import cli

    shown = CliRunner().invoke(cli, ["entities", "--name", "Jennifer Williams", "--db", store.url])
    assert shown.exit_code == 0 and "possibly" in shown.output and "Williams (ent_" in shown.output

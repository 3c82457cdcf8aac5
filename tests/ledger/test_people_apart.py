"""A store of our own articles through the whole pipeline and ledger: the right people, bodies and places.

Two people who share a surname in different articles, a father and his son, one person under three spellings,
a place and a person written with the same word, and the cases of issue 14 (an aide and a banker named
Williams, Joe and Hunter Biden, an ambassador the tagger once took for a place, a body whose name opens with
a creed word, names swept up with "that" or a possessive)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.store import open_store, queries

pytestmark = pytest.mark.slow

ARTICLES = {
    "kovalenko-a": ("2024-05-02", "Marta Kovalenko, an aide to the regional governor, said the budget was late.\n"
                    "\"We will not sign it this week,\" Kovalenko said.\n"
                    "Kovalenko added that the council had asked for more time."),
    "kovalenko-b": ("2024-05-03", "Pavel Kovalenko, the head of the port authority, said ships were waiting.\n"
                    "\"The queue is longer than last spring,\" Kovalenko said.\n"),
    "tamm": ("2024-05-04", "Arnold Tamm said his son Oskar Tamm would take over the dairy farm.\n"
             "\"He is ready for it,\" Arnold Tamm said.\n"
             "Oskar Tamm said he would keep the herd small.\n"),
    "tamm-b": ("2024-05-06", "Oskar Tamm, who runs a dairy farm near the lake, said milk prices had fallen.\n"
               "\"We sell at a loss,\" Oskar Tamm said.\n"),
    "syrsky-a": ("2024-05-05", "General Oleksandr Syrskyi said the line held overnight.\n"),
    "syrsky-b": ("2024-05-06", "Oleksandr Syrsky told reporters the reserves had arrived.\n"),
    "syrsky-c": ("2024-05-07", "Olexandr Syrskiy said the bridge was repaired.\n"),
    "jordan-a": ("2024-05-08", "Lina Jordan, a spokeswoman for the relief agency, said the trucks had waited for two days "
                 "in Jordan.\n\"The drivers are exhausted,\" Jordan said.\n"),
    "jordan-b": ("2024-05-09", "Officials in Jordan said the border crossing would reopen on Friday.\n"),
    "williams-a": ("2024-05-10", "Jennifer Williams, an aide to the vice president, said she had listened to the call.\n"
                   "\"It struck me as unusual,\" Williams told the committee.\n"),
    "williams-b": ("2024-05-11", "John Williams, the president of the New York Federal Reserve, said rates would stay low.\n"
                   "\"We are watching the data closely,\" Williams said.\n"),
    "biden": ("2024-05-12", "Joe Biden said his son Hunter Biden had done nothing wrong.\n"
              "Hunter Biden sat on the board of a gas company for five years.\n"),
    "sondland": ("2024-05-13", "Gordon Sondland, the ambassador to the European Union, testified on Wednesday.\n"
                 "Lawmakers heard from Sondland for nine hours.\n"
                 "\"We followed the orders,\" Sondland said.\n\"Everyone was in the loop,\" Sondland said.\n"),
    "hostages": ("2024-05-15", "The militia released three hostages near the border on Monday.\n"
                 "The governor said on Monday that 40 families had left the valley.\n"
                 "The governor said 12 roads were still closed.\n"
                 "The candidate released his tax returns on Monday.\n"),
    "bodies": ("2024-05-14", "The Islamic State claimed the attack near Palmyra.\n"
               "US forces at al-Tanf were not hit, the United Nations said.\n"
               "The Associated Press that reported the strike said Alexander Vindman's account was clear.\n"),
}


@pytest.fixture(scope="module")
def db(module_store_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    for name, (published, text) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(f'{{"published": "{published}"}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", module_store_url])
    assert result.exit_code == 0, result.output
    return module_store_url


def _entities(db, name):
    with open_store(db) as store:
        return queries.entities(store, name=name)


def _speakers(db, name):
    with open_store(db) as store:
        return sorted(q["text"] for q in queries.quotes(store, speaker=name, limit=100))


def test_two_people_sharing_a_surname_stay_two_and_keep_their_own_quotes(db):
    names = {e["name"] for e in _entities(db, "Kovalenko")}
    assert {"Marta Kovalenko", "Pavel Kovalenko"} <= names
    marta, pavel = _speakers(db, "Marta Kovalenko"), _speakers(db, "Pavel Kovalenko")
    assert any("sign it" in q for q in marta) and not any("queue" in q for q in marta)
    assert any("queue" in q for q in pavel) and not any("sign it" in q for q in pavel)


def test_a_father_and_his_son_are_two_people(db):
    (oskar,) = _entities(db, "Oskar Tamm")
    (arnold,) = _entities(db, "Arnold Tamm")
    assert oskar["id"] != arnold["id"] and oskar["articles"] == 2
    assert "Arnold Tamm" not in oskar["aliases"] and "Oskar Tamm" not in arnold["aliases"]
    assert any("ready" in q for q in _speakers(db, "Arnold Tamm"))
    oskar_quotes = _speakers(db, "Oskar Tamm")
    assert any("loss" in q for q in oskar_quotes) and not any("ready" in q for q in oskar_quotes)


def test_one_person_under_three_spellings_is_one_entity(db):
    (person,) = _entities(db, "Oleksandr Syrskyi")
    assert person["articles"] == 3
    assert {"Oleksandr Syrsky", "Olexandr Syrskiy"} <= {person["name"], *person["aliases"]}


def test_a_place_and_a_person_of_the_same_word_stay_apart(db):
    found = {(e["type"], e["name"]): e for e in _entities(db, "Jordan")}
    assert ("PERSON", "Lina Jordan") in found
    place = [e for (etype, _), e in found.items() if etype == "GPE"]
    assert len(place) == 1 and place[0]["articles"] == 2
    assert "Lina Jordan" not in place[0]["aliases"]
    quotes = _speakers(db, "Lina Jordan")
    assert any("exhausted" in q for q in quotes)


def test_an_aide_and_a_banker_named_williams_are_two_people(db):
    jennifer, john = _speakers(db, "Jennifer Williams"), _speakers(db, "John Williams")
    assert any("unusual" in q for q in jennifer) and not any("data" in q for q in jennifer)
    assert any("data" in q for q in john) and not any("unusual" in q for q in john)
    for e in _entities(db, "Williams"):
        assert not ({"Jennifer Williams", "John Williams"} <= {e["name"], *e["aliases"]})


def test_joe_biden_never_carries_his_sons_name(db):
    (joe,) = _entities(db, "Joe Biden")
    assert "Hunter Biden" not in joe["aliases"]


def test_the_ambassador_is_one_person_whatever_name_the_query_uses(db):
    (person,) = [e for e in _entities(db, "Sondland") if e["type"] == "PERSON"]
    assert person["name"] == "Gordon Sondland"
    assert _speakers(db, "Gordon Sondland") == _speakers(db, "Sondland")
    assert len(_speakers(db, "Gordon Sondland")) == 2


@pytest.mark.parametrize("name, etype", [("Islamic State", "ORG"), ("Palmyra", "GPE"), ("al-Tanf", "GPE"),
                                         ("Associated Press", "ORG"), ("Alexander Vindman", "PERSON")])
def test_bodies_and_places_have_their_type_and_a_clean_name(db, name, etype):
    found = [e for e in _entities(db, name) if e["name"] == name]
    assert [e["type"] for e in found] == [etype]
    assert not any(a.endswith((" that", "'s", "’s")) or a == "State" for a in found[0]["aliases"])
    assert not any(r.startswith("Secretary") for r in found[0]["roles"])


def test_a_surname_alone_is_offered_as_a_possible_match_never_joined(db):
    with open_store(db) as store:
        found = queries.entities(store, name="Marta Kovalenko")
    (marta,) = [e for e in found if e["name"] == "Marta Kovalenko"]
    assert all(p["name"] != "Pavel Kovalenko" for p in marta["possible"])  # different first names: no near match
    assert all(link["reason"] for link in marta["links"])


def test_the_timeline_reads_as_one_events_first_then_claims_with_their_own_date(db):
    with open_store(db) as store:
        rows = queries.timeline(store, limit=100)
        reported = queries.timeline(store, reported=True, limit=100)
        walked, after = [], None
        while True:
            page = queries.timeline(store, reported=True, limit=1, after=after)
            walked += page
            after = page.next
            if not after:
                break
    monday = [(r["kind"], r["what"]) for r in rows if r["date"] == "2024-05-13"]
    assert monday[0] == ("event", "release") and ("claim", "claimed") in monday
    assert sum(1 for r in rows if r["kind"] == "event" and r["what"] == "release") == 1  # no tax-return "release"
    assert all("(reported)" not in r["what"] for r in rows)
    assert any("(reported)" in r["what"] for r in reported)
    assert [(r["kind"], r["id"]) for r in walked] == [(r["kind"], r["id"]) for r in reported]

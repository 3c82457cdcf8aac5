"""Entities of one article: repaired spans, clusters, types, canonical names, aliases, roles."""

from __future__ import annotations

import pytest

import newsledger.extract.entities  # noqa: F401  registers the factory
from newsledger.extract.pipeline import doc_for
from newsledger.ingest.article import make_article

TEXT = (
    "Moldovan Foreign Minister Ana Revenco said on Friday that talks with Romania had gone well.\n"
    "Revenco, who has led the ministry since 2021, met the Romanian defence ministry in Bucharest.\n"
    "Advert\n"
    "The Romanian Ministry of Defence later thanked Revenko for the visit.\n"
    "Mihai Popescu, the commander of the border brigade, said the crossing stayed open.\n"
    "A second Popescu, Elena Popescu, a nurse at the station, said supplies were short.\n"
    "Topics: Moldova, Ana Revenco, Romania\n"
)


@pytest.fixture(scope="module")
def entities():
    from newsledger.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("newsledger_entities_v1")
    article = make_article(TEXT, "mem", metadata={"published": "2024-04-12"})
    doc = nlp(doc_for(nlp, article))
    return doc._.nl_entities


def by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert found, f"{name} not among {[e.name for e in entities]}"
    return found[0]


def test_person_with_spelling_variant_and_role(entities):
    e = by_name(entities, "Ana Revenco")
    assert e.type == "PERSON"
    assert {"Revenco", "Revenko"} <= set(e.aliases)
    assert "Moldovan Foreign Minister" in e.roles


def test_topics_footer_mention_joins_the_entity(entities):
    e = by_name(entities, "Ana Revenco")
    assert any(m.text == "Ana Revenco" and m.span[0] > TEXT.index("Topics:") for m in e.mentions)


def test_organisation_descriptions_merge_with_formal_name(entities):
    e = by_name(entities, "Romanian Ministry of Defence")
    assert e.type == "ORG"
    assert "Romanian defence ministry" in " ".join(e.aliases)


def test_appositive_role(entities):
    assert "commander of the border brigade" in by_name(entities, "Mihai Popescu").roles


def test_namesakes_stay_apart(entities):
    names = {e.name for e in entities if e.type == "PERSON"}
    assert {"Mihai Popescu", "Elena Popescu"} <= names


def test_every_mention_slices_and_ids_are_in_order(entities):
    for e in entities:
        for m in e.mentions:
            assert TEXT[m.span[0]:m.span[1]] == m.text
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]


def test_boilerplate_is_not_an_entity(entities):
    advert = TEXT.index("Advert")
    assert not any(m.span[0] == advert for e in entities for m in e.mentions)


def test_a_town_the_model_calls_a_person_is_a_place_by_its_context():
    from newsledger.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("newsledger_entities_v1")
    text = ("Drones struck the eastern town of Varkutsk overnight. Repair crews in Varkutsk worked until dawn, "
            "and the Varkutsk region remained without power.\n")
    doc = nlp(doc_for(nlp, make_article(text, "mem", metadata={"published": "2024-04-12"})))
    town = [e for e in doc._.nl_entities if e.name == "Varkutsk"]
    assert town and town[0].type in ("GPE", "LOC")


@pytest.mark.parametrize("text, expected, not_named", [
    ("The Tarvik fire brigade said four houses burned in Tarvik on Monday.", "Tarvik fire brigade", "Tarvik"),
    ("The Ostrava water board said the pipes had burst in Ostrava.", "Ostrava water board", "Ostrava"),
])
def test_a_body_named_after_a_place_keeps_its_full_name(text, expected, not_named):
    """A town's name used as the modifier of a body's name is not the body's name: the ledger must not show the
    water board's words as the town's."""
    from newsledger.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("newsledger_entities_v1")
    doc = nlp(doc_for(nlp, make_article(text, "mem", metadata={"published": "2024-04-12"})))
    orgs = [e.name for e in doc._.nl_entities if e.type == "ORG"]
    assert expected in orgs and not_named not in orgs

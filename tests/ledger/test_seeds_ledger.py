"""The seeds through the whole ledger: one Zelenskyy, one Ukrainian defence ministry, one peace-talks event."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.store import open_store, queries

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def db(module_store_url, shared_dir):
    result = CliRunner().invoke(cli, ["ingest", str(shared_dir / "seeds"), "--db", module_store_url])
    assert result.exit_code == 0, result.output
    return module_store_url


def test_one_ledger_entity_for_zelenskyy_with_every_spelling(db):
    with open_store(db) as store:
        (person,) = queries.entities(store, name="Zelensky")
    assert person["type"] == "PERSON" and person["name"] == "Volodymyr Zelenskyy"
    assert {"Zelenskyy", "Volodymyr Zelensky"} <= set(person["aliases"])
    assert "Ukrainian President" in person["roles"]


def test_one_ledger_entity_for_the_ukrainian_defence_ministry_across_both_seeds(db):
    with open_store(db) as store:
        found = queries.entities(store, name="Ukraine's defence ministry")
    assert len(found) == 1 and found[0]["type"] == "ORG" and found[0]["articles"] == 2
    assert {"Ukraine’s defence ministry", "The Ukrainian defence ministry"} <= set(found[0]["aliases"])


def test_one_peace_talks_event_on_2022_02_28_from_both_articles(db):
    with open_store(db) as store:
        rows = store.execute("SELECT * FROM ledger_events WHERE type = 'talks' AND modality = 'happened'")
    assert len(rows) == 1
    assert rows[0]["date"] == "2022-02-28" and rows[0]["articles"] == 2


def test_quotes_by_zelensky_returns_all_of_his_quotes(db, shared_dir):
    gold = json.loads((shared_dir / "gold" / "000_3dafb38938690aa6.json").read_text(encoding="utf-8"))
    his = [q for q in gold["quotes"] if q["speaker"]["name"] == "Volodymyr Zelenskyy"]
    with open_store(db) as store:
        rows = queries.quotes(store, speaker="Zelensky", limit=1000)
    assert len(rows) == len(his)
    assert {r["speaker"] for r in rows} == {"Volodymyr Zelenskyy"}


def test_the_5300_figure_is_an_unverified_claim_with_its_evidence(db, shared_dir):
    gold = json.loads((shared_dir / "gold" / "000_3dafb38938690aa6.json").read_text(encoding="utf-8"))
    (expected,) = [c for c in gold["claims"] if (c.get("quantity") or {}).get("value") == 5300]
    with open_store(db) as store:
        rows = queries.claims(store, status="unverified")
    (claim,) = [r for r in rows if r["quantity"] == 5300]
    assert claim["bound"] == "upper" and claim["source"] == expected["source"]
    assert claim["evidence"] == expected["status_evidence"]["text"]

"""The claim ledger on a corpus of our own (tests/data/claim_ledger: nine short articles by three invented outlets
over ten days), through the real pipeline and the command line, on SQLite and PostgreSQL.

The corpus holds exactly three stories told by more than one article: a casualty figure the two sides give
differently (41 civilians killed in Tarvik against "no more than 9": contested), a death toll one source raises
over three reports (12, 19, 27 in Holmsk: a history, not a contradiction) and a sentence a second outlet
repeats word for word (the drone strike on Brenik's grain terminal: linked).  Everything else is told once.
"""

from __future__ import annotations

import json
import pathlib

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.scale.dump import dump_difference, dump_store
from newsledger.store import open_store, queries

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "data" / "claim_ledger"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def db(module_store_url) -> str:
    run("ingest", str(CORPUS), "--db", module_store_url)
    return module_store_url


def _ids(db: str) -> dict[str, str]:
    """File name stem (01_wire_ostravel) -> article id."""
    rows = json.loads(run("articles", "--db", db, "--format", "json"))
    return {pathlib.Path(r["source"]).name.removesuffix(".txt"): r["id"] for r in rows}


def test_the_corpus_is_nine_articles_from_three_outlets_over_ten_days():
    meta = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.meta.json"))]
    assert len(meta) >= 8 and len({m["publisher"] for m in meta}) == 3
    days = sorted(m["published"] for m in meta)
    assert (days[0], days[-1]) == ("2024-05-01", "2024-05-10")


def test_the_ledger_gives_exactly_the_contested_figure_the_history_and_the_repeat(db):
    ids = _ids(db)
    with open_store(db) as store:
        linked = store.execute("SELECT * FROM ledger_claims WHERE claims > 1 ORDER BY first_day")
        flagged = store.execute("SELECT id FROM ledger_claims WHERE contested = 1 OR history = 1")
        members = {r["id"]: sorted(m["article_id"] for m in store.execute(
            "SELECT article_id FROM claims WHERE ledger_claim = ?", (r["id"],))) for r in linked}
    stories = {tuple(sorted(k for k, v in ids.items() if v in members[r["id"]])): r for r in linked}
    assert set(stories) == {("02_wire_tarvik_market", "03_today_tarvik_depot", "04_post_tarvik_aid"),
                            ("05_wire_holmsk_dam", "07_post_holmsk_toll", "09_today_holmsk_search"),
                            ("06_today_brenik_terminal", "08_post_brenik_port")}
    tarvik, holmsk, brenik = (stories[k] for k in sorted(stories))
    assert (tarvik["kind"], tarvik["counts"], tarvik["place"], tarvik["contested"], tarvik["history"]) == (
        "figure", "civilians killed", "Tarvik", 1, 0)
    assert (holmsk["kind"], holmsk["place"], holmsk["contested"], holmsk["history"], holmsk["sources"]) == (
        "figure", "Holmsk", 0, 1, 1)
    assert (brenik["kind"], brenik["contested"], brenik["history"], brenik["claims"], brenik["articles"]) == (
        "wording", 0, 0, 2, 2)
    assert {r["id"] for r in flagged} == {tarvik["id"], holmsk["id"]}  # no other ledger claim is flagged


def test_the_history_and_the_contested_figures_as_the_claim_command_shows_them(db):
    ids = _ids(db)
    holmsk = json.loads(run("claim", f"{ids['07_post_holmsk_toll']}/c1", "--db", db, "--format", "json"))
    assert [(r["date"], r["figure"], r["change"]) for r in holmsk["history"]] == [
        ("2024-05-04", "12", "first"), ("2024-05-07", "19", "rose from 12"), ("2024-05-10", "27", "rose from 19")]
    assert holmsk["figure_history"] and not holmsk["contested"]
    assert not any(r["contested_by"] for r in holmsk["history"])
    assert [r["link_reason"] for r in holmsk["history"]] == [
        "first report", "same count of people died in Holmsk within 3 days",
        "same count of people died in Holmsk within 3 days"]
    contested = json.loads(run("claims", "--db", db, "--contested", "--format", "json"))
    assert [(r["source"], r["figure"]) for r in contested] == [
        ("Kestrian Ministry of Health", "41"), ("Kestrian Ministry of Health", "41"),
        ("Orvalian Ministry of Defence", "≤ 9")]
    assert len({r["ledger_claim"] for r in contested}) == 1
    table = run("claim", contested[0]["ledger_claim"], "--db", db)
    assert "CONTESTED" in table and "Orvalian Ministry of Defence: ≤ 9" in table


def test_reingesting_with_force_changes_nothing(db):
    with open_store(db) as store:
        before = dump_store(store)
    run("ingest", str(CORPUS), "--db", db, "--force")
    with open_store(db) as store:
        after = dump_store(store)
    assert after == before, dump_difference(before, after)


def test_a_review_survives_force_and_is_the_only_claim_review_exported(db, tmp_path):
    ids = _ids(db)
    low = f"{ids['03_today_tarvik_depot']}/c2"
    out = run("review", low, "--db", db, "--status", "false", "--note", "Two hospitals list 41 dead by name.",
              "--evidence", "https://example.org/tarvik-lists", "--reviewer", "Mira Osk")
    assert out.startswith(f"reviewed {low}: false by Mira Osk")
    run("ingest", str(CORPUS / "03_today_tarvik_depot.txt"), "--db", db, "--force")
    rows = {r["claim"]: r for r in json.loads(run("claims", "--db", db, "--contested", "--format", "json"))}
    assert (rows[low]["review"], rows[low]["reviewer"], rows[low]["status"]) == ("false", "Mira Osk", "claimed")
    assert {r["review"] for c, r in rows.items() if c != low} == {None}
    run("export", "--db", db, "--format", "claimreview", "-o", str(tmp_path / "reviews.json"))
    (item,) = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert item["@type"] == "ClaimReview" and item["claimReviewed"].startswith("no more than 9 civilians")
    assert item["author"] == {"@type": "Person", "name": "Mira Osk"}
    assert (item["reviewRating"]["alternateName"], item["reviewRating"]["ratingValue"]) == ("false", 1)
    assert item["itemReviewed"]["firstAppearance"]["headline"] == "Missiles hit Tarvik market"
    assert item["citation"] == "https://example.org/tarvik-lists"
    run("export", "--db", db, "--format", "claims-jsonld", "-o", str(tmp_path / "claims.json"))
    claims = json.loads((tmp_path / "claims.json").read_text(encoding="utf-8"))
    with open_store(db) as store:
        assert len(claims) == store.count("ledger_claims")
    tarvik = next(c for c in claims if c["text"] == "41 civilians were killed in Tarvik on Thursday")
    assert len(tarvik["appearance"]) == 3 and {a["name"] for a in tarvik["author"]} == {
        "Kestrian Ministry of Health", "Orvalian Ministry of Defence"}
    assert not any("reviewRating" in c or "review" in c for c in claims)


def test_the_same_articles_in_another_order_and_batch_size_give_the_same_ledger(db, tmp_path):
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run("ingest", *files, "--db", first)
    run("ingest", *reversed(files), "--db", second, "--batch-size", "2")
    with open_store(first) as a, open_store(second) as b:
        dumps = dump_store(a), dump_store(b)
        assert dumps[0] == dumps[1], dump_difference(*dumps)
        assert queries.ledger_claim(a, "nothing") is None

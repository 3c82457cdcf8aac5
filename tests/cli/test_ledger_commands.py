"""Every query, ledger and export command, on SQLite and PostgreSQL, over the bundled examples."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from newsledger.cli import cli


@pytest.fixture(scope="module")
def db(module_store_url, examples_dir):
    result = CliRunner().invoke(cli, ["ingest", str(examples_dir), "--db", module_store_url])
    assert result.exit_code == 0, result.output
    return module_store_url


def run(*args):
    result = CliRunner().invoke(cli, [*args])
    assert result.exit_code == 0, result.output
    return result


def as_json(*args):
    return json.loads(run(*args, "--format", "json").stdout)


def test_articles(db):
    rows = as_json("articles", "--db", db)
    assert len(rows) >= 7
    assert all(r["published"] for r in rows)


def test_quotes_by_speaker_any_spelling(db):
    speakers = as_json("speakers", "--db", db)
    assert speakers and speakers[0]["quotes"] >= speakers[-1]["quotes"]
    top = speakers[0]["speaker"]
    rows = as_json("quotes", "--db", db, "--speaker", top)
    assert len(rows) >= speakers[0]["quotes"]  # the entity's quotes, plus unlinked ones naming it
    surname = top.split()[-1]
    assert len(as_json("quotes", "--db", db, "--speaker", surname)) >= len(rows)


def test_quotes_full_text_search(db):
    some = as_json("quotes", "--db", db, "--limit", "1")[0]
    word = max(some["text"].split(), key=len).strip(".,;:'\"’‘“”")
    found = as_json("quotes", "--db", db, "--search", word)
    assert any(r["id"] == some["id"] and r["article_id"] == some["article_id"] for r in found)


def test_claims_filters(db):
    rows = as_json("claims", "--db", db)
    assert rows
    statuses = [r["status"] for r in rows]
    order = {"unverified": 0, "disputed": 1, "unattributed": 2}
    assert statuses == sorted(statuses, key=lambda s: order.get(s, 3))
    for status in set(statuses):
        assert {r["status"] for r in as_json("claims", "--db", db, "--status", status)} == {status}


def test_entities_and_types(db):
    people = as_json("entities", "--db", db, "--type", "PERSON")
    assert people and {e["type"] for e in people} == {"PERSON"}
    assert any(e["roles"] for e in people)


def test_timeline_is_in_date_order(db):
    rows = as_json("timeline", "--db", db)
    assert rows
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    first, last = rows[0]["date"], rows[-1]["date"]
    inside = as_json("timeline", "--db", db, "--from", last, "--to", last)
    assert inside and {r["date"] for r in inside} == {last}
    assert first <= last


def test_article_search(db):
    assert as_json("search", "--db", db, "ceasefire")


def test_exports(db, tmp_path):
    out = tmp_path / "records.jsonl"
    run("export", "--db", db, "--format", "jsonl", "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(as_json("articles", "--db", db))
    assert any(e.get("ledger_entity") for r in records for e in r["entities"])

    run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "csv"))
    with (tmp_path / "csv" / "quotes.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == len(as_json("quotes", "--db", db, "--limit", "100000"))

    import pyarrow.parquet as pq

    run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "pq"))
    assert pq.read_table(tmp_path / "pq" / "claims.parquet").num_rows == len(as_json("claims", "--db", db, "--limit", "100000"))

    run("export", "--db", db, "--format", "claimreview", "-o", str(tmp_path / "reviews.jsonld"))
    assert json.loads((tmp_path / "reviews.jsonld").read_text(encoding="utf-8")) == []  # nobody reviewed anything
    run("export", "--db", db, "--format", "claims-jsonld", "-o", str(tmp_path / "claims.jsonld"))
    claims = json.loads((tmp_path / "claims.jsonld").read_text(encoding="utf-8"))
    texts = {r["text"] for r in as_json("claims", "--db", db, "--limit", "100000")}
    assert claims and all(c["@type"] == "Claim" and c["text"] in texts and c["appearance"] for c in claims)
    assert not any("reviewRating" in c for c in claims)  # what a machine read is never a rating


def test_merge_and_split_commands(db):
    people = as_json("entities", "--db", db, "--type", "PERSON", "--limit", "1000")
    a, b = people[-1], people[-2]
    merged = run("entities", "--db", db, "merge", a["id"], b["id"])
    assert a["id"] in merged.stdout
    after = {e["id"]: e for e in as_json("entities", "--db", db, "--type", "PERSON", "--limit", "1000")}
    assert b["id"] not in after and b["name"] in after[a["id"]]["aliases"]
    split = run("entities", "--db", db, "split", a["id"], b["name"])
    assert b["name"] in split.stdout
    names = {e["name"] for e in as_json("entities", "--db", db, "--type", "PERSON", "--limit", "1000")}
    assert {a["name"], b["name"]} <= names


def test_bad_merge_is_a_clear_error(db):
    result = CliRunner().invoke(cli, ["entities", "--db", db, "merge", "Nobody Atall", "Noone Else"])
    assert result.exit_code != 0

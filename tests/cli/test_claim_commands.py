"""The claim commands (claims --contested, claim ID, review, claims merge / split) through CliRunner, on SQLite
and PostgreSQL: what they print, and one line `error: ...` with exit status 2 for every bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from _claim_records import report, write
from click.testing import CliRunner

from newsledger.cli import cli

REPORTS = [report(1, 0, 41), report(2, 1, 9, bound="upper", source="Orvalian defence ministry"),
           report(3, 0, 12, place="Holmsk", counts="people died"), report(4, 3, 19, place="Holmsk", counts="people died")]


@pytest.fixture
def db(store_url):
    write(store_url, REPORTS)
    return store_url


def run(*args, env=None):
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result


def fails(*args) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.output
    return lines[0]


def test_claims_contested_in_every_format(db):
    table = run("claims", "--db", db, "--contested").stdout
    assert "≤ 9" in table and "Orvalian defence ministry" in table and "Holmsk" not in table
    rows = json.loads(run("claims", "--db", db, "--contested", "--format", "json").stdout)
    assert [r["claim"] for r in rows] == ["art0001/c1", "art0002/c1"] and all(r["contested"] for r in rows)
    as_csv = list(csv.DictReader(io.StringIO(run("claims", "--db", db, "--contested", "--format", "csv").stdout)))
    assert [r["claim"] for r in as_csv] == ["art0001/c1", "art0002/c1"]
    assert "review" in run("claims", "--db", db).stdout.splitlines()[0]


def test_claim_shows_a_history(db):
    out = run("claim", "art0004/c1", "--db", db).stdout
    assert "people died in Holmsk" in out and "figure history" in out and "rose from 12" in out
    data = json.loads(run("claim", "art0003/c1", "--db", db, "--format", "json").stdout)
    assert [r["figure"] for r in data["history"]] == ["12", "19"] and data["figure_history"]
    lines = run("claim", data["id"], "--db", db, "--format", "csv").stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith("article_id,")


def test_review_from_the_command_line(db, monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_REVIEWER", "Desk Two")
    out = run("review", "art0002/c1", "--db", db, "--status", "FALSE", "--note", "Lists show 41.").stdout
    assert out.startswith("reviewed art0002/c1: false by Desk Two at ")
    run("review", "art0002/c1", "--db", db, "--status", "misleading", "--note", "Partly.", "--reviewer", "Ana",
        "--evidence", "https://example.org/a")
    rows = {r["claim"]: r for r in json.loads(run("claims", "--db", db, "--format", "json").stdout)}
    assert (rows["art0002/c1"]["review"], rows["art0002/c1"]["reviewer"]) == ("misleading", "Ana")
    assert rows["art0001/c1"]["review"] is None


@pytest.mark.parametrize("args,message", [
    (["review", "art0002/c1", "--status", "maybe", "--note", "x"], "Invalid value for '--status'"),
    (["review", "art0002/c1", "--status", "false"], "Missing option '--note'"),
    (["review", "art0002/c1", "--status", "false", "--note", "x", "--evidence", "ftp://x"], "http(s) address"),
    (["review", "art0002/c1", "--status", "false", "--note", " "], "needs a note"),
    (["review", "art0099/c1", "--status", "false", "--note", "x"], "no claim"),
    (["review", "just-an-article", "--status", "false", "--note", "x"], "no claim"),
    (["claim", "clm_nothing"], "no ledger claim"),
    (["claim", "art/x/y"], "ARTICLE_ID/CLAIM_ID"),
    (["claims", "merge", "art0001/c1", "art0001/c1"], "already one ledger claim"),
    (["claims", "split", "art0099/c1"], "no claim"),
    (["claims", "--contested", "--limit", "0"], "--limit"),
])
def test_bad_input_is_one_line_and_exit_2(db, args, message):
    assert message in fails(*args, "--db", db)


def test_merge_and_split_from_the_command_line(db):
    out = run("claims", "merge", "art0001/c1", "art0003/c1", "--db", db).stdout
    assert out.startswith("merged: clm_") and "(4 reports)" in out
    out = run("claims", "split", "art0004/c1", "--db", db).stdout
    assert out.startswith("split: art0004/c1 is ledger claim clm_")
    rows = {r["claim"]: r for r in json.loads(run("claims", "--db", db, "--format", "json").stdout)}
    assert rows["art0003/c1"]["ledger_claim"] == rows["art0001/c1"]["ledger_claim"] != rows["art0004/c1"]["ledger_claim"]


def test_a_missing_database_is_refused(tmp_path):
    assert "no database" in fails("claim", "clm_x", "--db", str(tmp_path / "none.db"))
    assert "no database" in fails("review", "a/c1", "--status", "false", "--note", "x", "--db", str(tmp_path / "n.db"))

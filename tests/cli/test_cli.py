"""The command line, in process (click's CliRunner), on our own small articles."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.records import Record, check_spans

ARTICLE = (
    "Officials in the port city said this morning, Tuesday, April 30, that the ferry service would resume.\n"
    "Advert\n"
    "'We have waited long enough,' harbour master Ilse Marten said.\n"
    "Topics: Shipping, Harbour\n"
)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("The council met again.\nIt voted to close the bridge.\n", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text(json.dumps({"published": "2024-03-01", "title": "Bridge"}), encoding="utf-8")
    return tmp_path


def records_of(output: str) -> list[Record]:
    return [Record.from_dict(json.loads(line)) for line in output.splitlines() if line.strip()]


def test_extract_writes_one_record_per_article(runner, corpus):
    result = runner.invoke(cli, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    records = records_of(result.stdout)
    assert len(records) == 2
    by_name = {r.source.rsplit("/", 1)[-1]: r for r in records}
    a, b = by_name["a.txt"], by_name["b.txt"]
    assert a.published_from == "text" and a.published.endswith("-04-30")
    assert [bp.kind for bp in a.boilerplate] == ["advert", "topics"]
    assert a.topics == ["Shipping", "Harbour"]
    assert (b.published, b.published_from, b.title) == ("2024-03-01", "metadata", "Bridge")
    assert a.pipeline and a.pipeline.model
    for r in records:
        assert check_spans(r) == []
        for key in ("quotes", "claims", "times", "entities", "events"):
            assert isinstance(getattr(r, key), list)


def test_published_option_is_a_default_for_articles_without_metadata(runner, corpus):
    result = runner.invoke(cli, ["extract", str(corpus / "b.txt"), str(corpus / "a.txt"), "--published", "2024-05-01"])
    assert result.exit_code == 0, result.output
    a = next(r for r in records_of(result.stdout) if r.source.endswith("a.txt"))
    b = next(r for r in records_of(result.stdout) if r.source.endswith("b.txt"))
    assert (a.published, a.published_from) == ("2024-05-01", "option")
    assert (b.published, b.published_from) == ("2024-03-01", "metadata")


def test_bad_input_is_reported_and_the_batch_goes_on(runner, corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    result = runner.invoke(cli, ["extract", str(corpus)])
    assert result.exit_code == 1
    assert len(records_of(result.stdout)) == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("blob.txt" in e for e in errors)


def test_strict_stops_at_the_first_error(runner, tmp_path):
    (tmp_path / "0-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "1-good.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", "--strict", str(tmp_path)])
    assert result.exit_code == 1
    assert records_of(result.stdout) == []


def test_missing_path_is_an_error_naming_it(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_extract_reads_stdin(runner):
    result = runner.invoke(cli, ["extract", "-", "--published", "2024-05-01"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    (record,) = records_of(result.stdout)
    assert record.text == ARTICLE


def test_ingest_is_idempotent_and_articles_lists_them(runner, corpus, tmp_path):
    db = str(tmp_path / "ledger.db")
    first = runner.invoke(cli, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 articles written" in first.stderr
    again = runner.invoke(cli, ["ingest", str(corpus), "--db", db])
    assert "0 articles written, 2 unchanged" in again.stderr
    forced = runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--force"])
    assert "2 articles written" in forced.stderr and "2 in" in forced.stderr

    as_json = runner.invoke(cli, ["articles", "--db", db, "--format", "json"])
    rows = json.loads(as_json.stdout)
    assert len(rows) == 2 and {"id", "published", "quotes", "claims", "times"} <= rows[0].keys()
    as_csv = runner.invoke(cli, ["articles", "--db", db, "--format", "csv"])
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == 2
    table = runner.invoke(cli, ["articles", "--db", db])
    assert table.stdout.splitlines()[0].split()[:2] == ["id", "published"]


def test_ingest_reads_db_from_environment(runner, corpus, tmp_path):
    db = tmp_path / "env.db"
    result = runner.invoke(cli, ["ingest", str(corpus / "a.txt")], env={"NEWSLEDGER_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_settings_lists_every_environment_variable(runner):
    result = runner.invoke(cli, ["settings", "--format", "json"])
    envs = {row["env"] for row in json.loads(result.stdout)}
    assert {"NEWSLEDGER_DB", "NEWSLEDGER_MAX_BYTES", "NEWSLEDGER_MODEL"} <= envs


def test_progress_is_silent_when_not_a_terminal(runner, corpus):
    result = runner.invoke(cli, ["extract", str(corpus / "a.txt")])
    assert "━" not in result.stderr and "/s" not in result.stderr

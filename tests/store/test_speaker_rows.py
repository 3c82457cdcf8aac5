"""No junk speaker rows: words that only look like the subject of "said" ("statement", "case", "efforts")
and page furniture ("See More") never become speakers, in the CLI's list or the web's, on either engine.
The articles are the bundled examples plus two of our own written to tempt the pipeline."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.lexicon.words import NEVER_SPEAKERS

TEMPTING_TEXT = """The port authority said in a statement that the ferry would stay in dock until May.
"The case shows how fragile the crossing is," the statement said.
Efforts to raise the wreck have so far failed, the salvage company said.
The case against the harbour master, prosecutors said, "rests on two invoices and nothing else."
Their efforts said nothing about the cost, which the council put at 4 million.
"""

TEMPTING_PAGE = """<!doctype html><html><head><title>Ferry stays in dock | Coast Courier</title>
<meta property="og:site_name" content="Coast Courier"></head><body><article>
<h1>Ferry stays in dock</h1>
<p>"We will not give up on the island route," said Lena Orsk, who heads the ferry workers' union.
<a href="/more">See More</a></p>
<p>See More</p>
<p>The harbour master said the pier would be inspected again on Friday. <button>See More</button></p>
<p>"Nobody has told us when the boat comes back," said Ivo Marsh, a shopkeeper on the island.</p>
<p>See More said nothing. Efforts said the same.</p>
</article></body></html>"""

JUNK = {"statement", "case", "efforts", "see more", "the statement", "the case", "their efforts"}


@pytest.fixture(scope="module")
def db(module_store_url, examples_dir, tmp_path_factory):
    extra = tmp_path_factory.mktemp("tempting")
    (extra / "ferry.txt").write_text(TEMPTING_TEXT, encoding="utf-8")
    (extra / "ferry.html").write_text(TEMPTING_PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(examples_dir), str(extra), "--db", module_store_url])
    assert result.exit_code == 0, result.output
    return module_store_url


def _junk(names) -> list[str]:
    return [n for n in names if n.strip().lower() in JUNK or n.strip().lower() in NEVER_SPEAKERS]


def test_the_cli_lists_no_junk_speaker(db):
    result = CliRunner().invoke(cli, ["speakers", "--db", db, "--limit", "1000", "--format", "json"])
    assert result.exit_code == 0, result.output
    names = [r["speaker"] for r in json.loads(result.stdout)]
    assert "Lena Orsk" in names and "Ivo Marsh" in names  # the page's real speakers are there
    assert _junk(names) == []


def test_the_web_lists_no_junk_speaker(db):
    from starlette.testclient import TestClient

    from newsledger.web import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        rows = client.get("/speakers.json?limit=500").json()["items"]
        quotes = client.get("/quotes.json?limit=500").json()["items"]
    assert _junk(r["speaker"] for r in rows) == []
    assert _junk(q["speaker"] for q in quotes if q["speaker"]) == []
    # "the statement said" may be how the text names a speaker, but only for the one who issued it
    assert _junk(q["mention"] for q in quotes if q["mention"] and not q["speaker"]) == []
    by_statement = [q["speaker"] for q in quotes if (q["mention"] or "").lower() == "the statement"]
    assert "port authority" in by_statement and not _junk(by_statement)

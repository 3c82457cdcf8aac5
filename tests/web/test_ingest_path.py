"""The web adds articles through the command line's own path: same readers, same record, the pipeline
run outside the write lock, one transaction with the ledger."""

from __future__ import annotations

import json
import pathlib

import pytest

pytest.importorskip("fastapi")
from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from newsledger.cli import cli  # noqa: E402
from newsledger.web import create_app  # noqa: E402

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


class LockWatchingPipeline:
    """The real pipeline, noting whether the app's write lock was held while it ran."""

    def __init__(self, nlp, state_of):
        self._nlp, self._state_of, self.held = nlp, state_of, []

    def pipe(self, docs, **kwargs):
        for doc in self._nlp.pipe(docs, **kwargs):
            self.held.append(self._state_of().write_lock.locked())
            yield doc

    def __getattr__(self, name):
        return getattr(self._nlp, name)


@pytest.mark.parametrize("endpoint", ["/api/articles", "/ingest"])
@pytest.mark.parametrize("name", ["html/prisoner_exchange.html", "articles/solvany_shelling.txt"])  # no sidecar
def test_an_upload_gives_the_record_the_cli_extracts(tmp_path, nlp, name, endpoint):
    path = EXAMPLES / name
    extracted = CliRunner().invoke(cli, ["extract", str(path)])
    assert extracted.exit_code == 0, extracted.output
    (expected,) = [json.loads(line) for line in extracted.stdout.splitlines() if line.strip()]
    db = str(tmp_path / "w.db")
    CliRunner().invoke(cli, ["ingest", str(EXAMPLES / "articles" / "grain_corridor.txt"), "--db", db])
    app = create_app(db)
    watcher = LockWatchingPipeline(nlp, lambda: app.state.newsledger)
    app.state.newsledger.nlp = watcher
    with TestClient(app, base_url="http://127.0.0.1") as client:
        r = client.post(endpoint, files={"file": (path.name, path.read_bytes())}, follow_redirects=False)
        if endpoint == "/ingest":  # the browser form: a redirect to the new article's page
            assert r.status_code == 303, r.text
            r = client.get(r.headers["location"] + ".json")
            assert r.status_code == 200, r.text
        else:
            assert r.status_code == 201, r.text
    got = r.json()
    assert got["source"] == f"upload:{path.name}"
    for key in ("id", "text", "title", "author", "publisher", "published", "published_from", "quotes", "claims",
                "times", "boilerplate", "topics"):
        assert got[key] == expected[key], key
    assert watcher.held == [False]  # extraction ran outside the write lock
    from newsledger.store import open_store

    with open_store(db) as store:  # stored with its ledger links (the write and the linking are one transaction)
        stored = store.record(got["id"])
        assert stored.entities and all(e.ledger_entity for e in stored.entities)
        linked = store.scalar("SELECT COUNT(*) FROM entities WHERE article_id = ? AND ledger_entity IS NOT NULL",
                              (got["id"],))
        assert linked == len(stored.entities)


def test_form_metadata_is_the_articles_own_as_a_sidecar_is(tmp_path, nlp):
    db = str(tmp_path / "w.db")
    CliRunner().invoke(cli, ["ingest", str(EXAMPLES / "articles" / "grain_corridor.txt"), "--db", db])
    with TestClient(create_app(db, nlp=nlp), base_url="http://127.0.0.1") as client:
        text = "Harbour master Ilse Varga said the port would reopen on Friday.\n"
        r = client.post("/api/articles", json={"text": text, "title": "Port", "published": "2024-05-02",
                                               "url": "https://news.example/port"})
    assert r.status_code == 201, r.text
    rec = r.json()
    assert (rec["title"], rec["published"], rec["published_from"], rec["url"]) == (
        "Port", "2024-05-02", "metadata", "https://news.example/port")

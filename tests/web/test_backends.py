"""Every page, JSON twin and CSV download answers on both engines (the bundled examples in a store on
SQLite and on PostgreSQL): keyset cursors, NULLS ordering and full text included."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")
from starlette.testclient import TestClient  # noqa: E402

from newsledger.cli import cli  # noqa: E402
from newsledger.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(module_store_url, examples_dir):
    result = CliRunner().invoke(cli, ["ingest", str(examples_dir), "--db", module_store_url])
    assert result.exit_code == 0, result.output
    with TestClient(create_app(module_store_url), base_url="http://127.0.0.1") as c:
        yield c


LISTS = ["/articles", "/speakers", "/speakers?sort=first", "/speakers?type=PERSON&name=a", "/entities?sort=name",
         "/quotes", "/quotes?speaker=Kovalenko", "/quotes?q=ships", "/claims", "/claims?status=unverified",
         "/timeline?reported=true", "/search?q=ceasefire"]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_in_every_form_and_its_pages(client, url):
    path, _, query = url.partition("?")
    assert client.get(url).status_code == 200
    assert client.get(path + ".csv" + ("?" + query if query else "")).status_code == 200
    sep = "&" if query else "?"
    data = client.get(path + ".json" + ("?" + query if query else "") + sep + "limit=200").json()
    if "items" in data:
        everything = [(r.get("article_id"), r.get("id"), r.get("key")) for r in data["items"]]
        seen, nxt = [], path + ".json" + ("?" + query if query else "") + sep + "limit=2"
        while nxt:
            page = client.get(nxt).json()
            seen += [(r.get("article_id"), r.get("id"), r.get("key")) for r in page["items"]]
            nxt = page["next_url"]
        assert seen == everything, url


def test_one_article_and_one_entity(client):
    aid = client.get("/articles.json").json()["items"][0]["id"]
    assert client.get(f"/articles/{aid}").status_code == 200
    ent = client.get("/speakers.json?type=PERSON").json()["items"][0]["entity"]
    data = client.get(f"/entities/{ent}.json").json()
    assert data["quote_count"] == len(data["quotes"]["items"]) > 0

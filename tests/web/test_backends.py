"""Every page, JSON twin and CSV download answers on both engines (the bundled examples in a store on
SQLite and on PostgreSQL): keyset cursors, NULLS ordering and full text included."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

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


class _Lists(HTMLParser):
    """Each "Download" block of a page with the rows (``data-row``) shown after it, in page order."""

    def __init__(self):
        super().__init__()
        self.blocks: list[dict] = []
        self._in_block = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "downloads" in (attrs.get("class") or "").split():
            self.blocks.append({"csv": None, "json": None, "rows": []})
            self._in_block = True
        elif tag == "a" and self._in_block and attrs.get("class") in ("dl-csv", "dl-json"):
            self.blocks[-1][attrs["class"][3:]] = attrs["href"]  # the parser has unescaped it
        elif "data-row" in attrs and self.blocks:
            self.blocks[-1]["rows"].append(attrs["data-row"])

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_block = False


def _ident(row: dict) -> str:
    """The identity a page gives a row in ``data-row`` (a CSV row has fewer fields, but these)."""
    if "what" in row:
        return f"{row['kind']}/{row['id']}"  # a timeline item
    if "speaker" in row and "article_id" not in row:
        return row["speaker"]  # a speaker
    if row.get("article_id") and row.get("id"):
        return f"{row['article_id']}/{row['id']}"  # a quote or a claim
    return row["id"]  # an article or an entity


def _items(data, position: int) -> list:
    if "items" in data:
        return data["items"]
    if "history" in data:
        return data["history"]["items"]  # a ledger claim: its reports
    return data[("quotes", "articles")[position]]["items"]  # the search page: its two lists in order


DOWNLOAD_PAGES = LISTS + ["/speakers?type=person&sort=last", "/entities?sort=first&type=GPE", "/entities?sort=quotes",
                          "/quotes?limit=3", "/claims?limit=2&status=claimed", "/search?q=said&limit=3",
                          "/timeline?limit=4&reported=true"]


@pytest.mark.parametrize("url", DOWNLOAD_PAGES)
def test_every_download_holds_exactly_the_rows_shown(client, url):
    _check_downloads(client, url)


def test_the_downloads_of_an_article_and_an_entity(client):
    aid = client.get("/articles.json?limit=1").json()["items"][0]["id"]
    blocks = _check_downloads(client, f"/articles/{aid}")
    assert len(blocks) == 1 and len(blocks[0]["rows"]) == len(client.get(f"/articles/{aid}.json").json()["quotes"])
    sources = {c["entity"] for c in client.get("/claims.json?limit=500").json()["items"] if c["entity"]}
    quoted = [r["entity"] for r in client.get("/speakers.json?sort=quotes&limit=500").json()["items"]]
    ent = next(e for e in quoted if e in sources)  # quoted, and the source of a claim
    blocks = _check_downloads(client, f"/entities/{ent}?limit=2")
    assert len(blocks) == 2  # its quotes (a page of 2) and the claims sourced to it


def test_the_downloads_of_a_ledger_claim(client):
    claims = client.get("/claims.json?limit=500").json()["items"]
    lid = max(claims, key=lambda c: (c["reports"], c["ledger_claim"]))["ledger_claim"]
    blocks = _check_downloads(client, f"/claims/{lid}?limit=1")
    assert len(blocks) == 1 and len(blocks[0]["rows"]) == 1
    every = _check_downloads(client, f"/claims/{lid}")[0]["rows"]
    assert len(every) == client.get(f"/claims/{lid}.json").json()["reports"] >= 1


def _check_downloads(client, url: str) -> list[dict]:
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _Lists()
    parser.feed(page.text)
    assert parser.blocks, f"{url}: no download links"
    for position, block in enumerate(parser.blocks):
        assert block["csv"] and block["json"], (url, block)
        shown = block["rows"]
        as_csv = list(csv.DictReader(io.StringIO(client.get(block["csv"]).text)))
        as_json = _items(client.get(block["json"]).json(), position)
        assert [_ident(r) for r in as_csv] == shown, (url, block["csv"])
        assert [_ident(r) for r in as_json] == shown, (url, block["json"])
    if url.split("?")[0] in ("/quotes", "/claims", "/speakers", "/entities", "/articles"):
        assert parser.blocks[0]["rows"], f"{url}: the list is empty, the test would prove nothing"
    return parser.blocks


@pytest.mark.parametrize("url", ["/quotes?limit=3", "/speakers?limit=5&sort=articles", "/entities?limit=4&sort=last",
                                 "/claims?limit=3", "/articles?limit=2", "/timeline?limit=3&reported=true"])
def test_a_later_page_downloads_that_page(client, url):
    nxt = re.search(r'<a rel="next" href="([^"]+)"', client.get(url).text)
    assert nxt, f"{url}: no second page"
    second = html.unescape(nxt.group(1))
    assert "after=" in second
    first_rows = _check_downloads(client, url)[0]["rows"]
    second_rows = _check_downloads(client, second)[0]["rows"]
    assert second_rows and not set(first_rows) & set(second_rows)


def test_search_quotes_on_a_later_page_download_that_page(client):
    from collections import Counter

    quotes = client.get("/quotes.json?limit=500").json()["items"]
    words = Counter(w for q in quotes for w in {w.lower() for w in re.findall(r"[A-Za-z]{5,}", q["text"])})
    word = words.most_common(1)[0][0]  # a word in several quotes: their search has a second page
    data = client.get(f"/search.json?q={word}&limit=1").json()
    assert data["quotes"]["next"], word
    blocks = _check_downloads(client, f"/search?q={word}&limit=1&quotes_after={data['quotes']['next']}")
    assert blocks[0]["rows"] and blocks[0]["rows"] != [f"{r['article_id']}/{r['id']}" for r in data["quotes"]["items"]]

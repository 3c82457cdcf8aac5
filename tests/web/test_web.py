"""In-process tests of the web app (Starlette TestClient over ASGI): pages, JSON twins, pagination,
filters, writes and their token rule, size limits, security headers and escaping."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("fastapi")
from starlette.testclient import TestClient  # noqa: E402

from newsledger.settings import Settings  # noqa: E402
from newsledger.store import open_store  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from newsledger.store.queries import decode_cursor, encode_cursor  # noqa: E402

from _web_helpers import XSS_SPEAKER, XSS_TITLE  # noqa: E402

BASE = "http://127.0.0.1"
HOSTILE = "badbadbadbad0001"


@pytest.fixture(scope="module")
def app(web_db, nlp):
    return create_app(web_db, nlp=nlp)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, base_url=BASE) as c:
        yield c


@pytest.fixture(scope="module")
def store(web_db):
    with open_store(web_db) as s:
        yield s


def _some_article(store) -> str:
    return store.execute("SELECT article_id FROM quotes WHERE article_id != ? GROUP BY article_id "
                         "ORDER BY COUNT(*) DESC LIMIT 1", (HOSTILE,))[0]["article_id"]


def _some_entity(store) -> str:
    return store.execute(
        "SELECT e.ledger_entity AS id FROM quotes q JOIN entities e ON e.article_id = q.article_id "
        "AND e.id = q.speaker_entity WHERE e.ledger_entity IS NOT NULL AND q.article_id != ? "
        "GROUP BY e.ledger_entity ORDER BY COUNT(*) DESC LIMIT 1", (HOSTILE,))[0]["id"]


def _pages(store):
    return ["/articles", "/speakers", "/entities", "/quotes", "/claims", "/timeline", "/search?q=ceasefire",
            f"/articles/{_some_article(store)}", f"/entities/{_some_entity(store)}",
            "/claims?status=unverified", "/quotes?speaker=Remis", "/timeline?entity=Kestria"]


# -- every page and its JSON twin --------------------------------------------------------------

def test_every_page_renders_with_its_json_twin(client, store):
    for url in _pages(store):
        html = client.get(url)
        assert html.status_code == 200, url
        assert html.headers["content-type"].startswith("text/html"), url
        assert "<!doctype html>" in html.text
        path, _, query = url.partition("?")
        twin = client.get(path + ".json" + ("?" + query if query else ""))
        assert twin.status_code == 200, url
        assert twin.headers["content-type"] == "application/json"
        by_accept = client.get(url, headers={"Accept": "application/json"})
        assert by_accept.status_code == 200 and by_accept.json() == twin.json(), url


def test_ingest_form_and_openapi(client):
    assert client.get("/ingest").status_code == 200
    schema = client.get("/openapi.json").json()
    assert "/api/articles" in schema["paths"] and "post" in schema["paths"]["/api/articles"]
    for twin in ("/claims.json", "/articles/{article_id}.json", "/entities/{entity_id}.json", "/timeline.json",
                 "/search.json", "/speakers.json", "/quotes.json", "/articles.json", "/quotes.csv"):
        assert twin in schema["paths"], twin
    body = schema["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_unknown_things_are_404_in_both_forms(client):
    assert client.get("/articles/0000000000000000").status_code == 404
    r = client.get("/articles/0000000000000000.json")
    assert r.status_code == 404 and r.json()["error"]["status"] == 404
    assert client.get("/entities/ent_nope.json").status_code == 404


# -- the article page --------------------------------------------------------------------------

def test_article_json_is_the_record(client, store):
    aid = _some_article(store)
    assert client.get(f"/articles/{aid}.json").json() == store.record(aid).to_dict()


def test_article_page_highlights_every_quote_with_its_speaker(client, store):
    aid = _some_article(store)
    record = store.record(aid)
    html = client.get(f"/articles/{aid}").text
    linked = set(re.findall(r'data-quote="([^"]+)"', html))
    assert linked == {q.id for q in record.quotes}
    for q in record.quotes:
        block = html.split(f'<details class="quote" id="quote-{q.id}"', 1)[1].split("</details>", 1)[0]
        if q.speaker and q.speaker.name:
            assert _unescape(q.speaker.name) in _unescape(block)
        assert f"{q.confidence:.2f}" in block
    for key in ("quote", "speaker", "cue", "claim", "time", "entity"):
        assert f'id="layer-{key}"' in html and f"l-{key}" in html
    if record.boilerplate:
        assert 'class="seg bp' in html


def _unescape(s: str) -> str:
    import html

    return html.unescape(s)


# -- pagination ----------------------------------------------------------------------------------

def _walk(client, url: str, key: str = "items") -> list:
    rows, seen_urls = [], set()
    while url:
        assert url not in seen_urls
        seen_urls.add(url)
        data = client.get(url).json()
        rows += data[key] if key in data else data["items"]
        url = data.get("next_url")
    return rows


@pytest.mark.parametrize("path,ident", [
    ("/quotes.json", lambda r: (r["article_id"], r["id"])),
    ("/claims.json", lambda r: (r["article_id"], r["id"])),
    ("/speakers.json", lambda r: r["key"]),
    ("/entities.json", lambda r: r["id"]),
    ("/articles.json", lambda r: r["id"]),
    ("/timeline.json?reported=true", lambda r: (r["kind"], r["id"])),
])
def test_keyset_pages_cover_everything_once_in_order(client, path, ident):
    sep = "&" if "?" in path else "?"
    everything = client.get(path + sep + "limit=500").json()["items"]
    assert everything, path
    paged = _walk(client, path + sep + "limit=2")
    assert [ident(r) for r in paged] == [ident(r) for r in everything]


def test_pages_are_stable_when_rows_are_added(client, store, web_db, nlp):
    first = client.get("/quotes.json?limit=3").json()
    # a new article published before everything else would shift an OFFSET page; a keyset page does not move
    from newsledger.records import Article, Quote, Record

    text = "Officials said 'we are early' today."
    early = Record.from_article(Article(id="early00000000001", source="early.txt", text=text, published="1999-01-01"),
                                quotes=[Quote(id="q1", kind="direct", text="we are early", span=(16, 28))])
    with open_store(web_db) as s:
        s.write([early])
    try:
        second = client.get(first["next_url"]).json()
        again = client.get("/quotes.json?limit=500").json()["items"]
        ids = [(r["article_id"], r["id"]) for r in again]
        start = ids.index((first["items"][-1]["article_id"], first["items"][-1]["id"])) + 1
        assert [(r["article_id"], r["id"]) for r in second["items"]] == ids[start:start + 3]
    finally:
        with open_store(web_db) as s:
            s.delete(["early00000000001"])


def test_html_pages_link_to_the_next_page(client, store):
    for url in ("/articles?limit=1", "/quotes?limit=2", "/claims?limit=2", "/speakers?limit=1", "/entities?limit=1",
                "/timeline?limit=2&reported=true", f"/entities/{_some_entity(store)}?limit=1", "/search?q=said&limit=1"):
        html = client.get(url).text
        m = re.search(r'<a rel="next" href="([^"]+)"', html)
        assert m, url
        nxt = client.get(_unescape(m.group(1)))
        assert nxt.status_code == 200 and nxt.text != html, url


def test_bad_cursor_is_400(client):
    assert client.get("/quotes?after=%%%").status_code == 400
    assert client.get("/claims.json?after=" + encode_cursor([1, 2])).status_code == 400
    assert client.get("/claims.json?limit=0").status_code == 400


def test_cursor_round_trip():
    assert decode_cursor(encode_cursor(["2024-01-01", "abc", 12, "q1"]), 4) == ["2024-01-01", "abc", 12, "q1"]
    assert decode_cursor(None, 2) is None


# -- filters -------------------------------------------------------------------------------------

def test_claims_unverified_first_and_filters(client):
    items = client.get("/claims.json?limit=500").json()["items"]
    ranks = {"unverified": 0, "disputed": 1, "unattributed": 2, "claimed": 3, "confirmed": 3}
    assert [ranks[c["status"]] for c in items] == sorted(ranks[c["status"]] for c in items)
    assert items[0]["status"] == "unverified"
    assert all("repeats" in c and "contradicts" in c for c in items)
    only = client.get("/claims.json?status=unverified&limit=500").json()["items"]
    assert only and all(c["status"] == "unverified" for c in only)
    assert any(c["evidence"] for c in only)
    assert client.get("/claims.json?status=bogus").status_code == 400
    dated = client.get("/claims.json?from=2024-03-19&to=2024-03-19&limit=500").json()["items"]
    assert dated and all(c["published"] == "2024-03-19" for c in dated)
    assert client.get("/claims.json?from=2999-01-01").json()["items"] == []
    words = client.get("/claims.json?q=verified&limit=500").json()["items"]
    assert all("verified" in c["text"].lower() for c in words)


def test_claim_source_filter(client):
    items = client.get("/claims.json?limit=500").json()["items"]
    named = next(c for c in items if c["source"] and c["article_id"] != HOSTILE)
    by_source = client.get("/claims.json", params={"source": named["source"], "limit": 500}).json()["items"]
    assert (named["article_id"], named["id"]) in {(c["article_id"], c["id"]) for c in by_source}


def test_entity_page_has_every_quote_of_that_entity(client, store):
    ent = _some_entity(store)
    data = client.get(f"/entities/{ent}.json?limit=500").json()
    expected = store.execute(
        "SELECT q.article_id, q.id FROM quotes q JOIN entities e ON e.article_id = q.article_id "
        "AND e.id = q.speaker_entity WHERE e.ledger_entity = ?", (ent,))
    assert {(r["article_id"], r["id"]) for r in data["quotes"]["items"]} == {(r["article_id"], r["id"]) for r in expected}
    assert data["quote_count"] == len(expected)
    assert "aliases" in data and "roles" in data
    html = client.get(f"/entities/{ent}").text
    assert '<svg class="chart"' in html


def test_entities_type_filter_name_search_and_sorts(client):
    everything = client.get("/entities.json?limit=500").json()["items"]
    places = client.get("/entities.json?type=gpe&limit=500").json()["items"]  # any case
    assert places and {e["type"] for e in places} == {"GPE"} and len(places) < len(everything)
    assert '<option selected>GPE</option>' in client.get("/entities?type=gpe").text  # the form shows the filter
    person = next(e for e in everything if e["type"] == "PERSON" and e["aliases"])
    surname = person["name"].split()[-1]
    named = client.get("/entities.json", params={"name": surname.lower()}).json()["items"]
    assert person["id"] in [e["id"] for e in named] and len(named) < len(everything)
    assert all(surname.lower() in " ".join([e["name"], *e["aliases"]]).lower() for e in named)
    assert client.get("/entities.json?name=Zzyzx").json()["items"] == []
    for sort, key, descending in (("quotes", "quotes", True), ("articles", "articles", True),
                                  ("first", "first", False), ("last", "last", True), ("name", "name", False)):
        rows = client.get(f"/entities.json?sort={sort}&limit=500").json()["items"]
        values = [r[key] for r in rows if r[key] is not None]
        assert len(rows) == len(everything) and values == sorted(values, reverse=descending), sort
        assert f'<option value="{sort}" selected>' in client.get(f"/entities?sort={sort}").text
    assert client.get("/entities.json?type=planet").status_code == 400
    assert client.get("/speakers.json?type=planet").status_code == 400


def test_speakers_sort_with_readable_labels(client):
    html = client.get("/speakers?sort=first").text
    assert '<option value="first" selected>first quoted</option>' in html
    firsts = [r["first"] for r in client.get("/speakers.json?sort=first&limit=500").json()["items"]]
    assert [f for f in firsts if f] == sorted(f for f in firsts if f)


def test_the_source_url_is_a_real_link_only_for_http_and_https(client, store):
    linked = store.execute("SELECT id, url FROM articles WHERE url LIKE 'https://%' ORDER BY id LIMIT 1")[0]
    html = client.get(f"/articles/{linked['id']}").text
    anchor = re.search(r'<a class="source-link" href="([^"]+)"([^>]*)>', html)
    assert anchor and anchor.group(1) == linked["url"]
    assert 'rel="noopener noreferrer"' in anchor.group(2) and 'target="_blank"' in anchor.group(2)
    hostile = client.get(f"/articles/{HOSTILE}").text  # its url is javascript:alert(1)
    assert 'class="source-link"' not in hostile and '<span class="url">javascript:alert(1)</span>' in hostile


@pytest.mark.parametrize("url,link", [
    ("https://news.example/a", "https://news.example/a"), (" HTTP://news.example/a ", "HTTP://news.example/a"),
    ("javascript:alert(1)", None), ("data:text/html,x", None), ("//news.example/a", None), ("http:/a", None),
    ("ftp://news.example/a", None), ("", None), (None, None),
])
def test_web_link_keeps_only_absolute_http_urls(url, link):
    from newsledger.web.rendering import web_link

    assert web_link(url) == link


def test_quote_lists_show_each_quote_marked_inside_its_sentence(client, store):
    import html as html_lib

    for url in ("/quotes?limit=500", f"/entities/{_some_entity(store)}?limit=500", "/search?q=said&limit=200"):
        page = client.get(url).text
        rows = re.findall(r'<tr data-row="([^"]+)">(.*?)</tr>', page, re.S)
        assert rows, url
        for key, row in rows:
            article_id, quote_id = key.split("/")
            q = next(x for x in store.record(article_id).quotes if x.id == quote_id)
            cell = re.search(r'<a class="quote-text"[^>]*>(.*?)</a>', row, re.S).group(1)
            before, marked, after = re.fullmatch(r"(.*)<mark>(.*)</mark>(.*)", cell, re.S).groups()
            assert html_lib.unescape(marked) == q.text, (url, key)
            sentence = html_lib.unescape(before + marked + after)
            assert sentence in store.record(article_id).text and len(sentence) >= len(q.text)


def test_speakers_link_to_entities(client):
    html = client.get("/speakers").text
    assert re.search(r'href="/entities/ent_[0-9a-f]+"', html)


def test_quotes_speaker_filter_and_search(client):
    items = client.get("/quotes.json?speaker=Remis&limit=500").json()["items"]
    assert items and all(q["speaker"] == "Pavel Remis" for q in items)
    found = client.get("/search.json?q=surrender").json()
    assert any("surrender" in q["text"] for q in found["quotes"]["items"])
    assert found["articles"]["items"]
    assert client.get("/search.json?q=").json()["quotes"]["items"] == []
    assert client.get("/search.json?q=%22%29%28OR").status_code == 200  # no FTS syntax leaks through


def test_timeline_filters(client):
    everything = client.get("/timeline.json?limit=1000&reported=true").json()["items"]
    assert everything and [r["date"] for r in everything] == sorted(r["date"] for r in everything)
    assert {r["kind"] for r in everything} <= {"event", "claim"}
    lo = client.get("/timeline.json?from=2024-03-15&limit=1000").json()["items"]
    assert all(r["date"] >= "2024-03-15" for r in lo)
    html = client.get("/timeline").text
    assert 'class="chart timeline"' in html
    page = client.get("/timeline?reported=true&limit=1000").text
    for item in everything:  # every item names and links the articles it comes from
        assert item["sources"] and len(item["sources"]) == len(item["article_ids"]) == (
            1 if item["kind"] == "claim" else item["articles"]), item
        assert all(f'href="/articles/{aid}"' in page for aid in item["article_ids"])


# -- writes --------------------------------------------------------------------------------------

ARTICLE = ("The mayor of Varnsk, Ilona Teller, said on Tuesday that the bridge would reopen next week.\n"
           "'We have checked every bolt,' Ms Teller told reporters.\n")


def test_api_post_json_adds_an_article(client, store):
    r = client.post("/api/articles", json={"text": ARTICLE, "published": "2024-04-02", "title": "Bridge to reopen"})
    assert r.status_code == 201, r.text
    rec = r.json()
    assert rec["published"] == "2024-04-02" and rec["title"] == "Bridge to reopen"
    assert r.headers["location"] == f"/articles/{rec['id']}"
    assert rec["quotes"], "the pipeline ran"
    assert client.get(f"/articles/{rec['id']}.json").json()["id"] == rec["id"]
    again = client.post("/api/articles", json={"text": ARTICLE, "published": "2024-04-02", "title": "Bridge to reopen"})
    assert again.status_code == 200  # same text: replaced, not duplicated
    assert store.scalar("SELECT COUNT(*) FROM articles WHERE id = ?", (rec["id"],)) == 1


def test_api_post_multipart_and_html(client):
    r = client.post("/api/articles", files={"file": ("note.txt", ARTICLE.replace("bridge", "ferry").encode(), "text/plain")},
                    data={"published": "2024-04-03"})
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "upload:note.txt"
    page = ("<!doctype html><html><head><title>Ferry</title><meta property='article:published_time' "
            "content='2024-04-05'></head><body><article><p>" + ARTICLE.replace("\n", "</p><p>") + "</p></article></body></html>")
    h = client.post("/api/articles", json={"html": page.replace("bridge", "tunnel")})
    assert h.status_code == 201, h.text
    assert h.json()["format"] == "html"


def test_api_post_rejects_bad_input(client):
    assert client.post("/api/articles", json={"text": "   "}).status_code == 400
    assert client.post("/api/articles", json={"text": ARTICLE, "published": "not a date"}).status_code == 400
    assert client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"}).status_code == 400
    assert client.post("/api/articles", files={"file": ("x.bin", b"\x00\x01\x02PK" * 20)}).status_code == 400


def test_form_ingest_redirects_to_the_article(client):
    r = client.post("/ingest", data={"text": ARTICLE.replace("bridge", "dam"), "published": "2024-04-04"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/articles/")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "dam would reopen" in page.text
    bad = client.post("/ingest", data={"text": ""})
    assert bad.status_code == 400 and "nothing to ingest" in bad.text


def test_cross_origin_writes_are_refused(client):
    r = client.post("/api/articles", json={"text": ARTICLE}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/ingest", data={"text": ARTICLE}, headers={"Origin": "null"}, follow_redirects=False)
    assert r.status_code == 403


def test_token_rule(web_db, nlp):
    text = {"text": ARTICLE.replace("bridge", "airport")}
    # bound to a public address without a token: writes disabled, reads fine
    with TestClient(create_app(web_db, host="0.0.0.0", nlp=nlp), base_url="http://news.example") as c:
        assert c.get("/claims").status_code == 200
        assert c.post("/api/articles", json=text).status_code == 403
        assert "Writes are disabled" in c.get("/ingest").text
    # bound publicly with a token: required, by header or form field
    with TestClient(create_app(web_db, token="s3cret", host="0.0.0.0", nlp=nlp), base_url="http://news.example") as c:
        assert c.post("/api/articles", json=text).status_code == 401
        assert c.post("/api/articles", json=text, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/articles", json=text, headers={"Authorization": "Bearer s3cret"}).status_code in (200, 201)
        r = c.post("/ingest", data={**text, "token": "s3cret"}, follow_redirects=False)
        assert r.status_code == 303
        assert c.post("/ingest", data=text, follow_redirects=False).status_code == 401
    # NEWSLEDGER_TOKEN through Settings: a configured token is required even on loopback
    settings = Settings.from_env({"NEWSLEDGER_TOKEN": "t0k", "NEWSLEDGER_DB": web_db})
    with TestClient(create_app(settings, nlp=nlp), base_url=BASE) as c:
        assert c.post("/api/articles", json=text).status_code == 401
        assert c.post("/api/articles", json=text, headers={"Authorization": "Bearer t0k"}).status_code in (200, 201)


def test_size_limit(web_db, nlp):
    settings = Settings(db=web_db, max_bytes=2000)
    with TestClient(create_app(settings, nlp=nlp), base_url=BASE) as c:
        big = "word " * 1000
        r = c.post("/api/articles", json={"text": big})
        assert r.status_code == 413
        r = c.post("/api/articles", content=json.dumps({"text": "x " * 60000}).encode(),
                   headers={"content-type": "application/json"})
        assert r.status_code == 413  # by Content-Length, before reading

        def chunks():  # no Content-Length: counted while streaming
            for _ in range(100):
                yield b"x" * 1000
        r = c.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        up = c.post("/api/articles", files={"file": ("big.txt", b"word " * 1000)})
        assert up.status_code == 413


# -- security headers, hosts, escaping ---------------------------------------------------------

def test_security_headers_on_every_response(client, store):
    for url in _pages(store) + ["/claims.json", "/articles/nope", "/static/style.css"]:
        h = client.get(url).headers
        assert "default-src 'self'" in h["content-security-policy"], url
        assert "unsafe-inline" not in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"


def test_loopback_server_refuses_foreign_host_header(app):
    with TestClient(app, base_url="http://evil.example") as c:
        assert c.get("/claims").status_code == 421
    with TestClient(app, base_url="http://localhost:8000") as c:
        assert c.get("/claims").status_code == 200


class _Tags(HTMLParser):
    """Every element and attribute as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _no_live_markup(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object", "embed"), (tag, attrs)
        if tag in ("b", "i"):  # the page's own <b>/<i> carry no attributes; injected ones would
            assert not attrs, (tag, attrs)
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
        if tag == "svg":
            assert "onload" not in attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name == "href":
                assert not (value or "").lower().startswith("javascript:"), value


def test_hostile_article_is_escaped_everywhere(client):
    pages = [f"/articles/{HOSTILE}", "/claims", "/quotes", "/speakers", "/search?q=officials", "/timeline",
             "/entities", "/"]
    for url in pages:
        html = client.get(url).text
        _no_live_markup(html)
    article = client.get(f"/articles/{HOSTILE}").text
    assert "&lt;script&gt;window.__pwned = &#39;body&#39;" in article
    assert "&lt;img src=x onerror=alert(2)&gt;" in article
    assert "&#34; onmouseover=&#34;alert(1)&#34;" in article
    assert "&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;Hostile article" in article
    assert 'href="javascript:' not in article
    # the speaker's name inside a title attribute stays inside it
    for attr in re.findall(r'title="([^"]*)"', article):
        assert "<" not in attr and ">" not in attr
    data = client.get(f"/articles/{HOSTILE}.json").json()
    assert data["title"] == XSS_TITLE and data["quotes"][0]["speaker"]["name"] == XSS_SPEAKER


def test_hostile_entity_page_is_escaped(client, store):
    ent = store.scalar("SELECT ledger_entity FROM entities WHERE article_id = ?", (HOSTILE,))
    html = client.get(f"/entities/{ent}").text
    _no_live_markup(html)
    assert "&lt;svg onload=alert(4)&gt;" in html


def test_home_is_the_article_list_and_head_is_served(client):
    assert client.get("/", follow_redirects=False).headers["location"] == "/articles"
    assert client.get("/.json", follow_redirects=False).headers["location"] == "/articles.json"
    for url in ("/articles", "/quotes.json", "/claims.csv", "/speakers"):
        assert client.head(url).status_code == 200, url


def test_openapi_has_one_operation_per_twin_and_no_duplicate_ids(web_db, nlp):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        schema = create_app(web_db, nlp=nlp).openapi()
    assert not [w for w in caught if "Duplicate Operation ID" in str(w.message)]
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert all(set(schema["paths"][p]) == {"get"} for p in schema["paths"] if p.endswith((".json", ".csv")))

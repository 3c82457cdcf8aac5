"""The claim page (/claims/{id}), its JSON twin and CSV, the contested filter of /claims, and the review form and
API through the write checks (token, loopback, Origin), on SQLite and PostgreSQL, from hand-built records."""

from __future__ import annotations

import csv
import io
import re

import pytest
from _claim_records import report, write

pytest.importorskip("fastapi")
from starlette.testclient import TestClient  # noqa: E402

from newsledger.store import open_store, queries  # noqa: E402
from newsledger.web import create_app  # noqa: E402

BASE = "http://127.0.0.1"
REPORTS = [report(1, 0, 41), report(2, 1, 9, bound="upper", source="Orvalian defence ministry"),
           report(3, 0, 12, place="Holmsk", counts="people died"), report(4, 3, 19, place="Holmsk", counts="people died"),
           report(5, 6, 27, place="Holmsk", counts="people died", bound="lower")]


@pytest.fixture
def db(store_url):
    write(store_url, REPORTS)
    return store_url


@pytest.fixture
def client(db):
    with TestClient(create_app(db), base_url=BASE) as c:
        yield c


def ledger_id(db: str, claim: str) -> str:
    with open_store(db) as store:
        return queries.ledger_claim(store, claim)["id"]


def rows_shown(html: str) -> list[str]:
    return re.findall(r'<tr data-row="([^"]+)"', html)


def test_the_claim_page_its_chart_and_its_twins(client, db):
    lid = ledger_id(db, "art0003/c1")
    page = client.get(f"/claims/{lid}")
    assert page.status_code == 200
    assert page.text.count('class="dot s0"') == 3 and '<polyline class="history s0"' in page.text  # one source's line
    assert 'class="bound s0"' in page.text  # "at least 27": an arrow up
    assert "rose from 12" in page.text and "figure history" in page.text
    assert rows_shown(page.text) == ["art0003/c1", "art0004/c1", "art0005/c1"]
    data = client.get(f"/claims/{lid}.json").json()
    assert data["id"] == lid and [r["claim"] for r in data["history"]["items"]] == rows_shown(page.text)
    assert client.get(f"/claims/{lid}", headers={"Accept": "application/json"}).json() == data
    as_csv = list(csv.DictReader(io.StringIO(client.get(f"/claims/{lid}.csv").text)))
    assert [f"{r['article_id']}/{r['id']}" for r in as_csv] == rows_shown(page.text)


def test_a_later_page_of_reports_downloads_that_page(client, db):
    lid = ledger_id(db, "art0003/c1")
    first = client.get(f"/claims/{lid}?limit=2")
    nxt = re.search(r'<a rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
    second = client.get(nxt)
    assert rows_shown(first.text) == ["art0003/c1", "art0004/c1"] and rows_shown(second.text) == ["art0005/c1"]
    csv_link = re.search(r'<a href="([^"]+\.csv[^"]*)" download', second.text).group(1).replace("&amp;", "&")
    assert [f"{r['article_id']}/{r['id']}" for r in csv.DictReader(io.StringIO(client.get(csv_link).text))] == [
        "art0005/c1"]


def test_contested_figures_on_the_page_and_in_the_claims_list(client, db):
    lid = ledger_id(db, "art0001/c1")
    page = client.get(f"/claims/{lid}").text
    assert "contested" in page and "contradicted by Orvalian defence ministry (≤ 9" in page
    listed = client.get("/claims.json?contested=true").json()["items"]
    assert [r["claim"] for r in listed] == ["art0001/c1", "art0002/c1"]
    html = client.get("/claims?contested=true").text
    assert f'href="/claims/{lid}"' in html and 'id="f-contested" checked' in html


@pytest.mark.parametrize("path", ["/claims/clm_nothing", "/claims/clm_nothing.json", "/claims/clm_nothing.csv"])
def test_an_unknown_ledger_claim_is_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    if path.endswith((".json", ".csv")):
        assert r.json()["error"]["status"] == 404


def test_the_review_form(client, db):
    lid = ledger_id(db, "art0001/c1")
    form = {"claim": "art0002/c1", "status": "false", "note": "Both hospitals list 41 <b>dead</b>.",
            "reviewer": "Ana <i>Volk</i>", "evidence": "https://example.org/lists"}
    r = client.post(f"/claims/{lid}/review", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/claims/{lid}?reviewed=art0002/c1")
    page = client.get(r.headers["location"]).text
    assert "Review of art0002/c1 saved" in page and "review: false" in page
    assert "&lt;b&gt;dead&lt;/b&gt;" in page and "<b>dead</b>" not in page  # a note is text, never markup
    bad = client.post(f"/claims/{lid}/review", data={**form, "status": "perhaps"})
    assert bad.status_code == 400 and 'role="alert"' in bad.text and "status must be one of" in bad.text
    assert "Both hospitals list 41" in bad.text  # what was typed is kept
    other = client.post(f"/claims/{lid}/review", data={**form, "claim": "art0003/c1"})
    assert other.status_code == 400 and "is not a report of" in other.text
    with open_store(db) as store:
        assert store.count("claim_reviews") == 1


def test_review_writes_go_through_the_write_checks(db):
    lid = ledger_id(db, "art0001/c1")
    form = {"claim": "art0001/c1", "status": "confirmed", "note": "Seen.", "reviewer": "Ana"}
    with TestClient(create_app(db), base_url=BASE) as c:
        assert c.post(f"/claims/{lid}/review", data=form, headers={"Origin": "http://evil.example"}).status_code == 403
        assert c.post("/api/reviews", json={**form, "claim": "art0001/c1"}, headers={"Origin": "null"}).status_code == 403
    with TestClient(create_app(db, host="0.0.0.0"), base_url="http://news.example") as c:
        assert c.post(f"/claims/{lid}/review", data=form).status_code == 403
        assert "Writes are disabled" in c.get(f"/claims/{lid}").text
    with TestClient(create_app(db, token="s3cret", host="0.0.0.0"), base_url="http://news.example") as c:
        assert c.post(f"/claims/{lid}/review", data=form, follow_redirects=False).status_code == 401
        assert c.post(f"/claims/{lid}/review", data={**form, "token": "s3cret"}, follow_redirects=False).status_code == 303
        assert c.post("/api/reviews", json=form).status_code == 401
        r = c.post("/api/reviews", json={**form, "status": "misleading"}, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201 and r.json()["status"] == "misleading"
    with open_store(db) as store:
        assert store.count("claim_reviews") == 2


@pytest.mark.parametrize("body,status", [
    ({"claim": "art0002/c1", "status": "false", "note": "Seen.", "reviewer": "Ana"}, 201),
    ({"claim": "art0002/c1", "status": "nope", "note": "Seen.", "reviewer": "Ana"}, 400),
    ({"claim": "art0099/c1", "status": "false", "note": "Seen.", "reviewer": "Ana"}, 400),
    ({"claim": "art0002/c1", "status": "false", "note": "Seen."}, 400),
    ({"claim": "art0002/c1", "status": "false", "note": "Seen.", "reviewer": "Ana", "evidence_url": "data:x"}, 400),
    ([1, 2], 400),
])
def test_the_review_api(client, body, status):
    r = client.post("/api/reviews", json=body)
    assert r.status_code == status, r.text
    if status == 400:
        assert r.json()["error"]["status"] == 400

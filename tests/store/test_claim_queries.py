"""The claim ledger's queries and reviews (newsledger.store.queries, .reviews, .export) on SQLite and PostgreSQL:
contested claims side by side, a ledger claim's history page by page, its chart's points, reviews applied on
read and kept through re-ingests, and the two honest exports."""

from __future__ import annotations

import json

import pytest
from _claim_records import report, write

from newsledger.errors import QueryError
from newsledger.store import open_store, queries
from newsledger.store.export import export

REPORTS = [report(1, 0, 41), report(2, 1, 9, bound="upper", source="Orvalian defence ministry"),
           report(3, 2, 41, publisher="Meridian Post"), report(4, 0, 12, place="Holmsk", counts="people died"),
           report(5, 3, 19, place="Holmsk", counts="people died"), report(6, 6, 27, place="Holmsk", counts="people died"),
           report(7, 1, 300, bound="lower", counts="residents evacuated", place="Brenik")]


@pytest.fixture
def store(store_url):
    write(store_url, REPORTS)
    with open_store(store_url) as s:
        yield s


def _every_page(fetch, limit: int) -> list:
    rows, after = [], None
    while True:
        page = fetch(after=after, limit=limit)
        rows += list(page)
        if page.next is None:
            return rows
        after = page.next


def test_contested_claims_stand_side_by_side_and_page_by_page(store):
    rows = queries.claims(store, contested=True, limit=None)
    assert [(r["claim"], r["figure"], r["source"]) for r in rows] == [
        ("art0001/c1", "41", "Kestrian health ministry"), ("art0002/c1", "≤ 9", "Orvalian defence ministry"),
        ("art0003/c1", "41", "Kestrian health ministry")]
    assert all(r["contested"] and r["reports"] == 3 for r in rows) and len({r["ledger_claim"] for r in rows}) == 1
    assert [r["claim"] for r in _every_page(lambda **kw: queries.claims(store, contested=True, **kw), 1)] == [
        r["claim"] for r in rows]
    everything = queries.claims(store, limit=None)
    assert len(everything) == len(REPORTS) and {r["figure_history"] for r in everything} == {True, False}


def test_a_ledger_claim_its_history_and_its_chart(store):
    holmsk = queries.ledger_claim(store, "art0005/c1")
    assert (holmsk["reports"], holmsk["range"], holmsk["figure_history"], holmsk["contested"]) == (3, "12–27", True, False)
    assert holmsk["first_appearance"]["article_id"] == "art0004" and queries.ledger_claim(store, holmsk["id"]) == holmsk
    history = queries.claim_history(store, holmsk["id"], limit=None)
    assert [(r["date"], r["figure"], r["change"]) for r in history] == [
        ("2024-05-01", "12", "first"), ("2024-05-04", "19", "rose from 12"), ("2024-05-07", "27", "rose from 19")]
    paged = _every_page(lambda **kw: queries.claim_history(store, holmsk["id"], **kw), 1)
    assert [(r["claim"], r["change"]) for r in paged] == [(r["claim"], r["change"]) for r in history]
    tarvik = queries.claim_history(store, "art0001/c1", limit=None)
    assert [[o["claim"] for o in r["contested_by"]] for r in tarvik] == [["art0002/c1"], ["art0001/c1", "art0003/c1"],
                                                                          ["art0002/c1"]]
    points = queries.claim_figures(store, "art0002/c1")
    assert [(p["value"], p["low_bound"], p["high_bound"]) for p in points] == [(41, 41, 41), (9, None, 9), (41, 41, 41)]
    brenik = queries.claim_figures(store, "art0007/c1")
    assert (brenik[0]["low_bound"], brenik[0]["high_bound"]) == (300, None)
    assert queries.ledger_claim(store, "clm_nothing") is None and queries.ledger_claim(store, "art0099/c1") is None


@pytest.mark.parametrize("ref", ["art0001", "/c1", "art0001/", "a/b/c", ""])
def test_a_claim_reference_is_article_slash_claim(store, ref):
    with pytest.raises(QueryError, match="ARTICLE_ID/CLAIM_ID"):
        queries.find_claim(store, ref)


def test_reviews_are_applied_on_read_kept_in_order_and_survive_reingest(store_url, store):
    queries.add_review(store, "art0002/c1", "disputed", "Hospital lists differ.", "Ana Volk", when="2024-06-01T10:00:00")
    queries.add_review(store, "art0002/c1", "False", "  Both hospitals list 41.  ", "Ana Volk",
                       "https://example.org/lists", when="2024-06-02T10:00:00")
    write(store_url, [report(2, 1, 9, bound="upper", source="Orvalian defence ministry")])  # re-ingested
    row = next(r for r in queries.claims(store, limit=None) if r["claim"] == "art0002/c1")
    assert (row["review"], row["review_note"], row["evidence_url"], row["status"]) == (
        "false", "Both hospitals list 41.", "https://example.org/lists", "claimed")
    reviews = queries.claim_reviews(store, "art0001/c1")
    assert [(r["status"], r["latest"]) for r in reviews] == [("false", 1), ("disputed", 0)]
    assert [r["review"] for r in queries.claim_history(store, "art0001/c1", limit=None)] == [None, "false", None]
    assert store.count("claim_reviews") == 2


@pytest.mark.parametrize("ref,status,note,reviewer,url,error", [
    ("art0002/c1", "wrong", "n", "r", None, "status must be one of"),
    ("art0002/c1", "false", "   ", "r", None, "needs a note"),
    ("art0002/c1", "false", "n", "", None, "needs a reviewer"),
    ("art0002/c1", "false", "n", "r", "javascript:alert(1)", "http"),
    ("art0002/c1", "false", "n", "r", "https://exa mple.org", "http"),
    ("art0002/c1", "false", "n\x00", "r", None, "control characters"),
    ("art0002/c1", "false", "n\ud800", "r", None, "not valid Unicode"),
    ("art0002/c1", "false", "n" * 5001, "r", None, "over 5,000"),
    ("art0099/c1", "false", "n", "r", None, "no claim"),
    ("clm_nothing", "false", "n", "r", None, "no claim"),
])
def test_reviews_that_are_refused(store, ref, status, note, reviewer, url, error):
    with pytest.raises(QueryError, match=error):
        queries.add_review(store, ref, status, note, reviewer, url)
    assert store.count("claim_reviews") == 0


def test_a_ledger_claim_of_several_reports_names_them_when_reviewed(store):
    lid = queries.ledger_claim(store, "art0001/c1")["id"]
    with pytest.raises(QueryError, match="several reports.*art0001/c1"):
        queries.add_review(store, lid, "false", "n", "r")
    single = queries.ledger_claim(store, "art0007/c1")["id"]
    assert queries.add_review(store, single, "confirmed", "n", "r")["claim"] == "art0007/c1"


def test_exports_keep_people_and_machines_apart(store, tmp_path):
    assert "0 ClaimReview" in export(store, "claimreview", str(tmp_path / "none.json"))
    assert json.loads((tmp_path / "none.json").read_text(encoding="utf-8")) == []
    queries.add_review(store, "art0005/c1", "confirmed", "The service's bulletin says 19.", "Ana Volk")
    export(store, "claimreview", str(tmp_path / "reviews.json"))
    (item,) = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert item["claimReviewed"] == "19 people died in Holmsk" and item["author"]["name"] == "Ana Volk"
    assert (item["itemReviewed"]["appearance"]["url"], item["itemReviewed"]["firstAppearance"]["url"]) == ("5.txt", "4.txt")
    export(store, "claims-jsonld", str(tmp_path / "claims.json"))
    claims = json.loads((tmp_path / "claims.json").read_text(encoding="utf-8"))
    assert len(claims) == store.count("ledger_claims") == 3
    holmsk = next(c for c in claims if c["text"] == "12 people died in Holmsk")
    assert [a["url"] for a in holmsk["appearance"]] == ["4.txt", "5.txt", "6.txt"]
    assert holmsk["firstAppearance"]["url"] == "4.txt" and "reviewRating" not in holmsk


def test_a_review_outlives_its_article_and_is_still_exported(store, tmp_path):
    from newsledger.ledger.linker import Ledger

    queries.add_review(store, "art0007/c1", "unverified", "No second source.", "Ana Volk")
    store.delete(["art0007"], ledger=Ledger())
    assert store.count("claim_reviews") == 1 and queries.find_claim(store, "art0007/c1") is None
    export(store, "claimreview", str(tmp_path / "reviews.json"))
    (item,) = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert item["claimReviewed"] == "at least 300 residents evacuated in Brenik" and "appearance" not in item["itemReviewed"]

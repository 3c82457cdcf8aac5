"""Claims linked into ledger claims (newsledger.ledger.claim_links), on SQLite and PostgreSQL, from hand-built
records: runs of one count within a week, the reason of every link, contested figures and figure histories,
manual splits and merges that later ingests honour, and the same ledger whatever the order, batch size,
re-ingests and deletes (against the ledger rebuilt from scratch)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _claim_records import BOUNDS, report, write

from newsledger.ledger.claim_overrides import ClaimLedgerError, merge_claims, split_claim
from newsledger.ledger.linker import Ledger, rebuild_ledger
from newsledger.records import Record
from newsledger.scale.dump import dump_difference, dump_store
from newsledger.store import open_store

def rebuilt(url: str) -> dict:
    with open_store(url) as store:
        with store.transaction():
            rebuild_ledger(store)
        return dump_store(store)


def ledger(url: str) -> dict[str, dict]:
    """ledger claim id -> its row and its members' article ids in order, with their reasons."""
    with open_store(url) as store:
        rows = {r["id"]: r for r in store.execute("SELECT * FROM ledger_claims")}
        for r in rows.values():
            members = store.execute("SELECT article_id, link_reason FROM claims WHERE ledger_claim = ? "
                                    "ORDER BY claim_day, article_id", (r["id"],))
            r["members"] = [m["article_id"] for m in members]
            r["reasons"] = [m["link_reason"] for m in members]
        return rows


def groups(url: str) -> list[list[str]]:
    return sorted(r["members"] for r in ledger(url).values())


def test_a_count_reported_within_a_week_is_one_ledger_claim_and_each_link_says_why(store_url):
    write(store_url, [report(1, 0, 12), report(2, 3, 12), report(3, 8, 12), report(4, 20, 12)])
    assert groups(store_url) == [["art0001", "art0002", "art0003"], ["art0004"]]
    one = next(r for r in ledger(store_url).values() if len(r["members"]) == 3)
    assert one["reasons"] == ["first report", "same count of civilians killed in Tarvik within 3 days",
                              "same count of civilians killed in Tarvik within 5 days"]
    assert (one["kind"], one["counts"], one["place"], one["first_day"], one["last_day"]) == (
        "figure", "civilians killed", "Tarvik", "2024-05-01", "2024-05-09")
    assert (one["claims"], one["articles"], one["sources"], one["contested"], one["history"]) == (3, 3, 1, 0, 0)


def test_different_counts_places_and_units_are_different_claims(store_url):
    write(store_url, [report(1, 0, 12), report(2, 0, 12, place="Holmsk"), report(3, 0, 12, counts="soldiers killed"),
                      report(4, 0, 12, counts="people died"), report(5, 1, 12, counts="people killed")])
    assert groups(store_url) == [["art0001"], ["art0002"], ["art0003"], ["art0004", "art0005"]]  # died = killed


def test_runs_join_and_part_as_reports_come_and_go(store_url):
    first = [report(1, 0, 12), report(2, 5, 19), report(3, 18, 27)]
    write(store_url, first)
    assert groups(store_url) == [["art0001", "art0002"], ["art0003"]]
    write(store_url, [report(4, 12, 22)])  # within a week of both: one run
    assert groups(store_url) == [["art0001", "art0002", "art0004", "art0003"]]
    assert write(store_url, []) == rebuilt(store_url)
    with open_store(store_url) as store:
        store.delete(["art0004"], ledger=Ledger())
    assert groups(store_url) == [["art0001", "art0002"], ["art0003"]]
    with open_store(store_url) as store:
        store.delete(["art0001"], ledger=Ledger())  # the first report goes: the next one anchors the run
    assert groups(store_url) == [["art0002"], ["art0003"]]
    assert write(store_url, []) == rebuilt(store_url)


@pytest.mark.parametrize("a,b,contested,history", [
    ({"value": 41}, {"value": 9, "bound": "upper", "source": "Orvalian defence ministry"}, 1, 0),
    ({"value": 41}, {"value": 41, "source": "Orvalian defence ministry"}, 0, 0),
    ({"value": 12, "bound": "lower"}, {"value": 19, "source": "Red Crescent"}, 0, 0),  # "at least 12" allows 19
    ({"value": 5000, "bound": "approximate"}, {"value": 5300, "source": "Red Crescent"}, 0, 0),  # within 10 %
    ({"value": 70, "high": 80}, {"value": 75, "source": "Red Crescent"}, 0, 0),  # inside the range
    ({"value": 70, "high": 80}, {"value": 95, "source": "Red Crescent"}, 1, 0),
    ({"value": 12}, {"value": 19}, 0, 1),  # one side's count rising: its history, no contradiction
    ({"value": 19}, {"value": 12}, 0, 1),  # revised down: a history too
])
def test_contested_figures_and_figure_history(store_url, a, b, contested, history):
    write(store_url, [report(1, 0, **a), report(2, 2, **b)])
    (row,) = ledger(store_url).values()
    assert (row["contested"], row["history"]) == (contested, history)


def test_sides_far_apart_in_time_do_not_contest_each_other(store_url):
    write(store_url, [report(1, 0, 41), report(2, 5, 9, source="Orvalian defence ministry")])
    (row,) = ledger(store_url).values()
    assert row["members"] == ["art0001", "art0002"] and row["contested"] == 0  # linked (within 7), not contested (> 3)


def test_contested_is_found_in_a_grown_ledger_claim_and_lost_when_its_report_goes(store_url):
    write(store_url, [report(1, 0, 41), report(2, 1, 41)])
    write(store_url, [report(3, 2, 9, bound="upper", source="Orvalian defence ministry")])
    (row,) = ledger(store_url).values()
    assert row["contested"] == 1 and row["claims"] == 3
    with open_store(store_url) as store:
        store.delete(["art0003"], ledger=Ledger())
    (row,) = ledger(store_url).values()
    assert row["contested"] == 0 and row["claims"] == 2
    assert write(store_url, []) == rebuilt(store_url)


def test_a_split_holds_through_reingests_and_a_merge_takes_later_reports(store_url):
    write(store_url, [report(1, 0, 41), report(2, 1, 41), report(3, 2, 12, counts="people died")])
    with open_store(store_url) as store:
        row = split_claim(store, "art0002/c1")
        assert row["claims"] == 1
        with pytest.raises(ClaimLedgerError, match="already split"):
            split_claim(store, "art0002/c1")
    write(store_url, [report(2, 1, 41)])  # re-ingested: still apart
    assert groups(store_url) == [["art0001"], ["art0002"], ["art0003"]]
    assert ledger(store_url)[next(iter(k for k, r in ledger(store_url).items() if r["members"] == ["art0002"]))][
        "reasons"] == ["split by hand"]
    with open_store(store_url) as store:
        merged = merge_claims(store, "art0001/c1", "art0003/c1")  # people died in Tarvik is the same count
        assert merged["claims"] == 2
    write(store_url, [report(4, 3, 15, counts="people died")])  # a later report of the merged count joins
    assert groups(store_url) == [["art0001", "art0003", "art0004"], ["art0002"]]
    reasons = next(r for r in ledger(store_url).values() if len(r["members"]) == 3)["reasons"]
    assert reasons[1:] == ["merged by hand, within 2 days", "merged by hand, within 1 day"]
    with open_store(store_url) as store:
        merge_claims(store, "art0001/c1", "art0002/c1")  # merging a split claim back undoes the split
    assert groups(store_url) == [["art0001", "art0002", "art0003", "art0004"]]


def test_merges_that_cannot_hold_are_refused(store_url):
    write(store_url, [report(1, 0, 41), report(2, 30, 41), report(3, 1, 9, counts="people died", place="Holmsk"),
                      report(4, 60, 9, counts="people died", place="Holmsk")])
    with open_store(store_url) as store:
        with pytest.raises(ClaimLedgerError, match="already one"):
            merge_claims(store, "art0001/c1", "art0001/c1")
        with pytest.raises(ClaimLedgerError, match="more than 7 days apart"):
            merge_claims(store, "art0001/c1", "art0002/c1")  # one count, a month apart
        with pytest.raises(ClaimLedgerError, match="more than 7 days apart"):
            merge_claims(store, "art0001/c1", "art0004/c1")  # another count, two months later
        with pytest.raises(ClaimLedgerError, match="no claim"):
            split_claim(store, "nothing/c9")
    assert groups(store_url) == [["art0001"], ["art0002"], ["art0003"], ["art0004"]]  # the refusals changed nothing


def test_reingesting_the_same_articles_changes_nothing(store_url):
    reports = [report(n, n * 2 % 9, 10 + n, source=("Kestrian health ministry", "Red Crescent")[n % 2]) for n in range(8)]
    before = write(store_url, reports)
    assert write(store_url, reports[3:] + reports[:3], batch_size=3) == before


def test_a_store_written_without_claim_linking_is_linked_once_as_a_whole(tmp_path):
    reports = [report(n, n, 10 + n) for n in range(6)]
    reference = write(str(tmp_path / "clean.db"), reports)
    url = str(tmp_path / "old.db")
    with open_store(url) as store:
        store.write(reports[:4], ledger=Ledger(claims=False))
        store.execute("UPDATE claims SET claim_key = NULL, claim_day = NULL, side = NULL")  # as migration 8 finds them
    assert write(url, reports[4:]) == reference, dump_difference(reference, write(url, []))


# -- any order, any batch, any deletes: the ledger rebuilt from scratch ------------------------------------------

def _corpus(seed: int, n: int) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kw = {"source": rng.choice(["Kestrian health ministry", "Orvalian defence ministry", "Red Crescent"]),
              "counts": rng.choice(["civilians killed", "people died"]), "place": rng.choice(["Tarvik", ""]),
              "bound": rng.choice(list(BOUNDS))}
        out.append(report(i, rng.choice([0, 1, 3, 6, 9, 14, 15, 22, 30, 31]), rng.choice([9, 12, 41]), **kw))
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 24), order=st.randoms(use_true_random=False),
       batch=st.integers(1, 7), gone=st.integers(0, 5))
def test_any_order_batches_and_deletes_give_the_rebuilt_ledger(tmp_path_factory, seed, n, order, batch, gone):
    corpus = _corpus(seed, n)
    url = str(tmp_path_factory.mktemp("claims") / "c.db")
    shuffled = list(corpus)
    order.shuffle(shuffled)
    write(url, shuffled[: n // 2], batch)
    with open_store(url) as store:
        store.delete([r.id for r in shuffled[:gone]], ledger=Ledger())
    final = write(url, shuffled, batch)  # the deleted come back, the rest are re-ingested
    assert final == rebuilt(url), dump_difference(final, rebuilt(url))
    clean = write(str(tmp_path_factory.mktemp("clean") / "c.db"), corpus)
    assert final == clean, dump_difference(clean, final)

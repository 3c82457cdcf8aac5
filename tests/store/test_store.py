"""Store: migrations, idempotent re-ingest, interrupted batches."""

from __future__ import annotations

import pytest

from newsledger.errors import StoreError
from newsledger.ingest.article import make_article
from newsledger.records import Cue, PipelineInfo, Quote, Record, Speaker
from newsledger.store.schema import MIGRATIONS
from newsledger.store import open_store, queries


def record(text: str, quote_ids=("q1",), published="2024-05-02") -> Record:
    article = make_article(text, source=f"mem:{text[:10]}", metadata={"published": published})
    start = text.index("Hold")
    quotes = [
        Quote(id=qid, kind="direct", text=text[start:start + 8], span=(start, start + 8),
              speaker=Speaker(name="Anna Kovalenko", mention="she"), cue=Cue(text="said", span=(0, 0)))
        for qid in quote_ids
    ]
    return Record.from_article(article, quotes=quotes, pipeline=PipelineInfo(version="test", model="none"))


TEXTS = [f"Article {i}. 'Hold the line,' she said on day {i}." for i in range(5)]


@pytest.fixture
def db(store_url):
    """Each store test runs on SQLite and on PostgreSQL."""
    return store_url


@pytest.fixture
def sqlite_db(tmp_path):
    return str(tmp_path / "ledger.db")


def test_migrations_are_recorded_once(db):
    with open_store(db) as store:
        assert [m["version"] for m in store.migrations()] == [v for v, _, _ in MIGRATIONS] == list(range(1, 10))
    with open_store(db) as store:
        assert store.migrate() == []
        assert len(store.migrations()) == len(MIGRATIONS)


def test_wal_mode(sqlite_db):
    with open_store(sqlite_db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reingest_updates_without_duplicates(db):
    with open_store(db) as store:
        store.write([record(t) for t in TEXTS])
        store.write([record(t, published="2024-05-03") for t in TEXTS])
        assert store.count() == 5
        assert store.count("quotes") == 5
        assert {a["published"] for a in queries.articles(store, limit=None)} == {"2024-05-03"}


def test_records_round_trip(db):
    original = record(TEXTS[0])
    with open_store(db) as store:
        store.write([original])
        assert store.record(original.id) == original


def test_failed_batch_leaves_earlier_batches_and_nothing_half_written(db):
    good = [record(t) for t in TEXTS[:2]]
    bad = [record(TEXTS[2]), record(TEXTS[3], quote_ids=("q1", "q1"))]  # duplicate key mid-batch
    with open_store(db) as store:
        store.write(good)
        with pytest.raises(Exception, match="(?i)unique|duplicate"):
            store.write(bad)
        assert store.count() == 2, "the failed batch must roll back as a whole"
        assert store.count("quotes") == 2
        # the rerun completes the rest without duplicating what was stored
        store.write(good + [record(t) for t in TEXTS[2:]])
        assert store.count() == 5
        assert store.count("quotes") == 5


def test_interrupted_process_keeps_committed_batches(db, tmp_path):
    """A writer killed mid-run (SIGKILL, no cleanup) leaves a consistent database."""
    import os
    import signal
    import subprocess
    import sys
    import textwrap

    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(os.path.dirname(__file__))!r})
        from test_store import record, TEXTS
        from newsledger.store import open_store
        store = open_store({db!r})
        store.write([record(t) for t in TEXTS[:3]])
        with store.transaction():
            store.execute("DELETE FROM quotes")
            os.kill(os.getpid(), signal.SIGKILL)
    """))
    proc = subprocess.run([sys.executable, str(script)])
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as store:
        assert store.count() == 3
        assert store.count("quotes") == 3
        if store.dialect == "sqlite":
            assert store.scalar("PRAGMA integrity_check") == "ok"


def test_unchanged_detects_same_article_and_version(db):
    r = record(TEXTS[0])
    with open_store(db) as store:
        store.write([r])
        assert store.unchanged(r, "test")
        assert not store.unchanged(r, "other-version")


def test_unknown_table_is_refused(db):
    with open_store(db) as store, pytest.raises(StoreError):
        store.count("sqlite_master; DROP TABLE articles")


def test_unopenable_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "missing-dir" / "x.db"))


def test_unreachable_postgresql_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:secret@127.0.0.1:1/nowhere?connect_timeout=2")
    assert "secret" not in str(info.value)


def test_delete_removes_the_article_everywhere_and_search_forgets_it(db):
    from newsledger.store import queries

    kept, gone = record(TEXTS[0]), record(TEXTS[1])
    with open_store(db) as store:
        store.write([kept, gone])
        assert len(queries.quotes(store, search="hold")) == 2
        assert store.delete([gone.id]) == 1
        assert store.count() == 1 and store.count("quotes") == 1
        assert [r["article_id"] for r in queries.quotes(store, search="hold")] == [kept.id]
        assert [r["id"] for r in queries.search_articles(store, "day")] == [kept.id]


def test_opening_one_new_store_from_several_writers_at_once(store_url):
    """Two ingests started at once on a new database both migrate it: each migration is applied once."""
    from concurrent.futures import ThreadPoolExecutor

    def open_and_count(_):
        with open_store(store_url) as store:
            return [m["version"] for m in store.migrations()]

    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(open_and_count, range(4)))
    assert all(versions == seen[0] and len(versions) == len(set(versions)) for versions in seen)


def test_opening_waits_out_a_lock_sqlite_reports_without_waiting():
    """A second process opening a new file while the first switches it to WAL may get 'database is locked' at
    once; the store tries again instead of failing the ingest, and still reports any other error."""
    import sqlite3

    from newsledger.store.store import _retry_while_locked

    calls = []

    def opening():
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "open"

    assert _retry_while_locked(opening, pause_s=0.01) == "open" and len(calls) == 3

    def broken():
        raise sqlite3.OperationalError("no such table: nothing")

    with pytest.raises(sqlite3.OperationalError):
        _retry_while_locked(broken, pause_s=0.01)

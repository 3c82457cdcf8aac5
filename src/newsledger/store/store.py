"""The store: records in SQLite (default) with batched, transactional, idempotent writes.

One writer process calls :meth:`Store.write` with batches of records; each
batch is one transaction, so an interrupted run leaves whole batches or
nothing, and rerunning the same inputs completes the rest.  Re-writing an
article with the same id (same text) replaces its rows instead of adding more.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from typing import Any, Iterable, Iterator, Optional, Sequence

from ..errors import StoreError
from ..records import Record
from .schema import CHILD_TABLES, MIGRATIONS

__all__ = ["Store", "open_store"]

_SQLITE_TYPES = {"json": "TEXT", "real": "REAL", "ts": "TEXT"}


class Store:
    """A connection to a newsledger database with the schema brought up to date."""

    def __init__(self, path: str):
        self.path = path
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        self.migrate()

    # -- schema ---------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply every migration not yet recorded; returns the versions applied now."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT version FROM migrations")}
        applied = []
        for version, name, statements in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                for sql in statements:
                    self.conn.execute(sql.format(**_SQLITE_TYPES))
                self.conn.execute(
                    "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )
            applied.append(version)
        return applied

    def migrations(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM migrations ORDER BY version")]

    # -- writes ---------------------------------------------------------------------
    class _Tx:
        def __init__(self, conn: sqlite3.Connection):
            self.conn = conn

        def __enter__(self):
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type, exc, tb):
            if exc_type is None:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
            return False

    def transaction(self) -> "_Tx":
        return Store._Tx(self.conn)

    def write(self, records: Sequence[Record]) -> int:
        """Insert or replace a batch of records in one transaction; returns how many were written."""
        if not records:
            return 0
        with self.transaction() as conn:
            ids = [(r.id,) for r in records]
            for table in CHILD_TABLES:
                conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", ids)
            conn.executemany(_UPSERT_ARTICLE, [_article_row(r) for r in records])
            conn.executemany(_INSERT["quotes"], [row for r in records for row in _quote_rows(r)])
            conn.executemany(_INSERT["claims"], [row for r in records for row in _claim_rows(r)])
            conn.executemany(_INSERT["times"], [row for r in records for row in _time_rows(r)])
            conn.executemany(_INSERT["entities"], [row for r in records for row in _entity_rows(r)])
            conn.executemany(_INSERT["events"], [row for r in records for row in _event_rows(r)])
        return len(records)

    # -- reads ----------------------------------------------------------------------
    def has(self, article_id: str, pipeline_version: Optional[str] = None) -> bool:
        sql = "SELECT 1 FROM articles WHERE id = ?"
        args: list[Any] = [article_id]
        if pipeline_version is not None:
            sql += " AND pipeline_version = ?"
            args.append(pipeline_version)
        return self.conn.execute(sql, args).fetchone() is not None

    def unchanged(self, article, pipeline_version: str) -> bool:
        """True when this exact article (text and metadata) is stored by this pipeline version."""
        row = self.conn.execute(
            "SELECT source, url, title, author, publisher, published, published_from, pipeline_version "
            "FROM articles WHERE id = ?", (article.id,),
        ).fetchone()
        if row is None:
            return False
        current = (article.source, article.url, article.title, article.author, article.publisher,
                   article.published, article.published_from, pipeline_version)
        return tuple(row) == current

    def articles(self, limit: Optional[int] = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT a.id, a.published, a.published_from, a.title, a.source, a.url, a.publisher, "
            "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims, "
            "(SELECT COUNT(*) FROM times t WHERE t.article_id = a.id) AS times "
            "FROM articles a ORDER BY a.published IS NULL, a.published, a.id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql)]

    def record(self, article_id: str) -> Optional[Record]:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Record.from_dict(json.loads(row[0])) if row else None

    def records(self) -> Iterator[Record]:
        for row in self.conn.execute("SELECT record FROM articles ORDER BY published, id"):
            yield Record.from_dict(json.loads(row[0]))

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", *CHILD_TABLES):
            raise StoreError(f"no table {table!r}")
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(path: Optional[str] = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path`` or ``$NEWSLEDGER_DB``."""
    path = path or os.environ.get("NEWSLEDGER_DB") or "newsledger.db"
    if path.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{path}: PostgreSQL stores are not supported yet")
    return Store(path)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_UPSERT_ARTICLE = """
INSERT INTO articles (id, source, url, title, author, publisher, published, published_from, format, text,
                      topics, boilerplate, pipeline_version, model, record, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
  source = excluded.source, url = excluded.url, title = excluded.title, author = excluded.author,
  publisher = excluded.publisher, published = excluded.published, published_from = excluded.published_from,
  format = excluded.format, topics = excluded.topics, boilerplate = excluded.boilerplate,
  pipeline_version = excluded.pipeline_version, model = excluded.model, record = excluded.record,
  ingested_at = excluded.ingested_at
"""

_INSERT = {
    "quotes": "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "claims": "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "times": "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)",
    "entities": "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


def _article_row(r: Record) -> tuple:
    return (
        r.id, r.source, r.url, r.title, r.author, r.publisher, r.published, r.published_from, r.format, r.text,
        _json(r.topics), _json([b.to_dict() for b in r.boilerplate]),
        r.pipeline.version if r.pipeline else None, r.pipeline.model if r.pipeline else None,
        _json(r.to_dict()), _now(),
    )


def _quote_rows(r: Record) -> Iterable[tuple]:
    for q in r.quotes:
        s = q.speaker
        yield (
            r.id, q.id, q.kind, q.text, q.span[0], q.span[1],
            s.name if s else None, s.mention if s else None, s.role if s else None,
            q.cue.text if q.cue else None, q.continues, q.confidence,
        )


def _claim_rows(r: Record) -> Iterable[tuple]:
    for c in r.claims:
        qty = c.quantity
        yield (
            r.id, c.id, c.text, c.span[0], c.span[1], c.status, c.source.name if c.source else None,
            qty.value if qty else None, qty.bound if qty else None, qty.counts if qty else None,
            c.time, c.status_evidence.text if c.status_evidence else None,
        )


def _time_rows(r: Record) -> Iterable[tuple]:
    for t in r.times:
        yield (r.id, t.id, t.text, t.span[0], t.span[1], t.type, t.value)


def _entity_rows(r: Record) -> Iterable[tuple]:
    for e in r.entities:
        yield (r.id, e.id, e.name, e.type, _json(e.aliases), _json(e.roles), e.ledger_entity)


def _event_rows(r: Record) -> Iterable[tuple]:
    for e in r.events:
        yield (r.id, e.id, e.text, e.span[0], e.span[1], e.type, e.date, e.place, e.ledger_event)

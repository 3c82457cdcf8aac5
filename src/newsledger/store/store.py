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
import re
import sqlite3
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional, Protocol, Sequence

from ..errors import StoreError
from ..ledger.claim_keys import claim_features
from ..records import Record
from .schema import CHILD_TABLES, MIGRATIONS

__all__ = ["Store", "open_store"]


class LinksRecords(Protocol):
    """What the store needs of a ledger (see :class:`newsledger.ledger.linker.Ledger`)."""

    def unlink(self, store: "Store", article_ids: Sequence[str]) -> None: ...

    def link(self, store: "Store", records: Sequence[Record]) -> None: ...


class Store:
    """A connection to a newsledger database (SQLite file or PostgreSQL URL), schema up to date.

    SQL is written once with ``?`` placeholders in the subset both engines share;
    :meth:`execute` adapts it to the connection's dialect.
    """

    def __init__(self, url: str):
        self.url = url
        self.dialect = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
        try:
            self.conn = _connect_postgresql(url) if self.dialect == "postgresql" else \
                _retry_while_locked(lambda: _connect_sqlite(url))
        except Exception as exc:  # driver errors differ per engine; all mean "cannot open"
            raise StoreError(f"{_redact(url)}: cannot open database: {exc}") from exc
        self.migrate()

    # -- SQL ------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement; returns its rows as dicts (empty for statements without rows)."""
        cur = self.conn.execute(self._sql(sql), tuple(args))
        if cur.description is None:
            return []
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        plain_insert = _PLAIN_INSERT.match(sql)
        if self.dialect == "postgresql" and plain_insert and len(rows) > 1:
            self._insert_in_chunks(plain_insert.group(1), rows)
        else:
            self.conn.cursor().executemany(self._sql(sql), rows)

    def _insert_in_chunks(self, head: str, rows: Sequence[Sequence[Any]]) -> None:
        """A plain insert of many rows as statements of many rows each: PostgreSQL executes each statement on its
        own (a pipeline saves the round trips, not the per-statement work), and rows are most of a batch."""
        width = len(rows[0])
        per = max(1, min(_ROWS_PER_INSERT, 30000 // width))
        values = "(" + ", ".join("%s" for _ in range(width)) + ")"
        full, rest = divmod(len(rows), per)
        cur = self.conn.cursor()
        if full:
            cur.executemany(f"{head} VALUES {', '.join(values for _ in range(per))}",
                            [[v for row in rows[i * per:(i + 1) * per] for v in row] for i in range(full)])
        if rest:
            cur.execute(f"{head} VALUES {', '.join(values for _ in range(rest))}",
                        [v for row in rows[full * per:] for v in row])

    def scalar(self, sql: str, args: Sequence[Any] = ()) -> Any:
        rows = self.execute(sql, args)
        return next(iter(rows[0].values())) if rows else None

    # -- schema ---------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply every migration not yet recorded; returns the versions applied now.

        Several processes may open one new store at once (two ingests started together): on PostgreSQL an
        advisory lock orders them, on SQLite each migration's BEGIN IMMEDIATE does; a migration another
        process applied meanwhile is not applied again.
        """
        if self.dialect == "sqlite":
            return _retry_while_locked(self._migrate)
        self.execute("SELECT pg_advisory_lock(?)", (_MIGRATION_LOCK,))
        try:
            return self._migrate()
        finally:
            self.execute("SELECT pg_advisory_unlock(?)", (_MIGRATION_LOCK,))

    def _migrate(self) -> list[int]:
        self.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row["version"] for row in self.execute("SELECT version FROM migrations")}
        types = _TYPES[self.dialect]
        applied = []
        for version, name, statements in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                if self.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)):
                    continue  # another process opening the same new store applied it while this one waited
                for sql in statements:
                    sql = sql.get(self.dialect) if isinstance(sql, dict) else sql
                    if sql:
                        self.execute(sql.format(**types))
                self.execute("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)", (version, name, _now()))
            applied.append(version)
        return applied

    def migrations(self) -> list[dict[str, Any]]:
        return self.execute("SELECT * FROM migrations ORDER BY version")

    # -- writes ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One transaction: committed when the block ends, rolled back if it raises (Ctrl-C too)."""
        self.conn.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def write(self, records: Sequence[Record], ledger: Optional["LinksRecords"] = None) -> int:
        """Insert or replace a batch of records in one transaction; returns how many were written.

        A ``ledger`` is told which articles are about to be replaced (``unlink``) and then
        links the new rows (``link``), inside the same transaction, so an article is never
        stored without its links and a re-ingest leaves no stale ones.
        """
        if not records:
            return 0
        # the same article (same text, same id) may arrive twice in one batch, e.g. as a file and in a WARC
        records = list({r.id: r for r in records}.values())
        after = ledger.link if ledger is not None else None
        with self.transaction():
            ids = [(r.id,) for r in records]
            if ledger is not None:
                ledger.unlink(self, [r.id for r in records])
            self._delete_extracted(ids)
            # with a linker the JSON form is written once, after it has added its links
            self.executemany(_UPSERT_ARTICLE, [_article_row(r, with_record=after is None) for r in records])
            for table, rows_of in _CHILD_ROWS.items():
                self.executemany(_INSERT[table], [row for r in records for row in rows_of(r)])
            if self.dialect == "sqlite":  # PostgreSQL indexes the tables themselves
                self.executemany(
                    "INSERT INTO quotes_fts (rowid, text, speaker) SELECT rowid, text, coalesce(speaker_name, '') "
                    "FROM quotes WHERE article_id = ?", ids)
                self.executemany(
                    "INSERT INTO articles_fts (rowid, title, text) SELECT rowid, coalesce(title, ''), text "
                    "FROM articles WHERE id = ?", ids)
            if after is not None:
                after(self, records)
                # links found by ``after`` belong in the stored JSON form too
                self.executemany("UPDATE articles SET record = ? WHERE id = ?",
                                 [(_json(r.to_dict()), r.id) for r in records])
        return len(records)

    def _delete_extracted(self, ids: list[tuple[str]]) -> None:
        """Every row extracted from these articles, full-text rows included (they share the indexed row's rowid)."""
        if self.dialect == "sqlite":
            self.executemany("DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE article_id = ?)", ids)
            self.executemany("DELETE FROM articles_fts WHERE rowid IN (SELECT rowid FROM articles WHERE id = ?)", ids)
        for table in CHILD_TABLES:
            self.executemany(f"DELETE FROM {table} WHERE article_id = ?", ids)

    def delete(self, article_ids: Sequence[str], ledger: Optional["LinksRecords"] = None) -> int:
        """Remove articles with everything extracted from them (and, given a ledger, their links)."""
        ids = [(a,) for a in article_ids]
        if not ids:
            return 0
        with self.transaction():
            if ledger is not None:
                ledger.unlink(self, list(article_ids))
            self._delete_extracted(ids)
            self.executemany("DELETE FROM articles WHERE id = ?", ids)
            if ledger is not None:
                ledger.link(self, [])
        return len(ids)

    # -- reads ----------------------------------------------------------------------
    def has(self, article_id: str, pipeline_version: Optional[str] = None) -> bool:
        sql = "SELECT 1 FROM articles WHERE id = ?"
        args: list[Any] = [article_id]
        if pipeline_version is not None:
            sql += " AND pipeline_version = ?"
            args.append(pipeline_version)
        return bool(self.execute(sql, args))

    def unchanged(self, article, pipeline_version: str) -> bool:
        """True when this exact article (text and metadata) is stored by this pipeline version."""
        rows = self.execute(
            "SELECT source, url, title, author, publisher, published, published_from, pipeline_version "
            "FROM articles WHERE id = ?", (article.id,),
        )
        if not rows:
            return False
        current = (article.source, article.url, article.title, article.author, article.publisher,
                   article.published, article.published_from, pipeline_version)
        return tuple(rows[0].values()) == current

    def record(self, article_id: str) -> Optional[Record]:
        raw = self.scalar("SELECT record FROM articles WHERE id = ?", (article_id,))
        return Record.from_dict(json.loads(raw)) if raw else None

    def records(self) -> Iterator[Record]:
        for row in self.execute("SELECT record FROM articles ORDER BY published, id"):
            yield Record.from_dict(json.loads(row["record"]))

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", *CHILD_TABLES, "ledger_entities", "ledger_events", "ledger_names", "ledger_overrides",
                         "ledger_claims", "claim_reviews", "claim_overrides"):
            raise StoreError(f"no table {table!r}")
        return int(self.scalar(f"SELECT COUNT(*) AS n FROM {table}"))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(url: Optional[str] = None) -> Store:
    """Open (creating and migrating as needed) the store at ``url`` or ``$NEWSLEDGER_DB``.

    A plain path is an SQLite file; ``postgresql://user:pw@host/db`` a PostgreSQL database.
    """
    return Store(url or os.environ.get("NEWSLEDGER_DB") or "newsledger.db")


#: An insert with nothing after its values, which PostgreSQL is given many rows at a time.
_PLAIN_INSERT = re.compile(r"^\s*(INSERT INTO \w+ \([\w, ]+\))\s+VALUES \((?:\?, )*\?\)\s*$")
_ROWS_PER_INSERT = 100

#: Key of the PostgreSQL advisory lock held while a store is migrated.
_MIGRATION_LOCK = 0x6E6C6564  # "nled"

_TYPES = {
    "sqlite": {"json": "TEXT", "real": "REAL", "ts": "TEXT"},
    "postgresql": {"json": "TEXT", "real": "DOUBLE PRECISION", "ts": "TEXT"},
}


#: How long an SQLite connection waits for another process's write (a whole ingest batch with its linking) to end.
_SQLITE_LOCK_WAIT_S = 120.0


def _retry_while_locked(step, attempts: int = 60, pause_s: float = 0.5):
    """Run ``step`` again while SQLite reports the file locked or busy without waiting for it, as it may while
    another process creates the same new file or switches it to WAL (the busy handler is not consulted then)."""
    for attempt in range(attempts):
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if attempt == attempts - 1 or not re.search(r"locked|busy", str(exc)):
                raise
            time.sleep(pause_s)


def _connect_sqlite(path: str) -> sqlite3.Connection:
    """Open a file in WAL mode, waiting for locks from the first statement on.

    The wait is set before any pragma: switching a new file to WAL takes a lock that a second process opening it
    at the same moment must wait for, and a file already in WAL is not switched again.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=_SQLITE_LOCK_WAIT_S)
    conn.execute(f"PRAGMA busy_timeout={int(_SQLITE_LOCK_WAIT_S * 1000)}")
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _connect_postgresql(url: str):
    import psycopg  # optional dependency: only PostgreSQL stores need it

    return psycopg.connect(url, autocommit=True)


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


#: Order in which claim statuses are listed: what most needs checking first.
STATUS_RANK = {"unverified": 0, "disputed": 1, "unattributed": 2}

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

_COLUMNS = {
    "quotes": "article_id, id, kind, text, start_char, end_char, speaker_name, speaker_mention, speaker_role, cue, "
              "continues, confidence, speaker_entity, published",
    "claims": "article_id, id, text, start_char, end_char, status, source_name, quantity_value, quantity_bound, "
              "quantity_counts, time_id, evidence, source_entity, time_value, published, status_rank, quantity_unit, "
              "quantity_high, quantity_start, claim_key, claim_day, side, figure_low, figure_high",
    "times": "article_id, id, text, start_char, end_char, type, value",
    "entities": "article_id, id, name, type, aliases, roles, ledger_entity",
    "events": "article_id, id, text, start_char, end_char, type, date, place, ledger_event, modality, ordinal, participants",
}
_INSERT = {
    table: f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' for _ in cols.split(','))})"
    for table, cols in _COLUMNS.items()
}


def _article_row(r: Record, with_record: bool = True) -> tuple:
    return (
        r.id, r.source, r.url, r.title, r.author, r.publisher, r.published, r.published_from, r.format, r.text,
        _json(r.topics), _json([b.to_dict() for b in r.boilerplate]),
        r.pipeline.version if r.pipeline else None, r.pipeline.model if r.pipeline else None,
        _json(r.to_dict()) if with_record else "{}", _now(),
    )


def _quote_rows(r: Record) -> Iterable[tuple]:
    for q in r.quotes:
        s = q.speaker
        yield (
            r.id, q.id, q.kind, q.text, q.span[0], q.span[1],
            s.name if s else None, s.mention if s else None, s.role if s else None,
            q.cue.text if q.cue else None, q.continues, q.confidence, s.entity if s else None, r.published,
        )


def _claim_rows(r: Record) -> Iterable[tuple]:
    time_values = {t.id: t.value for t in r.times}
    for c in r.claims:
        qty = c.quantity
        yield (
            r.id, c.id, c.text, c.span[0], c.span[1], c.status, c.source.name if c.source else None,
            qty.value if qty else None, qty.bound if qty else None, qty.counts if qty else None,
            c.time, c.status_evidence.text if c.status_evidence else None,
            c.source.entity if c.source else None, time_values.get(c.time) if c.time else None,
            r.published, STATUS_RANK.get(c.status, 3), qty.unit if qty else None, qty.high if qty else None,
            qty.span[0] if qty and qty.span else None, *claim_features(c, r),
        )


def _time_rows(r: Record) -> Iterable[tuple]:
    for t in r.times:
        yield (r.id, t.id, t.text, t.span[0], t.span[1], t.type, t.value)


def _entity_rows(r: Record) -> Iterable[tuple]:
    for e in r.entities:
        yield (r.id, e.id, e.name, e.type, _json(e.aliases), _json(e.roles), e.ledger_entity)


def _event_rows(r: Record) -> Iterable[tuple]:
    for e in r.events:
        yield (r.id, e.id, e.text, e.span[0], e.span[1], e.type, e.date, e.place, e.ledger_event, e.modality,
               e.ordinal, _json(e.participants))


_CHILD_ROWS = {
    "quotes": _quote_rows, "claims": _claim_rows, "times": _time_rows, "entities": _entity_rows, "events": _event_rows,
}

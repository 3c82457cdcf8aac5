"""The one schema definition, as ordered migrations shared by SQLite and PostgreSQL.

Each migration is a list of statements in a common SQL subset; ``{json}``,
``{real}`` and ``{ts}`` are filled in per dialect.  Applied versions are kept in
the ``migrations`` table so opening a store brings it up to date exactly once.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "CHILD_TABLES"]

#: Tables holding one row per extracted item, keyed by (article_id, id).
CHILD_TABLES = ("quotes", "claims", "times", "entities", "events")

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles and extracted items", [
        """CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT,
            author TEXT,
            publisher TEXT,
            published TEXT,
            published_from TEXT,
            format TEXT NOT NULL,
            text TEXT NOT NULL,
            topics {json} NOT NULL,
            boilerplate {json} NOT NULL,
            pipeline_version TEXT,
            model TEXT,
            record {json} NOT NULL,
            ingested_at {ts} NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS articles_published ON articles (published)",
        """CREATE TABLE IF NOT EXISTS quotes (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            speaker_name TEXT,
            speaker_mention TEXT,
            speaker_role TEXT,
            cue TEXT,
            continues TEXT,
            confidence {real} NOT NULL,
            PRIMARY KEY (article_id, id)
        )""",
        "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_name)",
        """CREATE TABLE IF NOT EXISTS claims (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            status TEXT NOT NULL,
            source_name TEXT,
            quantity_value {real},
            quantity_bound TEXT,
            quantity_counts TEXT,
            time_id TEXT,
            evidence TEXT,
            PRIMARY KEY (article_id, id)
        )""",
        "CREATE INDEX IF NOT EXISTS claims_status ON claims (status)",
        "CREATE INDEX IF NOT EXISTS claims_source ON claims (source_name)",
        """CREATE TABLE IF NOT EXISTS times (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            type TEXT NOT NULL,
            value TEXT,
            PRIMARY KEY (article_id, id)
        )""",
        """CREATE TABLE IF NOT EXISTS entities (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases {json} NOT NULL,
            roles {json} NOT NULL,
            ledger_entity TEXT,
            PRIMARY KEY (article_id, id)
        )""",
        """CREATE TABLE IF NOT EXISTS events (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            place TEXT,
            ledger_event TEXT,
            PRIMARY KEY (article_id, id)
        )""",
    ]),
]

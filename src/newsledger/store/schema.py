"""The one schema definition, as ordered migrations shared by SQLite and PostgreSQL.

Each migration is a list of statements in a common SQL subset; ``{json}``,
``{real}`` and ``{ts}`` are filled in per dialect.  Where the engines differ
(full-text search), a statement is a dict of dialect -> SQL, and a dialect
missing from it has nothing to do for that step.  Applied versions are kept in
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
    (2, "cross-article ledger: entities, events, overrides, name index", [
        """CREATE TABLE IF NOT EXISTS ledger_entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases {json} NOT NULL,
            roles {json} NOT NULL,
            articles INTEGER NOT NULL,
            updated_at {ts} NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS ledger_entities_type ON ledger_entities (type, articles)",
        """CREATE TABLE IF NOT EXISTS ledger_names (
            key TEXT NOT NULL,
            ledger_id TEXT NOT NULL,
            PRIMARY KEY (key, ledger_id)
        )""",
        "CREATE INDEX IF NOT EXISTS ledger_names_entity ON ledger_names (ledger_id)",
        """CREATE TABLE IF NOT EXISTS ledger_overrides (
            id TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            ledger_id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at {ts} NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS ledger_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            modality TEXT NOT NULL,
            ordinal INTEGER,
            date TEXT,
            date_from TEXT,
            date_to TEXT,
            place TEXT,
            participants {json} NOT NULL,
            text TEXT NOT NULL,
            articles INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS ledger_events_when ON ledger_events (type, modality, date_from)",
        "CREATE INDEX IF NOT EXISTS ledger_events_date ON ledger_events (date)",
        "ALTER TABLE entities ADD COLUMN link_reason TEXT",
        "CREATE INDEX IF NOT EXISTS entities_ledger ON entities (ledger_entity)",
        "ALTER TABLE events ADD COLUMN modality TEXT",
        "ALTER TABLE events ADD COLUMN ordinal INTEGER",
        "ALTER TABLE events ADD COLUMN participants {json}",
        "CREATE INDEX IF NOT EXISTS events_ledger ON events (ledger_event)",
        "ALTER TABLE quotes ADD COLUMN speaker_entity TEXT",
        "ALTER TABLE claims ADD COLUMN source_entity TEXT",
        "ALTER TABLE claims ADD COLUMN time_value TEXT",
        "CREATE INDEX IF NOT EXISTS quotes_article_entity ON quotes (article_id, speaker_entity)",
        "CREATE INDEX IF NOT EXISTS claims_article_entity ON claims (article_id, source_entity)",
        "CREATE INDEX IF NOT EXISTS times_value ON times (value)",
    ]),
    (3, "full-text search over quotes and articles", [
        {"sqlite": "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
                   "article_id UNINDEXED, quote_id UNINDEXED, text, speaker, tokenize='porter unicode61')",
         "postgresql": "CREATE INDEX IF NOT EXISTS quotes_fts ON quotes USING GIN "
                       "(to_tsvector('english', text || ' ' || coalesce(speaker_name, '')))"},
        {"sqlite": "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                   "article_id UNINDEXED, title, text, tokenize='porter unicode61')",
         "postgresql": "CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN "
                       "(to_tsvector('english', coalesce(title, '') || ' ' || text))"},
        {"sqlite": "INSERT INTO quotes_fts (article_id, quote_id, text, speaker) "
                   "SELECT article_id, id, text, coalesce(speaker_name, '') FROM quotes"},
        {"sqlite": "INSERT INTO articles_fts (article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles"},
    ]),
    (4, "query speed: publication date on items, speaker statistics", [
        "ALTER TABLE quotes ADD COLUMN published TEXT",
        "ALTER TABLE claims ADD COLUMN published TEXT",
        "ALTER TABLE claims ADD COLUMN status_rank INTEGER",
        "UPDATE quotes SET published = (SELECT a.published FROM articles a WHERE a.id = quotes.article_id)",
        "UPDATE claims SET published = (SELECT a.published FROM articles a WHERE a.id = claims.article_id)",
        "UPDATE claims SET status_rank = CASE status WHEN 'unverified' THEN 0 WHEN 'disputed' THEN 1 "
        "WHEN 'unattributed' THEN 2 ELSE 3 END",
        "CREATE INDEX IF NOT EXISTS quotes_order ON quotes (published, article_id, start_char)",
        "CREATE INDEX IF NOT EXISTS claims_order ON claims (status_rank, published, article_id, start_char)",
        "CREATE INDEX IF NOT EXISTS claims_status_order ON claims (status, published, article_id, start_char)",
        """CREATE TABLE IF NOT EXISTS speaker_stats (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            entity TEXT,
            quotes INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            first TEXT,
            last TEXT
        )""",
        "CREATE INDEX IF NOT EXISTS speaker_stats_quotes ON speaker_stats (quotes)",
    ]),
    (5, "full-text indexes keyed by rowid (deletes by article no longer scan the index)", [
        {"sqlite": "DROP TABLE IF EXISTS quotes_fts"},
        {"sqlite": "DROP TABLE IF EXISTS articles_fts"},
        {"sqlite": "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, tokenize='porter unicode61')"},
        {"sqlite": "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='porter unicode61')"},
        {"sqlite": "INSERT INTO quotes_fts (rowid, text, speaker) SELECT rowid, text, coalesce(speaker_name, '') FROM quotes"},
        {"sqlite": "INSERT INTO articles_fts (rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM articles"},
    ]),
    (6, "ledger entities: first and last seen (publication dates of the articles that mention them)", [
        "ALTER TABLE ledger_entities ADD COLUMN first_seen TEXT",
        "ALTER TABLE ledger_entities ADD COLUMN last_seen TEXT",
        "UPDATE ledger_entities SET "
        "first_seen = (SELECT MIN(a.published) FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE e.ledger_entity = ledger_entities.id), "
        "last_seen = (SELECT MAX(a.published) FROM entities e JOIN articles a ON a.id = e.article_id "
        "WHERE e.ledger_entity = ledger_entities.id)",
        "CREATE INDEX IF NOT EXISTS ledger_entities_first ON ledger_entities (first_seen)",
        "CREATE INDEX IF NOT EXISTS ledger_entities_last ON ledger_entities (last_seen)",
    ]),
    (7, "a ledger independent of ingest order: name groups, override details, event buckets", [
        """CREATE TABLE IF NOT EXISTS ledger_groups (
            key TEXT NOT NULL,
            type TEXT NOT NULL,
            names {json} NOT NULL,
            forms {json} NOT NULL,
            roles {json} NOT NULL,
            members INTEGER NOT NULL,
            ledger_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (key, type)
        )""",
        "CREATE INDEX IF NOT EXISTS ledger_groups_entity ON ledger_groups (ledger_id)",
        "ALTER TABLE entities ADD COLUMN name_key TEXT",
        "CREATE INDEX IF NOT EXISTS entities_group ON entities (type, name_key)",
        "ALTER TABLE ledger_overrides ADD COLUMN detail {json}",
        "CREATE INDEX IF NOT EXISTS events_bucket ON events (type, modality, date)",
    ]),
    (8, "the claim ledger: claims linked across articles with reasons, figure bounds, overrides, human reviews", [
        "ALTER TABLE claims ADD COLUMN quantity_unit TEXT",
        "ALTER TABLE claims ADD COLUMN quantity_high {real}",
        "ALTER TABLE claims ADD COLUMN quantity_start INTEGER",
        "ALTER TABLE claims ADD COLUMN claim_key TEXT",
        "ALTER TABLE claims ADD COLUMN claim_day INTEGER",
        "ALTER TABLE claims ADD COLUMN side TEXT",
        "ALTER TABLE claims ADD COLUMN figure_low {real}",
        "ALTER TABLE claims ADD COLUMN figure_high {real}",
        "ALTER TABLE claims ADD COLUMN claim_block TEXT",
        "ALTER TABLE claims ADD COLUMN ledger_claim TEXT",
        "ALTER TABLE claims ADD COLUMN link_reason TEXT",
        "CREATE INDEX IF NOT EXISTS claims_block ON claims (claim_block, claim_day, article_id, start_char, end_char, id)",
        "CREATE INDEX IF NOT EXISTS claims_ledger ON claims (ledger_claim, claim_day)",
        "CREATE INDEX IF NOT EXISTS claims_ledger_side ON claims (ledger_claim, side, claim_day)",
        """CREATE TABLE IF NOT EXISTS ledger_claims (
            id TEXT PRIMARY KEY,
            block TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            article_id TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            counts TEXT,
            unit TEXT,
            place TEXT,
            first_day TEXT,
            last_day TEXT,
            claims INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            low {real},
            high {real},
            contested INTEGER NOT NULL,
            history INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS ledger_claims_contested ON ledger_claims (contested, id)",
        """CREATE TABLE IF NOT EXISTS claim_overrides (
            id TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            target TEXT,
            detail {json},
            created_at {ts} NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS claim_reviews (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            claim_text TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL,
            evidence_url TEXT,
            reviewer TEXT NOT NULL,
            reviewed_at {ts} NOT NULL,
            latest INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS claim_reviews_claim ON claim_reviews (article_id, start_char, end_char, latest)",
        "CREATE INDEX IF NOT EXISTS claim_reviews_latest ON claim_reviews (latest, reviewed_at)",
    ]),
    (9, "ledger rules of issue 14 (organisation parts, name keys of related bodies): the ledger is rebuilt", [
        # an empty ledger_groups beside stored ledger entities makes the next write rebuild the whole ledger
        # from the stored articles under the new rules (``ledger.linker._legacy``)
        "DELETE FROM ledger_groups",
        # the JSON record of a batch's articles is written again once linked: room on each page lets PostgreSQL
        # update it in place (a heap-only tuple), without indexing the article's text for full-text search again
        {"postgresql": "ALTER TABLE articles SET (fillfactor = 60)"},
    ]),
]

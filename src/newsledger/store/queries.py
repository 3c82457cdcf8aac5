"""Read queries over the store, shared by the CLI and the web API.

Each function takes a :class:`~newsledger.store.Store` and returns a list of
plain dict rows (ready for table, JSON or CSV output).  All values reach SQL as
parameters; only fixed fragments are assembled in Python.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional

from ..ledger.linker import find_ledger_entities
from ..lexicon.names import fold

__all__ = ["quotes", "claims", "entities", "speakers", "timeline", "search_articles", "fts_query", "text_match",
           "search_param", "CLAIM_STATUSES"]

CLAIM_STATUSES = ("claimed", "unverified", "confirmed", "disputed", "unattributed")


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must occur (quoted, so no operator syntax leaks in)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)


def text_match(store, column_sql: str, fts_table: str, alias: str) -> str:
    """SQL condition for full-text match of one ``?`` parameter on either engine.

    SQLite: the FTS5 table's rowid is the indexed row's rowid.  PostgreSQL: a GIN
    index on the same ``to_tsvector`` expression.
    """
    if store.dialect == "sqlite":
        return f"{alias}.rowid IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ?)"
    return f"to_tsvector('english', {column_sql}) @@ plainto_tsquery('english', ?)"


def search_param(store, text: str) -> str:
    return fts_query(text) if store.dialect == "sqlite" else text


def _linked_ids(store, name: str, etype: Optional[str] = None) -> list[str]:
    return [r["id"] for r in find_ledger_entities(store, name, etype)]


def _by_entity(store, name: str, alias: str, name_column: str) -> tuple[str, str, list]:
    """(join, condition, args) selecting rows whose ledger entity ``name`` may denote.

    Known to the ledger: an inner join from its article entities (indexed).  Unknown:
    rows whose unlinked source name contains the words (a scan, but only then).
    """
    ids = _linked_ids(store, name)
    if ids:
        return "JOIN", f"{alias}.ledger_entity IN ({', '.join('?' for _ in ids)})", ids
    return "LEFT JOIN", f"({alias}.ledger_entity IS NULL AND lower({name_column}) LIKE ?)", [f"%{fold(name)}%"]


_QUOTE_COLUMNS = (
    "SELECT q.published, q.article_id, q.id, q.kind, coalesce(l.name, q.speaker_name) AS speaker, "
    "q.speaker_mention AS mention, q.speaker_role AS role, q.cue, q.text, q.start_char, q.end_char, "
    "q.confidence, e.ledger_entity AS entity, a.title "
)
_QUOTE_JOINS = (
    "{join} entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
    "JOIN articles a ON a.id = q.article_id LEFT JOIN ledger_entities l ON l.id = e.ledger_entity"
)
_QUOTE_TEXT = "q.text || ' ' || coalesce(q.speaker_name, '')"


def _quotes_by_relevance(store, search: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Full-text search alone: best matches first (bm25 / ts_rank), so a common word stays fast."""
    if store.dialect == "sqlite":
        sql = (_QUOTE_COLUMNS + "FROM (SELECT rowid AS rid, rank FROM quotes_fts WHERE quotes_fts MATCH ? "
               "ORDER BY rank LIMIT ?) f JOIN quotes q ON q.rowid = f.rid " + _QUOTE_JOINS.format(join="LEFT JOIN")
               + " ORDER BY f.rank, q.published, q.article_id, q.start_char LIMIT ? OFFSET ?")
        return store.execute(sql, [fts_query(search), int(limit) + int(offset), int(limit), int(offset)])
    vector = f"to_tsvector('english', {_QUOTE_TEXT})"
    sql = (_QUOTE_COLUMNS + "FROM quotes q " + _QUOTE_JOINS.format(join="LEFT JOIN")
           + f" WHERE {vector} @@ plainto_tsquery('english', ?) "
           f"ORDER BY ts_rank({vector}, plainto_tsquery('english', ?)) DESC, q.published, q.article_id, q.start_char "
           "LIMIT ? OFFSET ?")
    return store.execute(sql, [search, search, int(limit), int(offset)])


def quotes(store, speaker: Optional[str] = None, search: Optional[str] = None, article: Optional[str] = None,
           limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes in publication order, by one speaker (any spelling) and/or containing words.

    A search on its own lists the best matches first instead.
    """
    if search and not speaker and not article:
        return _quotes_by_relevance(store, search, limit, offset)
    where, args, join = [], [], "LEFT JOIN"
    if speaker:
        join, cond, cargs = _by_entity(store, speaker, "e", "q.speaker_name")
        where.append(cond)
        args += cargs
    if search:
        where.append(text_match(store, _QUOTE_TEXT, "quotes_fts", "q"))
        args.append(search_param(store, search))
    if article:
        where.append("q.article_id = ?")
        args.append(article)
    sql = (
        _QUOTE_COLUMNS + "FROM quotes q " + _QUOTE_JOINS.format(join=join)
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY q.published, q.article_id, q.start_char LIMIT ? OFFSET ?"
    )
    return store.execute(sql, [*args, int(limit), int(offset)])


def claims(store, source: Optional[str] = None, status: Optional[str] = None, search: Optional[str] = None,
           limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Claims with source, status and evidence; unverified and disputed first."""
    where, args, join = [], [], "LEFT JOIN"
    if source:
        join, cond, cargs = _by_entity(store, source, "e", "c.source_name")
        where.append(cond)
        args += cargs
    if status:
        where.append("c.status = ?")
        args.append(status)
    if search:
        where.append("lower(c.text) LIKE ?")
        args.append(f"%{fold(search)}%")
    order = "c.published, c.article_id, c.start_char" if status else "c.status_rank, c.published, c.article_id, c.start_char"
    sql = (
        "SELECT c.published, c.article_id, c.id, c.status, coalesce(l.name, c.source_name) AS source, c.text, "
        "c.quantity_value AS quantity, c.quantity_bound AS bound, c.quantity_counts AS counts, c.time_value AS time, "
        "c.evidence, c.start_char, c.end_char, e.ledger_entity AS entity, a.title "
        f"FROM claims c {join} entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
        "JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return store.execute(sql, [*args, int(limit), int(offset)])


def entities(store, type: Optional[str] = None, name: Optional[str] = None, limit: int = 100,
             offset: int = 0) -> list[dict[str, Any]]:
    """Ledger entities, most cited first, with aliases and dated roles.

    Looked up by ``name``, each also carries ``links``: every article entity joined
    into it, as written there, with the reason it was joined (why two names are one).
    """
    if name:
        rows = find_ledger_entities(store, name, type)
    else:
        rows = store.execute(
            "SELECT * FROM ledger_entities" + (" WHERE type = ?" if type else "")
            + " ORDER BY articles DESC, name, id LIMIT ? OFFSET ?",
            ([type] if type else []) + [int(limit), int(offset)],
        )
    out = []
    for r in rows:
        aliases = json.loads(r["aliases"]) if isinstance(r["aliases"], str) else r["aliases"]
        roles = json.loads(r["roles"]) if isinstance(r["roles"], str) else r["roles"]
        item = {"id": r["id"], "name": r["name"], "type": r["type"], "articles": r["articles"],
                "aliases": aliases, "roles": sorted({x["role"] for x in roles}), "role_history": roles}
        if name:
            item["links"] = store.execute(
                "SELECT e.article_id AS article, a.published, e.name AS written, e.link_reason AS reason "
                "FROM entities e JOIN articles a ON a.id = e.article_id WHERE e.ledger_entity = ? "
                "ORDER BY a.published, e.article_id LIMIT 1000", (r["id"],))
        out.append(item)
    return out


def speakers(store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Who is quoted how often and in how many articles (one row per ledger entity or unlinked name)."""
    return store.execute(
        "SELECT coalesce(l.name, s.name) AS speaker, l.type, s.entity, s.quotes, s.articles, s.first, s.last "
        "FROM speaker_stats s LEFT JOIN ledger_entities l ON l.id = s.entity "
        "ORDER BY s.quotes DESC, s.key LIMIT ? OFFSET ?", [int(limit), int(offset)])


def timeline(store, entity: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
             limit: int = 500) -> list[dict[str, Any]]:
    """Dated ledger events and dated claims in date order, each with the articles that support it."""
    ids = [r["id"] for r in find_ledger_entities(store, entity)] if entity else []
    names = set()
    for r in (store.execute(f"SELECT name, aliases FROM ledger_entities WHERE id IN ({', '.join('?' for _ in ids)})", ids)
              if ids else []):
        names |= {fold(r["name"]), *(fold(a) for a in json.loads(r["aliases"]))}
    lo, hi = date_from or "0000", (date_to or "9999") + "~"
    rows: list[dict[str, Any]] = []
    events = store.execute(
        "SELECT id, date, type, modality, place, participants, text, articles FROM ledger_events "
        "WHERE date IS NOT NULL AND date >= ? AND date <= ? ORDER BY date, id", (lo, hi))
    support = _event_support(store, [e["id"] for e in events])
    for e in events:
        participants = json.loads(e["participants"]) if isinstance(e["participants"], str) else e["participants"]
        if entity and not ({fold(p) for p in participants} & names):
            continue
        rows.append({"date": e["date"], "kind": "event", "what": e["type"] + ("" if e["modality"] == "happened" else " (planned)"),
                     "text": e["text"], "who": ", ".join(participants), "place": e["place"],
                     "articles": len(support.get(e["id"], [])), "sources": support.get(e["id"], []), "id": e["id"]})
    where, args = ["coalesce(substr(c.time_value, 1, 10), a.published) >= ?",
                   "coalesce(substr(c.time_value, 1, 10), a.published) <= ?"], [lo, hi]
    join = "LEFT JOIN"
    if entity:
        join, cond, cargs = _by_entity(store, entity, "e", "c.source_name")
        where.append(cond)
        args += cargs
    for c in store.execute(
        "SELECT c.article_id, c.id, c.status, c.text, c.time_value, a.published, a.title, a.source, "
        "coalesce(l.name, c.source_name) AS source_name "
        f"FROM claims c {join} entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
        "JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity WHERE " + " AND ".join(where), args,
    ):
        dated = c["time_value"] and re.fullmatch(r"\d{4}-\d\d-\d\d", c["time_value"][:10])
        date = c["time_value"][:10] if dated else c["published"]
        if not date:
            continue
        rows.append({"date": date, "kind": "claim", "what": c["status"] + ("" if dated else " (reported)"),
                     "text": c["text"], "who": c["source_name"], "place": None, "articles": 1,
                     "sources": [c["title"] or c["source"]], "id": f"{c['article_id']}/{c['id']}"})
    rows.sort(key=lambda r: (r["date"], r["kind"] != "event", r["id"]))
    return rows[:limit]


def _event_support(store, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in store.execute(
            f"SELECT DISTINCT v.ledger_event, coalesce(a.title, a.source) AS article FROM events v "
            f"JOIN articles a ON a.id = v.article_id WHERE v.ledger_event IN ({', '.join('?' for _ in chunk)}) "
            f"ORDER BY 2", chunk,
        ):
            out.setdefault(r["ledger_event"], []).append(r["article"])
    return out


def search_articles(store, text: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles whose title or text contain every word of ``text``."""
    cond = text_match(store, "coalesce(a.title, '') || ' ' || a.text", "articles_fts", "a")
    return store.execute(
        f"SELECT a.id, a.published, a.title, a.source, a.url FROM articles a WHERE {cond} "
        f"ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        [search_param(store, text), int(limit), int(offset)],
    )

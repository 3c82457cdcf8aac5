"""Read queries for the web pages, with stable keyset pagination.

Every list is ordered by a total order (ties broken by primary-key columns), and
a page after the first is asked for with a *cursor*: the ordering key of the
last row shown, encoded as an opaque URL-safe string.  The next page is then
``WHERE (key...) > (cursor...)``, so rows inserted or removed elsewhere never
shift a page or show a row twice.  All values reach SQL as ``?`` parameters;
only fixed fragments are assembled in Python.

Candidates for ``newsledger.store.queries`` later: ``quotes_page``,
``claims_page``, ``entity_quotes``, ``quote_counts_by_period``, ``timeline_page``.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any, Optional, Sequence

from ..ledger.linker import find_ledger_entities
from ..lexicon.names import fold
from ..store.queries import search_param, text_match

__all__ = [
    "BadCursor", "encode_cursor", "decode_cursor", "Page",
    "articles_page", "quotes_page", "claims_page", "speakers_page", "entities_page",
    "entity", "entity_quotes", "entity_claims", "quote_counts_by_period", "timeline_page",
    "search_articles_page", "resolve_entities", "CLAIM_RANK_SQL",
]


class BadCursor(ValueError):
    """A cursor that was not made by :func:`encode_cursor` (or was tampered with)."""


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: Optional[str], arity: int) -> Optional[list]:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BadCursor("malformed cursor") from None
    if not isinstance(values, list) or len(values) != arity or not all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values
    ):
        raise BadCursor("malformed cursor")
    return values


class Page(dict):
    """``{"items": [...], "next": cursor-or-None, "limit": n}``; ``next`` is None on the last page."""


def _page(rows: list[dict], limit: int, key) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(items=rows, next=encode_cursor(key(rows[-1])) if more and rows else None, limit=limit)


def _rowcmp(columns: Sequence[str], op: str) -> str:
    """Row-value comparison ``(a, b, c) > (?, ?, ?)``: SQLite ≥ 3.15 and PostgreSQL both have it."""
    return f"({', '.join(columns)}) {op} ({', '.join('?' for _ in columns)})"


def _fts(store, table: str, columns_sql: str, alias: str, text: str) -> tuple[str, list]:
    """Full-text condition and its parameter, the same on both engines as the CLI's (store.queries)."""
    return text_match(store, columns_sql, table, alias), [search_param(store, text)]


def resolve_entities(store, ref: str) -> list[str]:
    """Ledger entity ids a user's reference denotes: an id itself, or every entity the name may mean."""
    if ref.startswith("ent_") and store.execute("SELECT 1 FROM ledger_entities WHERE id = ?", (ref,)):
        return [ref]
    return [r["id"] for r in find_ledger_entities(store, ref)]


def _entity_condition(store, ref: str, alias: str, name_column: str) -> tuple[str, list]:
    """Rows linked to the entity ``ref`` denotes, or (unlinked) whose name contains it."""
    ids = resolve_entities(store, ref)
    conds, args = [], []
    if ids:
        conds.append(f"{alias}.ledger_entity IN ({', '.join('?' for _ in ids)})")
        args.extend(ids)
    conds.append(f"({alias}.ledger_entity IS NULL AND lower({name_column}) LIKE ?)")
    args.append(f"%{fold(ref)}%")
    return "(" + " OR ".join(conds) + ")", args


# -- articles -------------------------------------------------------------------------

def articles_page(store, after: Optional[str] = None, limit: int = 50) -> Page:
    """Newest first; articles without a date last."""
    cur = decode_cursor(after, 2)
    where, args = "", []
    if cur:
        where, args = "WHERE " + _rowcmp(["coalesce(a.published, '')", "a.id"], "<"), cur
    rows = store.execute(
        "SELECT a.id, a.published, a.title, a.source, a.url, a.publisher, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims "
        f"FROM articles a {where} ORDER BY coalesce(a.published, '') DESC, a.id DESC LIMIT ?",
        [*args, limit + 1],
    )
    return _page(rows, limit, lambda r: [r["published"] or "", r["id"]])


# -- quotes ---------------------------------------------------------------------------

_QUOTE_COLS = (
    "SELECT q.published, q.article_id, q.id, q.kind, coalesce(l.name, q.speaker_name) AS speaker, "
    "q.speaker_mention AS mention, q.speaker_role AS role, q.cue, q.text, q.start_char, q.end_char, "
    "q.confidence, e.ledger_entity AS entity, a.title, a.source AS article_source "
)
# quotes.published / claims.published / claims.status_rank (store migration 4) copy the article's date and the
# status order onto the rows, so the ordering below is an index scan (quotes_order, claims_order) stopped by LIMIT.
# NULL dates compare as '' in cursors and sort first (SQLite's order for NULL; PostgreSQL is told NULLS FIRST).
_QUOTE_KEY = ["coalesce(q.published, '')", "q.article_id", "q.start_char", "q.id"]
_QUOTE_ORDER = "q.published NULLS FIRST, q.article_id, q.start_char, q.id"


def _quote_key(r: dict) -> list:
    return [r["published"] or "", r["article_id"], r["start_char"], r["id"]]


def quotes_page(store, speaker: Optional[str] = None, search: Optional[str] = None,
                article: Optional[str] = None, after: Optional[str] = None, limit: int = 50) -> Page:
    """Quotes in publication order, optionally by one speaker (any spelling) or matching words."""
    cur = decode_cursor(after, 4)
    where, args = [], []
    if speaker:
        cond, cargs = _entity_condition(store, speaker, "e", "q.speaker_name")
        where.append(cond)
        args += cargs
    if search:
        cond, cargs = _fts(store, "quotes_fts", "q.text || ' ' || coalesce(q.speaker_name, '')",
                           "q", search)
        where.append(cond)
        args += cargs
    if article:
        where.append("q.article_id = ?")
        args.append(article)
    if cur:
        where.append(_rowcmp(_QUOTE_KEY, ">"))
        args += cur
    rows = store.execute(
        _QUOTE_COLS + "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY " + _QUOTE_ORDER + " LIMIT ?",
        [*args, limit + 1],
    )
    return _page(rows, limit, _quote_key)


# -- claims ---------------------------------------------------------------------------

#: Unverified first, then disputed, unattributed, then claimed and confirmed (the store's ``status_rank``).
CLAIM_RANK_SQL = "c.status_rank"
_CLAIM_KEY = [CLAIM_RANK_SQL, "coalesce(c.published, '')", "c.article_id", "c.start_char", "c.id"]
_CLAIM_ORDER = "c.status_rank, c.published NULLS FIRST, c.article_id, c.start_char, c.id"
_CLAIM_COLS = (
    f"SELECT {CLAIM_RANK_SQL} AS rank, c.published, c.article_id, c.id, c.status, "
    "coalesce(l.name, c.source_name) AS source, c.text, c.quantity_value AS quantity, c.quantity_bound AS bound, "
    "c.quantity_counts AS counts, c.time_value AS time, c.evidence, c.start_char, c.end_char, "
    "e.ledger_entity AS entity, a.title, a.source AS article_source "
)


def claims_page(store, status: Optional[str] = None, source: Optional[str] = None, search: Optional[str] = None,
                date_from: Optional[str] = None, date_to: Optional[str] = None, after: Optional[str] = None,
                limit: int = 50) -> Page:
    """Claims, unverified first; filters by status, source (any spelling), words, publication dates."""
    cur = decode_cursor(after, 5)
    where, args = [], []
    if status:
        where.append("c.status = ?")
        args.append(status)
    if source:
        cond, cargs = _entity_condition(store, source, "e", "c.source_name")
        where.append(cond)
        args += cargs
    if search:
        where.append("lower(c.text) LIKE ?")
        args.append(f"%{fold(search)}%")
    if date_from:
        where.append("c.published >= ?")
        args.append(date_from)
    if date_to:
        where.append("c.published <= ?")
        args.append(date_to)
    if cur:
        where.append(_rowcmp(_CLAIM_KEY, ">"))
        args += cur
    rows = store.execute(
        _CLAIM_COLS + "FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity"
        + (" WHERE " + " AND ".join(where) if where else "")
        # one status: its rank is constant, so order as the claims_status_order index does
        + " ORDER BY " + (_CLAIM_ORDER.replace("c.status_rank, ", "") if status else _CLAIM_ORDER) + " LIMIT ?",
        [*args, limit + 1],
    )
    return _page(rows, limit, lambda r: [r["rank"], r["published"] or "", r["article_id"], r["start_char"], r["id"]])


# -- speakers and entities ----------------------------------------------------------

def speakers_page(store, after: Optional[str] = None, limit: int = 50) -> Page:
    """Who is quoted, most quoted first (one row per ledger entity or unlinked name)."""
    cur = decode_cursor(after, 3)
    having, args = "", []
    if cur:
        having = ("HAVING COUNT(*) < ? OR (COUNT(*) = ? AND (MAX(coalesce(l.name, q.speaker_name)), "
                  "coalesce(l.id, q.speaker_name)) > (?, ?))")
        args = [cur[0], cur[0], cur[1], cur[2]]
    rows = store.execute(
        "SELECT MAX(coalesce(l.name, q.speaker_name)) AS speaker, MAX(l.type) AS type, MAX(l.id) AS entity, "
        "coalesce(l.id, q.speaker_name) AS gkey, COUNT(*) AS quotes, COUNT(DISTINCT q.article_id) AS articles, "
        "MIN(a.published) AS first, MAX(a.published) AS last "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity "
        "WHERE q.speaker_name IS NOT NULL "
        f"GROUP BY coalesce(l.id, q.speaker_name) {having} "
        "ORDER BY COUNT(*) DESC, MAX(coalesce(l.name, q.speaker_name)), coalesce(l.id, q.speaker_name) LIMIT ?",
        [*args, limit + 1],
    )
    return _page(rows, limit, lambda r: [r["quotes"], r["speaker"], r["gkey"]])


def _loads(v: Any) -> Any:
    return json.loads(v) if isinstance(v, str) else v


def _entity_row(r: dict) -> dict:
    roles = _loads(r["roles"]) or []
    return {"id": r["id"], "name": r["name"], "type": r["type"], "articles": r["articles"],
            "aliases": _loads(r["aliases"]) or [], "roles": sorted({x["role"] for x in roles}), "role_history": roles}


def entities_page(store, type: Optional[str] = None, name: Optional[str] = None, after: Optional[str] = None,
                  limit: int = 50) -> Page:
    """Ledger entities, most cited first; ``name`` finds every entity the name may denote."""
    if name:
        rows = [_entity_row(r) for r in find_ledger_entities(store, name, type or None)]
        return Page(items=rows, next=None, limit=limit)
    cur = decode_cursor(after, 3)
    where, args = [], []
    if type:
        where.append("type = ?")
        args.append(type)
    if cur:
        where.append("(articles < ? OR (articles = ? AND (name, id) > (?, ?)))")
        args += [cur[0], cur[0], cur[1], cur[2]]
    rows = store.execute(
        "SELECT * FROM ledger_entities" + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY articles DESC, name, id LIMIT ?", [*args, limit + 1])
    page = _page(rows, limit, lambda r: [r["articles"], r["name"], r["id"]])
    page["items"] = [_entity_row(r) for r in page["items"]]
    return page


def entity(store, ledger_id: str) -> Optional[dict]:
    rows = store.execute("SELECT * FROM ledger_entities WHERE id = ?", (ledger_id,))
    return _entity_row(rows[0]) if rows else None


def entity_quotes(store, ledger_id: str, after: Optional[str] = None, limit: int = 50) -> Page:
    """Every quote attributed to one ledger entity, across articles, in publication order."""
    cur = decode_cursor(after, 4)
    where, args = ["e.ledger_entity = ?"], [ledger_id]
    if cur:
        where.append(_rowcmp(_QUOTE_KEY, ">"))
        args += cur
    rows = store.execute(
        _QUOTE_COLS + "FROM entities e JOIN quotes q ON q.article_id = e.article_id AND q.speaker_entity = e.id "
        "JOIN articles a ON a.id = q.article_id LEFT JOIN ledger_entities l ON l.id = e.ledger_entity "
        "WHERE " + " AND ".join(where) + " ORDER BY " + _QUOTE_ORDER + " LIMIT ?",
        [*args, limit + 1],
    )
    return _page(rows, limit, _quote_key)


def entity_claims(store, ledger_id: str, limit: int = 20) -> list[dict]:
    """Claims sourced to one ledger entity (first ``limit``, unverified first)."""
    return store.execute(
        _CLAIM_COLS + "FROM entities e JOIN claims c ON c.article_id = e.article_id AND c.source_entity = e.id "
        "JOIN articles a ON a.id = c.article_id LEFT JOIN ledger_entities l ON l.id = e.ledger_entity "
        "WHERE e.ledger_entity = ? ORDER BY " + _CLAIM_ORDER + " LIMIT ?", [ledger_id, limit])


def quote_counts_by_period(store, ledger_id: str) -> list[dict]:
    """Quotes of one entity per publication day: ``[{"day": "YYYY-MM-DD", "quotes": n}]``."""
    return store.execute(
        "SELECT a.published AS day, COUNT(*) AS quotes "
        "FROM entities e JOIN quotes q ON q.article_id = e.article_id AND q.speaker_entity = e.id "
        "JOIN articles a ON a.id = q.article_id WHERE e.ledger_entity = ? AND a.published IS NOT NULL "
        "GROUP BY a.published ORDER BY a.published", [ledger_id])


# -- timeline -------------------------------------------------------------------------

_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def timeline_page(store, entity: Optional[str] = None, date_from: Optional[str] = None,
                  date_to: Optional[str] = None, after: Optional[str] = None, limit: int = 200) -> Page:
    """Dated ledger events and dated claims in date order (on one day, claims before events).

    A claim's date is its own time expression's day when it has one, else the
    publication date of its article ("reported").  Keyset: (date, kind, id).
    """
    cur = decode_cursor(after, 3)
    lo, hi = date_from or "0000", (date_to or "9999") + "~"
    ids = resolve_entities(store, entity) if entity else []
    names: set[str] = set()
    if ids:
        for r in store.execute(
            f"SELECT name, aliases FROM ledger_entities WHERE id IN ({', '.join('?' for _ in ids)})", ids):
            names |= {fold(r["name"]), *(fold(a) for a in _loads(r["aliases"]))}
    if entity and not names:
        names = {fold(entity)}
    # keyset (date, kind, id) with kind "claim" < "event": on one day claims come first
    c_date, c_kind, c_id = cur if cur else ("", "", "")

    events: list[dict] = []
    ev_after = [c_date, c_id if c_kind == "event" else ""]
    while len(events) < limit + 1:
        chunk = store.execute(
            "SELECT id, date, type, modality, place, participants, text, articles FROM ledger_events "
            "WHERE date IS NOT NULL AND date >= ? AND date <= ? AND " + _rowcmp(["date", "id"], ">")
            + " ORDER BY date, id LIMIT ?", [lo, hi, *ev_after, 500])
        for e in chunk:
            participants = _loads(e["participants"]) or []
            if names and not ({fold(p) for p in participants} & names):
                continue
            events.append({"date": e["date"][:10], "kind": "event", "id": e["id"],
                           "what": e["type"] + ("" if e["modality"] == "happened" else " (planned)"),
                           "text": e["text"], "who": ", ".join(participants), "place": e["place"],
                           "articles": e["articles"], "article_id": None, "status": None, "sort_date": e["date"]})
        if len(chunk) < 500:
            break
        ev_after = [chunk[-1]["date"], chunk[-1]["id"]]

    date_sql = "coalesce(CASE WHEN length(c.time_value) >= 10 THEN substr(c.time_value, 1, 10) END, a.published)"
    where = [f"{date_sql} >= ?", f"{date_sql} <= ?"]
    args: list[Any] = [lo, hi]
    if entity:
        cond, cargs = _entity_condition(store, entity, "e", "c.source_name")
        where.append(cond)
        args += cargs
    if c_kind == "claim":
        where.append(_rowcmp([date_sql, "c.article_id || '/' || c.id"], ">"))
        args += [c_date, c_id]
    elif c_kind == "event":
        where.append(f"{date_sql} > ?")
        args.append(c_date)
    claims = []
    for c in store.execute(
        f"SELECT c.article_id, c.id, c.status, c.text, c.time_value, a.published, a.title, "
        f"coalesce(l.name, c.source_name) AS source_name, {date_sql} AS day "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity WHERE " + " AND ".join(where)
        + f" ORDER BY {date_sql}, c.article_id || '/' || c.id LIMIT ?", [*args, limit + 1],
    ):
        if not c["day"] or not _DAY.fullmatch(c["day"][:10]):
            continue
        dated = bool(c["time_value"] and _DAY.fullmatch(c["time_value"][:10]))
        claims.append({"date": c["day"][:10], "kind": "claim", "id": f"{c['article_id']}/{c['id']}",
                       "what": c["status"] + ("" if dated else " (reported)"), "text": c["text"],
                       "who": c["source_name"], "place": None, "articles": 1, "article_id": c["article_id"],
                       "status": c["status"], "sort_date": c["day"]})
    rows = sorted(events + claims, key=lambda r: (r["sort_date"], r["kind"], r["id"]))
    page = _page(rows, limit, lambda r: [r["sort_date"], r["kind"], r["id"]])
    for r in page["items"]:
        r.pop("sort_date", None)
    return page


# -- search ---------------------------------------------------------------------------

def search_articles_page(store, text: str, after: Optional[str] = None, limit: int = 20) -> Page:
    """Articles whose title or text contain every word of ``text``; newest first."""
    cur = decode_cursor(after, 2)
    cond, args = _fts(store, "articles_fts", "coalesce(a.title, '') || ' ' || a.text", "a", text)
    where = [cond]
    if cur:
        where.append(_rowcmp(["coalesce(a.published, '')", "a.id"], "<"))
        args += cur
    rows = store.execute(
        "SELECT a.id, a.published, a.title, a.source, a.url FROM articles a WHERE " + " AND ".join(where)
        + " ORDER BY coalesce(a.published, '') DESC, a.id DESC LIMIT ?", [*args, limit + 1])
    return _page(rows, limit, lambda r: [r["published"] or "", r["id"]])

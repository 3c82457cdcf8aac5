"""The one query layer: every list the command line prints and the web shows.

Each function takes a :class:`~newsledger.store.Store`, filters, an optional
``after`` cursor and a ``limit``, and returns a :class:`Page`: a list of plain
dict rows (ready for a table, JSON or CSV) that also knows the cursor of the
next page.  The CLI prints a page; the web renders it.  Neither builds SQL.

Pages are keyset-paginated: every list has a total order (ties broken by key
columns), and the cursor is the ordering key of the last row, so rows added
or removed elsewhere never shift a page or show a row twice.  NULLs sort first
in ascending and last in descending order on both engines (``NULLS FIRST`` /
``NULLS LAST`` are spelled out, and cursors carry NULL as null).  Values reach
SQL as parameters; only fixed fragments are assembled here.  User text reaches
full-text search only as quoted words (SQLite FTS5) or through
``plainto_tsquery`` (PostgreSQL), so no query syntax leaks through.

Who a name denotes (``speaker``, ``source``, ``entity``) follows the ledger's
name rules, never a substring: see :func:`speaker_condition`.
"""

from __future__ import annotations

import re
from typing import Optional

from ..errors import QueryError
from ..ledger.linker import find_ledger_entities, possible_matches
from ..lexicon.names import fold
from ..records import ENTITY_TYPES
from ..ledger.claim_keys import day_text
from ..settings import check_day
from .claim_queries import (REVIEW_COLUMNS, REVIEW_JOIN, article_claims, claim_figures, claim_history, claim_ref,
                            claim_reviews, figure_text, find_claim, ledger_claim)
from .reviews import REVIEW_STATUSES, add_review
from .matching import (add_context, context_columns, fts_condition, fts_param, loads_json, resolve_entities,
                       search_words, sentence_around, speaker_condition)
from .paging import (Order, Page, check_limit, decode_cursor, encode_cursor, like_pattern, limit_sql, page_of,
                     where_sql)

__all__ = [
    "Page", "QueryError", "CLAIM_STATUSES", "ENTITY_TYPES", "SPEAKER_SORTS", "ENTITY_SORTS", "entity_type", "encode_cursor", "decode_cursor",
    "search_words", "resolve_entities", "speaker_condition", "sentence_around",
    "articles", "quotes", "claims", "speakers", "entities", "entity", "quotes_per_day", "timeline",
    "search_articles", "ledger_claim", "claim_history", "claim_figures", "claim_reviews", "find_claim", "claim_ref",
    "figure_text", "REVIEW_STATUSES", "add_review", "article_claims",
]

CLAIM_STATUSES = ("claimed", "unverified", "confirmed", "disputed", "unattributed")


# -- articles ----------------------------------------------------------------------------------

_ARTICLE_ORDER = Order(("a.published", True, True), ("a.id", True, False))


def articles(store, after: Optional[str] = None, limit: Optional[int] = 50) -> Page:
    """Stored articles, newest first (undated last), with counts of quotes, claims and times."""
    limit, cur = check_limit(limit), decode_cursor(after, 2)
    conds, args = [], []
    if cur:
        cond, args = _ARTICLE_ORDER.after(cur)
        conds.append(cond)
    tail, targs = limit_sql(limit)
    rows = store.execute(
        "SELECT a.id, a.published, a.published_from, a.title, a.source, a.url, a.publisher, a.author, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims, "
        "(SELECT COUNT(*) FROM times t WHERE t.article_id = a.id) AS times "
        f"FROM articles a{where_sql(conds)} ORDER BY {_ARTICLE_ORDER.sql()}{tail}", [*args, *targs])
    return page_of(rows, limit, lambda r: [r["published"], r["id"]])


# -- quotes ------------------------------------------------------------------------------------

_QUOTE_SELECT = (
    "SELECT q.published, q.article_id, q.id, q.kind, coalesce(l.name, q.speaker_name) AS speaker, "
    "q.speaker_mention AS mention, q.speaker_role AS role, q.cue, q.text, q.start_char, q.end_char, "
    "q.confidence, e.ledger_entity AS entity, a.title, a.source AS article_source" + context_columns("q") + " "
)
_QUOTE_JOINS = (" JOIN articles a ON a.id = q.article_id "
                "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
                "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity")
_QUOTE_DOCUMENT = "q.text || ' ' || coalesce(q.speaker_name, '')"
_QUOTE_ORDER = Order(("q.published", False, True), ("q.article_id", False, False), ("q.start_char", False, False),
                     ("q.id", False, False))


def _quote_key(r: dict) -> list:
    return [r["published"], r["article_id"], r["start_char"], r["id"]]


def quotes(store, speaker: Optional[str] = None, search: Optional[str] = None, article: Optional[str] = None,
           after: Optional[str] = None, limit: Optional[int] = 100) -> Page:
    """Quotes in publication order: by the speaker a name or id denotes, containing words, in one article.

    A search on its own lists the best matches first instead (its cursor is a position).
    Each row carries ``context``: the sentence around the quote, as stored (from ``context_start``).
    """
    limit = check_limit(limit)
    words = search_words(search) if search and search.strip() else None
    if words == []:  # text but no word in it ("*", '"'): nothing matches
        return Page([], None, limit)
    if words and not speaker and not article:
        return _quotes_by_relevance(store, words, after, limit)
    cur = decode_cursor(after, 4)
    conds, args = [], []
    if speaker:
        cond, cargs = speaker_condition(store, speaker, "e.ledger_entity", "q.speaker_name", "quotes")
        conds.append(cond)
        args += cargs
    if words:
        conds.append(fts_condition(store, "quotes_fts", _QUOTE_DOCUMENT, "q"))
        args.append(fts_param(store, words))
    if article:
        conds.append("q.article_id = ?")
        args.append(article)
    if cur:
        cond, cargs = _QUOTE_ORDER.after(cur)
        conds.append(cond)
        args += cargs
    tail, targs = limit_sql(limit)
    rows = store.execute(_QUOTE_SELECT + "FROM quotes q" + _QUOTE_JOINS + where_sql(conds)
                         + f" ORDER BY {_QUOTE_ORDER.sql()}{tail}", [*args, *targs])
    return page_of(add_context(rows), limit, _quote_key)


def _quotes_by_relevance(store, words: list[str], after: Optional[str], limit: Optional[int]) -> Page:
    """Full-text search alone: best matches first (bm25 / ts_rank), so a common word stays fast."""
    cur = decode_cursor(after, 1)
    offset = cur[0] if cur and isinstance(cur[0], int) and cur[0] >= 0 else 0
    if cur and offset != cur[0]:
        raise QueryError("malformed pagination cursor (after=)")
    n = (limit + 1) if limit is not None else -1
    tie = "q.published NULLS FIRST, q.article_id, q.start_char, q.id"
    if store.dialect == "sqlite":
        sql = (_QUOTE_SELECT + "FROM (SELECT rowid AS rid, rank FROM quotes_fts WHERE quotes_fts MATCH ? "
               "ORDER BY rank LIMIT ?) f JOIN quotes q ON q.rowid = f.rid" + _QUOTE_JOINS
               + f" ORDER BY f.rank, {tie} LIMIT ? OFFSET ?")
        args = [fts_param(store, words), n + offset if n > 0 else -1, n, offset]
    else:
        vector = f"to_tsvector('english', {_QUOTE_DOCUMENT})"
        sql = (_QUOTE_SELECT + "FROM quotes q" + _QUOTE_JOINS + f" WHERE {vector} @@ plainto_tsquery('english', ?) "
               f"ORDER BY ts_rank({vector}, plainto_tsquery('english', ?)) DESC, {tie} LIMIT ? OFFSET ?")
        args = [" ".join(words), " ".join(words), n if n > 0 else None, offset]
    rows = add_context(store.execute(sql, args))
    page = page_of(rows, limit, lambda r: [0])
    if page.next is not None:
        page.next = encode_cursor([offset + len(page)])
    return page


def quotes_per_day(store, ref: str) -> list[dict]:
    """Quotes of the speaker ``ref`` denotes per publication day: ``[{"day": "YYYY-MM-DD", "quotes": n}]``,
    quotes in undated articles first as ``{"day": None, ...}`` (so the counts add up to every quote)."""
    cond, args = speaker_condition(store, ref, "e.ledger_entity", "q.speaker_name", "quotes")
    return store.execute(
        "SELECT q.published AS day, COUNT(*) AS quotes FROM quotes q "
        "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
        f"WHERE {cond} GROUP BY q.published ORDER BY q.published NULLS FIRST", args)


# -- claims ------------------------------------------------------------------------------------

_CLAIM_SELECT = (
    "SELECT c.status_rank AS rank, c.published, c.article_id, c.id, c.status, coalesce(l.name, c.source_name) AS source, "
    "c.text, c.quantity_value AS quantity, c.quantity_bound AS bound, c.quantity_counts AS counts, c.time_value AS time, "
    "c.evidence, c.start_char, c.end_char, e.ledger_entity AS entity, a.title, a.source AS article_source, "
    "c.quantity_high AS high, c.quantity_unit AS unit, c.claim_day, c.ledger_claim, c.link_reason, lc.claims AS reports, "
    "lc.contested, lc.history, " + REVIEW_COLUMNS + " FROM claims c JOIN articles a ON a.id = c.article_id "
    "LEFT JOIN entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
    "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity "
    "LEFT JOIN ledger_claims lc ON lc.id = c.ledger_claim" + REVIEW_JOIN
)
_CLAIM_TAIL = [("c.published", False, True), ("c.article_id", False, False), ("c.start_char", False, False),
               ("c.id", False, False)]
_CLAIM_ORDER = Order(("c.status_rank", False, False), *_CLAIM_TAIL)
_ONE_STATUS_ORDER = Order(*_CLAIM_TAIL)  # one status: its rank is constant (the claims_status_order index)
#: ``--contested``: the claims of contested ledger claims, each ledger claim's reports together, in order.
_CONTESTED_ORDER = Order(("c.ledger_claim", False, False), ("c.claim_day", False, True), ("c.article_id", False, False),
                         ("c.start_char", False, False), ("c.id", False, False))


def _claim_row(r: dict) -> dict:
    """A claim row as both surfaces show it: its reference, its day, its figure written out, its ledger claim."""
    r.pop("rank", None)
    r["claim"], r["date"] = claim_ref(r), day_text(r.pop("claim_day"))
    r["figure"] = figure_text(r["quantity"], r.pop("high"), r["bound"], r.pop("unit"))
    r["contested"], r["figure_history"] = bool(r["contested"]), bool(r.pop("history"))
    return r


def claims(store, source: Optional[str] = None, status: Optional[str] = None, search: Optional[str] = None,
           date_from: Optional[str] = None, date_to: Optional[str] = None, after: Optional[str] = None,
           limit: Optional[int] = 100, contested: bool = False) -> Page:
    """Claims with source, status, evidence, their ledger claim and their latest review: unverified first, then
    disputed, unattributed, the rest.

    Filters: the source a name or id denotes, one status, words the claim contains, publication dates, and
    ``contested``: only claims of contested ledger claims, each ledger claim's reports together in day order
    (so the figures that disagree stand side by side).
    """
    limit = check_limit(limit)
    date_from, date_to = check_day(date_from, "from"), check_day(date_to, "to")
    if status and status not in CLAIM_STATUSES:
        raise QueryError(f"status must be one of {', '.join(CLAIM_STATUSES)}, not {status!r}")
    words = search_words(search) if search and search.strip() else []
    if search and search.strip() and not words:  # text but no word in it: nothing matches
        return Page([], None, limit)
    order = _CONTESTED_ORDER if contested else _ONE_STATUS_ORDER if status else _CLAIM_ORDER
    cur = decode_cursor(after, len(order.columns))
    conds, args = ["lc.contested = 1"] if contested else [], []
    if source:
        cond, cargs = speaker_condition(store, source, "e.ledger_entity", "c.source_name", "claims")
        conds.append(cond)
        args += cargs
    for sql, value in (("c.status = ?", status), ("c.published >= ?", date_from), ("c.published <= ?", date_to)):
        if value:
            conds.append(sql)
            args.append(value)
    for word in words:
        conds.append("lower(c.text) LIKE ? ESCAPE '\\'")
        args.append(like_pattern(word))
    if cur:
        cond, cargs = order.after(cur)
        conds.append(cond)
        args += cargs
    tail, targs = limit_sql(limit)
    rows = store.execute(_CLAIM_SELECT + where_sql(conds) + f" ORDER BY {order.sql()}{tail}", [*args, *targs])
    key = ((lambda r: [r["ledger_claim"], r["claim_day"], r["article_id"], r["start_char"], r["id"]]) if contested
           else (lambda r: _quote_key(r)) if status else (lambda r: [r["rank"], *_quote_key(r)]))
    page = page_of(rows, limit, key)
    page[:] = [_claim_row(r) for r in page]
    return page


# -- speakers and entities ---------------------------------------------------------------------

#: Sort orders of the speakers list: the aggregate, most (or latest) first except ``first``.
SPEAKER_SORTS = {"quotes": ("SUM(s.quotes)", True), "articles": ("SUM(s.articles)", True),
                 "first": ("MIN(s.first)", False), "last": ("MAX(s.last)", True)}
_SPEAKER_KEY = "coalesce(s.who, 'name:' || lower(s.name))"
_SPEAKER_NAME = "MIN(coalesce(l.name, s.name))"
#: Each speaker_stats row with the ledger entity it belongs to (``who``): its own, or (unlinked) the entity
#: that has its name as a written form (the ledger's exact-name index), as ``quotes --speaker`` counts it.
_SPEAKER_STATS = ("(SELECT s.*, coalesce(s.entity, (SELECT MIN(n.ledger_id) FROM ledger_names n "
                  "WHERE n.key = 'n:' || lower(s.name))) AS who FROM speaker_stats s) s")
_SPEAKER_ROWS = _SPEAKER_STATS + " LEFT JOIN ledger_entities l ON l.id = s.who"


def speakers(store, type: Optional[str] = None, name: Optional[str] = None, sort: str = "quotes",
             after: Optional[str] = None, limit: Optional[int] = 100) -> Page:
    """Who is quoted: one row per ledger entity, or per unlinked name whatever its case.

    ``type`` keeps one entity type (PERSON, ORG, ...); ``name`` keeps names containing it or that
    the ledger says it may denote; ``sort`` is quotes, articles (most first), first or last seen.
    """
    limit = check_limit(limit)
    if sort not in SPEAKER_SORTS:
        raise QueryError(f"sort must be one of {', '.join(SPEAKER_SORTS)}, not {sort!r}")
    agg, desc = SPEAKER_SORTS[sort]
    order = Order((agg, desc, sort in ("first", "last")), (_SPEAKER_NAME, False, False), (_SPEAKER_KEY, False, False))
    cur = decode_cursor(after, 3)
    conds, args = [], []
    if type:
        conds.append("l.type = ?")
        args.append(entity_type(type))
    if name:
        ids = [r["id"] for r in resolve_entities(store, name)]
        conds.append("(lower(coalesce(l.name, s.name)) LIKE ? ESCAPE '\\'"
                     + (f" OR s.who IN ({', '.join('?' for _ in ids)})" if ids else "") + ")")
        args += [like_pattern(name), *ids]
    having, hargs = order.after(cur) if cur else ("", [])
    tail, targs = limit_sql(limit)
    rows = store.execute(
        f"SELECT {_SPEAKER_NAME} AS speaker, MAX(l.type) AS type, MAX(s.who) AS entity, {_SPEAKER_KEY} AS key, "
        "SUM(s.quotes) AS quotes, SUM(s.articles) AS articles, MIN(s.first) AS first, MAX(s.last) AS last, "
        f"COUNT(*) AS spellings FROM {_SPEAKER_ROWS}" + where_sql(conds) + f" GROUP BY {_SPEAKER_KEY}"
        + (f" HAVING {having}" if having else "") + f" ORDER BY {order.sql()}{tail}", [*args, *hargs, *targs])
    page = page_of(rows, limit, lambda r: [r[sort], r["speaker"], r["key"]])
    _exact_article_counts(store, page)
    return page


def _exact_article_counts(store, rows: list[dict]) -> None:
    """A speaker gathered from several statistics rows: count its articles once each (a sum may count twice)."""
    for r in rows:
        if r.pop("spellings", 1) < 2:
            continue
        if r["entity"]:
            cond, args = speaker_condition(store, r["entity"], "e.ledger_entity", "q.speaker_name", "quotes")
        else:
            cond, args = "e.ledger_entity IS NULL AND lower(q.speaker_name) = ?", [r["key"][5:]]
        r["articles"] = store.scalar(
            "SELECT COUNT(DISTINCT q.article_id) FROM quotes q LEFT JOIN entities e ON e.article_id = q.article_id "
            f"AND e.id = q.speaker_entity WHERE {cond}", args)


def entity_type(value: str) -> str:
    """An entity type as the records write it, whatever its case; QueryError for one that is none."""
    upper = value.strip().upper()
    if upper not in ENTITY_TYPES:
        raise QueryError(f"type must be one of {', '.join(ENTITY_TYPES)}, not {value!r}")
    return upper


#: Sort orders of the entities list: (column, descending, nullable).  Most (or latest) first, except
#: ``first`` (first seen earliest) and ``name`` (alphabetical).
ENTITY_SORTS = {"articles": ("articles", True, False), "quotes": ("quotes", True, False),
                "first": ("first_seen", False, True), "last": ("last_seen", True, True), "name": ("name", False, False)}
#: Each ledger entity with its quotes, counted as the speakers list counts them (from the small speaker_stats).
_ENTITY_ROWS = (
    "(SELECT l.*, coalesce(q.quotes, 0) AS quotes FROM ledger_entities l "
    f"LEFT JOIN (SELECT s.who, SUM(s.quotes) AS quotes FROM {_SPEAKER_STATS} GROUP BY s.who) q ON q.who = l.id) x")


def _entity_row(r: dict) -> dict:
    roles = loads_json(r["roles"])
    return {"id": r["id"], "name": r["name"], "type": r["type"], "articles": r["articles"], "quotes": r["quotes"],
            "first": r["first_seen"], "last": r["last_seen"], "aliases": loads_json(r["aliases"]),
            "roles": sorted({x["role"] for x in roles}), "role_history": roles}


def entities(store, type: Optional[str] = None, name: Optional[str] = None, sort: str = "articles",
             after: Optional[str] = None, limit: Optional[int] = 100) -> Page:
    """Ledger entities with aliases, dated roles, quotes and first/last seen (publication dates of the
    articles that mention them), most cited first; ``sort``: articles, quotes, first, last or name.

    ``name`` keeps the entities whose name or an alias contains it, or that the ledger says it may
    denote; each then also carries ``links``: every article entity joined into it, as written
    there, with the reason it was joined (why two names are one), and ``possible``: other ledger
    entities it may be the same as, which the rules keep apart for want of evidence (offered, never
    joined: ``entities merge`` joins them by hand).
    """
    limit = check_limit(limit)
    if sort not in ENTITY_SORTS:
        raise QueryError(f"sort must be one of {', '.join(ENTITY_SORTS)}, not {sort!r}")
    column, desc, nullable = ENTITY_SORTS[sort]
    order = Order((column, desc, nullable), ("name", False, False), ("id", False, False))
    cur = decode_cursor(after, 3)
    conds, args = [], []
    if type:
        conds.append("type = ?")
        args.append(entity_type(type))
    if name:
        ids = [r["id"] for r in find_ledger_entities(store, name)]
        conds.append("(lower(name) LIKE ? ESCAPE '\\' OR lower(aliases) LIKE ? ESCAPE '\\'"
                     + (f" OR id IN ({', '.join('?' for _ in ids)})" if ids else "") + ")")
        args += [like_pattern(name), like_pattern(name), *ids]
    if cur:
        cond, cargs = order.after(cur)
        conds.append(cond)
        args += cargs
    tail, targs = limit_sql(limit)
    rows = store.execute(f"SELECT * FROM {_ENTITY_ROWS}{where_sql(conds)} ORDER BY {order.sql()}{tail}",
                         [*args, *targs])
    page = page_of(rows, limit, lambda r: [r[column], r["name"], r["id"]])
    page[:] = [_entity_row(r) for r in page]
    if name:
        for item in page:
            item["links"] = store.execute(
                "SELECT e.article_id AS article, a.published, e.name AS written, e.link_reason AS reason "
                "FROM entities e JOIN articles a ON a.id = e.article_id WHERE e.ledger_entity = ? "
                "ORDER BY a.published, e.article_id LIMIT 1000", (item["id"],))
            item["possible"] = possible_matches(store, item["id"])
    return page


def entity(store, ledger_id: str) -> Optional[dict]:
    """One ledger entity by id, or None; with ``possible``, the ledger entities it may be the same as (never joined)."""
    rows = store.execute(f"SELECT * FROM {_ENTITY_ROWS} WHERE id = ?", (ledger_id,))
    if not rows:
        return None
    return {**_entity_row(rows[0]), "possible": possible_matches(store, ledger_id)}


# -- timeline ----------------------------------------------------------------------------------

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
#: A claim's day: its own time expression's, else its article's publication date ("reported").
_CLAIM_DAY = "coalesce(CASE WHEN length(c.time_value) >= 10 THEN substr(c.time_value, 1, 10) END, a.published)"


def timeline(store, entity: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
             reported: bool = False, after: Optional[str] = None, limit: Optional[int] = 500) -> Page:
    """Dated ledger events and dated claims in date order (on one day the events first: what happened, then what
    was claimed).

    A claim is dated by its own time expression; with ``reported`` also claims dated only by their
    article's publication day.  ``entity``: an id or a name; events it takes part in, claims it is
    the source of.  Each row names the articles that support it (``sources``).  Keyset: (date, kind, id).
    """
    limit = check_limit(limit)
    date_from, date_to = check_day(date_from, "from"), check_day(date_to, "to")
    cur = decode_cursor(after, 3)
    lo, hi = date_from or "0000", (date_to or "9999") + "~"
    rows = _timeline_events(store, entity, lo, hi, cur, limit) + _timeline_claims(store, entity, lo, hi, reported,
                                                                                   cur, limit)
    rows.sort(key=lambda r: (r["sort_date"], _KIND_RANK[r["kind"]], r["id"]))
    page = page_of(rows, limit, lambda r: [r["sort_date"], r["kind"], r["id"]])
    support = _event_support(store, [r["id"] for r in page if r["kind"] == "event"])
    for r in page:
        r.pop("sort_date")
        if r["kind"] == "event":
            found = support.get(r["id"], [])
            r["sources"], r["article_ids"] = [a["title"] for a in found], [a["id"] for a in found]
    return page


_KIND_RANK = {"event": 0, "claim": 1}


def _timeline_events(store, entity, lo: str, hi: str, cur, limit) -> list[dict]:
    names: set[str] = set()
    if entity:
        names = {fold(f) for r in resolve_entities(store, entity) for f in [r["name"], *loads_json(r["aliases"])]}
        names = names or {fold(entity)}
    c_date, c_kind, c_id = cur if cur else ("", "", "")
    position = [c_date or "", c_id if c_kind == "event" else ""]
    if c_kind == "claim":
        lo = max(lo, c_date + "~")  # after a claim of some day, that day's events are behind (they come first)
    events: list[dict] = []
    while limit is None or len(events) < limit + 1:
        chunk = store.execute(
            "SELECT id, date, type, modality, place, participants, text, articles FROM ledger_events "
            "WHERE date IS NOT NULL AND date >= ? AND date <= ? AND (date > ? OR (date = ? AND id > ?)) "
            "ORDER BY date, id LIMIT 500", [lo, hi, position[0], position[0], position[1]])
        for e in chunk:
            participants = loads_json(e["participants"])
            if names and not ({fold(p) for p in participants} & names):
                continue
            events.append({"date": e["date"][:10], "kind": "event", "id": e["id"],
                           "what": e["type"] + ("" if e["modality"] == "happened" else " (planned)"),
                           "text": e["text"], "who": ", ".join(participants), "place": e["place"],
                           "articles": e["articles"], "article_id": None, "status": None, "sort_date": e["date"]})
        if len(chunk) < 500:
            break
        position = [chunk[-1]["date"], chunk[-1]["id"]]
    return events


def _timeline_claims(store, entity, lo: str, hi: str, reported: bool, cur, limit) -> list[dict]:
    conds, args = [f"{_CLAIM_DAY} >= ?", f"{_CLAIM_DAY} <= ?"], [lo, hi]
    if not reported:
        conds.append("length(c.time_value) >= 10")
    if entity:
        cond, cargs = speaker_condition(store, entity, "e.ledger_entity", "c.source_name", "claims")
        conds.append(cond)
        args += cargs
    if cur:
        c_date, c_kind, c_id = cur
        conds.append(f"({_CLAIM_DAY} > ? OR ({_CLAIM_DAY} = ? AND c.article_id || '/' || c.id > ?))"
                     if c_kind == "claim" else f"{_CLAIM_DAY} >= ?")  # after an event: that day's claims still come
        args += [c_date, c_date, c_id] if c_kind == "claim" else [c_date]
    tail, targs = limit_sql(limit)
    out = []
    for c in store.execute(
            f"SELECT c.article_id, c.id, c.status, c.text, c.time_value, a.title, a.source, "
            f"coalesce(l.name, c.source_name) AS source_name, {_CLAIM_DAY} AS day FROM claims c "
            "JOIN articles a ON a.id = c.article_id "
            "LEFT JOIN entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
            "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity" + where_sql(conds)
            + f" ORDER BY {_CLAIM_DAY}, c.article_id || '/' || c.id{tail}", [*args, *targs]):
        if not c["day"] or not _DAY.fullmatch(c["day"][:10]):
            continue
        dated = bool(c["time_value"] and _DAY.fullmatch(c["time_value"][:10]))
        out.append({"date": c["day"][:10], "kind": "claim", "id": f"{c['article_id']}/{c['id']}",
                    "what": c["status"] + ("" if dated else " (reported)"), "text": c["text"],
                    "who": c["source_name"], "place": None, "articles": 1, "article_id": c["article_id"],
                    "status": c["status"], "sources": [c["title"] or c["source"]], "article_ids": [c["article_id"]],
                    "sort_date": c["day"]})
    return out


def _event_support(store, ids: list[str]) -> dict[str, list[dict]]:
    """The articles that mention each ledger event: ``{"id", "title"}`` (the title, else the source)."""
    out: dict[str, list[dict]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in store.execute(
                "SELECT DISTINCT v.ledger_event, coalesce(a.title, a.source) AS title, a.id FROM events v "
                f"JOIN articles a ON a.id = v.article_id WHERE v.ledger_event IN ({', '.join('?' for _ in chunk)}) "
                "ORDER BY 2, 3", chunk):
            out.setdefault(r["ledger_event"], []).append({"id": r["id"], "title": r["title"]})
    return out


# -- article search ----------------------------------------------------------------------------

_ARTICLE_DOCUMENT = "coalesce(a.title, '') || ' ' || a.text"


def search_articles(store, text: str, after: Optional[str] = None, limit: Optional[int] = 50) -> Page:
    """Articles whose title or text contain every word of ``text``, newest first.

    Each row carries the first matching sentence of the text (``sentence``, from ``sentence_start``)
    and the hit inside it (``hit_start``, ``hit_end``: offsets into the article text), or None when
    only the title matched.
    """
    limit = check_limit(limit)
    words = search_words(text)
    if not words:
        return Page([], None, limit)
    cur = decode_cursor(after, 2)
    conds, args = [fts_condition(store, "articles_fts", _ARTICLE_DOCUMENT, "a")], [fts_param(store, words)]
    if cur:
        cond, cargs = _ARTICLE_ORDER.after(cur)
        conds.append(cond)
        args += cargs
    tail, targs = limit_sql(limit)
    rows = store.execute("SELECT a.id, a.published, a.title, a.source, a.url FROM articles a" + where_sql(conds)
                         + f" ORDER BY {_ARTICLE_ORDER.sql()}{tail}", [*args, *targs])
    page = page_of(rows, limit, lambda r: [r["published"], r["id"]])
    hits = _first_hits(store, [r["id"] for r in page], words)
    for r in page:
        r.update(hits.get(r["id"], {"sentence": None, "sentence_start": None, "hit_start": None, "hit_end": None}))
    return page


_OPEN, _CLOSE = "\x02", "\x03"


def _first_hits(store, ids: list[str], words: list[str]) -> dict[str, dict]:
    """The first full-text hit in each article's text, as the engine's own highlighter marks it."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    if store.dialect == "sqlite":
        rows = store.execute(
            f"SELECT a.id, a.text, highlight(articles_fts, 1, char(2), char(3)) AS marked FROM articles_fts "
            f"JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? AND a.id IN ({marks})",
            [fts_param(store, words), *ids])
    else:
        rows = store.execute(
            "SELECT a.id, a.text, ts_headline('english', a.text, plainto_tsquery('english', ?), "
            f"'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS marked FROM articles a "
            f"WHERE a.id IN ({marks})", [" ".join(words), *ids])
    out = {}
    for r in rows:
        marked, text = r["marked"] or "", r["text"]
        start = marked.find(_OPEN)
        if start < 0 or marked.replace(_OPEN, "").replace(_CLOSE, "") != text:
            continue  # no hit in the text (the title matched), or the highlighter did not keep the text
        end = marked.find(_CLOSE, start) - 1
        s, e = sentence_around(text, start, end)
        out[r["id"]] = {"sentence": text[s:e], "sentence_start": s, "hit_start": start, "hit_end": end}
    return out

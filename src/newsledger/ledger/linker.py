"""Cross-article linking: article entities into ledger entities, event mentions into ledger events.

Runs inside the store's write transaction for each batch, so an article is never stored without its
links.  The ledger is a function of the *set* of stored articles (and of the manual overrides), never
of the order they came in: :mod:`.grouping` and :mod:`.entity_links` say which article entities are one
ledger entity, :mod:`.event_links` which event mentions are one ledger event, and a batch re-resolves
exactly the part of the ledger its articles touch.  Whatever the batch size, the number of workers,
the Dask partitions or the input order, the same articles give the same ledger, ids included.
Every link records the reason it was made; manual merges and splits (``ledger_overrides``) are
honoured by every later ingest.  Claims that state the same thing are linked into ledger claims by
:mod:`.claim_links` in the same transaction (their overrides in ``claim_overrides``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Optional, Sequence

from ..errors import NewsledgerError
from ..lexicon.names import fold, org_key, org_part_of, person_match_reason, person_parts, place_key
from ..records import Record
from .claim_links import ClaimLinks, claims_unlinked, rebuild_claims, stored_claims
from .entity_links import EntityLinks, chunks, contributions_of, marks, stored_contributions
from .event_links import EventLinks, mentions_of, stored_mentions
from .grouping import PLACES, Group, name_keys, order_key, stable_id

__all__ = ["Ledger", "link_records", "name_keys", "lookup_keys", "merge_entities", "split_entity",
           "find_ledger_entities", "possible_matches", "rebuild_ledger", "recompute_speaker_stats", "LedgerError"]


class LedgerError(NewsledgerError):
    code = "ledger"


def lookup_keys(name: str) -> set[str]:
    """Keys to look a user's query up by, whatever the type."""
    keys = {"n:" + fold(name), "g:" + place_key(name), "o:" + "|".join(sorted(org_key(name)))}
    _, last = person_parts(name)
    if last:
        keys.add("p:" + last)
    return keys


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else (value or [])


def _candidates(store, keys: Iterable[str]) -> list[dict]:
    keys = sorted(keys)
    if not keys:
        return []
    return store.execute(
        f"SELECT DISTINCT l.* FROM ledger_names n JOIN ledger_entities l ON l.id = n.ledger_id "
        f"WHERE n.key IN ({marks(keys)}) ORDER BY l.articles DESC, l.id", keys,
    )


class Ledger:
    """Links each written batch into the ledger, inside the store's write transaction.

    ``unlink`` runs before an article's rows are replaced (a re-ingest) or deleted: it notes what the
    article contributed.  ``link`` runs after the new rows are in: it counts the batch in, takes the old
    contributions out, and re-resolves what that changes.  No state is kept between batches, so several
    writers (one after the other, as the store's write lock orders them) keep one consistent ledger.
    """

    def __init__(self, claims: bool = True) -> None:
        self._entities_out: list = []
        self._events_out: list = []
        self._restat: set[str] = set()
        self.claims = claims  # link claims into ledger claims (off only to measure what that costs)
        self._claims_out: list = []

    def unlink(self, store, article_ids: Sequence[str]) -> None:
        self._entities_out += stored_contributions(store, article_ids)
        for part in chunks(article_ids):
            self._events_out += stored_mentions(store, f"e.article_id IN ({marks(part)})", part)
            old = store.execute(
                f"SELECT q.speaker_name, e.ledger_entity FROM quotes q LEFT JOIN entities e "
                f"ON e.article_id = q.article_id AND e.id = q.speaker_entity "
                f"WHERE q.article_id IN ({marks(part)}) AND q.speaker_name IS NOT NULL", part)
            self._restat |= {r["ledger_entity"] or "name:" + r["speaker_name"] for r in old}
        if self.claims:
            self._claims_out += stored_claims(store, article_ids)

    def link(self, store, records: Sequence[Record]) -> None:
        entities_out, events_out, restat = self._entities_out, self._events_out, self._restat
        self._entities_out, self._events_out, self._restat = [], [], set()
        claims_out, self._claims_out = self._claims_out, []
        if _legacy(store):
            rebuild_ledger(store)
            _set_links(store, records)
            return
        batch = {r.id for r in records}
        entities = EntityLinks(store).apply(contributions_of(records), entities_out)
        events = EventLinks(store).apply(mentions_of(records), events_out)
        for r in records:
            for e in r.entities:
                e.ledger_entity = entities.links[(r.id, e.id)][0]
            for v in r.events:
                v.ledger_event = events.links.get((r.id, v.id))
        moved = {old for old, _ in entities.moved.values() if old} | {new for _, new in entities.moved.values()}
        exact = moved | {c.ledger_entity for c in entities_out if c.ledger_entity}
        recount_seen(store, exact)  # an entity that lost or changed members is counted again from the rows
        extend_seen(store, records, exact)  # the others only gained this batch's articles
        _patch_records(store, _moved_entities(store, entities.moved), events.changed, skip=batch)
        restat |= moved
        _stats_add(store, records, restat)
        if restat:
            recompute_speaker_stats(store, restat)
        if self.claims:
            link_claims(store, [r.id for r in records], claims_out)


def link_claims(store, article_ids: Sequence[str], removed: list) -> None:
    """Link the batch's stored claims into ledger claims (a store whose claims were never linked: all of them)."""
    if claims_unlinked(store, article_ids):
        rebuild_claims(store)
    else:
        ClaimLinks(store).apply(article_ids, removed)


def _legacy(store) -> bool:
    """A store whose ledger was written before name groups existed: it is rebuilt once, in this transaction."""
    if store.scalar("SELECT 1 FROM ledger_groups LIMIT 1"):
        return False
    return bool(store.scalar("SELECT 1 FROM ledger_entities LIMIT 1") or store.scalar("SELECT 1 FROM ledger_events LIMIT 1"))


def _rebuild_if_legacy(store) -> None:
    """A ledger written under earlier rules (see :func:`_legacy`) is rebuilt before it is corrected by hand."""
    if _legacy(store):
        with store.transaction():
            rebuild_ledger(store)


def rebuild_ledger(store) -> None:
    """Derive the whole ledger again from the stored articles (and the overrides), inside the caller's transaction.

    The result is what incremental linking gives, whatever the order the articles came in; used once for a
    store written by an older version, and by the tests as the reference.
    """
    _convert_old_overrides(store)
    for table in ("ledger_groups", "ledger_entities", "ledger_names", "ledger_events", "speaker_stats"):
        store.execute(f"DELETE FROM {table}")
    store.execute("UPDATE entities SET ledger_entity = NULL, link_reason = NULL, name_key = NULL")
    store.execute("UPDATE events SET ledger_event = NULL")
    EntityLinks(store).apply(stored_contributions(store), [])
    EventLinks(store).apply(stored_mentions(store), [])
    store.execute(f"UPDATE ledger_entities SET {_SEEN_SQL}")
    ids = [r["id"] for r in store.execute("SELECT id FROM articles")]
    for part in chunks(ids):
        _patch_records(store, _links_of(store, "entities", "ledger_entity", part),
                       _links_of(store, "events", "ledger_event", part), skip=set())
    recompute_speaker_stats(store, None)
    rebuild_claims(store)


_SEEN_SQL = ("first_seen = (SELECT MIN(a.published) FROM entities e JOIN articles a ON a.id = e.article_id "
             "WHERE e.ledger_entity = ledger_entities.id), "
             "last_seen = (SELECT MAX(a.published) FROM entities e JOIN articles a ON a.id = e.article_id "
             "WHERE e.ledger_entity = ledger_entities.id)")


def recount_seen(store, ids: Iterable[str]) -> None:
    """Exact first and last seen dates (publication days of the articles that mention them) of some ledger
    entities, from the stored rows: a batch, a re-ingest or an override may move either end."""
    store.executemany(f"UPDATE ledger_entities SET {_SEEN_SQL} WHERE id = ?", [(lid,) for lid in sorted(ids)])


def extend_seen(store, records: Sequence[Record], skip: set) -> None:
    """First and last seen of the ledger entities this batch's articles mention (those not in ``skip``), moved out
    to the batch's publication dates where these lie beyond them: the same as a recount for an entity that only
    gained articles."""
    span: dict[str, tuple[str, str]] = {}
    for r in records:
        if not r.published:
            continue
        for e in r.entities:
            if e.ledger_entity and e.ledger_entity not in skip:
                lo, hi = span.get(e.ledger_entity, (r.published, r.published))
                span[e.ledger_entity] = (min(lo, r.published), max(hi, r.published))
    store.executemany(
        "UPDATE ledger_entities SET first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? "
        "ELSE first_seen END, last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END "
        "WHERE id = ?", [(lo, lo, hi, hi, lid) for lid, (lo, hi) in sorted(span.items())])


def _links_of(store, table: str, column: str, article_ids: Sequence[str]) -> dict:
    return {(r["article_id"], r["id"]): r[column] for r in store.execute(
        f"SELECT article_id, id, {column} FROM {table} WHERE article_id IN ({marks(article_ids)})", article_ids)}


def _set_links(store, records: Sequence[Record]) -> None:
    ids = [r.id for r in records]
    entities, events = {}, {}
    for part in chunks(ids):
        entities.update(_links_of(store, "entities", "ledger_entity", part))
        events.update(_links_of(store, "events", "ledger_event", part))
    for r in records:
        for e in r.entities:
            e.ledger_entity = entities.get((r.id, e.id))
        for v in r.events:
            v.ledger_event = events.get((r.id, v.id))


def _moved_entities(store, moved: dict) -> dict:
    """(article, entity) -> new ledger entity, for every stored article entity of a group that moved."""
    out = {}
    for part in chunks(sorted({key for _, key in moved})):
        for r in store.execute(f"SELECT article_id, id, type, name_key FROM entities WHERE name_key IN ({marks(part)})",
                               part):
            if (r["type"], r["name_key"]) in moved:
                out[(r["article_id"], r["id"])] = moved[(r["type"], r["name_key"])][1]
    return out


def _patch_records(store, entities: dict, events: dict, skip: set) -> None:
    """Bring the stored JSON records of other articles up to date with links that moved."""
    by_article: dict[str, tuple[dict, dict]] = {}
    for (article, item), lid in entities.items():
        by_article.setdefault(article, ({}, {}))[0][item] = lid
    for (article, item), lid in events.items():
        by_article.setdefault(article, ({}, {}))[1][item] = lid
    articles = sorted(a for a in by_article if a not in skip)
    for part in chunks(articles):
        rows = store.execute(f"SELECT id, record FROM articles WHERE id IN ({marks(part)})", part)
        updates = []
        for row in rows:
            record = json.loads(row["record"])
            if not record:
                continue  # written without a ledger: nothing of it is in the JSON yet
            ents, evs = by_article[row["id"]]
            for e in record.get("entities", []):
                e["ledger_entity"] = ents.get(e["id"], e.get("ledger_entity"))
            for v in record.get("events", []):
                v["ledger_event"] = evs.get(v["id"], v.get("ledger_event"))
            updates.append((json.dumps(record, ensure_ascii=False), row["id"]))
        store.executemany("UPDATE articles SET record = ? WHERE id = ?", updates)


def link_records(store, records: Sequence[Record]) -> None:
    """Link records already written (inside the write transaction) with a one-off :class:`Ledger`."""
    Ledger().link(store, records)


# -- speaker statistics -----------------------------------------------------------------------------------------


def _stats_add(store, records: Sequence[Record], restat: set[str]) -> None:
    """Count the batch's quotes into speaker_stats; keys in ``restat`` are recomputed from the rows instead."""
    rows = []
    for record in records:
        linked = {e.id: e.ledger_entity for e in record.entities}
        per_key: dict[str, list] = {}
        for q in record.quotes:
            if q.speaker is None or not q.speaker.name:
                continue
            lid = linked.get(q.speaker.entity) if q.speaker.entity else None
            key = lid or "name:" + q.speaker.name
            if key in restat:
                continue
            entry = per_key.setdefault(key, [q.speaker.name, lid, 0])
            entry[0] = max(entry[0], q.speaker.name)
            entry[2] += 1
        rows += [(key, name, lid, n, record.published, record.published) for key, (name, lid, n) in per_key.items()]
    if not rows:
        return
    least, greatest = ("min", "max") if store.dialect == "sqlite" else ("LEAST", "GREATEST")
    store.executemany(
        "INSERT INTO speaker_stats (key, name, entity, quotes, articles, first, last) VALUES (?, ?, ?, ?, 1, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET quotes = speaker_stats.quotes + excluded.quotes, "
        "articles = speaker_stats.articles + 1, "
        f"name = {greatest}(speaker_stats.name, excluded.name), "
        f"first = coalesce({least}(speaker_stats.first, excluded.first), speaker_stats.first, excluded.first), "
        f"last = coalesce({greatest}(speaker_stats.last, excluded.last), speaker_stats.last, excluded.last)",
        rows)


def recompute_speaker_stats(store, keys: Optional[Iterable[str]]) -> None:
    """Rebuild the statistics of some speakers (all when ``keys`` is None) from the stored quotes."""
    select = ("SELECT coalesce(e.ledger_entity, 'name:' || q.speaker_name) AS key, MAX(q.speaker_name) AS name, "
              "MAX(e.ledger_entity) AS entity, COUNT(*) AS quotes, COUNT(DISTINCT q.article_id) AS articles, "
              "MIN(q.published) AS first, MAX(q.published) AS last FROM quotes q "
              "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
              "WHERE q.speaker_name IS NOT NULL")
    group = " GROUP BY coalesce(e.ledger_entity, 'name:' || q.speaker_name)"
    insert = "INSERT INTO speaker_stats (key, name, entity, quotes, articles, first, last) VALUES (?, ?, ?, ?, ?, ?, ?)"
    if keys is None:
        store.execute("DELETE FROM speaker_stats")
        rows = store.execute(select + group)
        store.executemany(insert, [tuple(r.values()) for r in rows])
        return
    for chunk in chunks(sorted(set(keys)), 200):
        store.execute(f"DELETE FROM speaker_stats WHERE key IN ({marks(chunk)})", chunk)
        ids = [k for k in chunk if not k.startswith("name:")]
        names = [k[5:] for k in chunk if k.startswith("name:")]
        conds, args = [], []
        if ids:
            conds.append(f"e.ledger_entity IN ({marks(ids)})")
            args += ids
        if names:
            conds.append(f"(e.ledger_entity IS NULL AND q.speaker_name IN ({marks(names)}))")
            args += names
        rows = store.execute(f"{select} AND ({' OR '.join(conds)}){group}", args)
        store.executemany(insert, [tuple(r.values()) for r in rows])


# -- lookups and manual corrections --------------------------------------------------------------------------


def find_ledger_entities(store, name: str, etype: Optional[str] = None) -> list[dict]:
    """Ledger entities a user's ``name`` may denote: exact forms first, then surname/organisation/place keys."""
    found = []
    for cand in _candidates(store, lookup_keys(name)):
        forms = [cand["name"], *_loads(cand["aliases"])]
        if etype and cand["type"] != etype:
            continue
        if any(fold(f) == fold(name) for f in forms):
            found.append(cand)
        elif cand["type"] == "PERSON" and any(person_match_reason(name, f) for f in forms):
            found.append(cand)
        elif cand["type"] not in ("PERSON", *PLACES) and frozenset(org_key(name)) in {frozenset(org_key(f)) for f in forms}:
            found.append(cand)
        elif cand["type"] in PLACES and place_key(name) == place_key(cand["name"]):
            found.append(cand)
    return found


def near_reason(a: dict, b: dict) -> Optional[str]:
    """Why ledger entity ``b`` may be the same as ``a`` although the rules keep them apart for want of evidence (a
    name without a first name that fits more than one person, a short name that fits several bodies, one word
    typed a person in some articles and a place in others), or None.  A contradiction (two different first
    names) is no near match."""
    first_a, last_a = person_parts(a["name"])
    first_b, last_b = person_parts(b["name"])
    if a["type"] == "PERSON" and b["type"] == "PERSON":
        if last_a and last_a == last_b and (first_a is None or first_b is None):
            return f"same surname ({last_a}); one of them is known by it alone"
        return None
    if a["type"] != b["type"]:
        words_a, words_b = fold(a["name"]).split(), fold(b["name"]).split()
        if words_a == words_b or (a["type"] == "PERSON" and [last_a] == [fold(b["name"])]) or (
                b["type"] == "PERSON" and [last_b] == [fold(a["name"])]):
            return f"same written name, typed {b['type']} there and {a['type']} here"
        return None
    if a["type"] in PLACES:
        return None
    part = org_part_of(a["name"], b["name"]) or org_part_of(b["name"], a["name"])
    return f"{part}; the short name fits more than one body" if part else None


def possible_matches(store, ledger_id: str, limit: int = 20) -> list[dict]:
    """Other ledger entities that may be this one (see :func:`near_reason`): offered to a reader, never joined."""
    rows = store.execute("SELECT * FROM ledger_entities WHERE id = ?", (ledger_id,))
    if not rows:
        return []
    others = store.execute(
        "SELECT DISTINCT l.id, l.name, l.type, l.articles FROM ledger_names n JOIN ledger_names m ON m.key = n.key "
        "JOIN ledger_entities l ON l.id = m.ledger_id WHERE n.ledger_id = ? AND m.ledger_id <> ? "
        "ORDER BY l.articles DESC, l.id LIMIT 200", (ledger_id, ledger_id))
    out = []
    for other in others:
        why = near_reason(rows[0], other)
        if why:
            out.append({"id": other["id"], "name": other["name"], "type": other["type"],
                        "articles": other["articles"], "why": why})
    return out[:limit]


def _resolve_one(store, ref: str) -> dict:
    rows = store.execute("SELECT * FROM ledger_entities WHERE id = ?", (ref,))
    if rows:
        return rows[0]
    found = find_ledger_entities(store, ref)
    if len(found) != 1:
        names = ", ".join(f"{r['id']} ({r['name']})" for r in found) or "none"
        raise LedgerError(f"{ref!r} must name exactly one ledger entity; found {names}")
    return found[0]


def _groups(store, ledger_id: str) -> list[Group]:
    return sorted((Group.from_row(r) for r in store.execute("SELECT * FROM ledger_groups WHERE ledger_id = ?",
                                                            (ledger_id,))), key=order_key)


def _anchor(groups: list[Group], ledger_id: str) -> Group:
    return next((g for g in groups if stable_id("ent_", g.type, g.key) == ledger_id), groups[0])


def _override(store, action: str, ledger_id: str, name: str, detail: dict) -> None:
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    store.execute("INSERT INTO ledger_overrides (id, action, ledger_id, name, created_at, detail) "
                  "VALUES (?, ?, ?, ?, ?, ?)", (stable_id("ovr_", action, ledger_id, name, now), action, ledger_id,
                                                name, now, json.dumps(detail, ensure_ascii=False)))


def _drop_overrides(store, action: str, test) -> None:
    for row in store.execute("SELECT id, detail FROM ledger_overrides WHERE action = ? AND detail IS NOT NULL", (action,)):
        if test(json.loads(row["detail"])):
            store.execute("DELETE FROM ledger_overrides WHERE id = ?", (row["id"],))


def _relink(store, groups: Sequence[Group]) -> None:
    """Re-resolve the blocks of these groups (after an override changed), as a batch would."""
    out = EntityLinks(store).reresolve(groups)
    recount_seen(store, out.clusters | {i for pair in out.moved.values() for i in pair if i} | {g.ledger_id for g in groups})
    _patch_records(store, _moved_entities(store, out.moved), {}, skip=set())
    recompute_speaker_stats(store, {i for pair in out.moved.values() for i in pair if i} | {g.ledger_id for g in groups})


def merge_entities(store, keep_ref: str, other_ref: str) -> dict:
    """Make two ledger entities one (``keep`` absorbs ``other``, keeping its id and name); later ingests follow."""
    _rebuild_if_legacy(store)
    keep, other = _resolve_one(store, keep_ref), _resolve_one(store, other_ref)
    if keep["id"] == other["id"]:
        raise LedgerError(f"{keep_ref!r} and {other_ref!r} are already one ledger entity ({keep['id']})")
    with store.transaction():
        kept_groups, other_groups = _groups(store, keep["id"]), _groups(store, other["id"])
        kept, moved = _anchor(kept_groups, keep["id"]), _anchor(other_groups, other["id"])
        sides = {g.ident for g in kept_groups}, {g.ident for g in other_groups}
        _drop_overrides(store, "split", lambda d: any(
            {tuple(m) for m in d["moved"]} & a and {tuple(s) for s in d["stay"]} & b for a, b in (sides, sides[::-1])))
        _override(store, "merge", keep["id"], other["name"], {"kept": list(kept.ident), "other": list(moved.ident)})
        _relink(store, kept_groups + other_groups)
    return store.execute("SELECT * FROM ledger_entities WHERE id = ?", (keep["id"],))[0]


def split_entity(store, ledger_ref: str, name: str) -> dict:
    """Move the article entities written ``name`` out of a ledger entity into their own; remembered for later ingests."""
    _rebuild_if_legacy(store)
    ledger = _resolve_one(store, ledger_ref)
    groups = _groups(store, ledger["id"])
    moving = [g for g in groups if g.key == fold(name)] or [g for g in groups if fold(name) in g.folded_forms()]
    if not moving:
        raise LedgerError(f"no article entity named {name!r} belongs to {ledger['id']} ({ledger['name']})")
    if len(moving) == len(groups):
        raise LedgerError(f"every mention of {ledger['name']} is written {name!r}: nothing would be left to split from")
    stay = [g for g in groups if g not in moving]
    with store.transaction():
        out, back = {g.ident for g in moving}, {g.ident for g in stay}
        _drop_overrides(store, "merge", lambda d: {tuple(d["kept"]), tuple(d["other"])} & out
                        and {tuple(d["kept"]), tuple(d["other"])} & back)
        _override(store, "split", ledger["id"], name, {"moved": sorted(map(list, out)), "stay": sorted(map(list, back))})
        _relink(store, groups)
    new_id = store.scalar("SELECT ledger_id FROM ledger_groups WHERE key = ? AND type = ?", (moving[0].key, moving[0].type))
    return store.execute("SELECT * FROM ledger_entities WHERE id = ?", (new_id,))[0]


def _convert_old_overrides(store) -> None:
    """Overrides written before name groups (no ``detail``) as pairs of groups, from the names they recorded."""
    for row in store.execute("SELECT o.id, o.action, o.name, l.name AS entity, l.type FROM ledger_overrides o "
                             "JOIN ledger_entities l ON l.id = o.ledger_id WHERE o.detail IS NULL"):
        a, b = [row["type"], fold(row["entity"])], [row["type"], fold(row["name"])]
        detail = {"kept": a, "other": b} if row["action"] == "merge" else {"moved": [b], "stay": [a]}
        store.execute("UPDATE ledger_overrides SET detail = ? WHERE id = ?", (json.dumps(detail), row["id"]))

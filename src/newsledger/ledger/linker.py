"""Cross-article linking: article entities into ledger entities, event mentions into ledger events.

Runs inside the store's write transaction for each batch, so an article is
never stored without its links.  Candidates are found through the
``ledger_names`` index (blocking keys: a person's surname skeleton, an
organisation's key, a place key, every exact form), then checked with the
same rules as within an article (:mod:`newsledger.lexicon.names`).  Every link
records the reason it was made; manual merges and splits (``ledger_overrides``)
are honoured by every later ingest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Iterable, Optional, Sequence

from ..errors import NewsledgerError
from ..records import Entity, Event, Record
from ..lexicon.names import fold, org_key, person_match_reason, person_parts, place_key, same_person

__all__ = ["Ledger", "name_keys", "lookup_keys", "merge_entities", "split_entity", "find_ledger_entities",
           "LedgerError"]

_PLACES = ("GPE", "LOC", "FAC")
#: Event types distinctive enough to link even when one mention names no participant.
_SOLO_LINKABLE = {"talks", "handover", "release", "sanctions", "evacuation"}
#: How many days before publication an undated past event may have happened.
_UNDATED_WINDOW_DAYS = 3


class LedgerError(NewsledgerError):
    code = "ledger"


def _forms(e: Entity) -> list[str]:
    return [e.name, *e.aliases]


def name_keys(name: str, etype: str) -> set[str]:
    """Index keys of one written name: an exact key plus the blocking key of its type."""
    keys = {"n:" + fold(name)}
    if etype == "PERSON":
        _, last = person_parts(name)
        if last:
            keys.add("p:" + last)
    elif etype in _PLACES:
        keys.add("g:" + place_key(name))
    else:
        keys.add("o:" + "|".join(sorted(org_key(name))))
    return keys


def lookup_keys(name: str) -> set[str]:
    """Keys to look a user's query up by, whatever the type."""
    keys = {"n:" + fold(name), "g:" + place_key(name), "o:" + "|".join(sorted(org_key(name)))}
    _, last = person_parts(name)
    if last:
        keys.add("p:" + last)
    return keys


def _stable_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else (value or [])


def _candidates(store, keys: Iterable[str]) -> list[dict]:
    keys = sorted(keys)
    if not keys:
        return []
    marks = ", ".join("?" for _ in keys)
    return store.execute(
        f"SELECT DISTINCT l.* FROM ledger_names n JOIN ledger_entities l ON l.id = n.ledger_id "
        f"WHERE n.key IN ({marks}) ORDER BY l.articles DESC, l.id", keys,
    )


def _plain_full_names(forms: Iterable[str]) -> list[str]:
    """Forms that are a first name and a surname, not a role or title phrase written around one."""
    return [f for f in forms if person_parts(f)[0] is not None and len(f.split()) <= 3 and "'" not in f
            and "’" not in f]


def _namesakes(forms: Iterable[str], cand_forms: Iterable[str]) -> bool:
    """Some full name on one side is not the same person as some full name on the other."""
    mine, theirs = _plain_full_names(forms), _plain_full_names(cand_forms)
    return any(not same_person(f, c) for f in mine for c in theirs)


def _match_reason(e: Entity, cand: dict) -> Optional[str]:
    """Why article entity ``e`` is ledger entity ``cand``, or None."""
    cand_forms = [cand["name"], *_loads(cand["aliases"])]
    if "PERSON" in (e.type, cand["type"]) and _namesakes(_forms(e), cand_forms):
        return None  # a shared surname ("Ms. Ashworth") never joins two first names
    if any(fold(f) == fold(c) for f in _forms(e) for c in cand_forms):
        if e.type == cand["type"] or {e.type, cand["type"]} <= {"ORG", "PERSON"}:
            return "same written name"
    if e.type != cand["type"]:
        return None
    if e.type == "PERSON":
        return person_match_reason(e.name, cand["name"])
    if e.type in _PLACES:
        return "same place" if place_key(e.name) == place_key(cand["name"]) else None
    keys = {frozenset(org_key(f)) for f in _forms(e)}
    cand_keys = {frozenset(org_key(c)) for c in cand_forms}
    common = keys & cand_keys
    return f"same organisation words ({', '.join(sorted(next(iter(common))))})" if common else None


def _merge_roles(roles: list[dict], record: Record, new: Iterable[str]) -> bool:
    """Add the roles an article states; one entry per role (first stated, last stated, how often)."""
    changed = False
    for role in new:
        entry = next((r for r in roles if r["role"] == role), None)
        if entry is None:
            roles.append({"role": role, "article": record.id, "published": record.published,
                          "last_published": record.published, "articles": 1})
        else:
            entry["articles"] = entry.get("articles", 1) + 1
            if record.published and (entry.get("last_published") or "") < record.published:
                entry["last_published"] = record.published
        changed = True
    return changed


def _window(event: Event, published: Optional[str]) -> Optional[tuple[str, str]]:
    if event.date:
        return event.date, event.date
    if event.modality == "happened" and published:
        day = dt.date.fromisoformat(published)
        return (day - dt.timedelta(days=_UNDATED_WINDOW_DAYS)).isoformat(), day.isoformat()
    return None


def _link_event(store, record: Record, ev: Event) -> str:
    window = _window(ev, record.published)
    rows = [] if window is None else store.execute(  # no window (undated, planned): an event of its own
        "SELECT * FROM ledger_events WHERE type = ? AND modality = ? AND date_from <= ? AND date_to >= ? "
        "ORDER BY articles DESC, id",
        (ev.type, ev.modality, window[1], window[0]),
    )
    mine = set(ev.participants)
    for row in rows:
        theirs = set(_loads(row["participants"]))
        if row["ordinal"] is not None and ev.ordinal is not None and row["ordinal"] != ev.ordinal:
            continue
        if not (mine & theirs) and not ((not mine or not theirs) and ev.type in _SOLO_LINKABLE):
            continue
        date = row["date"] or ev.date
        lo, hi = (date, date) if date else (max(row["date_from"], window[0]), min(row["date_to"], window[1]))
        store.execute(
            "UPDATE ledger_events SET date = ?, date_from = ?, date_to = ?, ordinal = ?, place = ?, participants = ?, "
            "text = ? WHERE id = ?",
            (date, lo, hi, row["ordinal"] if row["ordinal"] is not None else ev.ordinal, row["place"] or ev.place,
             json.dumps(sorted(theirs | mine), ensure_ascii=False),
             ev.text if (ev.date and not row["date"]) else row["text"], row["id"]),
        )
        return row["id"]
    ledger_id = _stable_id("evt_", record.id, ev.id)  # counted in by the caller
    suffix = 1
    while store.scalar("SELECT 1 FROM ledger_events WHERE id = ?", (ledger_id,)):
        suffix += 1
        ledger_id = _stable_id("evt_", record.id, ev.id, str(suffix))
    store.execute(
        "INSERT INTO ledger_events (id, type, modality, ordinal, date, date_from, date_to, place, participants, text, "
        "articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        (ledger_id, ev.type, ev.modality, ev.ordinal, ev.date, window and window[0], window and window[1], ev.place,
         json.dumps(sorted(mine), ensure_ascii=False), ev.text),
    )
    return ledger_id


class Ledger:
    """Links each written batch into the ledger, inside the store's write transaction.

    ``unlink`` runs before an article's rows are replaced (a re-ingest): it takes
    back what the article contributed.  ``link`` runs after the new rows are in.
    Article counts and speaker statistics are kept incrementally, so a batch costs
    the same however large the store has grown.
    """

    def __init__(self) -> None:
        self._minus_entities: dict[str, int] = {}
        self._minus_events: dict[str, int] = {}
        self._restat: set[str] = set()
        self._splits: Optional[set[tuple[str, str]]] = None
        self._indexed: set[tuple[str, str]] = set()

    # -- re-ingest --------------------------------------------------------------------------
    def unlink(self, store, article_ids: Sequence[str]) -> None:
        marks = ", ".join("?" for _ in article_ids)
        for r in store.execute(
            f"SELECT ledger_entity AS id, COUNT(DISTINCT article_id) AS n FROM entities WHERE article_id IN ({marks}) "
            f"AND ledger_entity IS NOT NULL GROUP BY ledger_entity", article_ids):
            self._minus_entities[r["id"]] = self._minus_entities.get(r["id"], 0) + r["n"]
        for r in store.execute(
            f"SELECT ledger_event AS id, COUNT(DISTINCT article_id) AS n FROM events WHERE article_id IN ({marks}) "
            f"AND ledger_event IS NOT NULL GROUP BY ledger_event", article_ids):
            self._minus_events[r["id"]] = self._minus_events.get(r["id"], 0) + r["n"]
        old = store.execute(
            f"SELECT q.article_id, q.published, q.speaker_name, e.ledger_entity FROM quotes q LEFT JOIN entities e "
            f"ON e.article_id = q.article_id AND e.id = q.speaker_entity "
            f"WHERE q.article_id IN ({marks}) AND q.speaker_name IS NOT NULL", article_ids)
        self._restat |= {r["ledger_entity"] or "name:" + r["speaker_name"] for r in old}

    # -- linking ----------------------------------------------------------------------------
    def link(self, store, records: Sequence[Record]) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        if self._splits is None:
            self._splits = {(r["ledger_id"], fold(r["name"])) for r in store.execute(
                "SELECT ledger_id, name FROM ledger_overrides WHERE action = 'split'")}
        plus_entities: dict[str, int] = {}
        plus_events: dict[str, int] = {}
        seen: dict[str, tuple[str, str]] = {}  # ledger entity -> first and last publication date in this batch
        for record in records:
            linked: dict[str, str] = {}
            reasons: dict[str, str] = {}
            for e in record.entities:
                ledger_id, reasons[e.id] = self._link_entity(store, record, e, now)
                e.ledger_entity = ledger_id
                linked[e.id] = ledger_id
            store.executemany("UPDATE entities SET ledger_entity = ?, link_reason = ? WHERE article_id = ? AND id = ?",
                              [(e.ledger_entity, reasons[e.id], record.id, e.id) for e in record.entities])
            for lid in set(linked.values()):
                plus_entities[lid] = plus_entities.get(lid, 0) + 1
                if record.published:
                    first, last = seen.get(lid, (record.published, record.published))
                    seen[lid] = (min(first, record.published), max(last, record.published))
            events = []
            for ev in record.events:
                ev.ledger_event = _link_event(store, record, ev)
                events.append((ev.ledger_event, record.id, ev.id))
            store.executemany("UPDATE events SET ledger_event = ? WHERE article_id = ? AND id = ?", events)
            for lid in {ev.ledger_event for ev in record.events}:
                plus_events[lid] = plus_events.get(lid, 0) + 1
            self._stats_add(store, record, linked)
        self._apply_counts(store, "ledger_entities", plus_entities, self._minus_entities)
        self._apply_counts(store, "ledger_events", plus_events, self._minus_events)
        _widen_seen(store, seen)
        _recount_seen(store, self._minus_entities)  # an article taken back may have been the first or last
        if self._restat:
            recompute_speaker_stats(store, self._restat)
        self._minus_entities, self._minus_events, self._restat = {}, {}, set()

    def _link_entity(self, store, record: Record, e: Entity, now: str) -> tuple[str, str]:
        keys = set().union(*(name_keys(f, e.type) for f in _forms(e)))
        forms = {fold(f) for f in _forms(e)}
        exact = {"n:" + f for f in forms}
        # candidates that share an exact written form are tried first: the common case, and cheap
        exact_ids = self._exact_ids(store, exact)
        cands = sorted(_candidates(store, keys), key=lambda c: c["id"] not in exact_ids)
        for cand in cands:
            reason = _match_reason(e, cand)
            if reason and not any((cand["id"], f) in self._splits for f in forms):
                self._absorb(store, cand, record, e, now)
                self._index(store, cand["id"], keys)
                return cand["id"], reason
        ledger_id = _stable_id("ent_", e.type, fold(e.name))
        suffix = 1
        while store.scalar("SELECT 1 FROM ledger_entities WHERE id = ?", (ledger_id,)):
            suffix += 1
            ledger_id = _stable_id("ent_", e.type, fold(e.name), str(suffix))
        roles: list[dict] = []
        _merge_roles(roles, record, e.roles)
        store.execute(
            "INSERT INTO ledger_entities (id, name, type, aliases, roles, articles, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
            (ledger_id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False), json.dumps(roles, ensure_ascii=False), now),
        )
        self._index(store, ledger_id, keys)
        return ledger_id, "new ledger entity"

    @staticmethod
    def _exact_ids(store, exact: set[str]) -> set[str]:
        marks = ", ".join("?" for _ in exact)
        return {r["ledger_id"] for r in store.execute(
            f"SELECT ledger_id FROM ledger_names WHERE key IN ({marks})", sorted(exact))}

    def _absorb(self, store, cand: dict, record: Record, e: Entity, now: str) -> None:
        """Add the article entity's names and roles to the ledger entity; keep the fullest name."""
        name = cand["name"]
        aliases = _loads(cand["aliases"])
        changed = False
        if name.isupper() and not e.name.isupper() and fold(e.name) == fold(name):
            name, changed = e.name, True  # "VARNSK" (a dateline's capitals) is written "Varnsk"
        elif e.type == "PERSON" and len(e.name.split()) > len(name.split()):
            aliases.append(name)
            name, changed = e.name, True
        known = {fold(name), *(fold(a) for a in aliases)}
        for form in _forms(e):
            if fold(form) not in known:
                aliases.append(form)
                known.add(fold(form))
                changed = True
        roles = _loads(cand["roles"])
        changed = _merge_roles(roles, record, e.roles) or changed
        if changed:
            store.execute(
                "UPDATE ledger_entities SET name = ?, aliases = ?, roles = ?, updated_at = ? WHERE id = ?",
                (name, json.dumps(aliases, ensure_ascii=False), json.dumps(roles, ensure_ascii=False), now, cand["id"]),
            )

    def _index(self, store, ledger_id: str, keys: Iterable[str]) -> None:
        new = [k for k in sorted(keys) if (k, ledger_id) not in self._indexed]
        _index(store, ledger_id, new)
        self._indexed.update((k, ledger_id) for k in new)

    def _apply_counts(self, store, table: str, plus: dict[str, int], minus: dict[str, int]) -> None:
        delta = dict(plus)
        for lid, n in minus.items():
            delta[lid] = delta.get(lid, 0) - n
        store.executemany(f"UPDATE {table} SET articles = articles + ? WHERE id = ?",
                          [(n, lid) for lid, n in delta.items() if n])
        gone = [lid for lid, n in delta.items() if n < 0]
        if gone:
            marks = ", ".join("?" for _ in gone)
            keep = (" AND NOT EXISTS (SELECT 1 FROM ledger_overrides o WHERE o.ledger_id = ledger_entities.id)"
                    if table == "ledger_entities" else "")
            store.execute(f"DELETE FROM {table} WHERE id IN ({marks}) AND articles <= 0{keep}", gone)
            if table == "ledger_entities":
                self._indexed = {(k, lid) for k, lid in self._indexed if lid not in gone}
                store.execute(f"DELETE FROM ledger_names WHERE ledger_id IN ({marks}) AND NOT EXISTS "
                              f"(SELECT 1 FROM ledger_entities l WHERE l.id = ledger_names.ledger_id)", gone)

    def _stats_add(self, store, record: Record, linked: dict[str, str]) -> None:
        per_key: dict[str, list] = {}
        for q in record.quotes:
            if q.speaker is None or not q.speaker.name:
                continue
            lid = linked.get(q.speaker.entity) if q.speaker.entity else None
            key = lid or "name:" + q.speaker.name
            if key in self._restat:
                continue  # recomputed from the stored rows at the end of the batch
            entry = per_key.setdefault(key, [q.speaker.name, lid, 0])
            entry[2] += 1
        if not per_key:
            return
        least, greatest = _least_greatest(store)
        store.executemany(
            "INSERT INTO speaker_stats (key, name, entity, quotes, articles, first, last) VALUES (?, ?, ?, ?, 1, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET quotes = speaker_stats.quotes + excluded.quotes, "
            "articles = speaker_stats.articles + 1, "
            f"first = coalesce({least}(speaker_stats.first, excluded.first), speaker_stats.first, excluded.first), "
            f"last = coalesce({greatest}(speaker_stats.last, excluded.last), speaker_stats.last, excluded.last)",
            [(key, name, lid, n, record.published, record.published) for key, (name, lid, n) in per_key.items()],
        )


def _least_greatest(store) -> tuple[str, str]:
    """The two-argument minimum and maximum functions of the store's SQL dialect."""
    return ("min", "max") if store.dialect == "sqlite" else ("LEAST", "GREATEST")


def _widen_seen(store, seen: dict[str, tuple[str, str]]) -> None:
    """Move ledger entities' first and last seen dates out to include ``seen`` (id -> (first, last))."""
    least, greatest = _least_greatest(store)
    store.executemany(
        f"UPDATE ledger_entities SET first_seen = coalesce({least}(first_seen, ?), first_seen, ?), "
        f"last_seen = coalesce({greatest}(last_seen, ?), last_seen, ?) WHERE id = ?",
        [(first, first, last, last, lid) for lid, (first, last) in seen.items()])


_SEEN_SQL = ("first_seen = (SELECT MIN(a.published) FROM entities e JOIN articles a ON a.id = e.article_id "
             "WHERE e.ledger_entity = ledger_entities.id), "
             "last_seen = (SELECT MAX(a.published) FROM entities e JOIN articles a ON a.id = e.article_id "
             "WHERE e.ledger_entity = ledger_entities.id)")


def _recount_seen(store, ids: Iterable[str]) -> None:
    """Exact first and last seen dates of some ledger entities, from the stored rows."""
    store.executemany(f"UPDATE ledger_entities SET {_SEEN_SQL} WHERE id = ?", [(lid,) for lid in sorted(ids)])


def _index(store, ledger_id: str, keys: Iterable[str]) -> None:
    store.executemany("INSERT INTO ledger_names (key, ledger_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      [(k, ledger_id) for k in keys])


def recompute_speaker_stats(store, keys: Iterable[str]) -> None:
    """Rebuild the statistics of some speakers from the stored quotes (after re-ingests, merges, splits)."""
    keys = sorted(set(keys))
    for i in range(0, len(keys), 200):
        chunk = keys[i:i + 200]
        marks = ", ".join("?" for _ in chunk)
        store.execute(f"DELETE FROM speaker_stats WHERE key IN ({marks})", chunk)
        ids = [k for k in chunk if not k.startswith("name:")]
        names = [k[5:] for k in chunk if k.startswith("name:")]
        conds, args = [], []
        if ids:
            conds.append(f"e.ledger_entity IN ({', '.join('?' for _ in ids)})")
            args += ids
        if names:
            conds.append(f"(e.ledger_entity IS NULL AND q.speaker_name IN ({', '.join('?' for _ in names)}))")
            args += names
        rows = store.execute(
            "SELECT coalesce(e.ledger_entity, 'name:' || q.speaker_name) AS key, MAX(q.speaker_name) AS name, "
            "MAX(e.ledger_entity) AS entity, COUNT(*) AS quotes, COUNT(DISTINCT q.article_id) AS articles, "
            "MIN(q.published) AS first, MAX(q.published) AS last FROM quotes q "
            "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
            f"WHERE q.speaker_name IS NOT NULL AND ({' OR '.join(conds)}) "
            "GROUP BY coalesce(e.ledger_entity, 'name:' || q.speaker_name)", args)
        store.executemany(
            "INSERT INTO speaker_stats (key, name, entity, quotes, articles, first, last) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(r["key"], r["name"], r["entity"], r["quotes"], r["articles"], r["first"], r["last"]) for r in rows])



def _recount(store, entities: Iterable[str], events: Iterable[str]) -> None:
    """Exact article counts of some ledger items (after manual merges and splits)."""
    for lid in entities:
        store.execute("UPDATE ledger_entities SET articles = (SELECT COUNT(DISTINCT article_id) FROM entities "
                      "WHERE ledger_entity = ?) WHERE id = ?", (lid, lid))
    _recount_seen(store, entities)
    for eid in events:
        store.execute("UPDATE ledger_events SET articles = (SELECT COUNT(DISTINCT article_id) FROM events "
                      "WHERE ledger_event = ?) WHERE id = ?", (eid, eid))


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
        elif cand["type"] not in ("PERSON", *_PLACES) and frozenset(org_key(name)) in {frozenset(org_key(f)) for f in forms}:
            found.append(cand)
        elif cand["type"] in _PLACES and place_key(name) == place_key(cand["name"]):
            found.append(cand)
    return found


def _resolve_one(store, ref: str) -> dict:
    rows = store.execute("SELECT * FROM ledger_entities WHERE id = ?", (ref,))
    if rows:
        return rows[0]
    found = find_ledger_entities(store, ref)
    if len(found) != 1:
        names = ", ".join(f"{r['id']} ({r['name']})" for r in found) or "none"
        raise LedgerError(f"{ref!r} must name exactly one ledger entity; found {names}")
    return found[0]


def merge_entities(store, keep_ref: str, other_ref: str) -> dict:
    """Make two ledger entities one (``keep`` absorbs ``other``); later ingests follow the merge."""
    keep, other = _resolve_one(store, keep_ref), _resolve_one(store, other_ref)
    if keep["id"] == other["id"]:
        raise LedgerError(f"{keep_ref!r} and {other_ref!r} are already one ledger entity ({keep['id']})")
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with store.transaction():
        aliases = _loads(keep["aliases"])
        for form in [other["name"], *_loads(other["aliases"])]:
            if fold(form) != fold(keep["name"]) and all(fold(form) != fold(a) for a in aliases):
                aliases.append(form)
        roles = _loads(keep["roles"]) + [r for r in _loads(other["roles"]) if r not in _loads(keep["roles"])]
        store.execute("UPDATE ledger_entities SET aliases = ?, roles = ?, updated_at = ? WHERE id = ?",
                      (json.dumps(aliases, ensure_ascii=False), json.dumps(roles, ensure_ascii=False), now, keep["id"]))
        store.execute("UPDATE entities SET ledger_entity = ?, link_reason = ? WHERE ledger_entity = ?",
                      (keep["id"], f"merged by hand: {other['name']} into {keep['name']}", other["id"]))
        keys = [r["key"] for r in store.execute("SELECT key FROM ledger_names WHERE ledger_id = ?", (other["id"],))]
        store.execute("DELETE FROM ledger_names WHERE ledger_id = ?", (other["id"],))
        _index(store, keep["id"], keys)
        store.execute("DELETE FROM ledger_entities WHERE id = ?", (other["id"],))
        store.execute("DELETE FROM ledger_overrides WHERE action = 'split' AND ledger_id = ? AND name = ?",
                      (keep["id"], other["name"]))
        store.execute("INSERT INTO ledger_overrides (id, action, ledger_id, name, created_at) VALUES (?, 'merge', ?, ?, ?)",
                      (_stable_id("ovr_", "merge", keep["id"], other["id"], now), keep["id"], other["name"], now))
        _recount(store, [keep["id"]], [])
        recompute_speaker_stats(store, [keep["id"], other["id"]])
    return store.execute("SELECT * FROM ledger_entities WHERE id = ?", (keep["id"],))[0]


def split_entity(store, ledger_ref: str, name: str) -> dict:
    """Move the article entities written ``name`` out of a ledger entity into their own; remembered for later ingests."""
    ledger = _resolve_one(store, ledger_ref)
    rows = store.execute("SELECT article_id, id, name, type, aliases FROM entities WHERE ledger_entity = ?", (ledger["id"],))
    moving = [r for r in rows if fold(r["name"]) == fold(name)] or [
        r for r in rows if fold(name) in {fold(a) for a in _loads(r["aliases"])}]
    if not moving:
        raise LedgerError(f"no article entity named {name!r} belongs to {ledger['id']} ({ledger['name']})")
    if len(moving) == len(rows):
        raise LedgerError(f"every mention of {ledger['name']} is written {name!r}: nothing would be left to split from")
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    new_id = _stable_id("ent_", moving[0]["type"], fold(name), "split", ledger["id"])
    aliases = sorted({a for r in moving for a in _loads(r["aliases"]) if fold(a) != fold(name)})
    with store.transaction():
        store.execute(
            "INSERT INTO ledger_entities (id, name, type, aliases, roles, articles, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
            (new_id, name, moving[0]["type"], json.dumps(aliases, ensure_ascii=False), "[]", now),
        )
        for r in moving:
            store.execute("UPDATE entities SET ledger_entity = ?, link_reason = ? WHERE article_id = ? AND id = ?",
                          (new_id, f"split by hand from {ledger['name']}", r["article_id"], r["id"]))
        store.execute("DELETE FROM ledger_names WHERE ledger_id = ? AND key = ?", (ledger["id"], "n:" + fold(name)))
        _index(store, new_id, name_keys(name, moving[0]["type"]))
        kept_aliases = [a for a in _loads(ledger["aliases"]) if fold(a) != fold(name)]
        store.execute("UPDATE ledger_entities SET aliases = ?, updated_at = ? WHERE id = ?",
                      (json.dumps(kept_aliases, ensure_ascii=False), now, ledger["id"]))
        store.execute("INSERT INTO ledger_overrides (id, action, ledger_id, name, created_at) VALUES (?, 'split', ?, ?, ?)",
                      (_stable_id("ovr_", "split", ledger["id"], name, now), ledger["id"], name, now))
        _recount(store, [ledger["id"], new_id], [])
        recompute_speaker_stats(store, [ledger["id"], new_id])
    return store.execute("SELECT * FROM ledger_entities WHERE id = ?", (new_id,))[0]

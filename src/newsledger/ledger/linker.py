"""Cross-article linking: article entities into ledger entities, event mentions into ledger events.

Runs inside the store's write transaction for each batch, so an article is
never stored without its links.  Candidates are found through the
``ledger_names`` index (blocking keys: a person's surname skeleton, an
organisation's key, a place key, every exact form), then checked with the
same rules as within an article (:mod:`newsledger.ledger.names`).  Every link
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
from .names import fold, org_key, person_match_reason, person_parts, place_key, same_person

__all__ = ["Ledger", "link_records", "name_keys", "lookup_keys", "merge_entities", "split_entity", "find_ledger_entities",
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


def _split_forbidden(store, ledger_id: str, forms: Sequence[str]) -> bool:
    rows = store.execute("SELECT name FROM ledger_overrides WHERE action = 'split' AND ledger_id = ?", (ledger_id,))
    banned = {fold(r["name"]) for r in rows}
    return any(fold(f) in banned for f in forms)


def _match_reason(e: Entity, cand: dict) -> Optional[str]:
    """Why article entity ``e`` is ledger entity ``cand``, or None."""
    cand_forms = [cand["name"], *_loads(cand["aliases"])]
    if any(fold(f) == fold(c) for f in _forms(e) for c in cand_forms):
        if e.type == cand["type"] or {e.type, cand["type"]} <= {"ORG", "PERSON"}:
            return "same written name"
    if e.type != cand["type"]:
        return None
    if e.type == "PERSON":
        full_names = [c for c in cand_forms if person_parts(c)[0] is not None]
        for f in _forms(e):
            if person_parts(f)[0] is not None and any(not same_person(f, c) for c in full_names):
                return None  # a namesake: another first name is already in this entity
        return person_match_reason(e.name, cand["name"])
    if e.type in _PLACES:
        return "same place" if place_key(e.name) == place_key(cand["name"]) else None
    keys = {frozenset(org_key(f)) for f in _forms(e)}
    cand_keys = {frozenset(org_key(c)) for c in cand_forms}
    common = keys & cand_keys
    return f"same organisation words ({', '.join(sorted(next(iter(common))))})" if common else None


def _link_entity(store, record: Record, e: Entity, now: str) -> tuple[str, str]:
    keys = set().union(*(name_keys(f, e.type) for f in _forms(e)))
    for cand in _candidates(store, keys):
        reason = _match_reason(e, cand)
        if reason and not _split_forbidden(store, cand["id"], _forms(e)):
            _absorb(store, cand, record, e, now)
            _index(store, cand["id"], keys)
            return cand["id"], reason
    ledger_id = _stable_id("ent_", e.type, fold(e.name))
    suffix = 1
    while store.scalar("SELECT 1 FROM ledger_entities WHERE id = ?", (ledger_id,)):
        suffix += 1
        ledger_id = _stable_id("ent_", e.type, fold(e.name), str(suffix))
    store.execute(
        "INSERT INTO ledger_entities (id, name, type, aliases, roles, articles, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (ledger_id, e.name, e.type, json.dumps(e.aliases, ensure_ascii=False),
         json.dumps(_roles(record, e), ensure_ascii=False), 1, now),
    )
    _index(store, ledger_id, keys)
    return ledger_id, "new ledger entity"


def _roles(record: Record, e: Entity) -> list[dict]:
    return [{"role": r, "article": record.id, "published": record.published} for r in e.roles]


def _absorb(store, cand: dict, record: Record, e: Entity, now: str) -> None:
    """Add the article entity's names and roles to the ledger entity; keep the fullest name."""
    name = cand["name"]
    aliases = _loads(cand["aliases"])
    if e.type == "PERSON" and len(e.name.split()) > len(name.split()):
        aliases.append(name)
        name = e.name
    for form in _forms(e):
        if fold(form) != fold(name) and all(fold(form) != fold(a) for a in aliases):
            aliases.append(form)
    roles = _loads(cand["roles"])
    for role in _roles(record, e):
        if not any(r["role"] == role["role"] and r["article"] == role["article"] for r in roles):
            roles.append(role)
    store.execute(
        "UPDATE ledger_entities SET name = ?, aliases = ?, roles = ?, updated_at = ? WHERE id = ?",
        (name, json.dumps(aliases, ensure_ascii=False), json.dumps(roles, ensure_ascii=False), now, cand["id"]),
    )
    cand.update(name=name, aliases=json.dumps(aliases), roles=json.dumps(roles))


def _index(store, ledger_id: str, keys: Iterable[str]) -> None:
    existing = {r["key"] for r in store.execute("SELECT key FROM ledger_names WHERE ledger_id = ?", (ledger_id,))}
    store.executemany("INSERT INTO ledger_names (key, ledger_id) VALUES (?, ?)",
                      [(k, ledger_id) for k in sorted(set(keys) - existing)])


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
    ledger_id = _stable_id("evt_", record.id, ev.id)
    suffix = 1
    while store.scalar("SELECT 1 FROM ledger_events WHERE id = ?", (ledger_id,)):
        suffix += 1
        ledger_id = _stable_id("evt_", record.id, ev.id, str(suffix))
    store.execute(
        "INSERT INTO ledger_events (id, type, modality, ordinal, date, date_from, date_to, place, participants, text, "
        "articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        (ledger_id, ev.type, ev.modality, ev.ordinal, ev.date, window and window[0], window and window[1], ev.place,
         json.dumps(sorted(mine), ensure_ascii=False), ev.text),
    )
    return ledger_id


class Ledger:
    """The store's linker: ``unlink`` before an article's rows are replaced, ``link`` after."""

    def __init__(self) -> None:
        self._stale_entities: set[str] = set()
        self._stale_events: set[str] = set()

    def unlink(self, store, article_ids: Sequence[str]) -> None:
        """Remember the ledger items these articles supported; drop events only they supported."""
        marks = ", ".join("?" for _ in article_ids)
        self._stale_entities |= {r["ledger_entity"] for r in store.execute(
            f"SELECT DISTINCT ledger_entity FROM entities WHERE article_id IN ({marks}) AND ledger_entity IS NOT NULL",
            article_ids)}
        self._stale_events |= {r["ledger_event"] for r in store.execute(
            f"SELECT DISTINCT ledger_event FROM events WHERE article_id IN ({marks}) AND ledger_event IS NOT NULL",
            article_ids)}
        store.execute(
            f"DELETE FROM ledger_events WHERE id IN (SELECT ledger_event FROM events WHERE article_id IN ({marks})) "
            f"AND NOT EXISTS (SELECT 1 FROM events v WHERE v.ledger_event = ledger_events.id "
            f"AND v.article_id NOT IN ({marks}))", [*article_ids, *article_ids])

    def link(self, store, records: Sequence[Record]) -> None:
        entities, events = self._stale_entities, self._stale_events
        self._stale_entities, self._stale_events = set(), set()
        link_records(store, records, recount_entities=entities, recount_events=events)


def link_records(store, records: Sequence[Record], recount_entities: Iterable[str] = (),
                 recount_events: Iterable[str] = ()) -> None:
    """Link every entity and event of ``records`` (already written) into the ledger; call inside the write."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    touched_entities: set[str] = set(recount_entities)
    touched_events: set[str] = set(recount_events)
    for record in records:
        for e in record.entities:
            ledger_id, reason = _link_entity(store, record, e, now)
            e.ledger_entity = ledger_id
            touched_entities.add(ledger_id)
            store.execute("UPDATE entities SET ledger_entity = ?, link_reason = ? WHERE article_id = ? AND id = ?",
                          (ledger_id, reason, record.id, e.id))
        for ev in record.events:
            ledger_id = _link_event(store, record, ev)
            ev.ledger_event = ledger_id
            if ledger_id:
                touched_events.add(ledger_id)
                store.execute("UPDATE events SET ledger_event = ? WHERE article_id = ? AND id = ?",
                              (ledger_id, record.id, ev.id))
    _recount(store, touched_entities, touched_events)


def _recount(store, entities: Iterable[str], events: Iterable[str]) -> None:
    """Article counts of the given ledger items; items no article supports any more are removed."""
    for lid in entities:
        store.execute("UPDATE ledger_entities SET articles = (SELECT COUNT(DISTINCT article_id) FROM entities "
                      "WHERE ledger_entity = ?) WHERE id = ?", (lid, lid))
        store.execute("DELETE FROM ledger_entities WHERE id = ? AND articles = 0 AND NOT EXISTS "
                      "(SELECT 1 FROM ledger_overrides o WHERE o.ledger_id = ledger_entities.id)", (lid,))
        if not store.scalar("SELECT 1 FROM ledger_entities WHERE id = ?", (lid,)):
            store.execute("DELETE FROM ledger_names WHERE ledger_id = ?", (lid,))
    for eid in events:
        store.execute("UPDATE ledger_events SET articles = (SELECT COUNT(DISTINCT article_id) FROM events "
                      "WHERE ledger_event = ?) WHERE id = ?", (eid, eid))
        store.execute("DELETE FROM ledger_events WHERE id = ? AND articles = 0", (eid,))


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
    return store.execute("SELECT * FROM ledger_entities WHERE id = ?", (new_id,))[0]

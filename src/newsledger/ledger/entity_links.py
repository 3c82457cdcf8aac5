"""Entity links in the store: name groups kept per batch, and every block whose names change re-resolved.

A batch adds (and, on re-ingest or delete, removes) article entities.  Each one counts in its name
group (``ledger_groups``: members, written forms, roles).  When the set of groups or of their written
forms changes, every group of the affected blocks (groups connected through shared name keys) is
clustered again from scratch by :func:`~newsledger.ledger.grouping.cluster_groups`, and whatever moved
is rewritten: the article entities' links and reasons, the ledger entities, their name keys.  More
articles for a name already known change nothing but counts.  So the ledger after any sequence of
batches is the one the whole set gives at once, whatever the batch size, order or number of writers.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..lexicon.names import fold
from ..records import Record
from .grouping import (
    MERGED, Cluster, Group, add_role, aliases, cluster_groups, display_name, merge_roles, order_key, reason,
    role_entry, stable_id,
)

__all__ = ["Contribution", "contributions_of", "stored_contributions", "EntityLinks", "chunks"]

_CHUNK = 500


def chunks(items: Sequence, size: int = _CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def marks(items: Sequence) -> str:
    return ", ".join("?" for _ in items)



@dataclass(frozen=True)
class Contribution:
    """One article entity as the ledger counts it."""

    article: str
    entity: str
    type: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    published: Optional[str]
    ledger_entity: Optional[str] = None  # as stored (for entities being taken back)

    @property
    def ident(self) -> tuple[str, str]:
        return self.type, fold(self.name)

    def forms(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.aliases]))


def contributions_of(records: Iterable[Record]) -> list[Contribution]:
    return [Contribution(r.id, e.id, e.type, e.name, tuple(e.aliases), tuple(e.roles), r.published)
            for r in records for e in r.entities]


def stored_contributions(store, article_ids: Optional[Sequence[str]] = None) -> list[Contribution]:
    """The article entities stored for these articles (all when None), with their current links."""
    sql = ("SELECT e.article_id, e.id, e.type, e.name, e.aliases, e.roles, e.ledger_entity, a.published "
           "FROM entities e JOIN articles a ON a.id = e.article_id")
    batches = [None] if article_ids is None else list(chunks(article_ids))
    out = []
    for part in batches:
        rows = store.execute(sql if part is None else f"{sql} WHERE e.article_id IN ({marks(part)})", part or ())
        out += [Contribution(r["article_id"], r["id"], r["type"], r["name"], tuple(json.loads(r["aliases"])),
                             tuple(json.loads(r["roles"])), r["published"], r["ledger_entity"]) for r in rows]
    return out


@dataclass
class Outcome:
    """What a batch changed: links of the batch's entities, moved groups, clusters touched."""

    links: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (article, entity) -> (id, reason)
    moved: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # group ident -> (old id, new id)
    clusters: set[str] = field(default_factory=set)


class EntityLinks:
    """One batch's changes to the entity side of the ledger, inside the write transaction."""

    def __init__(self, store):
        self.store = store
        self.now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

    def reresolve(self, groups: Iterable[Group]) -> Outcome:
        """Cluster the blocks of these groups again (after a manual override changed) and write what moved."""
        state = {g.ident: g for g in groups}
        before = {k: Group(**g.__dict__) for k, g in state.items()}
        out = Outcome()
        self._resolve(set(state), before, state, out)
        out.clusters |= {g.ledger_id for g in before.values() if g.ledger_id}
        self._write_clusters(out, [])
        return out

    # -- groups ---------------------------------------------------------------------------------------
    def _load(self, idents: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Group]:
        wanted = set(idents)
        found: dict[tuple[str, str], Group] = {}
        for part in chunks(sorted({k for _, k in wanted})):
            for row in self.store.execute(f"SELECT * FROM ledger_groups WHERE key IN ({marks(part)})", part):
                g = Group.from_row(row)
                if g.ident in wanted:
                    found[g.ident] = g
        return found

    def _groups_of(self, ledger_ids: Iterable[str]) -> list[Group]:
        out = []
        for part in chunks(sorted(set(ledger_ids))):
            out += [Group.from_row(r) for r in
                    self.store.execute(f"SELECT * FROM ledger_groups WHERE ledger_id IN ({marks(part)})", part)]
        return out

    def apply(self, added: Sequence[Contribution], removed: Sequence[Contribution]) -> Outcome:
        before = self._load(c.ident for c in [*added, *removed])
        state = {k: Group(**{**g.__dict__, "names": dict(g.names), "forms": dict(g.forms),
                             "roles": [dict(r) for r in g.roles]}) for k, g in before.items()}
        recount_roles = self._count(state, added, removed)
        # roles counted again from the rows read this batch's rows by their name key: those are keyed now, the
        # rest with their links below (one statement per entity, not two)
        self.store.executemany("UPDATE entities SET name_key = ? WHERE article_id = ? AND id = ?",
                               [(c.ident[1], c.article, c.entity) for c in added if c.ident in recount_roles])
        for ident in recount_roles:
            if state[ident].members > 0:
                state[ident].roles = self._stored_roles(ident)
        changed = {k for k, g in state.items() if k not in before or g.members <= 0 or (  # persons: by name alone
            g.type != "PERSON" and (g.folded_forms(), set(g.names)) != (before[k].folded_forms(), set(before[k].names)))}
        self._save(state)
        out = Outcome()
        if changed:
            self._resolve(changed, before, state, out)
        for c in added:
            g = state[c.ident]
            out.links[(c.article, c.entity)] = (g.ledger_id, g.reason)
        out.clusters |= {g.ledger_id for g in state.values() if g.ledger_id}
        out.clusters |= {g.ledger_id for g in before.values() if g.ledger_id}
        keys = {(c.article, c.entity): c.ident[1] for c in added}
        self.store.executemany("UPDATE entities SET ledger_entity = ?, link_reason = ?, name_key = ? "
                               "WHERE article_id = ? AND id = ?",
                               [(lid, why, keys[(a, e)], a, e) for (a, e), (lid, why) in out.links.items()])
        self._write_clusters(out, removed)
        return out

    @staticmethod
    def _count(state: dict, added: Sequence[Contribution], removed: Sequence[Contribution]) -> set:
        """Members, written forms and roles of each group after the batch; groups whose roles must be re-read."""
        said: dict[tuple, list] = {}
        for sign, contributions in ((-1, removed), (1, added)):
            for c in contributions:
                g = state.setdefault(c.ident, Group(type=c.type, key=c.ident[1]))
                g.members += sign
                g.names[c.name] = g.names.get(c.name, 0) + sign
                for form in c.forms():
                    g.forms[form] = g.forms.get(form, 0) + sign
                for role in dict.fromkeys(c.roles):
                    said.setdefault((c.ident, role), []).append((sign, c.article, c.published))
                for counts in (g.names, g.forms):
                    for k in [k for k, n in counts.items() if n <= 0]:
                        del counts[k]
        recount = set()
        for (ident, role), events in said.items():
            gone = sorted((a, p) for s, a, p in events if s < 0)
            new = sorted((a, p) for s, a, p in events if s > 0)
            if gone == new:
                continue  # the same article stated it again (a re-ingest)
            if gone:
                recount.add(ident)
                continue
            for article, published in new:
                add_role(state[ident].roles, role_entry(role, article, published))
        return recount

    def _stored_roles(self, ident: tuple[str, str]) -> list[dict]:
        roles: list[dict] = []
        rows = self.store.execute(
            "SELECT e.roles, e.article_id, a.published FROM entities e JOIN articles a ON a.id = e.article_id "
            "WHERE e.type = ? AND e.name_key = ? AND e.roles <> '[]'", ident)
        for r in rows:
            for role in dict.fromkeys(json.loads(r["roles"])):
                add_role(roles, role_entry(role, r["article_id"], r["published"]))
        return roles

    def _save(self, state: dict) -> None:
        self.store.executemany("DELETE FROM ledger_groups WHERE key = ? AND type = ?",
                               [(g.key, g.type) for g in state.values() if g.members <= 0])
        self.store.executemany(
            "INSERT INTO ledger_groups (key, type, names, forms, roles, members, ledger_id, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key, type) DO UPDATE SET names = excluded.names, "
            "forms = excluded.forms, roles = excluded.roles, members = excluded.members",
            [g.to_row() for g in state.values() if g.members > 0])

    # -- blocks ---------------------------------------------------------------------------------------
    def _resolve(self, changed: set, before: dict, state: dict, out: Outcome) -> None:
        """Cluster every block the changed groups belong to again, and write what moved."""
        seeds = [state[k] for k in changed if state[k].members > 0]
        frontier = set().union(*(g.link_keys() for g in seeds), *(before[k].link_keys() for k in changed if k in before))
        seen_keys: set[str] = set()
        block = {g.ident: g for g in seeds}
        clusters: set[str] = set()
        while frontier:
            seen_keys |= frontier
            found = set()
            for part in chunks(sorted(frontier)):
                found |= {r["ledger_id"] for r in self.store.execute(
                    f"SELECT DISTINCT ledger_id FROM ledger_names WHERE key IN ({marks(part)})", part)}
            fresh = found - clusters
            clusters |= fresh
            new_groups = [g for g in self._groups_of(fresh) if g.ident not in block]
            block.update({g.ident: state.get(g.ident, g) for g in new_groups})
            frontier = set().union(*(g.link_keys() for g in new_groups)) - seen_keys
        live = {k: g for k, g in block.items() if g.members > 0}
        apart, together = self._overrides(live)
        relinked = []
        for c in cluster_groups(live.values(), apart, together):
            for g in c.groups:
                new_id, why, old_id = c.id, reason(g, c), g.ledger_id
                if (g.ledger_id, g.reason) != (new_id, why):  # clusters with nothing moved stay as they are
                    if g.ledger_id != new_id:
                        out.moved[g.ident] = (g.ledger_id, new_id)
                    g.ledger_id, g.reason = new_id, why
                    relinked.append((new_id, why, g.key, g.type))
                    out.clusters |= {new_id, old_id}
                if g.ident in state:
                    state[g.ident].ledger_id, state[g.ident].reason = new_id, why
        # one batch of statements per batch of articles, not one round trip per group (PostgreSQL pipelines them)
        self.store.executemany("UPDATE ledger_groups SET ledger_id = ?, reason = ? WHERE key = ? AND type = ?", relinked)
        self.store.executemany("UPDATE entities SET ledger_entity = ?, link_reason = ? WHERE name_key = ? AND type = ?",
                               relinked)

    def _overrides(self, block: dict) -> tuple[list, list]:
        """The manual splits (pairs kept apart) and merges (pairs joined) that concern this block."""
        apart, together = [], []
        for row in self.store.execute("SELECT action, detail FROM ledger_overrides WHERE detail IS NOT NULL "
                                      "ORDER BY created_at, id"):
            detail = json.loads(row["detail"])
            if row["action"] == "merge":
                kept, other = tuple(detail["kept"]), tuple(detail["other"])
                if kept in block and other in block:
                    together.append((kept, other))
            else:
                apart += [(tuple(m), tuple(s)) for m in detail["moved"] for s in detail["stay"]
                          if tuple(m) in block and tuple(s) in block]
        return apart, together

    # -- ledger entities ----------------------------------------------------------------------------------
    def _write_clusters(self, out: Outcome, removed: Sequence[Contribution]) -> None:
        """Rows of the ledger entities the batch touched: name, aliases, roles, article counts, name keys."""
        ids = sorted(i for i in out.clusters if i)
        groups: dict[str, list[Group]] = {i: [] for i in ids}
        for g in self._groups_of(ids):
            groups[g.ledger_id].append(g)
        current, have = {}, {i: set() for i in ids}
        for part in chunks(ids):
            current.update({r["id"]: r for r in self.store.execute(
                f"SELECT * FROM ledger_entities WHERE id IN ({marks(part)})", part)})
            for r in self.store.execute(f"SELECT key, ledger_id FROM ledger_names WHERE ledger_id IN ({marks(part)})", part):
                have[r["ledger_id"]].add(r["key"])
        exact = {new for _, new in out.moved.values()} | {old for old, _ in out.moved.values()} | (set(ids) - set(current))
        delta: dict[str, int] = {}
        for sign, pairs in ((1, {(a, lid) for (a, _), (lid, _) in out.links.items()}),
                            (-1, {(c.article, c.ledger_entity) for c in removed if c.ledger_entity})):
            for _, lid in pairs:
                delta[lid] = delta.get(lid, 0) + sign
        counted = self._article_counts([lid for lid in ids if groups[lid] and (lid in exact or lid not in current)])
        writes = _ClusterWrites()
        for lid in ids:
            members = groups[lid]
            if not members:
                writes.gone.append((lid,))
                continue
            articles = counted.get(lid, 0) if lid in exact or lid not in current else \
                current[lid]["articles"] + delta.get(lid, 0)
            self._write_cluster(lid, members, current.get(lid), articles, have[lid], writes)
        writes.flush(self.store, self.now)

    def _article_counts(self, ids: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for part in chunks(sorted(ids)):
            out.update({r["ledger_entity"]: r["n"] for r in self.store.execute(
                "SELECT ledger_entity, COUNT(DISTINCT article_id) AS n FROM entities "
                f"WHERE ledger_entity IN ({marks(part)}) GROUP BY ledger_entity", part)})
        return out

    @staticmethod
    def _write_cluster(lid: str, members: list[Group], row: Optional[dict], articles: int, have: set[str],
                       writes: "_ClusterWrites") -> None:
        anchor = next((g for g in members if stable_id("ent_", g.type, g.key) == lid), min(members, key=order_key))
        cluster = Cluster(anchor=anchor, groups=members)
        shown = Cluster(anchor=anchor, groups=[g for g in members if g.reason != MERGED] or [anchor])
        name = display_name(shown)
        values = (name, anchor.type, json.dumps(aliases(cluster, name), ensure_ascii=False),
                  json.dumps(merge_roles(members), ensure_ascii=False))
        if row is None:
            writes.inserted.append((lid, *values, articles))
        elif (row["name"], row["type"], row["aliases"], row["roles"], row["articles"]) != (*values, articles):
            writes.updated.append((*values, articles, lid))
        keys = set().union(*(g.index_keys() for g in members))
        writes.dropped_keys += [(key, lid) for key in sorted(have - keys)]
        writes.added_keys += [(key, lid) for key in sorted(keys - have)]


@dataclass
class _ClusterWrites:
    """The rows a batch writes for the ledger entities it touched, sent as a few batched statements."""

    gone: list = field(default_factory=list)
    inserted: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    dropped_keys: list = field(default_factory=list)
    added_keys: list = field(default_factory=list)

    def flush(self, store, now: str) -> None:
        store.executemany("DELETE FROM ledger_entities WHERE id = ?", self.gone)
        store.executemany("DELETE FROM ledger_names WHERE ledger_id = ?", self.gone)
        store.executemany("INSERT INTO ledger_entities (id, name, type, aliases, roles, articles, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", [(*row, now) for row in self.inserted])
        store.executemany("UPDATE ledger_entities SET name = ?, type = ?, aliases = ?, roles = ?, articles = ?, "
                          "updated_at = ? WHERE id = ?", [(*row[:5], now, row[5]) for row in self.updated])
        store.executemany("DELETE FROM ledger_names WHERE key = ? AND ledger_id = ?", self.dropped_keys)
        store.executemany("INSERT INTO ledger_names (key, ledger_id) VALUES (?, ?)", self.added_keys)

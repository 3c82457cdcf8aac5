"""Which article entities are one ledger entity: a pure function of the *set* of names, never of their order.

Article entities are first gathered into **name groups**: every article entity of one type written
with one name (up to case and accents, :func:`~newsledger.lexicon.names.fold`) is in one group.  The
groups of one block (groups that share a name key, see :meth:`Group.link_keys`) are then clustered
by :func:`cluster_groups` in a canonical order that depends on the names alone:

- persons with a first name ("strong") first, then with an initial, then surnames alone; longer
  names first (other names: shorter first); then alphabetically.  A strong name joins the first cluster whose every strong name
  is the same person by :func:`~newsledger.lexicon.names.person_match_reason` (so Joe and Hunter
  Biden stay apart whatever came first).  An initial or a surname alone joins the one cluster whose
  strong names it fits, and when it fits several (Biden, with Joe and Hunter in the ledger) or none,
  it joins or starts a cluster of such ambiguous names: it never picks one of several people.
- organisations join the first cluster sharing a written form or the set of content words
  (:func:`~newsledger.lexicon.names.org_key`); an organisation written exactly as a person is that
  person (a tagger's slip); places join the first cluster of the same type with the same place key.
- manual overrides: a split is a pair of groups that may not share a cluster (``apart``); a merge
  joins the clusters of two groups afterwards (``together``), and the merged cluster keeps the
  identity of the side that was kept.

A cluster's **anchor** is its first group in that order: the ledger entity's id is derived from it,
so the id, like everything else here, is the same whatever order the articles came in.  Each group
records why it is in its cluster (:func:`reason`), against the anchor where it can.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from ..lexicon.names import fold, org_head_words, org_key, org_part_of, person_match_reason, person_parts, place_key
from ..lexicon.words import COUNTRY_FORMS

__all__ = ["PLACES", "Group", "Cluster", "cluster_groups", "order_key", "reason", "name_keys", "stable_id",
           "merge_roles", "add_role", "role_entry"]

PLACES = ("GPE", "LOC", "FAC")
NEW = "new ledger entity"


def stable_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def name_keys(name: str, etype: str) -> set[str]:
    """Index keys of one written name: an exact key plus the blocking key of its type (what lookups use)."""
    keys = {"n:" + fold(name)}
    if etype == "PERSON":
        _, last = person_parts(name)
        if last:
            keys.add("p:" + last)
    elif etype in PLACES:
        keys.add("g:" + place_key(name))
    else:
        keys.add("o:" + "|".join(sorted(org_key(name))))
    return keys


def _best(variants: dict[str, int]) -> str:
    """The written variant most article entities use (a name in capitals, as a dateline's "VARNSK", gives way to
    its ordinary spelling); ties go to the first in string order."""
    return min(variants, key=lambda v: (v.isupper() and len(v) > 1, -variants[v], v))


@dataclass
class Group:
    """Every article entity of one type written with one name: the unit the ledger clusters."""

    type: str
    key: str  # fold(name)
    names: dict[str, int] = field(default_factory=dict)  # the name as written -> article entities writing it so
    forms: dict[str, int] = field(default_factory=dict)  # every written form (name and aliases) -> article entities
    roles: list[dict] = field(default_factory=list)
    members: int = 0
    ledger_id: str = ""
    reason: str = ""

    @property
    def ident(self) -> tuple[str, str]:
        return self.type, self.key

    @property
    def display(self) -> str:
        return _best(self.names) if self.names else self.key

    def folded_forms(self) -> frozenset[str]:
        return frozenset({self.key, *(fold(f) for f in self.forms)})

    def joining_forms(self) -> frozenset[str]:
        """The written forms that join another group written so: for an organisation, not a short form that is only
        part of its name ("Apple" of "Apple Corps", "GM" of "General Motors"): such a form may name several bodies."""
        if self.type == "PERSON" or self.type in PLACES:
            return self.folded_forms()
        return frozenset({self.key, *(fold(f) for f in self.forms if org_key(f) == org_key(self.key)
                                      or not any(org_part_of(f, name) for name in self.names))})

    @property
    def strength(self) -> int:
        """0 a person with a first name, 1 with an initial, 2 a surname alone; 0 for anything not a person."""
        return _strength(self.type, self.key)

    def link_keys(self) -> set[str]:
        """Keys under which a related group is found (persons by name only: aliases carry titles and slips)."""
        if self.type == "PERSON":
            _, last = person_parts(self.key)
            return {"n:" + self.key} | ({"p:" + last} if last else set())
        keys = {"n:" + f for f in self.joining_forms()}
        if self.type in PLACES:
            return keys | {"g:" + place_key(self.key)}
        keys |= {"o:" + "|".join(sorted(org_key(f))) for f in self.joining_forms() if org_key(f)}
        return keys.union(*(part_keys(name) for name in sorted(self.names)))

    def index_keys(self) -> set[str]:
        """Keys a user's lookup finds this group by (every written form's), and those related groups find it by."""
        return set().union(*(name_keys(f, self.type) for f in [self.key, *self.forms])) | self.link_keys()

    def to_row(self) -> tuple:
        roles = sorted(self.roles, key=lambda r: (*_first(r), r["role"]))
        return (self.key, self.type, _json(self.names), _json(self.forms), _json(roles), self.members,
                self.ledger_id, self.reason)

    @classmethod
    def from_row(cls, row: dict) -> "Group":
        return cls(type=row["type"], key=row["key"], names=json.loads(row["names"]), forms=json.loads(row["forms"]),
                   roles=json.loads(row["roles"]), members=row["members"], ledger_id=row["ledger_id"],
                   reason=row["reason"])


@lru_cache(maxsize=65536)
def _strength(etype: str, key: str) -> int:
    if etype != "PERSON":
        return 0
    first, _ = person_parts(key)
    return 2 if not first else (1 if len(first) == 1 else 0)


def part_keys(name: str) -> set[str]:
    """Blocking keys that meet when one organisation name may be part of another: the first word of the name with
    and without its country ("f:ford" for "Ford" and "Ford Motor Company"; "f:air" for "US Air Force"), its
    initials ("a:gm" for "GM" and "General Motors")."""
    words = org_head_words(name)
    keys = set()
    rest = [w for w in words if w not in COUNTRY_FORMS]
    for first in {words[0] if words and words[0] not in COUNTRY_FORMS else None, rest[0] if rest else None} - {None}:
        keys.add("f:" + first)
    letters = name.replace(".", "")
    if letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 6:
        keys.add("a:" + letters.lower())
    caps = [w for w in name.replace("-", " ").split() if w[:1].isupper() and fold(w) not in ("of", "the", "and", "for")]
    if len(caps) >= 2:
        keys.add("a:" + "".join(w[0] for w in caps).lower())
        if len(words) >= 2:
            keys.add("a:" + "".join(w[0] for w in caps[:len(words)]).lower())
    return keys


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


_TYPE_RANK = {"PERSON": "0"}


def order_key(g: Group) -> tuple:
    """The canonical order: persons first, strong names before initials before surnames, the fullest names
    first; other names shortest first ("Ukrainian Ministry of Defence" before "Ministry of Defence of Ukraine");
    then alphabetically."""
    words = len(g.key.split())
    return _TYPE_RANK.get(g.type, "1" + g.type), g.strength, -words if g.type == "PERSON" else words, g.key


# -- relations between two groups ----------------------------------------------------------------------------


def _same_form(a: Group, b: Group) -> bool:
    return bool(a.joining_forms() & b.joining_forms())


def _org_words(a: Group, b: Group) -> Optional[frozenset]:
    common = {org_key(f) for f in a.joining_forms() if org_key(f)} & {org_key(f) for f in b.joining_forms() if org_key(f)}
    return min(common, key=sorted) if common else None


def related(a: Group, b: Group) -> Optional[str]:
    """Why group ``a`` may be the same entity as ``b`` on its own evidence, or None (persons: see ``_fits``)."""
    if a.type == "PERSON" and b.type == "PERSON":
        return person_match_reason(a.key, b.key)
    if {a.type, b.type} == {"PERSON", "ORG"}:
        return "same written name" if a.key == b.key else None
    if a.type != b.type:
        return None
    if _same_form(a, b):
        return "same written name"
    if a.type in PLACES:
        return "same place" if place_key(a.key) == place_key(b.key) else None
    words = _org_words(a, b)
    return f"same organisation words ({', '.join(sorted(words))})" if words else None


def reason(g: Group, cluster: "Cluster") -> str:
    """Why ``g`` is in ``cluster``: against the anchor, else the first group (in order) it relates to."""
    if g.ident == cluster.anchor.ident:
        return NEW
    for other in [cluster.anchor, *sorted(cluster.groups, key=order_key)]:
        found = related(g, other) if other.ident != g.ident else None
        if found:
            return found
    for other in sorted(cluster.groups, key=order_key):
        found = _part_of(g, other) if other.ident != g.ident else None
        if found:
            return found + PART
    return MERGED


def _part_of(short: Group, long_: Group) -> Optional[str]:
    """Whether one written name of ``short`` is part of one of ``long_``'s (decided on the sets of written names,
    never on how often each is written, so the answer changes only with the set)."""
    if short.type != long_.type or short.type == "PERSON" or short.type in PLACES:
        return None
    return next((why for a in sorted(short.names) for b in sorted(long_.names) if (why := org_part_of(a, b))), None)


MERGED = "merged by hand"
#: The end of the reason of a short name joined to the one body it fits: such a name never names the body.
PART = ", the one body of the ledger it fits"


# -- clustering ----------------------------------------------------------------------------------------------


@dataclass
class Cluster:
    anchor: Group
    groups: list[Group] = field(default_factory=list)

    @property
    def id(self) -> str:
        return stable_id("ent_", self.anchor.type, self.anchor.key)

    def strong(self) -> list[Group]:
        return [g for g in self.groups if g.type == "PERSON" and g.strength == 0]


def _apart(g: Group, c: Cluster, apart: set[frozenset]) -> bool:
    return any(frozenset((g.ident, h.ident)) in apart for h in c.groups)


def _fits(g: Group, c: Cluster) -> bool:
    """A person group fits a cluster when it is the same person as every strong name in it (and one at least
    when it has none itself), or for a cluster of names without first names, as every name in it."""
    names = c.strong() or [h for h in c.groups if h.type == "PERSON"]
    return bool(names) and all(person_match_reason(g.key, h.key) for h in names)


def _place(g: Group, clusters: list[Cluster], apart: set[frozenset]) -> Optional[Cluster]:
    """The cluster ``g`` joins among ``clusters`` (those sharing a name key with it, in order), or None."""
    if g.type == "PERSON":
        if g.strength == 0:
            return next((c for c in clusters if c.strong() and _fits(g, c) and not _apart(g, c, apart)), None)
        fitting = [c for c in clusters if c.strong() and _fits(g, c) and not _apart(g, c, apart)]
        if len(fitting) == 1:
            return fitting[0]
        return next((c for c in clusters if not c.strong() and _fits(g, c) and not _apart(g, c, apart)), None)
    for c in clusters:
        if not _apart(g, c, apart) and any(related(g, h) for h in c.groups):
            return c
    return None


def cluster_groups(groups: Iterable[Group], apart: Iterable[tuple] = (),
                   together: Sequence[tuple] = ()) -> list[Cluster]:
    """The clusters of a block of groups (see the module docstring); the result depends on the set alone.

    ``apart``: pairs of group idents ((type, key), (type, key)) that may not share a cluster;
    ``together``: (kept, other) pairs of idents whose clusters are one, in the order they were made.
    """
    apart_pairs = {frozenset(p) for p in apart}
    clusters: list[Cluster] = []
    by_key: dict[str, list[int]] = {}  # name key -> clusters holding a group with it (a group relates only to those)
    for g in sorted(groups, key=order_key):
        keys = g.link_keys()
        near = sorted({i for k in keys for i in by_key.get(k, ())})
        home = _place(g, [clusters[i] for i in near], apart_pairs)
        if home is None:
            clusters.append(home := Cluster(anchor=g, groups=[g]))
            at = len(clusters) - 1
        else:
            home.groups.append(g)
            at = next(i for i in near if clusters[i] is home)
        for k in keys:
            if at not in by_key.setdefault(k, []):
                by_key[k].append(at)
    _join_parts(clusters, apart_pairs)
    for kept, other in together:
        a = next((c for c in clusters if any(g.ident == kept for g in c.groups)), None)
        b = next((c for c in clusters if any(g.ident == other for g in c.groups)), None)
        if a is not None and b is not None and a is not b:
            a.groups.extend(b.groups)
            clusters.remove(b)
    return clusters


def _join_parts(clusters: list[Cluster], apart: set[frozenset]) -> None:
    """An organisation known only by a name that is part of other bodies' names ("Ford", "GM", "the Air Force")
    joins the one body of the block it fits; when it fits several ("Apple": Apple Inc. and Apple Corps) it stays
    apart, and so does a cluster that also has a full name of its own ("Apple Inc.")."""
    home: dict[int, int] = {}
    for i, c in enumerate(clusters):
        if c.anchor.type == "PERSON" or c.anchor.type in PLACES:
            continue
        short = c.anchor.key
        # the articles' own word first: bodies some article calls by this short name; else bodies it is part of
        hosts = [j for j, d in enumerate(clusters) if j != i and any(
            short in g.folded_forms() - g.joining_forms() for g in d.groups)] or \
            [j for j, d in enumerate(clusters) if j != i and all(any(_part_of(g, h) for h in d.groups) for g in c.groups)]
        if len(hosts) == 1 and not any(_apart(g, clusters[hosts[0]], apart) for g in c.groups):
            home[i] = hosts[0]
    for i in sorted(home):
        j = home[i]
        while j in home and home[j] != i:
            j = home[j]
        if j != i:
            clusters[j].groups.extend(clusters[i].groups)
    for i in sorted(home, reverse=True):
        if home[i] != i:
            del clusters[i]


# -- what a cluster shows -------------------------------------------------------------------------------------


def display_name(c: Cluster) -> str:
    """The fullest name of a person (most words; then the one most articles use); for others the most used."""
    if c.anchor.type == "PERSON":
        best = min(c.groups, key=lambda g: (g.type != "PERSON", g.strength, -len(g.key.split()), -g.members,
                                            order_key(g)))
    else:
        full = [g for g in c.groups if not g.reason.endswith(PART)] or c.groups
        best = min(full, key=lambda g: (-g.members, order_key(g)))
    return best.display


def aliases(c: Cluster, name: str) -> list[str]:
    """Every other written form of the cluster, one spelling each (the most used), in order."""
    variants: dict[str, dict[str, int]] = {}
    for g in c.groups:
        for form, n in {**g.forms, **g.names}.items():
            bucket = variants.setdefault(fold(form), {})
            bucket[form] = bucket.get(form, 0) + n
    return sorted((_best(v) for k, v in variants.items() if k != fold(name)), key=lambda f: (fold(f), f))


def role_entry(role: str, article: str, published: Optional[str]) -> dict:
    return {"role": role, "article": article, "published": published, "last_published": published, "articles": 1}


def _first(entry: dict) -> tuple:
    return entry["published"] or "~", entry["article"]


def add_role(roles: list[dict], new: dict, sign: int = 1) -> None:
    """Count one more (or, ``sign=-1``, one fewer) statement of a role; first and last stated kept exact on adding."""
    entry = next((r for r in roles if r["role"] == new["role"]), None)
    if entry is None:
        if sign > 0:
            roles.append(dict(new))
        return
    entry["articles"] += sign * new["articles"]
    if sign > 0:
        if _first(new) < _first(entry):
            entry["article"], entry["published"] = new["article"], new["published"]
        entry["last_published"] = max((entry["last_published"] or "", new["last_published"] or "")) or None
    if entry["articles"] <= 0:
        roles.remove(entry)


def merge_roles(groups: Iterable[Group]) -> list[dict]:
    """The roles of a cluster: each role once, first stated (earliest, then article id) and last stated."""
    roles: list[dict] = []
    for g in groups:
        for r in g.roles:
            add_role(roles, r)
    return sorted(roles, key=lambda r: (*_first(r), r["role"]))

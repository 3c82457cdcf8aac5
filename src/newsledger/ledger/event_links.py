"""Which event mentions are one ledger event: a rule over the *set* of mentions, re-applied where a batch changes it.

Mentions are taken in a canonical order (publication date, article id, event id) and:

1. a mention with neither a date nor a window (planned and undated, or no publication date) is an event
   of its own;
2. dated mentions of one type, modality and date (a *bucket*) are clustered in that order: a mention
   joins the first cluster whose ordinal does not conflict ("the first negotiations" is not "a second
   round") and whose participants overlap (for talks, handovers, releases, sanctions and evacuations
   it is enough that one side names none);
3. a past mention without a date may have happened up to three days before its publication: it joins
   the dated cluster of that window that fits it (judged on the cluster's dated mentions alone), the
   latest date first;
4. the rest are clustered in the same chronological order: a mention joins the first cluster whose
   window (the days every member's window shares) meets its own and that fits it.

The outcome depends on the set alone.  A batch re-clusters the buckets it touches and re-runs steps 3
and 4 of its type and modality from the earliest day it touches, stopping at the first day on which the
clusters still open are what they were.  A ledger event's id is that of its first mention, its row is
computed from all its mentions.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..records import Record
from .grouping import stable_id

__all__ = ["Mention", "mentions_of", "stored_mentions", "EventLinks", "cluster_bucket", "run_undated", "UndatedRun",
           "SOLO_LINKABLE", "UNDATED_WINDOW_DAYS"]

#: Event types distinctive enough to link even when one mention names no participant.
SOLO_LINKABLE = {"talks", "handover", "release", "sanctions", "evacuation"}
#: How many days before publication an undated past event may have happened.
UNDATED_WINDOW_DAYS = 3
_CHUNK = 500
#: Days of undated mentions read at a time while re-running steps 3 and 4.
_DAYS_READ = 32


def day(iso: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "0001-01-01" if days < 0 else "9999-12-31"


@dataclass(frozen=True)
class Mention:
    article: str
    id: str
    type: str
    modality: str
    date: Optional[str]
    published: Optional[str]
    ordinal: Optional[int]
    participants: frozenset
    place: Optional[str]
    text: str
    stored: Optional[str] = None  # its ledger event as stored before this batch

    @property
    def key(self) -> tuple[str, str]:
        return self.article, self.id

    @property
    def order(self) -> tuple:
        return self.published or "~", self.article, self.id

    @property
    def kind(self) -> str:
        if self.date:
            return "dated"
        return "undated" if self.modality == "happened" and self.published else "own"

    def window(self) -> tuple[str, str]:
        if self.date:
            return self.date, self.date
        return day(self.published, -UNDATED_WINDOW_DAYS), self.published


def mentions_of(records: Iterable[Record]) -> list[Mention]:
    return [Mention(r.id, e.id, e.type, e.modality, e.date, r.published, e.ordinal, frozenset(e.participants),
                    e.place, e.text) for r in records for e in r.events]


_COLUMNS = ("SELECT e.article_id, e.id, e.type, e.modality, e.date, e.ordinal, e.participants, e.place, e.text, "
            "e.ledger_event, a.published ")


def _mention(r: dict) -> Mention:
    return Mention(r["article_id"], r["id"], r["type"], r["modality"] or "happened", r["date"], r["published"],
                   r["ordinal"], frozenset(json.loads(r["participants"] or "[]")), r["place"], r["text"],
                   r["ledger_event"])


def stored_mentions(store, where: str = "", args: Sequence = (), by_publication: bool = False) -> list[Mention]:
    """Stored mentions with their article's publication date; ``by_publication``: the query selects on
    ``a.published`` (SQLite is then told to walk articles by date first, not every event of a type)."""
    joined = ("FROM articles a CROSS JOIN events e WHERE e.article_id = a.id" if by_publication
              else "FROM events e JOIN articles a ON a.id = e.article_id WHERE 1 = 1")
    return [_mention(r) for r in store.execute(f"{_COLUMNS}{joined}" + (f" AND {where}" if where else ""), args)]


def fits(m: Mention, ordinal: Optional[int], participants: frozenset, places: frozenset = frozenset()) -> bool:
    """Whether a mention may be the event of a cluster with this ordinal, these participants and places: no
    conflicting ordinal, no other place ("an attack on the port" in Varnsk is not one in Orsk), and a participant
    in common (for distinctive types, or none named on one side)."""
    if ordinal is not None and m.ordinal is not None and ordinal != m.ordinal:
        return False
    if m.place and places and m.place.lower() not in places:
        return False
    if m.participants & participants:
        return True
    return (not m.participants or not participants) and m.type in SOLO_LINKABLE


@dataclass
class Building:
    """A cluster while the rule runs: what later mentions are matched against."""

    id: str
    ordinal: Optional[int]
    participants: frozenset
    lo: str = ""
    hi: str = ""
    places: frozenset = frozenset()

    @classmethod
    def start(cls, m: Mention, window: tuple[str, str] = ("", "")) -> "Building":
        return cls(stable_id("evt_", m.article, m.id), m.ordinal, m.participants, *window, places=_places(m))

    def take(self, m: Mention, window: Optional[tuple[str, str]] = None) -> None:
        self.ordinal = self.ordinal if self.ordinal is not None else m.ordinal
        self.participants = self.participants | m.participants
        self.places = self.places | _places(m)
        if window:
            self.lo, self.hi = max(self.lo, window[0]), min(self.hi, window[1])


def _places(m: Mention) -> frozenset:
    return frozenset({m.place.lower()}) if m.place else frozenset()


def cluster_bucket(mentions: Iterable[Mention]) -> dict[tuple[str, str], str]:
    """Step 2: the dated mentions of one bucket, clustered in canonical order; mention key -> ledger event id."""
    built: list[Building] = []
    out = {}
    for m in sorted(mentions, key=lambda m: m.order):
        home = next((b for b in built if fits(m, b.ordinal, b.participants, b.places)), None)
        if home is None:
            built.append(home := Building.start(m))
        else:
            home.take(m)
        out[m.key] = home.id
    return out


@dataclass(frozen=True)
class Dated:
    """A dated cluster as an undated mention sees it: its date and its dated mentions' ordinal and participants."""

    id: str
    date: str
    ordinal: Optional[int]
    participants: frozenset
    order: tuple
    places: frozenset = frozenset()


def dated_clusters(mentions: Iterable[Mention]) -> list[Dated]:
    by_id: dict[str, list[Mention]] = {}
    for m in mentions:
        by_id.setdefault(m.stored, []).append(m)
    out = []
    for lid, ms in by_id.items():
        ms.sort(key=lambda m: m.order)
        out.append(Dated(lid, ms[0].date, next((m.ordinal for m in ms if m.ordinal is not None), None),
                         frozenset().union(*(m.participants for m in ms)), ms[0].order,
                         frozenset().union(*(_places(m) for m in ms))))
    return sorted(out, key=lambda d: d.order)


def _attach(m: Mention, dated: Sequence[Dated]) -> Optional[str]:
    lo, hi = m.window()
    fitting = [d for d in dated if lo <= d.date <= hi and fits(m, d.ordinal, d.participants, d.places)]
    fitting.sort(key=lambda d: d.date, reverse=True)  # stable: the canonical order among clusters of one date
    return fitting[0].id if fitting else None


class UndatedRun:
    """Steps 3 and 4 over undated mentions in canonical order, from clusters already ``opened``, fed a few days
    at a time.

    It stops at the first publication day after ``until`` + the window on which every mention of the
    window before it is where it was stored: the clusters still open are then what they were, and so is
    everything after (:meth:`feed` returns True).
    """

    def __init__(self, opened: list[Building], until: str):
        self.opened = opened
        self.until = day(until, UNDATED_WINDOW_DAYS)
        self.recent: list[Mention] = []  # the mentions of the last window, to see whether the run may stop
        self.out: dict[tuple[str, str], str] = {}

    def may_stop(self, at: str) -> bool:
        """Whether everything from day ``at`` on is as stored (see the class docstring)."""
        since = day(at, -UNDATED_WINDOW_DAYS)
        self.recent = [m for m in self.recent if m.published >= since]
        return at > self.until and all(self.out[m.key] == m.stored for m in self.recent)

    def feed(self, mentions: Sequence[Mention], dated: Sequence[Dated]) -> bool:
        for published, ms in itertools.groupby(mentions, key=lambda m: m.published):
            if self.may_stop(published):
                return True
            for m in ms:
                self.recent.append(m)
                self.out[m.key] = self._decide(m, dated)
        return False

    def _decide(self, m: Mention, dated: Sequence[Dated]) -> str:
        target = _attach(m, dated)
        if target is not None:
            return target
        window = m.window()
        self.opened[:] = [b for b in self.opened if b.hi >= window[0]]  # a cluster whose window has passed is closed
        home = next((b for b in self.opened if b.lo <= window[1] and window[0] <= b.hi
                     and fits(m, b.ordinal, b.participants, b.places)), None)
        if home is None:
            self.opened.append(home := Building.start(m, window))
        else:
            home.take(m, window)
        return home.id


def run_undated(tail: Sequence[Mention], opened: list[Building], dated: Sequence[Dated],
                until: str) -> dict[tuple[str, str], str]:
    """:class:`UndatedRun` over mentions all at hand (the rule as one function, for tests and rebuilding)."""
    run = UndatedRun(opened, until)
    run.feed(tail, dated)
    return run.out


def event_row(lid: str, members: Sequence[Mention]) -> tuple:
    """The ledger_events row of one cluster, from all its mentions."""
    dated = sorted((m for m in members if m.date), key=lambda m: m.order)
    ordered = dated + sorted((m for m in members if not m.date), key=lambda m: m.order)
    first = ordered[0]
    if dated:
        date, lo, hi = first.date, first.date, first.date
    elif first.kind == "undated":
        date = None
        lo, hi = day(max(m.published for m in members), -UNDATED_WINDOW_DAYS), min(m.published for m in members)
    else:
        date = lo = hi = None
    return (lid, first.type, first.modality, next((m.ordinal for m in ordered if m.ordinal is not None), None), date,
            lo, hi, next((m.place for m in ordered if m.place), None),
            json.dumps(sorted(set().union(*(m.participants for m in members))), ensure_ascii=False), first.text,
            len({m.article for m in members}))


@dataclass
class EventOutcome:
    links: dict[tuple[str, str], str] = field(default_factory=dict)  # every mention whose link was (re)decided
    changed: dict[tuple[str, str], str] = field(default_factory=dict)  # those whose link is not what it was


class EventLinks:
    """One batch's changes to the event side of the ledger, inside the write transaction."""

    def __init__(self, store):
        self.store = store
        self._previous: dict[tuple[str, str], str] = {}  # mention -> the ledger event it left
        self._pending: list[tuple] = []  # links decided, written in one batch before the next read needs them

    def apply(self, added: Sequence[Mention], removed: Sequence[Mention]) -> EventOutcome:
        out = EventOutcome()
        own = [m for m in added if m.kind == "own"]
        self._decide(own, {m.key: stable_id("evt_", m.article, m.id) for m in own}, out)
        buckets = {(m.type, m.modality, m.date) for m in [*added, *removed] if m.kind == "dated"}
        reach: dict[tuple[str, str], list[str]] = {}  # (type, modality) -> [earliest day, last day] touched
        stored = self._buckets(buckets)
        for etype, modality, date in sorted(buckets):
            members = stored.get((etype, modality, date), [])
            self._decide(members, cluster_bucket(members), out)
            self._reach(reach, (etype, modality), date, day(date, UNDATED_WINDOW_DAYS))
        for m in [*added, *removed]:
            if m.kind == "undated":
                self._reach(reach, (m.type, m.modality), m.published, m.published)
        for (etype, modality), (first, last) in sorted(reach.items()):
            self._undated(etype, modality, first, last, out)
        # the rows of the events whose mentions changed (joined, left, added, removed): the others are as they were
        self._flush()
        self._write_rows({*out.changed.values(), *self._previous.values(), *(m.stored for m in removed)})
        return out

    def _buckets(self, buckets: set) -> dict[tuple, list[Mention]]:
        """The stored mentions of these buckets (type, modality, date), read a few hundred dates at a time."""
        out: dict[tuple, list[Mention]] = {}
        dates = sorted({d for _, _, d in buckets})
        for i in range(0, len(dates), _CHUNK):
            part = dates[i:i + _CHUNK]
            for m in stored_mentions(self.store, f"e.date IN ({', '.join('?' for _ in part)})", part):
                if (m.type, m.modality, m.date) in buckets:
                    out.setdefault((m.type, m.modality, m.date), []).append(m)
        return out

    @staticmethod
    def _reach(reach: dict, kind: tuple, first: str, last: str) -> None:
        lo, hi = reach.get(kind, (first, last))
        reach[kind] = [min(lo, first), max(hi, last)]

    def _decide(self, members: Iterable[Mention], decided: dict, out: EventOutcome) -> None:
        for m in members:
            if m.key not in decided:
                continue
            out.links[m.key] = decided[m.key]
            if decided[m.key] != m.stored:
                out.changed[m.key] = decided[m.key]
                if m.stored:
                    self._previous[m.key] = m.stored
                self._pending.append((decided[m.key], *m.key))

    def _flush(self) -> None:
        self.store.executemany("UPDATE events SET ledger_event = ? WHERE article_id = ? AND id = ?", self._pending)
        self._pending = []

    def _undated(self, etype: str, modality: str, first: str, last: str, out: EventOutcome) -> None:
        """Steps 3 and 4 from ``first`` on, reading a few days at a time until the run may stop."""
        if modality != "happened":
            return  # a planned mention without a date is an event of its own
        self._flush()  # the dated clusters are read back below
        end = self.store.scalar("SELECT MAX(published) FROM articles") or first
        prefix = self._undated_between(etype, modality, day(first, -UNDATED_WINDOW_DAYS), first)
        run = UndatedRun(self._opened(prefix, first), last)
        lo = first
        while lo <= end and not run.may_stop(lo):
            hi = day(lo, _DAYS_READ)
            tail = self._undated_between(etype, modality, lo, hi)
            if not tail:
                lo = hi
                continue
            dated = dated_clusters(stored_mentions(self.store, "e.type = ? AND e.modality = ? AND e.date >= ? "
                                                   "AND e.date < ?", (etype, modality, day(lo, -UNDATED_WINDOW_DAYS), hi)))
            stopped = run.feed(tail, dated)
            self._decide(tail, run.out, out)
            if stopped:
                break
            lo = hi

    def _undated_between(self, etype: str, modality: str, lo: str, hi: str) -> list[Mention]:
        # (e.type || '') keeps SQLite from the type index: the events of each article are looked up by its id
        return sorted(stored_mentions(
            self.store, "a.published >= ? AND a.published < ? AND (e.type || '') = ? AND (e.modality || '') = ? "
            "AND e.date IS NULL", (lo, hi, etype, modality), by_publication=True), key=lambda m: m.order)

    def _opened(self, prefix: Sequence[Mention], first: str) -> list[Building]:
        """The clusters of undated mentions still open when ``first`` begins, as stored."""
        ids = sorted({m.stored for m in prefix if m.stored})
        rows = {}
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            rows.update({r["id"]: r for r in self.store.execute(
                f"SELECT id, date, date_to FROM ledger_events WHERE id IN ({', '.join('?' for _ in part)})", part)})
        opened: dict[str, Building] = {}
        for m in prefix:  # canonical order: the first member of a cluster comes first
            row = rows.get(m.stored)
            if row is None or row["date"] is not None or (row["date_to"] or "") < day(first, -UNDATED_WINDOW_DAYS):
                continue  # attached to a dated cluster, or closed before ``first``
            if m.stored in opened:
                opened[m.stored].take(m, m.window())
            else:
                opened[m.stored] = Building(m.stored, m.ordinal, m.participants, *m.window(), places=_places(m))
        return list(opened.values())

    def _write_rows(self, ids: Iterable[str]) -> None:
        ids = sorted(i for i in set(ids) if i)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            members: dict[str, list[Mention]] = {lid: [] for lid in part}
            for m in stored_mentions(self.store, f"e.ledger_event IN ({', '.join('?' for _ in part)})", part):
                members[m.stored].append(m)
            self.store.executemany("DELETE FROM ledger_events WHERE id = ?", [(lid,) for lid in part])
            self.store.executemany(
                "INSERT INTO ledger_events (id, type, modality, ordinal, date, date_from, date_to, place, "
                "participants, text, articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [event_row(lid, ms) for lid, ms in members.items() if ms])

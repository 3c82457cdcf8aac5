"""Which claims are one ledger claim: a rule over the *set* of stored claims, kept exact one claim at a time.

Every claim has a **block** (:mod:`.claim_keys`: what it counts, in which unit and place; or its wording; a
claim with neither, or without a day, is a block of its own; manual overrides change blocks, see
:mod:`.claim_overrides`).  Inside a block claims are taken in a canonical order (day, article id, span, id),
and a **ledger claim** is a maximal run of them in which each claim comes within ``LINK_DAYS`` days of the one
before (7 days for figures, so a count updated every few days stays one history; 30 for wording).  Its id
comes from its first claim (its **anchor**), and each claim's link reason names the rule that put it after
the claim before it ("same count of civilians killed in Tarvik within 1 day").

The outcome depends on the set alone (a run is cut exactly where two neighbours are more than the window
apart), and it stays local: a claim added or taken away changes at most the runs on either side of it.  So a
batch does not re-read blocks: it reads, once per chunk of blocks, the linked claims within the window of its
new claims (the only ones that can be their neighbours), links the new claims among them in memory, and
relabels a run in the store by one indexed ``UPDATE`` when an anchor appears, disappears or two runs join.  Rows of the ledger claims touched are then recomputed from their members
(:mod:`.claim_rows`).  :func:`rebuild_claims` derives everything from scratch: the reference the tests compare
incremental linking with, and how a store linked before claim linking existed is brought up to date.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from ..records import Record
from .claim_keys import claim_features, describe_key
from .claim_rows import write_ledger_claims
from .grouping import stable_id

__all__ = ["LINK_DAYS", "ROW_COLUMNS", "ClaimRow", "ClaimLinks", "stored_claims", "rebuild_claims", "claims_unlinked", "block_of",
           "load_overrides", "ledger_claim_id", "segments"]

#: Days a claim may come after the claim before it and still be the same claim, by the kind of its block.
LINK_DAYS = {"f": 7, "t": 30}
_DEFAULT_DAYS = 7
_CHUNK = 500
ROW_COLUMNS = ("article_id, id, start_char, end_char, quantity_start, claim_key, claim_day, quantity_counts, claim_block, "
            "ledger_claim, link_reason")
_ORDER = "claim_day, article_id, start_char, end_char, id"


@dataclass
class ClaimRow:
    """A stored claim as the linker sees it."""

    article: str
    id: str
    start: int
    end: int
    figure: Optional[int]  # where its figure starts (two figures of one clause are two claims of one span)
    key: Optional[str]
    day: Optional[int]
    counts: Optional[str] = None
    block: Optional[str] = None
    label: Optional[str] = None
    reason: Optional[str] = None

    @classmethod
    def of(cls, r: dict) -> "ClaimRow":
        return cls(r["article_id"], r["id"], r["start_char"], r["end_char"], r["quantity_start"], r["claim_key"],
                   r["claim_day"], r["quantity_counts"], r["claim_block"], r["ledger_claim"], r["link_reason"])

    @property
    def identity(self) -> str:
        """What names this claim through re-ingests: its article and span (and its figure's place in it)."""
        return f"{self.article}:{self.start}:{self.end}" + (f"+{self.figure}" if self.figure is not None else "")

    @property
    def order(self) -> tuple:
        return self.day or 0, self.article, self.start, self.end, self.id


def ledger_claim_id(row: ClaimRow) -> str:
    return stable_id("clm_", row.identity)


def window(block: str) -> int:
    return LINK_DAYS.get(block.split(":", 1)[0], _DEFAULT_DAYS)


def block_of(row: ClaimRow, splits: set, aliases: dict) -> str:
    """The block a claim belongs to: its key, unless split by hand or unkeyed, then followed through merges."""
    if row.identity in splits:
        block = "split:" + row.identity
    elif row.key is None or row.day is None:
        block = "solo:" + row.identity
    else:
        block = row.key
    seen = {block}
    while block in aliases and aliases[block] not in seen:
        block = aliases[block]
        seen.add(block)
    return block


def load_overrides(store) -> tuple[set, dict]:
    """(identities split by hand, block -> the block it was merged into)."""
    splits, aliases = set(), {}
    for r in store.execute("SELECT action, subject, target FROM claim_overrides ORDER BY created_at, id"):
        if r["action"] == "split":
            splits.add(r["subject"])
        else:
            aliases[r["subject"]] = r["target"]
    return splits, aliases


def link_reason(row: ClaimRow, before: Optional[ClaimRow], block: str) -> str:
    """Why ``row`` follows ``before`` in its ledger claim (``before`` None: it is the first)."""
    if before is None:
        kind = block.split(":", 1)[0]
        return {"split": "split by hand", "solo": "stands alone (no date, or nothing to compare it by)"}.get(
            kind, "first report")
    gap = (row.day or 0) - (before.day or 0)
    when = "on the same day" if gap == 0 else f"within {gap} day{'s' if gap != 1 else ''}"
    if row.key != block:
        return f"merged by hand, {when}"
    about = describe_key(block)
    if about["kind"] == "figure":
        unit = f" ({about['unit']})" if about["unit"] else ""
        place = f" in {about['place']}" if about["place"] else ""
        return f"same count of {row.counts or about['what']}{unit}{place} {when}"
    return f"same wording {when}"


def segments(rows: Sequence[ClaimRow], days: int) -> list[list[ClaimRow]]:
    """A block's claims in canonical order, cut wherever two neighbours are more than ``days`` apart."""
    out: list[list[ClaimRow]] = []
    for row in sorted(rows, key=lambda r: r.order):
        if out and (row.day or 0) - (out[-1][-1].day or 0) <= days:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def stored_claims(store, article_ids: Optional[Sequence[str]] = None) -> list[ClaimRow]:
    """The stored claims of these articles (all when None), as stored, links included."""
    if article_ids is None:
        return [ClaimRow.of(r) for r in store.execute(f"SELECT {ROW_COLUMNS} FROM claims")]
    out = []
    ids = list(article_ids)
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        out += [ClaimRow.of(r) for r in store.execute(
            f"SELECT {ROW_COLUMNS} FROM claims WHERE article_id IN ({', '.join('?' for _ in part)})", part)]
    return out


def claims_unlinked(store, batch: Iterable[str]) -> bool:
    """True when some stored claim outside ``batch`` has no block: written before claim linking, or without it."""
    batch = set(batch)
    rows = store.execute("SELECT DISTINCT article_id FROM claims WHERE claim_block IS NULL LIMIT ?", (len(batch) + 1,))
    return any(r["article_id"] not in batch for r in rows)


class ClaimLinks:
    """One batch's changes to the claim side of the ledger, inside the write transaction."""

    def __init__(self, store):
        self.store = store
        self.splits, self.aliases = load_overrides(store)
        self.touched: set[str] = set()  # ledger claims that lost members, joined others or were cut
        self.grown: dict[str, list[ClaimRow]] = {}  # ledger claim -> the members it gained
        self.reasons: dict[tuple[str, str], str] = {}  # (article, claim) -> its new link reason, not yet written

    def apply(self, article_ids: Sequence[str], removed: Sequence[ClaimRow]) -> set[str]:
        """Link the stored claims of ``article_ids`` (just written) after taking ``removed`` (their old rows,
        already deleted) out; returns the ledger claims whose rows were rewritten."""
        for r in sorted(removed, key=lambda r: (r.block or "", r.order)):
            if r.block is not None:
                self.touched.add(r.label)
                self._repair(r.block, r.order)
        self.add(stored_claims(self.store, article_ids))
        self.write()
        return self.touched | set(self.grown)

    def write(self) -> None:
        """The link reasons that changed, then the rows of the ledger claims this batch changed."""
        self.store.executemany("UPDATE claims SET link_reason = ? WHERE article_id = ? AND id = ?",
                               [(reason, article, cid) for (article, cid), reason in sorted(self.reasons.items())])
        self.reasons.clear()
        write_ledger_claims(self.store, self.touched, self.grown)

    def add(self, rows: Sequence[ClaimRow]) -> None:
        """Link claims whose rows are stored without a block (new, or taken out to be linked again).

        The linked claims that can be their neighbours (within the window of a block's new claims) are read
        once per chunk of blocks and kept in order in memory, new claims joining them as they are linked; only
        relabelling runs goes to the store claim by claim."""
        batch: dict[str, list[ClaimRow]] = {}
        for block, row in sorted(((block_of(r, self.splits, self.aliases), r) for r in rows),
                                 key=lambda pair: (pair[0], pair[1].order)):
            batch.setdefault(block, []).append(row)
        near = self._linked_near(batch)
        for block, new in batch.items():
            known = near.get(block, [])
            for row in new:
                k = bisect.bisect_left(known, row.order, key=lambda r: r.order)
                before, after = (known[k - 1] if k else None), (known[k] if k < len(known) else None)
                if before is not None and (row.day or 0) - (before.day or 0) <= window(block):
                    row.label = before.label
                else:
                    row.label, before = ledger_claim_id(row), None
                row.block, row.reason = block, link_reason(row, before, block)
                known.insert(k, row)
                self.grown.setdefault(row.label, []).append(row)
                if after is not None:
                    self._follow(block, after, row, known)
        # the new claims' own rows in one statement: the relabelling above only reached linked rows after them
        self.store.executemany("UPDATE claims SET claim_block = ?, ledger_claim = ?, link_reason = ? "
                               "WHERE article_id = ? AND id = ?",
                               [(r.block, r.label, r.reason, r.article, r.id) for r in rows])

    def _linked_near(self, batch: dict[str, list[ClaimRow]]) -> dict[str, list[ClaimRow]]:
        """Per block, its linked claims dated within the window of the batch's first and last claim of it, in
        order: a claim further away can neither join a new claim's run nor be cut from it."""
        out: dict[str, list[ClaimRow]] = {}
        spans = [(block, (new[0].day or 0) - window(block), (new[-1].day or 0) + window(block))
                 for block, new in sorted(batch.items())]
        for i in range(0, len(spans), 100):
            part = spans[i:i + 100]
            where = " OR ".join("(claim_block = ? AND claim_day BETWEEN ? AND ?)" for _ in part)
            for r in self.store.execute(f"SELECT {ROW_COLUMNS} FROM claims WHERE {where}",
                                        [x for span in part for x in span]):
                out.setdefault(r["claim_block"], []).append(self._current(ClaimRow.of(r)))
        for known in out.values():
            known.sort(key=lambda r: r.order)
        return out

    def take_out(self, rows: Sequence[ClaimRow]) -> None:
        """Unlink stored claims (to link them again under changed overrides), repairing what they leave."""
        for r in rows:
            self.store.execute("UPDATE claims SET claim_block = NULL, ledger_claim = NULL, link_reason = NULL "
                               "WHERE article_id = ? AND id = ?", (r.article, r.id))
        for r in sorted(rows, key=lambda r: (r.block or "", r.order)):
            if r.block is not None:
                self.touched.add(r.label)
                self._repair(r.block, r.order)
        for r in rows:
            r.block = r.label = r.reason = None

    # -- the neighbourhood of one position -------------------------------------------------------------
    def _neighbour(self, block: str, order: tuple, side: str) -> Optional[ClaimRow]:
        desc = " DESC" if side == "<" else ""
        rows = self.store.execute(
            f"SELECT {ROW_COLUMNS} FROM claims WHERE claim_block = ? AND ({_ORDER}) {side} (?, ?, ?, ?, ?) "
            f"ORDER BY {', '.join(c.strip() + desc for c in _ORDER.split(','))} LIMIT 1", (block, *order))
        return self._current(ClaimRow.of(rows[0])) if rows else None

    def _current(self, row: ClaimRow) -> ClaimRow:
        """A stored row with the link reason this batch gave it and has not written yet."""
        row.reason = self.reasons.get((row.article, row.id), row.reason)
        return row

    def _repair(self, block: str, order: tuple) -> None:
        """Make the labels right where a claim at ``order`` was taken out of ``block``."""
        after = self._neighbour(block, order, ">")
        if after is not None:
            self._follow(block, after, self._neighbour(block, order, "<"))

    def _follow(self, block: str, row: ClaimRow, before: Optional[ClaimRow],
                known: Optional[list[ClaimRow]] = None) -> None:
        """``row`` now comes right after ``before`` (None: first in its block): its run, label and reason.
        ``known``: the block's claims held in memory, relabelled with the store."""
        if before is not None and (row.day or 0) - (before.day or 0) <= window(block):
            if row.label != before.label:  # two runs joined: the later takes the earlier's id
                self.store.execute("UPDATE claims SET ledger_claim = ? WHERE ledger_claim = ?", (before.label, row.label))
                self.touched |= {row.label, before.label}
                _relabel(known, row.label, before.label)
            reason = link_reason(row, before, block)
        else:
            target = ledger_claim_id(row)
            if row.label != target:  # it begins a run now: it and what follows it in its run take its id
                self.store.execute(f"UPDATE claims SET ledger_claim = ? WHERE ledger_claim = ? AND ({_ORDER}) >= "
                                   "(?, ?, ?, ?, ?)", (target, row.label, *row.order))
                self.touched |= {row.label, target}
                _relabel(known, row.label, target, since=row.order)
            reason = link_reason(row, None, block)
        if reason != row.reason:
            row.reason = reason
            self.reasons[(row.article, row.id)] = reason  # written by :meth:`write`: nothing else reads it


def _relabel(known: Optional[list[ClaimRow]], old: str, new: str, since: Optional[tuple] = None) -> None:
    """The same relabelling on the claims held in memory (all of a run, or its part from ``since`` on)."""
    for r in known or ():
        if r.label == old and r.block is not None and (since is None or r.order >= since):
            r.label = new


def rebuild_claims(store, features: bool = True) -> None:
    """Derive the claim side of the ledger from scratch, inside the caller's transaction.

    ``features``: first recompute every claim's key, day, side and bounds from the stored records (a store
    written before claim linking has none).
    """
    if features:
        _recompute_features(store)
    splits, aliases = load_overrides(store)
    store.execute("DELETE FROM ledger_claims")
    rows = stored_claims(store)
    updates, labels = [], set()
    by_block = {}
    for row in rows:
        by_block.setdefault(block_of(row, splits, aliases), []).append(row)
    for block, members in by_block.items():
        for run in segments(members, window(block)):
            label = ledger_claim_id(run[0])
            labels.add(label)
            for before, row in zip([None, *run[:-1]], run):
                updates.append((block, label, link_reason(row, before, block), row.article, row.id))
    store.execute("UPDATE claims SET claim_block = NULL, ledger_claim = NULL, link_reason = NULL")
    store.executemany("UPDATE claims SET claim_block = ?, ledger_claim = ?, link_reason = ? "
                      "WHERE article_id = ? AND id = ?", updates)
    write_ledger_claims(store, labels)


def _recompute_features(store) -> None:
    ids = [r["id"] for r in store.execute("SELECT id FROM articles ORDER BY id")]
    for part in _parts(ids):
        rows = store.execute(f"SELECT record FROM articles WHERE id IN ({', '.join('?' for _ in part)})", part)
        updates = []
        for raw in rows:
            data = json.loads(raw["record"]) if raw["record"] else {}
            if not data.get("claims"):
                continue
            record = Record.from_dict(data)
            for c in record.claims:
                q = c.quantity
                updates.append((*claim_features(c, record), q.unit if q else None, q.high if q else None,
                                q.span[0] if q and q.span else None, record.id, c.id))
        store.executemany("UPDATE claims SET claim_key = ?, claim_day = ?, side = ?, figure_low = ?, figure_high = ?, "
                          "quantity_unit = ?, quantity_high = ?, quantity_start = ? WHERE article_id = ? AND id = ?",
                          updates)


def _parts(items: list) -> Iterable[list]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]

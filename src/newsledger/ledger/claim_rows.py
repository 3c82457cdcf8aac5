"""The row of each ledger claim: its first appearance, its counts, and whether its figures are contested or a history.

Computed from the claim's members (their figures with bounds, days and sides, see :mod:`.claim_keys`):

- **contested**: two members from different sides, reported within ``CONTEST_DAYS`` days of each other, whose
  figures' bounds do not meet ("41 civilians killed" against "no more than 9");
- **history**: one side's figure changes from one day to a later one (a count updated: 12, then 19, then 27
  dead), which is shown as the figure's history, not as a contradiction.

A ledger claim whose members only grew is updated from the new members alone (each new member compared with
the others in its window, or of its side); one that lost members, joined another or was cut is recomputed
from all its members.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from .claim_keys import day_text, describe_key

__all__ = ["CONTEST_DAYS", "write_ledger_claims", "contested_pairs_sql"]

#: Days within which two sides' disagreeing figures contest each other.
CONTEST_DAYS = 3
_CHUNK = 500

#: Pairs of members (a, b) of one ledger claim whose figures contest each other (``b`` restricted by the caller).
contested_pairs_sql = (
    "FROM claims a JOIN claims b ON b.ledger_claim = a.ledger_claim AND b.claim_day >= a.claim_day - {days} "
    "AND b.claim_day <= a.claim_day + {days} AND b.side <> a.side "
    "AND (b.figure_low > a.figure_high OR a.figure_low > b.figure_high)").format(days=CONTEST_DAYS)
_HISTORY_PAIRS = ("FROM claims a JOIN claims b ON b.ledger_claim = a.ledger_claim AND b.side = a.side "
                  "AND b.claim_day <> a.claim_day AND b.quantity_value <> a.quantity_value")
_STATS = ("SELECT ledger_claim, COUNT(*) AS claims, COUNT(DISTINCT article_id) AS articles, "
          "COUNT(DISTINCT side) AS sources, MIN(claim_day) AS first, MAX(claim_day) AS last, "
          "MIN(quantity_value) AS low, MAX(coalesce(quantity_high, quantity_value)) AS high FROM claims ")
_ANCHORS = ("SELECT * FROM (SELECT ledger_claim, article_id, id, text, claim_block, quantity_counts, quantity_unit, "
            "ROW_NUMBER() OVER (PARTITION BY ledger_claim ORDER BY claim_day, article_id, start_char, end_char, id) AS n "
            "FROM claims WHERE ledger_claim IN ({marks})) AS ranked WHERE n = 1")


def _marks(items: Sequence) -> str:
    return ", ".join("?" for _ in items)


def _labels_with_pairs(store, pairs_sql: str, labels: Sequence[str]) -> set[str]:
    """The ledger claims among ``labels`` that have such a pair among all their members."""
    return {r["ledger_claim"] for r in store.execute(
        f"SELECT DISTINCT a.ledger_claim AS ledger_claim {pairs_sql} WHERE a.ledger_claim IN ({_marks(labels)})",
        labels)}


def _labels_with_new_pairs(store, pairs_sql: str, grown: dict) -> set[str]:
    """The ledger claims of ``grown`` (label -> members it gained) with such a pair one of its new members is in."""
    wanted = {(label, m.article, m.id) for label, members in grown.items() for m in members}
    found: set[str] = set()
    members = sorted({(m.article, m.id) for ms in grown.values() for m in ms})
    for i in range(0, len(members), _CHUNK):
        part = members[i:i + _CHUNK]
        rows = store.execute(
            f"SELECT DISTINCT a.ledger_claim AS ledger_claim, a.article_id AS article_id, a.id AS id {pairs_sql} "
            f"WHERE (a.article_id, a.id) IN ({', '.join('(?, ?)' for _ in part)})", [x for m in part for x in m])
        found |= {r["ledger_claim"] for r in rows if (r["ledger_claim"], r["article_id"], r["id"]) in wanted}
    return found


def _flags(store, fresh: Sequence[str], grown: dict) -> dict[str, tuple[int, int]]:
    """(contested, history) of each ledger claim: from all its members for ``fresh`` labels, from its new members
    for ``grown`` ones (a grown one's earlier flags are added by the caller)."""
    contested = _labels_with_pairs(store, contested_pairs_sql, fresh) if fresh else set()
    history = _labels_with_pairs(store, _HISTORY_PAIRS, fresh) if fresh else set()
    contested |= _labels_with_new_pairs(store, contested_pairs_sql, grown)
    history |= _labels_with_new_pairs(store, _HISTORY_PAIRS, grown)
    return {label: (int(label in contested), int(label in history)) for label in [*fresh, *grown]}


def write_ledger_claims(store, dirty: Iterable[str], grown: dict | None = None) -> None:
    """Rewrite the rows of ledger claims: ``dirty`` ones from all their members, ``grown`` ones (label -> the
    members they gained, nothing else changed) from their row and the new members; gone ones are deleted.
    A chunk of ledger claims takes a few statements, however many claims it holds (one round trip each on
    PostgreSQL)."""
    grown = {k: v for k, v in (grown or {}).items() if k not in set(dirty)}
    labels = sorted({*dirty, *grown} - {None})
    for i in range(0, len(labels), _CHUNK):
        part = labels[i:i + _CHUNK]
        stats = {r["ledger_claim"]: r for r in store.execute(
            _STATS + f"WHERE ledger_claim IN ({_marks(part)}) GROUP BY ledger_claim", part)}
        rows = {r["id"]: r for r in store.execute(f"SELECT * FROM ledger_claims WHERE id IN ({_marks(part)})", part)}
        updated = {label: grown[label] for label in part if label in stats and label in grown and label in rows}
        written = [label for label in part if label in stats and label not in updated]
        flags = _flags(store, [label for label in written if label not in grown],
                       {**updated, **{label: grown[label] for label in written if label in grown}})
        store.executemany("DELETE FROM ledger_claims WHERE id = ?", [(label,) for label in part if label not in updated])
        store.executemany("UPDATE ledger_claims SET first_day = ?, last_day = ?, claims = ?, articles = ?, "
                          "sources = ?, low = ?, high = ?, contested = ?, history = ? WHERE id = ?",
                          [(*_counts(stats[label]), *_or_flags(flags[label], rows[label]), label) for label in updated])
        anchors = _anchors(store, written)
        store.executemany("INSERT INTO ledger_claims (id, block, kind, text, article_id, claim_id, counts, unit, place, "
                          "first_day, last_day, claims, articles, sources, low, high, contested, history) "
                          f"VALUES ({_marks(range(18))})",
                          [_new_row(label, anchors[label], stats[label], flags[label]) for label in written])


def _or_flags(flags: tuple[int, int], row: dict) -> tuple[int, int]:
    return int(bool(flags[0] or row.get("contested"))), int(bool(flags[1] or row.get("history")))


def _anchors(store, labels: Sequence[str]) -> dict[str, dict]:
    """Each ledger claim's first member in canonical order (its text and key describe the ledger claim)."""
    if not labels:
        return {}
    return {r["ledger_claim"]: r for r in store.execute(_ANCHORS.format(marks=_marks(labels)), labels) if r["n"] == 1}


def _counts(s: dict) -> tuple:
    return (day_text(s["first"]), day_text(s["last"]), s["claims"], s["articles"], s["sources"], s["low"], s["high"])


def _new_row(label: str, anchor: dict, stats: dict, flags: tuple[int, int]) -> tuple:
    about = describe_key(anchor["claim_block"])
    return (label, anchor["claim_block"], about["kind"], anchor["text"], anchor["article_id"], anchor["id"],
            anchor["quantity_counts"] if about["kind"] == "figure" else None, anchor["quantity_unit"], about["place"],
            *_counts(stats), *flags)

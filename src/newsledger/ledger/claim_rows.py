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
_ANCHOR = ("SELECT article_id, id, text, claim_block, quantity_counts, quantity_unit FROM claims WHERE ledger_claim = ? "
           "ORDER BY claim_day, article_id, start_char, end_char, id LIMIT 1")


def _marks(items: Sequence) -> str:
    return ", ".join("?" for _ in items)


def _exists(store, sql: str, args: Sequence) -> int:
    return 1 if store.execute(f"SELECT 1 {sql} LIMIT 1", args) else 0


def _flags_of_all(store, label: str) -> tuple[int, int]:
    return (_exists(store, contested_pairs_sql + " WHERE a.ledger_claim = ?", (label,)),
            _exists(store, _HISTORY_PAIRS + " WHERE a.ledger_claim = ?", (label,)))


def _flags_of_new(store, label: str, members: Sequence, before: dict) -> tuple[int, int]:
    """The flags of a ledger claim that only gained ``members``: what it had, or a pair one of them is in."""
    contested, history = int(before.get("contested") or 0), int(before.get("history") or 0)
    for i in range(0, len(members), _CHUNK):
        part = members[i:i + _CHUNK]
        where = (f" WHERE a.ledger_claim = ? AND (a.article_id, a.id) IN "
                 f"({', '.join('(?, ?)' for _ in part)})")
        args = [label, *(x for m in part for x in (m.article, m.id))]
        contested = contested or _exists(store, contested_pairs_sql + where, args)
        history = history or _exists(store, _HISTORY_PAIRS + where, args)
    return contested, history


def write_ledger_claims(store, dirty: Iterable[str], grown: dict | None = None) -> None:
    """Rewrite the rows of ledger claims: ``dirty`` ones from all their members, ``grown`` ones (label -> the
    members they gained, nothing else changed) from their row and the new members; gone ones are deleted."""
    grown = {k: v for k, v in (grown or {}).items() if k not in set(dirty)}
    labels = sorted({*dirty, *grown} - {None})
    for i in range(0, len(labels), _CHUNK):
        part = labels[i:i + _CHUNK]
        stats = {r["ledger_claim"]: r for r in store.execute(
            _STATS + f"WHERE ledger_claim IN ({_marks(part)}) GROUP BY ledger_claim", part)}
        rows = {r["id"]: r for r in store.execute(f"SELECT * FROM ledger_claims WHERE id IN ({_marks(part)})", part)}
        for label in part:
            if label not in stats:
                store.execute("DELETE FROM ledger_claims WHERE id = ?", (label,))
            elif label in grown and label in rows:
                _update_grown(store, label, stats[label], rows[label], grown[label])
            else:
                _write_row(store, label, stats[label], grown.get(label))


def _counts(s: dict) -> tuple:
    return (day_text(s["first"]), day_text(s["last"]), s["claims"], s["articles"], s["sources"], s["low"], s["high"])


def _update_grown(store, label: str, stats: dict, row: dict, members: Sequence) -> None:
    contested, history = _flags_of_new(store, label, members, row)
    store.execute("UPDATE ledger_claims SET first_day = ?, last_day = ?, claims = ?, articles = ?, sources = ?, "
                  "low = ?, high = ?, contested = ?, history = ? WHERE id = ?",
                  (*_counts(stats), contested, history, label))


def _write_row(store, label: str, stats: dict, members) -> None:
    anchor = store.execute(_ANCHOR, (label,))[0]
    about = describe_key(anchor["claim_block"])
    contested, history = (_flags_of_new(store, label, members, {}) if members is not None
                          else _flags_of_all(store, label))
    values = (label, anchor["claim_block"], about["kind"], anchor["text"], anchor["article_id"], anchor["id"],
              anchor["quantity_counts"] if about["kind"] == "figure" else None, anchor["quantity_unit"], about["place"],
              *_counts(stats), contested, history)
    store.execute("DELETE FROM ledger_claims WHERE id = ?", (label,))
    store.execute("INSERT INTO ledger_claims (id, block, kind, text, article_id, claim_id, counts, unit, place, first_day, "
                  f"last_day, claims, articles, sources, low, high, contested, history) VALUES ({_marks(values)})", values)

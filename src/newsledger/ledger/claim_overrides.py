"""Manual corrections of the claim ledger, kept in ``claim_overrides`` and honoured by every later ingest.

- **split** a claim (``ARTICLE_ID/CLAIM_ID``) out of its ledger claim: it stands alone from then on (its
  identity, the article and its span, is remembered, so a re-ingest keeps it apart);
- **merge** ledger claim OTHER into KEEP: claims keyed as OTHER's are keyed as KEEP's from then on (its block
  is joined to KEEP's), so later reports of what OTHER counts join KEEP too.  The time rule still holds: reports
  more than the window apart stay apart, and a merge that would not join the two is refused.  Merging a
  claim split by hand back into a ledger claim undoes the split.
"""

from __future__ import annotations

import datetime as dt
import json

from ..errors import NewsledgerError
from .claim_links import ROW_COLUMNS as _COLUMNS
from .claim_links import ClaimLinks, ClaimRow, stored_claims, window
from .grouping import stable_id

__all__ = ["ClaimLedgerError", "split_claim", "merge_claims"]


class ClaimLedgerError(NewsledgerError):
    code = "ledger"


def _claim(store, ref: str) -> ClaimRow:
    article, sep, claim = (ref or "").partition("/")
    rows = store.execute(f"SELECT {_COLUMNS} FROM claims WHERE article_id = ? AND id = ?", (article, claim)) if sep else []
    if not rows:
        raise ClaimLedgerError(f"no claim {ref!r} (give ARTICLE_ID/CLAIM_ID as 'newsledger claims' shows it)")
    return ClaimRow.of(rows[0])


def _anchor(store, ref: str) -> ClaimRow:
    """The first claim of the ledger claim ``ref`` (a ``clm_`` id, or a claim of it)."""
    if "/" in (ref or ""):
        ref = _claim(store, ref).label or ""
    rows = store.execute(f"SELECT {_COLUMNS} FROM claims WHERE ledger_claim = ? "
                         "ORDER BY claim_day, article_id, start_char, end_char, id LIMIT 1", (ref,))
    if not rows:
        raise ClaimLedgerError(f"no ledger claim {ref!r}")
    return ClaimRow.of(rows[0])


def _record(store, action: str, subject: str, target, detail: dict) -> None:
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    store.execute("INSERT INTO claim_overrides (id, action, subject, target, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  (stable_id("cov_", action, subject, target or "", now), action, subject, target,
                   json.dumps(detail, ensure_ascii=False), now))


def _relink(store, rows: list[ClaimRow]) -> None:
    links = ClaimLinks(store)
    links.take_out(rows)
    links.add(rows)
    links.write()


def _row(store, label: str) -> dict:
    return store.execute("SELECT * FROM ledger_claims WHERE id = ?", (label,))[0]


def split_claim(store, ref: str) -> dict:
    """Take the claim ``ref`` out of its ledger claim for good; returns the ledger claim it now is."""
    row = _claim(store, ref)
    if (row.block or "").startswith("split:"):
        raise ClaimLedgerError(f"{ref} is already split from the others")
    with store.transaction():
        store.execute("DELETE FROM claim_overrides WHERE action = 'merge' AND subject = ?", ("split:" + row.identity,))
        _record(store, "split", row.identity, None, {"claim": ref, "ledger_claim": row.label})
        _relink(store, [row])
    return _row(store, _claim(store, ref).label)


def merge_claims(store, keep_ref: str, other_ref: str) -> dict:
    """Join the ledger claim ``other_ref`` into ``keep_ref`` (ids or claims of them); returns the joined one."""
    keep, other = _anchor(store, keep_ref), _anchor(store, other_ref)
    if keep.label == other.label:
        raise ClaimLedgerError(f"{keep_ref} and {other_ref} are already one ledger claim ({keep.label})")
    if keep.block == other.block:
        raise ClaimLedgerError(f"{keep.label} and {other.label} are reports of one count more than "
                               f"{window(keep.block)} days apart: the ledger keeps those apart")
    with store.transaction():
        _record(store, "merge", other.block, keep.block, {"keep": keep.label, "other": other.label})
        rows = [ClaimRow.of(r) for r in store.execute(f"SELECT {_COLUMNS} FROM claims WHERE claim_block = ?",
                                                      (other.block,))]
        _relink(store, rows)
        joined = {r.label for r in stored_claims(store, [keep.article, other.article])
                  if (r.article, r.id) in ((keep.article, keep.id), (other.article, other.id))}
        if len(joined) != 1:
            raise ClaimLedgerError(f"{keep.label} and {other.label} were reported more than {window(keep.block)} days "
                                   "apart: the ledger keeps those apart, even by hand")
        label = joined.pop()
    return _row(store, label)

"""A canonical dump of a whole store, to prove two runs left the same store.

Every table of the schema, every row, every column (ids included), in a canonical row order, with
the SQLite full-text tables as their text.  Left out are only the columns that say *when* something
was written, not *what*: ``articles.ingested_at``, ``ledger_entities.updated_at``,
``ledger_overrides.created_at``, ``claim_overrides.created_at``, ``claim_reviews.reviewed_at`` and
``migrations.applied_at`` (wall-clock times differ between any two runs), and SQLite's implicit ``rowid`` (an insertion counter: the full-text rows are dumped by
content instead).  Used by the determinism tests and ``benchmarks/soak.py``.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["WALL_CLOCK", "dump_store", "dump_difference"]

#: Columns holding the time a row was written (excluded from dumps).
WALL_CLOCK = {
    "articles": ("ingested_at",),
    "ledger_entities": ("updated_at",),
    "ledger_overrides": ("created_at",),
    "claim_overrides": ("created_at",),
    "claim_reviews": ("reviewed_at",),
    "migrations": ("applied_at",),
}


def _tables(store) -> list[str]:
    if store.dialect == "sqlite":
        rows = store.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                             "AND name NOT LIKE '%_fts_%'")
    else:
        rows = store.execute("SELECT table_name AS name FROM information_schema.tables "
                             "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
    return sorted(r["name"] for r in rows)


def _canonical(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def dump_store(store) -> dict[str, list[str]]:
    """table -> its rows as canonical JSON strings, sorted (see the module docstring for what is left out)."""
    out: dict[str, list[str]] = {}
    for table in _tables(store):
        skip = set(WALL_CLOCK.get(table, ()))
        rows = store.execute(f"SELECT * FROM {table}")
        out[table] = sorted(
            json.dumps({k: _canonical(v) for k, v in row.items() if k not in skip}, sort_keys=True, ensure_ascii=False)
            for row in rows)
    return out


def dump_difference(a: dict[str, list[str]], b: dict[str, list[str]], most: int = 3) -> str:
    """A short account of how two dumps differ ("" when they are equal)."""
    lines = []
    for table in sorted(set(a) | set(b)):
        left, right = set(a.get(table, [])), set(b.get(table, []))
        if left == right and len(a.get(table, [])) == len(b.get(table, [])):
            continue
        lines.append(f"{table}: {len(a.get(table, []))} vs {len(b.get(table, []))} rows, "
                     f"{len(left - right)} only in the first, {len(right - left)} only in the second")
        lines += [f"  - {row[:300]}" for row in sorted(left - right)[:most]]
        lines += [f"  + {row[:300]}" for row in sorted(right - left)[:most]]
    return "\n".join(lines)

"""Pages and keyset cursors of the query layer (see :mod:`newsledger.store.queries`).

A cursor is the ordering key of the last row shown, encoded as an opaque URL-safe string; the
next page is the rows after that key in an :class:`Order`.  NULLs sort first ascending and last
descending on both engines, and a cursor carries NULL as null.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any, Optional, Sequence

from ..errors import QueryError
from ..lexicon.names import fold

__all__ = ["Page", "Order", "encode_cursor", "decode_cursor", "page_of", "check_limit", "limit_sql", "where_sql",
           "like_pattern"]


class Page(list):
    """Rows of one page; ``next`` is the cursor of the page after it (None on the last page)."""

    def __init__(self, rows: Sequence[dict] = (), next: Optional[str] = None, limit: Optional[int] = None):
        super().__init__(rows)
        self.next = next
        self.limit = limit


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: Optional[str], arity: int) -> Optional[list]:
    """The key values a cursor carries, or None for no cursor; QueryError when it was not made here."""
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise QueryError("malformed pagination cursor (after=)") from None
    if not isinstance(values, list) or len(values) != arity or not all(
            v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool)) for v in values):
        raise QueryError("malformed pagination cursor (after=)")
    return values


class Order:
    """A total order: ``(sql, descending, nullable)`` per column, and its cursor condition."""

    def __init__(self, *columns: tuple[str, bool, bool]):
        self.columns = columns

    def sql(self) -> str:
        out = []
        for expr, desc, nullable in self.columns:
            nulls = (" NULLS LAST" if desc else " NULLS FIRST") if nullable else ""
            out.append(f"{expr}{' DESC' if desc else ''}{nulls}")
        return ", ".join(out)

    def after(self, values: Sequence[Any]) -> tuple[str, list]:
        """``(condition, args)`` for the rows that come after the row with key ``values``."""
        terms, args = [], []
        for i, (expr, desc, _) in enumerate(self.columns):
            parts, part_args = [], []
            for (prev, _, _), v in zip(self.columns[:i], values[:i]):
                parts.append(f"{prev} IS NULL" if v is None else f"{prev} = ?")
                part_args += [] if v is None else [v]
            v = values[i]
            if v is None:
                if desc:
                    continue  # NULLs come last in descending order: nothing but NULLs after them
                parts.append(f"{expr} IS NOT NULL")
            else:
                parts.append(f"({expr} < ? OR {expr} IS NULL)" if desc else f"{expr} > ?")
                part_args.append(v)
            terms.append("(" + " AND ".join(parts) + ")")
            args += part_args
        return ("(" + " OR ".join(terms) + ")" if terms else "1 = 0"), args


def page_of(rows: list[dict], limit: Optional[int], key) -> Page:
    if limit is None or len(rows) <= limit:
        return Page(rows, None, limit)
    rows = rows[:limit]
    return Page(rows, encode_cursor(key(rows[-1])), limit)


def check_limit(limit: Optional[int]) -> Optional[int]:
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise QueryError(f"limit must be a positive whole number, not {limit!r}")
    return limit


def limit_sql(limit: Optional[int]) -> tuple[str, list]:
    return ("", []) if limit is None else (" LIMIT ?", [limit + 1])


def where_sql(conds: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conds) if conds else ""


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching ``text`` anywhere, folded to lower case."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", fold(text)) + "%"

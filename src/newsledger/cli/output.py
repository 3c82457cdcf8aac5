"""Rows out: table, JSON or CSV, as sqlite-utils prints query results.

An empty result prints ``no matches`` on stderr (so a pipe stays clean): nothing on stdout for a
table, ``[]`` for JSON, the header for CSV.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Optional, Sequence, TextIO

import click

from ..store.export import csv_text

__all__ = ["emit", "FORMATS", "format_option", "cell_text"]

FORMATS = ("table", "json", "csv")


def format_option(default: str = "table"):
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
        help="Output format: an aligned table, a JSON array, or CSV with a header.",
    )


def cell_text(value: Any) -> str:
    """A value as table text: lists comma-joined, objects as JSON, a whole number without ".0",
    whitespace runs as one space."""
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        text = ", ".join("" if v is None else str(v) for v in value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return " ".join(text.split())


def _cell(value: Any, width: int) -> str:
    text = cell_text(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(rows: Sequence[dict[str, Any]], fmt: str, out: Optional[TextIO] = None,
         columns: Optional[Sequence[str]] = None, width: int = 60) -> None:
    out = out or sys.stdout
    columns = list(columns or (rows[0].keys() if rows else []))
    if not rows:
        click.echo("no matches", err=True)
    if fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        if columns:
            out.write(csv_text(rows, columns))
    elif rows:
        cells = [[_cell(r.get(c), width) for c in columns] for r in rows]
        widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]

        def line(values: Sequence[str]) -> str:
            return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip() + "\n"

        out.write(line(columns))
        out.write(line(["-" * w for w in widths]))
        for row in cells:
            out.write(line(row))

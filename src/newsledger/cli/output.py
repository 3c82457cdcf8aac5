"""Rows out: table, JSON or CSV, as sqlite-utils prints query results."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Optional, Sequence, TextIO

import click

__all__ = ["emit", "FORMATS", "format_option"]

FORMATS = ("table", "json", "csv")


def format_option(default: str = "table"):
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
        help="Output format.",
    )


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else (json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(rows: Sequence[dict[str, Any]], fmt: str, out: Optional[TextIO] = None,
         columns: Optional[Sequence[str]] = None, width: int = 60) -> None:
    out = out or sys.stdout
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({c: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for c, v in r.items()})
    else:
        cells = [[_cell(r.get(c), width) for c in columns] for r in rows]
        widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
        line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
        out.write(line(columns) + "\n")
        out.write(line(["-" * w for w in widths]) + "\n")
        for row in cells:
            out.write(line(row) + "\n")

"""Exports for other tools: JSONL records, CSV or Parquet tables, schema.org ClaimReview JSON-LD.

Tables are streamed in chunks of rows, so exporting a large store does not
hold it in memory (the Parquet writer appends one row group per chunk).
"""

from __future__ import annotations

import csv
import io
import json
import pathlib
from typing import Any, Iterator, Sequence

from ..errors import ConfigError

__all__ = ["export", "TABLES", "claim_reviews", "csv_text"]

#: Exported tables and their columns (the internal JSON copy of each record is left out).
TABLES: dict[str, str] = {
    "articles": "id, source, url, title, author, publisher, published, published_from, format, text, topics, "
                "pipeline_version, model",
    "quotes": "article_id, id, kind, text, start_char, end_char, speaker_name, speaker_mention, speaker_role, cue, "
              "continues, confidence, speaker_entity",
    "claims": "article_id, id, text, start_char, end_char, status, source_name, quantity_value, quantity_bound, "
              "quantity_counts, time_id, time_value, evidence, source_entity",
    "times": "article_id, id, text, start_char, end_char, type, value",
    "entities": "article_id, id, name, type, aliases, roles, ledger_entity, link_reason",
    "events": "article_id, id, text, start_char, end_char, type, date, place, modality, ordinal, participants, "
              "ledger_event",
    "ledger_entities": "id, name, type, aliases, roles, articles",
    "ledger_events": "id, type, modality, ordinal, date, date_from, date_to, place, participants, text, articles",
}
_CHUNK = 5000


def _chunks(store, table: str) -> Iterator[list[dict[str, Any]]]:
    key = "article_id, id" if "article_id" in TABLES[table] else "id"
    offset = 0
    while True:
        rows = store.execute(f"SELECT {TABLES[table]} FROM {table} ORDER BY {key} LIMIT ? OFFSET ?", (_CHUNK, offset))
        if not rows:
            return
        yield rows
        offset += len(rows)


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV with a header of ``columns``; lists and objects as JSON (the CLI and the web's downloads)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: (json.dumps(r.get(c), ensure_ascii=False) if isinstance(r.get(c), (list, dict)) else r.get(c))
                         for c in columns})
    return buffer.getvalue()


def export(store, fmt: str, output: str) -> str:
    """Write the store in ``fmt`` to ``output``; returns a short description of what was written.

    A file or folder that cannot be written is a ConfigError naming it (one line, no traceback).
    """
    try:
        return _export(store, fmt, pathlib.Path(output))
    except OSError as exc:
        where = exc.filename or output
        raise ConfigError(f"cannot write {where}: {exc.strerror or exc}") from None


def _export(store, fmt: str, out: pathlib.Path) -> str:
    if fmt == "jsonl":
        n = 0
        with out.open("w", encoding="utf-8") as f:
            for record in store.records():
                f.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                n += 1
        return f"{n} records to {out}"
    if fmt == "claimreview":
        reviews = list(claim_reviews(store))
        out.write_text(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return f"{len(reviews)} ClaimReview items to {out}"
    if fmt not in ("csv", "parquet"):
        raise ConfigError(f"unknown export format {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        counts[table] = (_write_csv if fmt == "csv" else _write_parquet)(store, table, out / f"{table}.{fmt}")
    return ", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows to {out}/"


def _write_csv(store, table: str, path: pathlib.Path) -> int:
    columns = [c.strip() for c in TABLES[table].split(",")]
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for rows in _chunks(store, table):
            writer.writerows(rows)
            n += len(rows)
    return n


def _write_parquet(store, table: str, path: pathlib.Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [c.strip() for c in TABLES[table].split(",")]
    writer = None
    schema = None
    n = 0
    try:
        for rows in _chunks(store, table):
            batch = pa.Table.from_pylist(rows, schema=schema)
            if writer is None:
                schema = batch.schema
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(batch)
            n += len(rows)
        if writer is None:  # an empty table still gets a file with its columns
            pq.write_table(pa.table({c: pa.array([], type=pa.string()) for c in columns}), path)
    finally:
        if writer is not None:
            writer.close()
    return n


def claim_reviews(store) -> Iterator[dict[str, Any]]:
    """Each claim as a schema.org ClaimReview: what was claimed, by whom, where, and its status as the rating."""
    rating = {"confirmed": 5, "claimed": 3, "unattributed": 2, "unverified": 2, "disputed": 1}
    for rows in _chunks(store, "claims"):
        ids = sorted({r["article_id"] for r in rows})
        articles = {a["id"]: a for a in store.execute(
            f"SELECT id, url, title, publisher, published, source FROM articles WHERE id IN ({', '.join('?' for _ in ids)})",
            ids)}
        for r in rows:
            a = articles[r["article_id"]]
            item = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": f"{r['article_id']}/{r['id']}",
                "claimReviewed": r["text"],
                "datePublished": a["published"],
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": {"@type": "NewsArticle", "headline": a["title"], "url": a["url"] or a["source"],
                                   "datePublished": a["published"],
                                   "publisher": {"@type": "Organization", "name": a["publisher"]} if a["publisher"] else None},
                    "author": {"@type": "Thing", "name": r["source_name"]} if r["source_name"] else None,
                },
                "reviewRating": {"@type": "Rating", "ratingValue": rating.get(r["status"], 3), "bestRating": 5,
                                 "worstRating": 1, "alternateName": r["status"],
                                 "ratingExplanation": r["evidence"]},
                "author": {"@type": "Organization", "name": "newsledger (automatic extraction, not a human review)"},
            }
            yield _drop_none(item)


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    return value

"""Exports for other tools: JSONL records, CSV or Parquet tables, schema.org JSON-LD of claims and reviews.

Tables are streamed in chunks of rows, so exporting a large store does not
hold it in memory (the Parquet writer appends one row group per chunk).

The JSON-LD exports keep what a person judged apart from what a machine read: ``claimreview`` holds one
schema.org ``ClaimReview`` per claim a person reviewed (the review is the rating, the reviewer its author),
and nothing else; ``claims-jsonld`` holds one schema.org ``Claim`` per ledger claim (its text, its authors, its
first appearance and every appearance), with no rating at all.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib
from typing import Any, Iterator, Sequence

from ..errors import ConfigError
from .reviews import REVIEW_RATINGS

__all__ = ["export", "TABLES", "FORMATS", "claim_reviews", "schema_claims", "csv_text"]

#: What ``export --format`` takes.
FORMATS = ("jsonl", "csv", "parquet", "claimreview", "claims-jsonld")

#: Exported tables and their columns (the internal JSON copy of each record is left out).
TABLES: dict[str, str] = {
    "articles": "id, source, url, title, author, publisher, published, published_from, format, text, topics, "
                "pipeline_version, model",
    "quotes": "article_id, id, kind, text, start_char, end_char, speaker_name, speaker_mention, speaker_role, cue, "
              "continues, confidence, speaker_entity",
    "claims": "article_id, id, text, start_char, end_char, status, source_name, quantity_value, quantity_bound, "
              "quantity_counts, quantity_unit, quantity_high, time_id, time_value, evidence, source_entity, "
              "ledger_claim, link_reason",
    "times": "article_id, id, text, start_char, end_char, type, value",
    "entities": "article_id, id, name, type, aliases, roles, ledger_entity, link_reason",
    "events": "article_id, id, text, start_char, end_char, type, date, place, modality, ordinal, participants, "
              "ledger_event",
    "ledger_entities": "id, name, type, aliases, roles, articles",
    "ledger_events": "id, type, modality, ordinal, date, date_from, date_to, place, participants, text, articles",
    "ledger_claims": "id, kind, text, article_id, claim_id, counts, unit, place, first_day, last_day, claims, articles, "
                     "sources, low, high, contested, history",
    "claim_reviews": "id, article_id, start_char, end_char, claim_text, status, note, evidence_url, reviewer, "
                     "reviewed_at, latest",
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
    if fmt in ("claimreview", "claims-jsonld"):
        n = _write_array(out, claim_reviews(store) if fmt == "claimreview" else schema_claims(store))
        return f"{n} {'ClaimReview' if fmt == 'claimreview' else 'Claim'} items to {out}"
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


def _write_array(out: pathlib.Path, items: Iterator[dict]) -> int:
    """A JSON array written item by item; returns how many."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        f.write("[")
        for item in items:
            f.write(("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False, indent=2))
            n += 1
        f.write("\n]\n")
    return n


def _appearance(a: dict) -> dict:
    """An article as a schema.org NewsArticle."""
    return {"@type": "NewsArticle", "headline": a["title"], "url": a["url"] or a["source"],
            "datePublished": a["published"],
            "publisher": {"@type": "Organization", "name": a["publisher"]} if a["publisher"] else None}


def _articles(store, ids) -> dict[str, dict]:
    ids = sorted(set(ids))
    out = {}
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        out.update({a["id"]: a for a in store.execute(
            f"SELECT id, url, title, publisher, published, source FROM articles WHERE id IN ({', '.join('?' for _ in part)})",
            part)})
    return out


def claim_reviews(store) -> Iterator[dict[str, Any]]:
    """Each claim a person reviewed (its latest review) as a schema.org ClaimReview: the review is the rating, the
    reviewer its author; the claim with its author (the source), its appearance and its first appearance.
    Claims nobody reviewed are not here (see :func:`schema_claims`)."""
    offset = 0
    while rows := store.execute(
            "SELECT r.*, c.source_name, c.ledger_claim FROM claim_reviews r LEFT JOIN claims c ON c.article_id = r.article_id "
            "AND c.start_char = r.start_char AND c.end_char = r.end_char WHERE r.latest = 1 "
            "ORDER BY r.reviewed_at, r.id LIMIT ? OFFSET ?", (_CHUNK, offset)):
        offset += len(rows)
        firsts = {r["id"]: r["article_id"] for r in store.execute(
            f"SELECT id, article_id FROM ledger_claims WHERE id IN ({', '.join('?' for _ in rows)})",
            [r["ledger_claim"] for r in rows])}
        articles = _articles(store, [r["article_id"] for r in rows] + list(firsts.values()))
        for r in rows:
            first = firsts.get(r["ledger_claim"])
            yield _drop_none({
                "@context": "https://schema.org", "@type": "ClaimReview", "identifier": r["id"],
                "claimReviewed": r["claim_text"], "datePublished": r["reviewed_at"][:10],
                "author": {"@type": "Person", "name": r["reviewer"]},
                "reviewRating": {"@type": "Rating", "ratingValue": REVIEW_RATINGS.get(r["status"], 3), "bestRating": 5,
                                 "worstRating": 1, "alternateName": r["status"], "ratingExplanation": r["note"]},
                "reviewBody": r["note"], "citation": r["evidence_url"],
                "itemReviewed": {"@type": "Claim", "text": r["claim_text"],
                                 "author": {"@type": "Thing", "name": r["source_name"]} if r["source_name"] else None,
                                 "appearance": _appearance(articles[r["article_id"]])
                                 if r["article_id"] in articles else None,  # a review outlives a deleted article
                                 "firstAppearance": _appearance(articles[first]) if first in articles else None},
            })


def schema_claims(store) -> Iterator[dict[str, Any]]:
    """Each ledger claim as a schema.org Claim, as a machine read it: its text, who stated it (every source),
    its first appearance and every appearance; no rating (a person's review is in :func:`claim_reviews`)."""
    after = ""
    while rows := store.execute("SELECT id, text, article_id FROM ledger_claims WHERE id > ? ORDER BY id LIMIT ?",
                                (after, _CHUNK)):
        after = rows[-1]["id"]
        members: dict[str, list[dict]] = {r["id"]: [] for r in rows}
        for m in store.execute(
                f"SELECT ledger_claim, article_id, source_name FROM claims WHERE ledger_claim IN "
                f"({', '.join('?' for _ in rows)}) ORDER BY claim_day, article_id, start_char, id", list(members)):
            members[m["ledger_claim"]].append(m)
        articles = _articles(store, [m["article_id"] for ms in members.values() for m in ms])
        for r in rows:
            ms = members[r["id"]]
            authors = list(dict.fromkeys(m["source_name"] for m in ms if m["source_name"]))
            yield _drop_none({
                "@context": "https://schema.org", "@type": "Claim", "identifier": r["id"], "text": r["text"],
                "author": [{"@type": "Thing", "name": name} for name in authors] or None,
                "firstAppearance": _appearance(articles[r["article_id"]]),
                "appearance": [_appearance(articles[a]) for a in dict.fromkeys(m["article_id"] for m in ms)],
            })


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value

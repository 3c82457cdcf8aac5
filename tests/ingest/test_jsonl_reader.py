"""JSONL feeds: one article a line, bad lines reported and skipped."""

from __future__ import annotations

import gzip
import json

from _ingest_helpers import ARTICLE, articles, errors, page

from newsledger.errors import EmptyInput, MalformedJSONL
from newsledger.ingest import read_inputs


def _feed(path, lines):
    data = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    if str(path).endswith(".gz"):
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_text_and_html_records(tmp_path, settings):
    path = _feed(tmp_path / "feed.jsonl", [
        {"id": "a1", "text": ARTICLE, "url": "https://example.org/ferry", "title": "Ferry", "published": "2022-05-01",
         "publisher": "Coast News", "author": "R. Hale"},
        "",
        {"html": page(), "url": "https://example.org/breakwater"},
    ])
    first, second = read_inputs([str(path)], settings)
    assert first.source == f"{path}:1" and first.format == "jsonl"
    assert first.text == ARTICLE
    assert (first.url, first.title, first.publisher, first.author) == ("https://example.org/ferry", "Ferry", "Coast News", "R. Hale")
    assert (first.published, first.published_from) == ("2022-05-01", "metadata")
    assert second.source == f"{path}:3"
    assert second.url == "https://example.org/breakwater"
    assert second.published == "2023-06-05" and second.author == "Nadia Ferrant"
    assert "harbour authority" in second.text


def test_bad_lines_are_reported_and_skipped(tmp_path, settings):
    path = _feed(tmp_path / "feed.ndjson", [
        {"text": ARTICLE},
        '{"text": "unterminated',
        "[1, 2, 3]",
        {"title": "no body"},
        {"text": 42},
        {"text": ARTICLE.replace("ferry", "bus")},
        {"text": "   "},
    ])
    results = list(read_inputs([str(path)], settings))
    assert [type(e) for e in errors(results)] == [MalformedJSONL] * 4 + [EmptyInput]
    assert [str(e).split(": ")[0] for e in errors(results)] == [f"{path}:{n}" for n in (2, 3, 4, 5, 7)]
    assert [a.source for a in articles(results)] == [f"{path}:1", f"{path}:6"]


def test_gzipped_feed(tmp_path, settings):
    path = _feed(tmp_path / "feed.jsonl.gz", [{"text": ARTICLE}])
    (article,) = read_inputs([str(path)], settings)
    assert article.text == ARTICLE and article.source == f"{path}:1"


def test_truncated_gzip_feed(tmp_path, settings):
    body = "".join(json.dumps({"text": f"Paragraph number {i} of a long feed about the harbour.\n" * 20}) + "\n" for i in range(50))
    packed = gzip.compress(body.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    results = list(read_inputs([str(path)], settings))
    assert isinstance(results[-1], MalformedJSONL) and str(path) in str(results[-1])
    assert len(articles(results)) >= 1


def test_record_over_max_bytes(tmp_path, settings):
    path = _feed(tmp_path / "feed.jsonl", [{"text": "word " * 400}, {"text": ARTICLE}])
    results = list(read_inputs([str(path)], settings.replace(max_bytes=1000)))
    assert isinstance(results[0], MalformedJSONL) and f"{path}:1" in str(results[0])
    assert results[1].source == f"{path}:2"


def test_empty_feed(tmp_path, settings):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n")
    (err,) = read_inputs([str(path)], settings)
    assert isinstance(err, EmptyInput)

"""Sidecar metadata beside text and HTML articles."""

from __future__ import annotations

import json

from _ingest_helpers import ARTICLE, articles, page

from newsledger.errors import MalformedMetadata, UnsupportedFormat
from newsledger.ingest import read_inputs
from newsledger.ingest.sidecar import parse_sidecar, sidecar_path


def _pair(tmp_path, meta, name="story.txt", body=ARTICLE):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    stem = name.rsplit(".", 1)[0]
    side = tmp_path / f"{stem}.meta.json"
    side.write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return path, side


def test_sidecar_gives_metadata(tmp_path, settings):
    path, _ = _pair(tmp_path, {"published": "2021-11-03", "url": "https://example.org/a", "title": "Ferry back",
                               "publisher": "Coast News", "author": "R. Hale", "section": "ignored"})
    (article,) = read_inputs([str(path)], settings)
    assert (article.published, article.published_from) == ("2021-11-03", "metadata")
    assert (article.url, article.title, article.publisher, article.author) == (
        "https://example.org/a", "Ferry back", "Coast News", "R. Hale")


def test_sidecar_date_forms_are_normalised(tmp_path, settings):
    path, _ = _pair(tmp_path, {"published": "Wed, 03 Nov 2021 10:00:00 GMT"})
    (article,) = read_inputs([str(path)], settings)
    assert article.published == "2021-11-03"


def test_sidecar_beats_published_option(tmp_path, settings):
    path, _ = _pair(tmp_path, {"published": "2021-11-03"})
    (article,) = read_inputs([str(path)], settings.replace(published="2020-01-01"))
    assert article.published == "2021-11-03"


def test_malformed_sidecar_reports_then_reads_article(tmp_path, settings):
    path, side = _pair(tmp_path, "{not json")
    results = list(read_inputs([str(path)], settings))
    assert isinstance(results[0], MalformedMetadata)
    assert str(side) in str(results[0])
    (article,) = articles(results)
    assert article.text == ARTICLE and article.published_from is None


def test_bad_sidecar_values(tmp_path):
    assert isinstance(parse_sidecar(b"[1, 2]", "s.meta.json")[1], MalformedMetadata)
    meta, err = parse_sidecar(b'{"title": 5}', "s.meta.json")
    assert meta == {} and isinstance(err, MalformedMetadata) and "title" in str(err)
    meta, err = parse_sidecar(b'{"published": "someday", "title": "T"}', "s.meta.json")
    assert meta == {"title": "T"} and "someday" in str(err)


def test_html_sidecar_overrides_page_metadata(tmp_path, settings):
    path, _ = _pair(tmp_path, {"published": "2023-07-01", "title": "From the sidecar"}, name="page.html", body=page())
    (article,) = read_inputs([str(path)], settings)
    assert article.published == "2023-07-01"
    assert article.title == "From the sidecar"
    assert article.author == "Nadia Ferrant"  # not in the sidecar: the page's own


def test_sidecars_are_not_articles(tmp_path, settings):
    path, side = _pair(tmp_path, {"published": "2021-11-03"})
    assert [a.source for a in read_inputs([str(tmp_path)], settings)] == [str(path)]
    (err,) = read_inputs([str(side)], settings)
    assert isinstance(err, UnsupportedFormat)


def test_long_sidecar_name(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(ARTICLE)
    assert sidecar_path(str(path)) is None
    (tmp_path / "x.txt.meta.json").write_text("{}")
    assert sidecar_path(str(path)) == str(tmp_path / "x.txt.meta.json")

"""The bundled examples read cleanly, and crawl.warc.gz matches the HTML pages it was built from."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.errors import InputError
from newsledger.ingest import read_inputs
from newsledger.records import check_spans
from newsledger.settings import Settings


@pytest.fixture(scope="module")
def example_articles(examples_dir):
    results = list(read_inputs([str(examples_dir)], Settings(), today=dt.date(2026, 11, 25)))
    assert [r for r in results if isinstance(r, InputError)] == []
    return results


def test_every_format_is_represented(example_articles):
    assert {a.format for a in example_articles} == {"text", "html", "jsonl", "warc"}
    assert len({a.id for a in example_articles}) == 7  # the WARC repeats the two HTML pages
    for a in example_articles:
        assert check_spans(a) == []
        assert a.published is not None, a.source


def test_dates_and_their_provenance(example_articles):
    by_name = {a.source.replace("\\", "/").rsplit("/", 1)[-1]: a for a in example_articles}
    assert (by_name["solvany_shelling.txt"].published, by_name["solvany_shelling.txt"].published_from) == ("2024-03-14", "text")
    assert (by_name["ceasefire_talks.txt"].published, by_name["ceasefire_talks.txt"].published_from) == ("2024-03-19", "metadata")
    assert by_name["grain_corridor.txt"].published == "2024-03-22"
    assert by_name["feed.jsonl:1"].published_from == "metadata"
    assert (by_name["feed.jsonl:2"].published, by_name["feed.jsonl:2"].published_from) == ("2024-04-02", "text")


def test_text_examples_have_boilerplate(example_articles):
    for a in example_articles:
        if a.format == "text":
            assert any(b.kind == "advert" for b in a.boilerplate), a.source
            assert a.topics, a.source


def test_warc_matches_html_pages(example_articles):
    html = {a.url: a for a in example_articles if a.format == "html"}
    warc = {a.url: a for a in example_articles if a.format == "warc"}
    assert set(html) == set(warc) and len(html) == 2
    for url, page in html.items():
        assert warc[url].text == page.text, "regenerate with: .venv/bin/python examples/make_warc.py"

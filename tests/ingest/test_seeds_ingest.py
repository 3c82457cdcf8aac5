"""The two seed articles from ../shared through the readers (skipped when ../shared is absent)."""

from __future__ import annotations

import json

import pytest

from newsledger.ingest import read_inputs
from newsledger.records import check_spans
from newsledger.settings import Settings

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed_articles(shared_dir):
    results = list(read_inputs([str(shared_dir / "seeds")], Settings()))
    assert all(not isinstance(r, Exception) for r in results), results
    return {a.source.rsplit("/", 1)[-1]: a for a in results}


def test_only_the_articles_are_read(seed_articles):
    assert sorted(seed_articles) == ["000_3dafb38938690aa6.txt", "003_b219371bcfc68854.txt"]


def test_text_is_the_file_exactly(seed_articles, shared_dir):
    for name, article in seed_articles.items():
        assert article.text == (shared_dir / "seeds" / name).read_text(encoding="utf-8")


def test_every_gold_boilerplate_span_found(seed_articles, shared_dir):
    for gold_path in sorted((shared_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = seed_articles[gold["file"]]
        found = {tuple(b.span) for b in article.boilerplate}
        for item in gold.get("boilerplate", []):
            assert tuple(item["span"]) in found, (gold["file"], item)
        assert check_spans(article) == []


def test_publication_dates(seed_articles):
    first = seed_articles["000_3dafb38938690aa6.txt"]
    assert (first.published, first.published_from) == ("2022-02-28", "text")
    second = seed_articles["003_b219371bcfc68854.txt"]
    assert (second.published, second.published_from) == ("2022-03-02", "metadata")


def test_topics_from_footers(seed_articles, shared_dir):
    for gold_path in sorted((shared_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "topics" in gold:
            assert seed_articles[gold["file"]].topics == gold["topics"]

"""The mission's seeds through the web app: every quote highlighted with its speaker; the 5,300 figure
listed as unverified with its evidence sentence."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("fastapi")
from starlette.testclient import TestClient  # noqa: E402

from newsledger.settings import Settings  # noqa: E402
from newsledger.web import create_app  # noqa: E402

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seeded(shared_dir, nlp, tmp_path_factory):
    from newsledger.extract.pipeline import extract_records
    from newsledger.ingest import read_inputs
    from newsledger.ledger.linker import Ledger
    from newsledger.records import Article
    from newsledger.store import open_store

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    articles = [a for a in read_inputs([str(shared_dir / "seeds")], Settings()) if isinstance(a, Article)]
    with open_store(db) as store:
        store.write(list(extract_records(articles, nlp)), ledger=Ledger())
    with TestClient(create_app(db, nlp=nlp), base_url="http://127.0.0.1") as client:
        yield client, db


def test_seed_articles_show_every_quote_with_its_speaker(seeded):
    from newsledger.store import open_store, queries

    client, db = seeded
    with open_store(db) as store:
        ids = [a["id"] for a in queries.articles(store, limit=None)]
        assert len(ids) == 2
        for aid in ids:
            record = store.record(aid)
            assert record.quotes
            page = client.get(f"/articles/{aid}").text
            assert set(re.findall(r'data-quote="([^"]+)"', page)) == {q.id for q in record.quotes}
            for q in record.quotes:
                block = page.split(f'id="quote-{q.id}"', 1)[1].split("</details>", 1)[0]
                speaker = html.unescape(re.sub(r"<[^>]+>", "", block.split('class="speaker">', 1)[1].split("</dd>")[0]))
                assert q.speaker and q.speaker.name and q.speaker.name in speaker


def test_claims_page_lists_the_5300_figure_as_unverified_with_evidence(seeded):
    client, _ = seeded
    items = client.get("/claims.json").json()["items"]
    figure = [c for c in items if c["quantity"] == 5300]
    assert figure and figure[0]["status"] == "unverified"
    assert items[0] is not None and items.index(figure[0]) < len([c for c in items if c["status"] == "unverified"])
    assert "not been verified" in figure[0]["evidence"]
    page = client.get("/claims?status=unverified").text
    assert "5,300" in page and "not been verified" in page

"""The claim page in a real browser (Playwright driving Debian's Chromium, the app served by uvicorn on loopback),
over the claim-ledger corpus (tests/data/claim_ledger) through the real pipeline: the history chart is drawn,
the review form stores a review that the page then shows, and axe-core finds no serious violation.

Skipped with the reason when Chromium or Playwright is absent (failed under CI), as tests/web/test_browser.py.
"""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from _web_helpers import AXE, chromium, require_browser, serve

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "data" / "claim_ledger"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, nlp) -> str:
    from newsledger.extract.pipeline import extract_records
    from newsledger.ingest import read_inputs
    from newsledger.ledger.linker import Ledger
    from newsledger.records import Article
    from newsledger.settings import Settings
    from newsledger.store import open_store

    path = str(tmp_path_factory.mktemp("claims") / "claims.db")
    articles = [a for a in read_inputs([str(CORPUS)], Settings()) if isinstance(a, Article)]
    with open_store(path) as store:
        store.write(list(extract_records(articles, nlp)), ledger=Ledger())
    return path


@pytest.fixture(scope="module")
def server(corpus_db, nlp):
    require_browser()
    from newsledger.web import create_app

    yield from serve(create_app(corpus_db, nlp=nlp))


@pytest.fixture(scope="module")
def browser(server):
    yield from chromium()


def _ledger_claim(db: str, text: str) -> str:
    from newsledger.store import open_store

    with open_store(db) as store:
        return store.scalar("SELECT ledger_claim FROM claims WHERE text LIKE ? ORDER BY article_id LIMIT 1", (text + "%",))


def test_the_claim_page_draws_the_history_and_its_review_form_works(browser, server, corpus_db):
    lid = _ledger_claim(corpus_db, "19 people had died in Holmsk")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"/claims/{lid}")
    chart = page.locator("svg.figures")
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    assert page.locator("svg.figures .dot").count() == 3
    assert page.locator("svg.figures polyline.history").count() == 1  # one source: one line through its figures
    assert "Holmsk emergency service" in page.locator("ul.sides").inner_text()
    assert page.locator("svg.figures .report title").first.text_content().startswith("2024-05-04 Holmsk")
    assert "rose from 19" in page.locator("table.history").inner_text()

    option = page.locator("#review-claim option").nth(1)
    page.select_option("#review-claim", option.get_attribute("value"))
    page.select_option("#review-status", "confirmed")
    page.fill("#review-reviewer", "Lena Dorn")
    page.fill("#review-note", "The emergency service's bulletin of 7 May gives 19 dead.")
    page.fill("#review-evidence", "https://example.org/holmsk-bulletin")
    page.click("#review-form button[type=submit]")
    page.wait_for_url(lambda url: f"/claims/{lid}?reviewed=" in url)
    assert "saved" in page.locator("p.notice").inner_text()
    reviews = page.locator("ul.reviews").inner_text()
    assert "Lena Dorn" in reviews and "bulletin of 7 May" in reviews
    assert page.locator("ul.reviews a").get_attribute("href") == "https://example.org/holmsk-bulletin"
    row = page.locator(f'tr[data-row="{option.get_attribute("value")}"]')
    assert "review: confirmed" in row.inner_text()
    assert errors == []
    context.close()


def test_the_claim_pages_have_no_serious_accessibility_violations(browser, server, corpus_db):
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is absent: scripts/axe-for-tests.sh installs it")
        pytest.skip(f"{AXE} is absent (run scripts/axe-for-tests.sh)")
    context = browser.new_context(base_url=server, bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    found = {}
    for url in [f"/claims/{_ledger_claim(corpus_db, '41 civilians')}", f"/claims/{_ledger_claim(corpus_db, '12 people')}",
                f"/claims/{_ledger_claim(corpus_db, 'Kestrian drones')}", "/claims?contested=true"]:
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[url] = serious
    context.close()
    assert found == {}, json.dumps(found, indent=1)

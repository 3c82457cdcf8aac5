"""Real-browser tests: Playwright driving Debian's Chromium against the app served by uvicorn on loopback.

Skipped (with the reason) when /usr/bin/chromium or Playwright is absent, except under CI (env CI set),
where they must run.  ``scripts/chromium-for-tests.sh`` installs Chromium.  Set
``NEWSLEDGER_SCREENSHOTS=1`` to also write docs/screenshots/*.png of the main pages.
"""

from __future__ import annotations

import os
import pathlib
import socket
import threading
import time

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _require_browser():
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed"
    if reason is None and not os.path.exists(CHROMIUM):
        reason = f"{CHROMIUM} is absent (run scripts/chromium-for-tests.sh as root)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db, nlp):
    _require_browser()
    import uvicorn

    from newsledger.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_db, nlp=nlp), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def _richest_article(web_db) -> str:
    from newsledger.store import open_store

    with open_store(web_db) as s:
        return s.execute("SELECT article_id FROM quotes WHERE article_id != 'badbadbadbad0001' GROUP BY article_id "
                         "ORDER BY COUNT(*) DESC LIMIT 1")[0]["article_id"]


def _shot(pg, name: str) -> None:
    if os.environ.get("NEWSLEDGER_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SHOTS / f"{name}.png"))


def test_article_layers_toggle_and_quote_details(page, web_db):
    aid = _richest_article(web_db)
    page.goto(f"/articles/{aid}")
    _shot(page, "article")
    quote_lines = page.locator(".body .l-quote")
    assert quote_lines.count() > 0 and quote_lines.first.is_visible()
    page.click("label[for=layer-quote]")
    assert not page.is_checked("#layer-quote")
    assert not quote_lines.first.is_visible()
    assert page.locator(".body .l-speaker").first.is_visible()  # other layers stay
    page.click("label[for=layer-quote]")
    assert quote_lines.first.is_visible()
    for key in ("speaker", "cue", "claim", "time", "entity"):
        page.click(f"label[for=layer-{key}]")
        assert page.locator(f".body .l-{key}").count() == 0 or not page.locator(f".body .l-{key}").first.is_visible()
    # clicking a highlighted quote opens its details with speaker, cue and confidence
    first = page.locator("a.seg[data-quote]").first
    qid = first.get_attribute("data-quote")
    first.click()
    details = page.locator(f"details#quote-{qid}")
    assert details.evaluate("d => d.open")
    assert details.locator("dd.speaker").inner_text().strip()
    assert details.locator("dd.confidence").inner_text().strip()
    assert page.errors == [] and page.dialogs == []


def test_follow_a_speaker_to_the_entity_page(page):
    page.goto("/speakers")
    _shot(page, "speakers")
    link = page.locator("a[href^='/entities/ent_']").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/entities/ent_*")
    assert page.locator("h1").inner_text().startswith(name)
    assert page.locator("svg.chart").count() == 1
    assert page.locator("table.rows tbody tr").count() >= 1
    _shot(page, "entity")


def test_filter_claims(page):
    page.goto("/claims")
    _shot(page, "claims")
    page.select_option("#f-status", "unverified")
    page.click("#claim-filters button")
    page.wait_for_url("**/claims?*status=unverified*")
    badges = page.locator(".claim-row .badge").all_inner_texts()
    assert badges and set(badges) == {"unverified"}
    assert page.locator(".claim-row .evidence").count() >= 1


def test_timeline_and_search_pages(page):
    page.goto("/timeline")
    assert page.locator("svg.timeline").count() == 1
    _shot(page, "timeline")
    page.fill("header input[name=q]", "ceasefire")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=ceasefire")
    assert page.locator("a[href^='/articles/']").count() >= 1
    _shot(page, "search")


def test_ingest_through_the_form(page):
    page.goto("/ingest")
    _shot(page, "ingest")
    page.fill("textarea[name=text]", "Harbour master Ilse Varga said the port would reopen on Friday.\n"
                                     "'We are ready,' Ms Varga told reporters.")
    page.fill("input[name=published]", "2024-05-02")
    page.fill("input[name=title]", "Port to reopen")
    page.click("form.ingest button")
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "Port to reopen"
    assert page.locator("a.seg[data-quote]").count() >= 1


def _assert_nothing_executed(page) -> None:
    assert page.dialogs == [], page.dialogs
    assert page.evaluate("window.__pwned === undefined")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, svg[onload]').length") == 0
    injected = page.evaluate("""() => [...document.querySelectorAll('*')].filter(
        el => [...el.attributes].some(a => a.name.startsWith('on'))).length""")
    assert injected == 0


def test_hostile_article_executes_nothing(page):
    page.goto("/articles/badbadbadbad0001")
    _assert_nothing_executed(page)
    for seg in page.locator(".body .seg").all():
        seg.hover()
    page.locator("a.seg[data-quote]").first.click()
    _assert_nothing_executed(page)
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    assert 'onmouseover="alert(1)"' in page.locator(".body").inner_text()
    for url in ("/claims", "/quotes", "/speakers", "/entities", "/timeline", "/search?q=officials"):
        page.goto(url)
        _assert_nothing_executed(page)


def test_hostile_text_through_the_form_executes_nothing(page):
    page.goto("/ingest")
    page.fill("textarea[name=text]", "The spokesman said <script>alert('x')</script> the talks ended.\n"
                                     "'Nothing \" onmouseover=\"alert(1)\" <img src=x onerror=alert(2)> changes,' he said.")
    page.fill("input[name=title]", "<img src=x onerror=alert(3)>")
    page.click("form.ingest button")
    page.wait_for_url("**/articles/*")
    _assert_nothing_executed(page)
    for seg in page.locator(".body .seg").all():
        seg.hover()
    _assert_nothing_executed(page)
    assert "<script>alert('x')</script>" in page.locator(".body").inner_text()

"""Real-browser tests: Playwright driving Debian's Chromium against the app served by uvicorn on loopback.

Skipped (with the reason) when /usr/bin/chromium or Playwright is absent, except under CI (env CI set),
where they must run.  ``scripts/chromium-for-tests.sh`` installs Chromium and ``scripts/axe-for-tests.sh``
axe-core (npm) for the accessibility check.  The README's screenshots come from ``scripts/screenshots.py``.
"""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from _web_helpers import AXE, chromium, require_browser, serve


@pytest.fixture(scope="module")
def server(web_db, nlp):
    require_browser()
    from newsledger.web import create_app

    yield from serve(create_app(web_db, nlp=nlp))


@pytest.fixture(scope="module")
def browser(server):
    yield from chromium()


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


def test_article_opens_with_quotes_and_speakers_the_other_layers_one_click_away(page, web_db):
    aid = _richest_article(web_db)
    page.goto(f"/articles/{aid}")
    for key in ("quote", "speaker"):
        assert page.is_checked(f"#layer-{key}") and page.locator(f".body .l-{key}").first.is_visible()
    for key in ("cue", "claim", "time", "entity"):
        assert not page.is_checked(f"#layer-{key}")
        assert not page.locator(f".body .l-{key}").first.is_visible()
        page.click(f"label[for=layer-{key}]")
        assert page.locator(f".body .l-{key}").first.is_visible()
    page.click("label[for=layer-quote]")
    assert not page.locator(".body .l-quote").first.is_visible()
    assert page.errors == [] and page.dialogs == []


def test_clicking_a_quote_highlights_its_speaker_mention_cue_and_details(page, web_db):
    aid = _richest_article(web_db)
    page.goto(f"/articles/{aid}")
    # a quote whose speaker mention and cue are in the text and that holds a claim
    qid = page.evaluate("""() => [...document.querySelectorAll('details.quote')]
        .map(d => d.id.replace(/^quote-/, ''))
        .find(q => document.querySelector(`.body [data-speaker-of~="${q}"]`)
                   && document.querySelector(`.body [data-cue-of~="${q}"]`)
                   && document.getElementById('quote-' + q).getAttribute('data-claims'))""")
    assert qid, "some quote has its speaker's mention and cue in the text and a claim inside it"
    mention = page.locator(f'.body [data-speaker-of~="{qid}"]')
    cue = page.locator(f'.body [data-cue-of~="{qid}"]')
    claim = page.get_attribute(f"details#quote-{qid}", "data-claims").split()[0]
    claim_text = page.locator(f'.body [data-claim~="{claim}"]')
    for marked, cls in ((mention, "sel-speaker"), (cue, "sel-cue"), (claim_text, "sel-claim")):
        assert marked.count() >= 1 and cls not in (marked.first.get_attribute("class") or "")
    painted = "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.backgroundColor].join(' '); }"
    before = [m.first.evaluate(painted) for m in (mention, cue)]
    page.locator(f'a.seg[data-quote="{qid}"]').first.click()
    assert [m.first.evaluate(painted) for m in (mention, cue)] != before  # the marks are visible, not only classes
    assert mention.first.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    assert all("sel-speaker" in el.get_attribute("class") for el in mention.all())
    assert all("sel-cue" in el.get_attribute("class") for el in cue.all())
    assert all("sel-claim" in el.get_attribute("class") for el in claim_text.all())
    assert "sel-claim" in page.get_attribute(f"#claim-{claim}", "class")  # its box in the panel too
    assert all("sel-quote" in (el.get_attribute("class") or "")
               for el in page.locator(f'.body a[data-quote="{qid}"]').all())
    details = page.locator(f"details#quote-{qid}")
    assert details.evaluate("d => d.open")
    assert details.locator("dd.speaker a").count() == 1  # a link to the speaker's page
    assert details.locator("dd.confidence").inner_text().strip()
    assert details.locator("dd.quote-kind").inner_text().strip() in ("direct", "indirect", "mixed")
    assert details.locator("summary").inner_text().count("“") == 1  # the quote's first words
    record = page.request.get(f"/articles/{aid}.json").json()
    quote = next(q for q in record["quotes"] if q["id"] == qid)
    if quote["speaker"].get("role"):
        assert quote["speaker"]["role"] in details.locator("dd.speaker").inner_text()
    other = page.evaluate(f"""() => [...document.querySelectorAll('.body a[data-quote]')]
        .map(a => a.getAttribute('data-quote')).find(q => q !== {qid!r})""")
    page.locator(f'a.seg[data-quote="{other}"]').first.click()
    assert page.locator(f'.body .sel-quote[data-quote="{qid}"]').count() == 0  # one selection at a time
    assert "sel-speaker" not in (mention.first.get_attribute("class") or "") or other in (
        mention.first.get_attribute("data-speaker-of") or "").split()


def test_every_speaker_role_is_shown_in_the_panel(page, web_db):
    aid = _richest_article(web_db)
    page.goto(f"/articles/{aid}")
    record = page.request.get(f"/articles/{aid}.json").json()
    with_role = [q for q in record["quotes"] if q["speaker"] and q["speaker"].get("role")]
    assert with_role
    for q in with_role:
        assert q["speaker"]["role"] in page.locator(f"details#quote-{q['id']} dd.speaker").text_content()  # closed: not rendered


_PAINT = "el => { const s = getComputedStyle(el); return s.backgroundColor + ' ' + s.backgroundImage; }"


def _articles_with_quotes(web_db) -> list[str]:
    from newsledger.store import open_store

    with open_store(web_db) as s:
        return [r["article_id"] for r in s.execute("SELECT DISTINCT article_id FROM quotes ORDER BY article_id")]


def test_speaker_legend_colours_match_their_quotes_and_mentions(page, web_db):
    for aid in _articles_with_quotes(web_db):
        _check_legend(page, aid)


def _check_legend(page, aid: str) -> None:
    from newsledger.web.highlight import OTHERS

    page.goto(f"/articles/{aid}")
    entries = page.locator(".speaker-legend li.who")
    assert entries.count() >= 1, aid
    own = []
    for entry in entries.all():
        cls = entry.get_attribute("data-colour")
        swatch = entry.locator(".swatch").evaluate("el => getComputedStyle(el).backgroundColor")
        for line in page.locator(f".body .ul.l-quote.{cls}").all()[:3] + page.locator(f".body .ul.l-speaker.{cls}").all()[:3]:
            assert swatch in line.evaluate(_PAINT), cls  # a solid line, or the dashes of an indirect quote
        if cls == OTHERS:
            continue  # the grey the less quoted share when an article has more speakers than colours
        own.append(swatch)
        qid = page.locator(f".body a.seg.{cls}[data-quote]").first.get_attribute("data-quote")
        name = entry.locator("a").first.inner_text() if entry.locator("a").count() else entry.inner_text()
        assert name.split("×")[0].strip().split()[0] in page.locator(f"details#quote-{qid} summary .by").inner_text()
    assert own and len(set(own)) == len(own), aid  # one colour per speaker


def test_follow_a_speaker_to_the_entity_page(page):
    page.goto("/speakers")
    link = page.locator("a[href^='/entities/ent_']").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/entities/ent_*")
    assert page.locator("h1").inner_text().startswith(name)
    assert page.locator("svg.chart").count() == 1
    assert page.locator("table.rows tbody tr").count() >= 1


def test_filter_claims(page):
    page.goto("/claims")
    page.select_option("#f-status", "unverified")
    page.click("#claim-filters button")
    page.wait_for_url("**/claims?*status=unverified*")
    badges = page.locator(".claim-row .badge").all_inner_texts()
    assert badges and set(badges) == {"unverified"}
    assert page.locator(".claim-row .evidence").count() >= 1


def test_timeline_and_search_pages(page):
    page.goto("/timeline")
    assert page.locator("svg.timeline").count() == 1
    page.fill("header input[name=q]", "ceasefire")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=ceasefire")
    assert page.locator("a[href^='/articles/']").count() >= 1


def test_ingest_through_the_form(page):
    page.goto("/ingest")
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


def test_speakers_type_filter_and_name_search(page):
    page.goto("/speakers")
    everyone = page.locator("table.speakers tbody tr").count()
    page.select_option("#f-type", "PERSON")
    page.click("#speaker-filters button")
    page.wait_for_url("**/speakers?*type=PERSON*")
    types = page.locator("table.speakers tbody td.type-cell").all_inner_texts()
    assert types and set(types) == {"PERSON"} and len(types) < everyone
    surname = page.locator("table.speakers tbody td.speaker").first.inner_text().split()[-1]
    page.fill("#f-name", surname.lower())
    page.click("#speaker-filters button")
    page.wait_for_url(f"**/speakers?*name={surname.lower()}*")
    names = page.locator("table.speakers tbody td.speaker").all_inner_texts()
    assert names and len(names) < len(types) and all(surname.lower() in n.lower() for n in names)
    assert set(page.locator("table.speakers tbody td.type-cell").all_inner_texts()) == {"PERSON"}
    assert page.input_value("#f-name") == surname.lower() and page.input_value("#f-type") == "PERSON"


def test_speakers_sort_by_first_quoted(page):
    page.goto("/speakers")
    page.select_option("#f-sort", "first")
    page.click("#speaker-filters button")
    page.wait_for_url("**/speakers?*sort=first*")
    firsts = [d for d in page.locator("table.speakers tbody tr td:nth-child(5)").all_inner_texts() if d.strip()]
    assert len(firsts) > 2 and firsts == sorted(firsts)


def test_entities_type_filter_and_name_search(page):
    page.goto("/entities")
    everything = page.locator("table.entities tbody tr").count()
    page.select_option("#f-type", "GPE")
    page.fill("#f-name", "orval")
    page.click("#entity-filters button")
    page.wait_for_url("**/entities?*type=GPE*")
    rows = page.locator("table.entities tbody tr")
    assert 0 < rows.count() < everything
    assert set(page.locator("table.entities tbody td.type-cell").all_inner_texts()) == {"GPE"}
    assert all("orval" in n.lower() for n in page.locator("table.entities tbody td.name").all_inner_texts())


def _download(page, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    return pathlib.Path(info.value.path()).read_text(encoding="utf-8")


def test_a_download_returns_the_rows_shown(page):
    import csv
    import io
    import json

    page.goto("/speakers?type=PERSON&sort=articles&limit=4")
    shown = page.locator("table.speakers tbody td.speaker").all_inner_texts()
    assert shown
    rows = list(csv.DictReader(io.StringIO(_download(page, "a.dl-csv"))))
    assert [r["speaker"] for r in rows] == [s.strip() for s in shown]
    assert {r["type"] for r in rows} == {"PERSON"}
    items = json.loads(_download(page, "a.dl-json"))["items"]
    assert [r["speaker"] for r in items] == [s.strip() for s in shown]
    page.goto("/quotes?limit=3")
    texts = page.locator("table.quotes tbody tr").count()
    assert len(list(csv.DictReader(io.StringIO(_download(page, "a.dl-csv"))))) == texts


def test_api_explorer_loads_with_no_request_leaving_the_host(browser, server):
    context = browser.new_context(base_url=server)
    pg = context.new_page()
    requests, problems = [], []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.goto("/api/docs")
    pg.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert pg.locator(".swagger-ui .opblock").count() >= 10
    assert pg.locator(".swagger-ui .opblock-summary-path", has_text="/api/articles").count() == 1
    outside = [u for u in requests if not (u.startswith(server + "/") or u.startswith(("data:", "blob:")))]
    assert requests and outside == []
    assert problems == []  # no Content-Security-Policy violation, no script error
    context.close()


A11Y_PAGES = ["/articles", "/speakers", "/entities", "/quotes", "/claims", "/timeline", "/search?q=said", "/ingest",
              "/api/docs", "/speakers?type=PERSON&sort=last", "/entities?type=GPE&sort=first", "/quotes?speaker=Remis",
              "/claims?status=unverified", "/timeline?reported=true", "/search?q=zzzz", "/articles/0000000000000000",
              "/claims?contested=true"]


def test_every_page_has_no_serious_accessibility_violations(browser, server, web_db):
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is absent: scripts/axe-for-tests.sh installs it")
        pytest.skip(f"{AXE} is absent (run scripts/axe-for-tests.sh)")
    from newsledger.store import open_store

    with open_store(web_db) as s:
        entity = s.scalar("SELECT id FROM ledger_entities ORDER BY articles DESC, id LIMIT 1")
        claim = s.scalar("SELECT id FROM ledger_claims WHERE kind = 'figure' ORDER BY claims DESC, id LIMIT 1")
    context = browser.new_context(base_url=server, bypass_csp=True)  # axe is injected as an inline script
    pg = context.new_page()
    found = {}
    for url in [*A11Y_PAGES, f"/articles/{_richest_article(web_db)}", f"/entities/{entity}", f"/claims/{claim}"]:
        pg.goto(url)
        if url == "/api/docs":
            pg.wait_for_selector(".swagger-ui .opblock", timeout=20000)
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[url] = serious
    context.close()
    assert found == {}, json.dumps(found, indent=1)

"""Helpers of the web tests: the hostile (XSS) record and the store builder."""

from __future__ import annotations

import pathlib

from newsledger.ingest import read_inputs
from newsledger.records import Article, Claim, ClaimSource, Cue, Entity, Evidence, Mention, Quote, Record, Speaker, TimeExpr
from newsledger.settings import Settings

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "articles"

XSS_TITLE = "<script>window.__pwned = 'title'</script>Hostile article"
XSS_SPEAKER = 'Dr "><img src=x onerror="window.__pwned=1"> Evil'
XSS_TEXT = (
    "Officials said <script>window.__pwned = 'body'; alert(1)</script> nothing happened.\n"
    "Dr Evil said: 'Click \" onmouseover=\"alert(1)\" here <img src=x onerror=alert(2)>.'\n"
    "As many as 12 <b onclick=alert(3)>bold</b> claims have not been verified.\n"
    "Published on Monday, March 4."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def xss_record() -> Record:
    text = XSS_TEXT
    quote_text = "Click \" onmouseover=\"alert(1)\" here <img src=x onerror=alert(2)>."
    claim_text = "As many as 12 <b onclick=alert(3)>bold</b> claims have not been verified"
    article = Article(id="badbadbadbad0001", source="hostile<script>.txt", text=text, title=XSS_TITLE,
                      url="javascript:alert(1)", published="2024-03-04", published_from="metadata")
    return Record.from_article(
        article,
        quotes=[Quote(id="q1", kind="direct", text=quote_text, span=_span(text, quote_text),
                      speaker=Speaker(name=XSS_SPEAKER, mention="Dr Evil", span=_span(text, "Dr Evil"),
                                      role='<i onmouseover="x()">role</i>', entity="e1"),
                      cue=Cue(text="said", span=(text.index("said:"), text.index("said:") + 4)),
                      confidence=0.9)],
        claims=[Claim(id="c1", text=claim_text, span=_span(text, claim_text), status="unverified",
                      source=ClaimSource(name=XSS_SPEAKER),
                      status_evidence=Evidence(text="have not been verified", span=_span(text, "have not been verified")))],
        times=[TimeExpr(id="t1", text="Monday, March 4", span=_span(text, "Monday, March 4"), type="DATE",
                        value="2024-03-04")],
        entities=[Entity(id="e1", name=XSS_SPEAKER, type="PERSON", aliases=["<svg onload=alert(4)>"],
                         roles=["<script>alert(5)</script>"], mentions=[Mention(text="Dr Evil", span=_span(text, "Dr Evil"))])],
    )


def build_store(path: str, nlp) -> str:
    """Examples through the real pipeline, plus the hostile record; returns the database path."""
    from newsledger.extract.pipeline import extract_records
    from newsledger.ledger.linker import Ledger
    from newsledger.records import check_spans
    from newsledger.store import open_store

    articles = [a for a in read_inputs([str(EXAMPLES)], Settings()) if isinstance(a, Article)]
    assert len(articles) == 3
    records = list(extract_records(articles, nlp))
    hostile = xss_record()
    assert check_spans(hostile) == []
    with open_store(path) as store:
        store.write(records + [hostile], ledger=Ledger())
    return path


def free_port() -> int:
    """A TCP port free on 127.0.0.1 just now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def no_server_error_anywhere(schema, base_url: str, max_examples: int, **call) -> None:
    """schemathesis over every operation of ``schema``: bounded, derandomised examples, none may get a 5xx."""
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import not_a_server_error

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=max_examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        def no_server_error(case):
            response = case.call(base_url=base_url, **call)
            case.validate_response(response, checks=[not_a_server_error])

        no_server_error()


# -- a real browser against a served app (tests/web/test_browser.py, test_claim_browser.py) -----------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE = pathlib.Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def require_browser() -> None:
    """Skip (fail under CI) when Playwright or Debian's Chromium is absent."""
    import os

    import pytest

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


def serve(app):
    """``app`` served by uvicorn on a free loopback port in a thread: yields its base URL (a generator for a
    fixture to ``yield from``); stops it afterwards."""
    import threading
    import time

    import pytest
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
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


def chromium():
    """Debian's Chromium under Playwright, headless (a generator for a fixture to ``yield from``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()

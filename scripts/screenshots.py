#!/usr/bin/env python3
"""Regenerate docs/screenshots/*.png: the bundled examples ingested into a fresh store, served on
loopback, every main page opened in Debian's Chromium (Playwright) at desk size; the claim page from the
claim-ledger test corpus (tests/data/claim_ledger: a figure two sides give differently), with one review.

    .venv/bin/python scripts/screenshots.py            # needs /usr/bin/chromium (scripts/chromium-for-tests.sh)
"""

from __future__ import annotations

import pathlib
import socket
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def build_store(path: str, source: pathlib.Path = ROOT / "examples") -> None:
    from newsledger.cli import cli

    try:
        cli.main(args=["ingest", str(source), "--db", path], standalone_mode=False)
    except SystemExit as exit_:
        if exit_.code:
            raise


def claim_store(path: str) -> str:
    """The claim-ledger corpus in a store, one figure reviewed; returns the contested ledger claim's page."""
    from newsledger.store import open_store, queries

    build_store(path, ROOT / "tests" / "data" / "claim_ledger")
    with open_store(path) as store:
        rows = queries.claims(store, contested=True, limit=None)
        low = next(r for r in rows if r["bound"] == "upper")
        queries.add_review(store, low["claim"], "false", "Two hospitals list 41 dead by name; the ministry gave no "
                           "source for its figure.", "Mira Osk", "https://example.org/tarvik-hospital-lists",
                           when="2024-05-06T09:30:00+00:00")
    return f"/claims/{low['ledger_claim']}"


def shoot(db: str, shots: list, browser) -> None:
    """Serve ``db`` and take each (name, url, what to click first) screenshot."""
    server, base = serve(db)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base)
    for name, url, click in shots:
        page.goto(url)
        if name == "api":
            page.wait_for_selector(".swagger-ui .opblock")
        if click:  # select a quote near the top, then show the page from its start
            page.locator(click).first.click()
            page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=name == "claim")
        print(f"docs/screenshots/{name}.png  {url}", file=sys.stderr)
    page.close()
    server.should_exit = True


def serve(db: str):
    import uvicorn

    from newsledger.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def pages(db: str) -> list[tuple[str, str, str | None]]:
    """(file name, URL, what to click first) of each screenshot."""
    from newsledger.store import open_store

    with open_store(db) as store:
        article = store.execute("SELECT article_id FROM quotes GROUP BY article_id ORDER BY COUNT(*) DESC, article_id "
                                "LIMIT 1")[0]["article_id"]
        entity = store.scalar("SELECT entity FROM speaker_stats WHERE entity IS NOT NULL ORDER BY quotes DESC, key LIMIT 1")
    return [("article", f"/articles/{article}", "a.seg[data-quote]"), ("articles", "/articles", None),
            ("speakers", "/speakers?type=PERSON", None), ("entities", "/entities?sort=last", None),
            ("entity", f"/entities/{entity}", None),
            ("quotes", "/quotes?limit=8", None), ("claims", "/claims", None), ("timeline", "/timeline", None),
            ("search", "/search?q=ceasefire", None), ("ingest", "/ingest", None), ("api", "/api/docs", None)]


def main() -> int:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db, claims_db = str(pathlib.Path(folder) / "examples.db"), str(pathlib.Path(folder) / "claims.db")
        build_store(db)
        claim_page = claim_store(claims_db)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            shoot(db, pages(db), browser)
            shoot(claims_db, [("claim", claim_page, None)], browser)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

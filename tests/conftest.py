"""Shared fixtures: the spaCy pipeline once per session, paths to ../shared (skipped when absent)."""

from __future__ import annotations

import os
import pathlib
import time
import uuid
from typing import Iterator

import pytest

#: Every test runs on the same "today", so nothing depends on the calendar (a weekday without a year in a
#: text, "Monday, February 28", takes the latest year not after today in which it is that weekday).
TODAY = "2026-11-25"
os.environ["NEWSLEDGER_TODAY"] = TODAY

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The full newsledger pipeline, loaded once for the whole test session."""
    from newsledger.extract import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent: evaluation data not available")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths(shared_dir) -> list[pathlib.Path]:
    return sorted((shared_dir / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def examples_dir() -> pathlib.Path:
    return EXAMPLES


PG_ADMIN_URL = os.environ.get("NEWSLEDGER_TEST_PG", "postgresql://newsledger:newsledger@127.0.0.1:5432/postgres")


def _fresh_postgres_database() -> Iterator[str]:
    """A new empty PostgreSQL database for one test, dropped afterwards.

    Skips when no server is reachable, except in CI (CI=true), where .ci/run starts one
    and a missing server must fail loudly rather than skip.
    """
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL.split('@')[-1]} ({exc.__class__.__name__})")
    name = f"newsledger_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        _drop_database(admin, name)
        admin.close()


def _drop_database(admin, name: str, wait_s: float = 30.0) -> None:
    """Drop a test database, waiting out an autovacuum worker on it: a role that is not a superuser
    may not end that worker's session, so DROP ... WITH (FORCE) fails until the worker is done."""
    import psycopg

    deadline = time.monotonic() + wait_s
    while True:
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """The URL of a fresh, empty store on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
    else:
        yield from _fresh_postgres_database()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store_url(request, tmp_path_factory) -> Iterator[str]:
    """Like ``store_url``, shared by the tests of one module (for stores that are costly to fill)."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("store") / "ledger.db")
    else:
        yield from _fresh_postgres_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store_url(request, tmp_path):
    """A maker of URLs of fresh, empty stores on one backend (for tests that compare several stores)."""
    import contextlib
    import itertools

    names = itertools.count()
    with contextlib.ExitStack() as stack:
        def make() -> str:
            if request.param == "sqlite":
                return str(tmp_path / f"store{next(names)}.db")
            return stack.enter_context(contextlib.contextmanager(_fresh_postgres_database)())

        yield make

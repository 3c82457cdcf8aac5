"""Fixtures for the ingest tests (helpers live in _ingest_helpers.py)."""

from __future__ import annotations

import pytest

from newsledger.settings import Settings


@pytest.fixture
def settings() -> Settings:
    return Settings()

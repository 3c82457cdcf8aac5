"""A store for the web tests, built once per module: the bundled example articles through the real
pipeline, plus one hand-written hostile article (markup and attribute injection in every field)."""

from __future__ import annotations

import pytest

from _web_helpers import build_store


@pytest.fixture(scope="module")
def web_db(tmp_path_factory, nlp) -> str:
    return build_store(str(tmp_path_factory.mktemp("web") / "web.db"), nlp)

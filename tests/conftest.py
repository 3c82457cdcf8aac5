"""Shared fixtures: the spaCy pipeline once per session, paths to ../shared (skipped when absent)."""

from __future__ import annotations

import pathlib

import pytest

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

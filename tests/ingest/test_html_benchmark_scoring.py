"""The shingle scorer of benchmarks/html_extraction.py (its figures are only as good as this)."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "html_extraction.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("html_extraction_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shingles(bench):
    assert bench.shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert bench.shingles("a, b!") == {"a b": 1}
    assert bench.shingles("") == {}


def test_page_counts(bench):
    assert bench.page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = bench.page_counts("a b c d e f", "a b c d x")  # shared: "a b c d"
    assert (tp, fp, fn) == pytest.approx((1 / 4, 1 / 4, 2 / 4))
    assert bench.page_counts("a b c d", "") == (0.0, 0.0, 1.0)
    assert bench.page_counts("", "") == (0.0, 0.0, 0.0)


def test_summarise(bench):
    rows = [(1.0, 0.0, 0.0, True), (0.5, 0.5, 0.0, False)]
    r = bench.summarise(rows)
    assert r["precision"] == pytest.approx(0.75) and r["recall"] == pytest.approx(1.0)
    assert r["f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert r["pooled_precision"] == pytest.approx(1.5 / 2.0)
    assert r["accuracy"] == 0.5


def test_missing_data_exits_cleanly(bench, tmp_path, capsys):
    assert bench.main(["--data", str(tmp_path)]) == 0
    assert "not found" in capsys.readouterr().out

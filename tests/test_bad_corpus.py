"""The bad-input corpus (tests/data/bad/, written by its generate.py) through `newsledger ingest`, one case at a
time between two good inputs, into a store that already holds an article (issue 15, Deliver 3).

For a bad input: exactly one line ``error: SOURCE: reason`` naming it and the reason, exit status 1, no
traceback, every other input stored once, and nothing else changed: the store is, table for table and row for
row, the store the same command gives without the bad part of the input.  For an input that only looks odd
(over a million characters, declared encodings that lie, right-to-left text, CR line endings): exit 0, stored
with its text exactly as decoded.
"""

from __future__ import annotations

import importlib.util
import pathlib
import shutil
import sys

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.errors import CATALOGUE, InputError
from newsledger.ingest import read_inputs
from newsledger.records import check_spans
from newsledger.scale.dump import dump_difference, dump_store
from newsledger.settings import Settings
from newsledger.store import open_store

pytestmark = pytest.mark.slow

BAD = pathlib.Path(__file__).resolve().parent / "data" / "bad"
_spec = importlib.util.spec_from_file_location("bad_corpus", BAD / "generate.py")
corpus = sys.modules.setdefault("bad_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)

GOOD_BEFORE = ("good/before.txt", corpus.story("Varnsk"))  # places no case uses: distinct texts
GOOD_AFTER = ("good/after.jsonl", corpus.record("Holmsk") + "\n")
PRIOR = corpus.story("Dubrin")


@pytest.fixture(scope="module")
def prior_store(tmp_path_factory) -> pathlib.Path:
    """A store that already holds one article (whatever a bad input does must leave it as it was)."""
    folder = tmp_path_factory.mktemp("prior")
    (folder / "prior.txt").write_text(PRIOR, encoding="utf-8")
    db = folder / "prior.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder / "prior.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _ingest(folder: pathlib.Path, prior: pathlib.Path, inputs: list[str], monkeypatch):
    """Run the command in ``folder`` (relative paths: the sources are the same in every folder)."""
    for name, content in (GOOD_BEFORE, GOOD_AFTER):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    db = folder / "store.db"
    shutil.copy(prior, db)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["ingest", GOOD_BEFORE[0], *inputs, GOOD_AFTER[0], "--db", str(db)])
    with open_store(str(db)) as store:
        return result, dump_store(store), store.execute("SELECT source, text FROM articles")


@pytest.fixture(scope="module")
def without_bad_inputs(prior_store, tmp_path_factory):
    """The store when the command is given the good inputs alone."""
    folder = tmp_path_factory.mktemp("reference")
    mp = pytest.MonkeyPatch()
    try:
        result, dump, _ = _ingest(folder, prior_store, [], mp)
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    return dump


def _place(case, folder: pathlib.Path, repaired: bool = False) -> None:
    """The case's files in ``folder``: the committed small ones copied, the big ones (and repairs) generated."""
    if case.big or repaired:
        corpus.write_case(case, folder, repaired=repaired)
        return
    for name, writer in case.files.items():
        if writer is not None:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(BAD / pathlib.Path(name).name, folder / name)


@pytest.mark.parametrize("case", corpus.CASES, ids=lambda c: c.name)
def test_bad_input_between_good_ones(case, tmp_path, prior_store, without_bad_inputs, monkeypatch):
    _place(case, tmp_path / "run")
    result, dump, articles = _ingest(tmp_path / "run", prior_store, [case.input], monkeypatch)
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(lines) == len(errors) + 1 and "articles written" in lines[-1], result.stderr
    sources = [a["source"] for a in articles]
    assert len(sources) == len(set(sources)), sources  # every input stored once
    assert {GOOD_BEFORE[0], f"{GOOD_AFTER[0]}:1"} <= set(sources) and any(s.endswith("prior.txt") for s in sources)
    if case.error is None:
        assert result.exit_code == 0 and errors == [], result.stderr
        (stored,) = [a for a in articles if a["source"] == case.input]
        with open_store("store.db") as store:
            (record,) = [r for r in store.records() if r.source == case.input]
        assert check_spans(record) == []
        if case.input.endswith(".txt"):
            assert stored["text"] == (tmp_path / "run" / case.input).read_bytes().decode("utf-8")
        expected = _with(case, tmp_path, prior_store, monkeypatch, repaired=False)
    else:
        assert result.exit_code == 1, result.output
        assert len(errors) == 1, errors
        assert errors[0].startswith(f"error: {case.source or case.input}"), errors[0]
        assert all(w in errors[0] for w in case.words), errors[0]
        assert len(errors[0]) < 300
        (err,) = [e for e in read_inputs([case.input], Settings()) if isinstance(e, InputError)]
        assert err.code == case.error and case.error in CATALOGUE, err
        expected = without_bad_inputs if case.repaired is None else _with(case, tmp_path, prior_store, monkeypatch,
                                                                          repaired=True)
    assert dump == expected, dump_difference(expected, dump)


def _with(case, tmp_path, prior_store, monkeypatch, repaired: bool) -> dict:
    """The store the command leaves with only the good part of the case's input (or the input itself when fine)."""
    folder = tmp_path / "expected"
    _place(case, folder, repaired=repaired)
    names = list(case.repaired) if repaired else [case.input]
    result, dump, _ = _ingest(folder, prior_store, names[:1], monkeypatch)
    assert result.exit_code == 0, result.output
    return dump


def test_the_committed_files_are_what_the_generator_writes(tmp_path):
    for case in corpus.CASES:
        if not case.big:
            corpus.write_case(case, tmp_path)
    written = sorted(p.name for p in (tmp_path / "bad").iterdir())
    committed = sorted(p.name for p in BAD.iterdir() if p.is_file() and p.name != "generate.py")
    assert written == committed
    for name in written:
        assert (tmp_path / "bad" / name).read_bytes() == (BAD / name).read_bytes(), name

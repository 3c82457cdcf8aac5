"""The command line gives the same store whatever --batch-size, --workers, Dask partitioning and input order
(issue 15, case 4: 60 articles with --batch-size 64 and --batch-size 5 used to give different ledgers)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from click.testing import CliRunner

from newsledger.cli.app import cli
from newsledger.scale.dump import dump_difference, dump_store
from newsledger.store import open_store

pytestmark = pytest.mark.slow

FIRST = ["Anna", "Olena", "Pavel", "Ivo", "Marta", "Taras", "Irena"]
LAST = ["Kovalenko", "Brisk", "Remis", "Sandor", "Halushka"]
CITIES = ["Lorvik", "Tessin", "Amsel", "Brenmoor"]


def _article(rng: random.Random, i: int) -> str:
    """A short report of our own: people by full name or surname alone, namesakes, dated and undated events."""
    published = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 9))
    (f1, l1), (f2, l2) = rng.sample([(f, last) for f in FIRST for last in LAST], 2)
    city = rng.choice(CITIES)
    lines = [f"{city}, {published:%B} {published.day}, {published.year}"]
    if rng.random() < 0.5:
        lines += [f"Defence Minister {f1} {l1} said the talks in {city} had ended without agreement.",
                  f"'We will meet again next week,' {l1} told reporters."]
    else:
        lines += [f"Minister {l1} said the talks in {city} had ended without agreement.",
                  f"'We will meet again next week,' {l1} said."]
    lines += [f"Mayor {f2} {l2} said about {rng.randint(2, 90) * 10} homes had been damaged by shelling on Monday.",
              f"'The city needs help now,' said {l2}.",
              f"Article {i} ends here."]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(3)
    paths = []
    for i in range(60):
        path = folder / f"a{i:03d}.txt"
        path.write_text(_article(rng, i), encoding="utf-8")
        paths.append(str(path))
    return paths


def _run(db, paths, *args) -> dict:
    result = CliRunner().invoke(cli, ["ingest", *paths, "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        return dump_store(store)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    return _run(tmp_path_factory.mktemp("ref") / "ref.db", corpus, "--batch-size", "64")


def test_batch_size_does_not_change_the_store(corpus, reference, tmp_path):
    assert len(reference["ledger_entities"]) >= 20
    small = _run(tmp_path / "b5.db", corpus, "--batch-size", "5")
    assert small == reference, dump_difference(reference, small)


def test_input_order_and_workers_do_not_change_the_store(corpus, reference, tmp_path):
    shuffled = list(corpus)
    random.Random(7).shuffle(shuffled)
    other = _run(tmp_path / "w2.db", shuffled, "--batch-size", "7", "--workers", "2")
    assert other == reference, dump_difference(reference, other)


def test_dask_partitions_do_not_change_the_store(corpus, reference, tmp_path):
    shuffled = list(corpus)
    random.Random(8).shuffle(shuffled)
    other = _run(tmp_path / "dask.db", shuffled, "--dask-local", "1", "--partition-files", "7", "--batch-size", "9")
    assert other == reference, dump_difference(reference, other)


def test_two_concurrent_ingests_into_one_file_both_finish_with_the_same_store(corpus, reference, tmp_path):
    """Two `newsledger ingest` processes at once into one SQLite file, overlapping inputs: both finish, and the
    store is the one a single run of all the inputs gives (the write lock orders their batches)."""
    import pathlib
    import subprocess
    import sys

    exe = str(pathlib.Path(sys.executable).with_name("newsledger"))
    db = tmp_path / "shared.db"
    runs = [subprocess.Popen([exe, "ingest", *part, "--db", str(db), "--batch-size", "3"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True) for part in (corpus[:40], corpus[20:][::-1])]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    with open_store(str(db)) as store:
        both = dump_store(store)
    assert both == reference, dump_difference(reference, both)

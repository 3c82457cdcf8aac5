"""ingest --workers N and the Dask path give exactly the store a single-process ingest gives."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from newsledger.cli.app import cli
from newsledger.ingest import read_inputs
from newsledger.scale import is_error, process_partition
from newsledger.scale.partition import WarcSlice, partitions, warc_slices
from newsledger.scale.worker import read_items
from newsledger.settings import Settings
from newsledger.store import open_store

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NEWSLEDGER = str(ROOT / ".venv" / "bin" / "newsledger")

pytestmark = pytest.mark.slow


@pytest.fixture()
def runner():
    return CliRunner()


def _records(db) -> list[dict]:
    with open_store(str(db)) as store:
        return [r.to_dict() for r in store.records()]


def _ingest(runner, db, *args):
    result = runner.invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db), *args])
    assert result.exit_code == 0, result.output + (str(result.exception) if result.exception else "")
    return result


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> list[dict]:
    """The store a plain single-process ingest of examples/ leaves."""
    db = tmp_path_factory.mktemp("single") / "single.db"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return _records(db)


def test_workers_give_the_same_store(runner, tmp_path, single):
    db = tmp_path / "w2.db"
    result = _ingest(runner, db, "--workers", "2")
    assert "7 articles written, 0 unchanged, 0 failed" in result.stderr
    assert _records(db) == single
    again = _ingest(runner, db, "--workers", "2")
    assert "0 failed" in again.stderr and "unchanged" in again.stderr


def test_dask_local_cluster_gives_the_same_store_and_resumes(runner, tmp_path, single):
    """The real distributed path: a LocalCluster with a worker *process*, partitions, part files, one writer."""
    db, run_dir = tmp_path / "dask.db", tmp_path / "run"
    result = _ingest(runner, db, "--dask-local", "1", "--run-dir", str(run_dir))
    assert "7 articles written" in result.stderr
    assert _records(db) == single
    parts = sorted(run_dir.glob("part-*.jsonl"))
    assert parts and json.loads(parts[0].read_text().splitlines()[0])["items"]
    # a rerun with the same run directory reuses the finished partitions and writes nothing new
    fresh = tmp_path / "fresh.db"
    again = _ingest(runner, fresh, "--dask-local", "1", "--run-dir", str(run_dir))
    assert "reused 1 of 1 partitions" in again.stderr
    assert _records(fresh) == single


def test_process_partition_is_engine_agnostic(tmp_path):
    """Plain call, no engine: record dicts in input order, bad inputs as error dicts in place."""
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = process_partition([str(EXAMPLES / "articles" / "grain_corridor.txt"), str(bad)], Settings())
    assert [is_error(d) for d in out] == [False, True]
    assert out[0]["source"].endswith("grain_corridor.txt") and out[0]["pipeline"]["version"]
    assert "empty" in out[1]["error"]


def test_large_warc_is_split_into_record_slices():
    warc = str(EXAMPLES / "crawl.warc.gz")
    slices = warc_slices(warc, records_per_slice=1)
    assert len(slices) == 2 and slices[0].start == 0 and slices[-1].stop is None
    whole = [a.to_dict() for a in read_inputs([warc], Settings())]
    pieces = [a.to_dict() for a in read_items(slices, Settings())]
    assert pieces == whole and len(whole) == 2
    parts = list(partitions([str(EXAMPLES)], warc_split_bytes=1, warc_records_per_partition=1))
    assert [p[0] for p in parts[:2]] == slices and all(isinstance(i, str) for p in parts[2:] for i in p)


def test_bad_inputs_are_reported_one_line_each_with_workers(runner, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "articles", corpus)
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "x.db"), "--workers", "2"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "3 articles written" in result.stderr


def _synthetic_corpus(folder: pathlib.Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synthetic
    finally:
        sys.path.pop(0)
    folder.mkdir()
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as fh:
        for a in synthetic.articles(n):
            fh.write(json.dumps({"text": a.text, "title": a.title, "published": a.published}) + "\n")


def _wait_for_articles(proc, db: pathlib.Path, n: int, seconds: float = 120) -> None:
    """Until the running ingest ``proc`` has committed ``n`` articles to ``db`` (or ended, or time is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            with open_store(str(db)) as store:
                if store.count() >= n:
                    return
        time.sleep(0.1)


@pytest.mark.skipif(not os.path.exists(NEWSLEDGER), reason="console script not installed in .venv")
def test_ctrl_c_stops_cleanly_with_whole_batches_and_rerun_completes(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "ctrlc.db"
    _synthetic_corpus(corpus, 80)
    cmd = [NEWSLEDGER, "ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_for_articles(proc, db, 4)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: to the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted:" in err
    with open_store(str(db)) as store:
        stored = store.count()
        assert 4 <= stored < 80 and stored % 4 == 0  # whole batches only
        assert store.count("quotes") > 0
    # no worker outlives the run
    for _ in range(50):  # the forkserver and resource tracker exit once they see the parent gone
        leftover = subprocess.run(["pgrep", "-a", "-g", str(proc.pid)], capture_output=True, text=True).stdout.splitlines()
        if not leftover:
            break
        time.sleep(0.1)
    assert leftover == []
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{80 - stored} articles written, {stored} unchanged" in done.stderr


@pytest.mark.skipif(not os.path.exists(NEWSLEDGER), reason="console script not installed in .venv")
def test_kill_9_leaves_whole_batches_no_orphans_and_a_resume_equals_a_clean_run(tmp_path):
    """kill -9 of the ingest alone (not its group): its workers exit by themselves, the store holds whole batches,
    and rerunning the command completes a store identical (full dump) to a clean single-process run."""
    from newsledger.scale.dump import dump_difference, dump_store

    corpus, db, clean = tmp_path / "corpus", tmp_path / "killed.db", tmp_path / "clean.db"
    _synthetic_corpus(corpus, 80)
    cmd = [NEWSLEDGER, "ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_articles(proc, db, 8)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    with open_store(str(db)) as store:
        assert store.count() % 4 == 0 and store.count() < 80
    for _ in range(300):  # the workers see their parent gone and exit; the forkserver follows
        leftover = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
        if not leftover:
            break
        time.sleep(0.1)
    assert leftover == []
    assert subprocess.run(cmd, capture_output=True, text=True, timeout=300).returncode == 0
    single = subprocess.run([NEWSLEDGER, "ingest", str(corpus), "--db", str(clean)], capture_output=True, text=True,
                            timeout=300)
    assert single.returncode == 0, single.stderr
    with open_store(str(db)) as a, open_store(str(clean)) as b:
        resumed, reference = dump_store(a), dump_store(b)
    assert resumed == reference, dump_difference(reference, resumed)

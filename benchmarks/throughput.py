"""Ingest throughput and peak memory at scale, each next to plain ``nlp.pipe`` measured in the same run.

    .venv/bin/python benchmarks/throughput.py                 # full run (several minutes)
    .venv/bin/python benchmarks/throughput.py --quick         # small counts, about two minutes
    .venv/bin/python benchmarks/throughput.py --only speed    # or: ingest, dask, memory

Inputs are the fixed synthetic articles of ``benchmarks/synthetic.py``, written as
JSONL shards (50 articles a file) so every engine reads the same files.

* speed: full extraction (``extract_records`` with every newsledger component) against
  plain ``nlp.pipe`` of the same spaCy model with its default pipeline, same texts, same
  process, alternated, best of ``--repeat``; CPU time and wall time.
* ingest: ``newsledger ingest --workers 1`` and ``--workers 2`` (subprocesses, fresh
  stores).  Rates are steady-state: (N - n) / (T(N) - T(n)) with a small run of n
  articles taking out start-up (model loading, worker start); raw rates are printed too.
* dask: the same with ``--dask-local 2`` (a LocalCluster of 2 worker processes), one
  shard (50 articles) a task.
* memory: peak RSS (sum over the ingest process and its workers, sampled with psutil,
  plus the largest single process) for ``--memory`` article counts, next to the peak RSS
  of a process running plain ``nlp.pipe`` over the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

NEWSLEDGER = str(ROOT / ".venv" / "bin" / "newsledger")
PYTHON = sys.executable
SHARD = 50


def write_shards(n: int, folder: pathlib.Path) -> int:
    """``n`` synthetic articles as JSONL shards of SHARD lines; returns the word count."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    fh = None
    for i, a in enumerate(synthetic.articles(n)):
        if i % SHARD == 0:
            if fh:
                fh.close()
            fh = open(folder / f"shard-{i // SHARD:05d}.jsonl", "w", encoding="utf-8")
        fh.write(json.dumps({"text": a.text, "title": a.title, "published": a.published, "url": f"https://example.invalid/{i}"},
                            ensure_ascii=False) + "\n")
        words += len(a.text.split())
    if fh:
        fh.close()
    return words


class PeakRSS:
    """Samples the RSS of a process tree every ``interval`` seconds: peak sum and peak single process."""

    def __init__(self, pid: int, interval: float = 0.2):
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.total = self.single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                if rss:
                    self.total = max(self.total, sum(rss))
                    self.single = max(self.single, max(rss))
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], env=None) -> tuple[float, int, int, str]:
    """(wall seconds, peak total RSS, peak single RSS, stderr) of a command."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    sampler = PeakRSS(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, sampler.total, sampler.single, err


def ingest_cmd(folder: pathlib.Path, db: pathlib.Path, *engine: str) -> list[str]:
    return [NEWSLEDGER, "ingest", str(folder), "--db", str(db), *engine]


PLAIN = r"""
import json, sys, pathlib
from newsledger.extract.pipeline import load_model
nlp = load_model()
def texts():
    for f in sorted(pathlib.Path(sys.argv[1]).glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]
n = 0
for doc in nlp.pipe(texts(), batch_size=64):
    n += 1
print(n)
"""


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def bench_speed(n: int, repeat: int) -> None:
    import gc

    from newsledger.extract import build_pipeline, extract_records
    from newsledger.extract.pipeline import load_model

    arts = list(synthetic.articles(n))
    shared = sorted((ROOT.parent / "shared" / "data" / "polnear-dev" / "texts").glob("*.txt"))
    sets = {"synthetic": arts}
    if shared:
        from newsledger.ingest import read_inputs
        from newsledger.settings import Settings

        sets["polnear-dev"] = [a for a in read_inputs([str(p) for p in shared], Settings(published="2016-10-01"))
                               if not isinstance(a, Exception)]
    plain = load_model()
    full = build_pipeline()
    print(f"\n== speed: full extraction vs plain nlp.pipe ({plain.meta['name']} {plain.meta['version']}, "
          f"pipeline {', '.join(plain.pipe_names)}), best of {repeat}")
    for name, items in sets.items():
        texts = [a.text for a in items]
        words = sum(len(t.split()) for t in texts)
        list(plain.pipe(texts[:4])), list(extract_records(items[:4], full))  # warm up
        best = {"plain": (1e9, 1e9), "full": (1e9, 1e9)}
        for _ in range(repeat):
            for kind in ("plain", "full"):
                gc.collect()
                c, w = time.process_time(), time.perf_counter()
                if kind == "plain":
                    for _doc in plain.pipe(texts, batch_size=64):
                        pass
                else:
                    for _rec in extract_records(items, full, batch_size=64):
                        pass
                c, w = time.process_time() - c, time.perf_counter() - w
                best[kind] = (min(best[kind][0], c), min(best[kind][1], w))
        (pc, pw), (fc, fw) = best["plain"], best["full"]
        print(f"{name:12s} {len(texts):5d} articles {words:8,d} words | plain {len(texts) / pc:6.1f} art/s "
              f"{words / pc:8,.0f} words/s (cpu) | full {len(texts) / fc:6.1f} art/s {words / fc:8,.0f} words/s (cpu) | "
              f"ratio full/plain: cpu {pc / fc:.3f}, wall {pw / fw:.3f}")


def bench_ingest(big: int, small: int, engines: dict[str, list[str]], tmp: pathlib.Path) -> None:
    print(f"\n== ingest throughput: {big} articles (steady state: minus a run of {small}); plain nlp.pipe baseline")
    rates: dict[str, float] = {}
    for n in (small, big):
        write_shards(n, tmp / f"in-{n}")
    words_big = sum(len(a.text.split()) for a in synthetic.articles(big))
    words_small = sum(len(a.text.split()) for a in synthetic.articles(small))
    runs = {"plain nlp.pipe": None, **engines}
    for label, engine in runs.items():
        times = {}
        for n in (small, big):
            if engine is None:
                cmd = [PYTHON, "-c", PLAIN, str(tmp / f"in-{n}")]
            else:
                cmd = ingest_cmd(tmp / f"in-{n}", tmp / f"{label.replace(' ', '_')}-{n}.db", *engine)
            times[n] = run_measured(cmd)[0]
        steady = (big - small) / max(1e-9, times[big] - times[small])
        rates[label] = steady
        print(f"{label:18s} raw {big / times[big]:6.1f} art/s {words_big / times[big]:8,.0f} words/s | steady "
              f"{steady:6.1f} art/s {(words_big - words_small) / max(1e-9, times[big] - times[small]):8,.0f} words/s "
              f"| vs plain {steady / rates['plain nlp.pipe']:.2f}x")
    if "--workers 1" in rates and "--workers 2" in rates:
        print(f"ratio --workers 2 / --workers 1 (steady): {rates['--workers 2'] / rates['--workers 1']:.2f}x")
    if "--dask-local 2" in rates and "--workers 1" in rates:
        print(f"ratio --dask-local 2 / --workers 1 (steady): {rates['--dask-local 2'] / rates['--workers 1']:.2f}x")


def bench_memory(counts: list[int], workers: int, tmp: pathlib.Path) -> None:
    print(f"\n== peak memory: ingest --workers {workers} (process tree) vs plain nlp.pipe (one process)")
    first = None
    for n in counts:
        folder = tmp / f"in-{n}"
        if not folder.exists():
            write_shards(n, folder)
        pw, ptotal, psingle, _ = run_measured([PYTHON, "-c", PLAIN, str(folder)])
        iw, itotal, isingle, _ = run_measured(ingest_cmd(folder, tmp / f"mem-{n}.db", "--workers", str(workers)))
        first = first or (itotal, isingle, ptotal)
        print(f"{n:6d} articles | ingest: tree {mb(itotal)}, largest process {mb(isingle)} ({iw:.0f} s) | "
              f"plain nlp.pipe {mb(ptotal)} ({pw:.0f} s) | vs first count: ingest tree {itotal / first[0]:.3f}, "
              f"largest {isingle / first[1]:.3f}, plain {ptotal / first[2]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small counts (about two minutes)")
    ap.add_argument("--only", choices=("speed", "ingest", "dask", "memory"), action="append")
    ap.add_argument("--speed-n", type=int, default=None, help="synthetic articles for the speed ratio")
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--big", type=int, default=None, help="articles for the ingest rates")
    ap.add_argument("--small", type=int, default=None, help="articles of the start-up run")
    ap.add_argument("--memory", default=None, help="comma-separated article counts (default 1000,20000)")
    args = ap.parse_args()
    quick = args.quick
    only = set(args.only or ("speed", "ingest", "dask", "memory"))
    speed_n = args.speed_n or (100 if quick else 400)
    repeat = args.repeat or (2 if quick else 3)
    big = args.big or (200 if quick else 800)
    small = args.small or (20 if quick else 50)
    counts = [int(x) for x in (args.memory or ("200,2000" if quick else "1000,20000")).split(",")]
    print(f"machine: {os.cpu_count()} cores, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="nl-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        if "speed" in only:
            bench_speed(speed_n, repeat)
        engines: dict[str, list[str]] = {}
        if "ingest" in only:
            engines.update({"--workers 1": ["--workers", "1"], "--workers 2": ["--workers", "2"]})
        if "dask" in only:
            engines.setdefault("--workers 1", ["--workers", "1"])
            engines["--dask-local 2"] = ["--dask-local", "2", "--partition-files", "1"]
        if engines:
            bench_ingest(big, small, engines, tmp)
        if "memory" in only:
            bench_memory(counts, 2, tmp)
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

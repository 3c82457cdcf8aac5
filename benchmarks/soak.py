"""Recovery under load: an ingest killed twice while 20 clients read pages, resumed, and checked against a clean run.

    .venv/bin/python benchmarks/soak.py [--articles 5000] [--clients 20] [--kills 2] [--workers 2] [--seed 1]

1. Writes ``--articles`` synthetic articles (``benchmarks/synthetic.py``, seeded) as JSONL feeds of 100 lines.
2. Serves the (empty, then filling) store with ``newsledger serve --workers 2`` on 127.0.0.1 and starts ``--clients``
   keep-alive clients that read pages in a loop (articles, quotes, speakers, claims, timeline, entities,
   search, and article pages of what is stored so far), timing every request.
3. Runs ``newsledger ingest FEEDS --workers 2`` and ``kill -9``s it (the ingest process alone, as the kernel's
   OOM killer or a careless operator would) when the store reaches each of ``--kills`` random article counts;
   after each kill it checks that no process of the killed run is left, then reruns the same command to resume.
4. Keeps the clients reading for ``--idle`` seconds after the ingest, as the baseline of the same run.
5. Ingests the same feeds into a fresh store in one clean single-process run and compares the two stores
   table by table, row by row (``newsledger.scale.dump``: ids included, wall-clock columns left out).

Prints page latency (p50/p90/p99/max ms) while the ingest ran and after it, the ratio of the two p99s, any
non-200 answers, and whether the final store equals the clean run (exit status 1 if it does not, or if a page
answered 5xx).  Target: p99 < 300 ms during ingest on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthetic  # noqa: E402
from web_load import free_port, pct, start_server, stop_server, wait_ready  # noqa: E402

from newsledger.scale.dump import dump_difference, dump_store  # noqa: E402
from newsledger.store import open_store  # noqa: E402

TARGET_P99_MS = 300.0
PAGES = ["/articles", "/quotes", "/speakers", "/claims", "/timeline", "/entities", "/search?q=corridor"]
NEWSLEDGER = [sys.executable, "-c", "from newsledger.cli import main; main()"]


def write_feeds(folder: str, n: int) -> None:
    os.makedirs(folder, exist_ok=True)
    fh = None
    for i, a in enumerate(synthetic.articles(n)):
        if i % 100 == 0:
            if fh:
                fh.close()
            fh = open(os.path.join(folder, f"feed-{i // 100:04d}.jsonl"), "w", encoding="utf-8")
        fh.write(json.dumps({"text": a.text, "title": a.title, "published": a.published}) + "\n")
    if fh:
        fh.close()


def stored(db: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


class Readers:
    """``n`` keep-alive HTTP clients reading pages until stopped; every request timed with when it started."""

    def __init__(self, host: str, port: int, db: str, n: int, seed: int):
        self.host, self.port, self.db, self.n = host, port, db, n
        self.rng = random.Random(seed)
        self.samples: list[tuple[float, float, int, str]] = []  # (started, ms, status, path)
        self.ids: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def _refresh_ids(self) -> None:
        try:
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5) as conn:
                self.ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id LIMIT 2000")]
        except sqlite3.Error:
            pass

    def _path(self) -> str:
        if self.ids and self.rng.random() < 0.4:
            return f"/articles/{self.rng.choice(self.ids)}"
        return self.rng.choice(PAGES)

    async def _client(self) -> None:
        reader = writer = None
        while not self.stop.is_set():
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(self.host, self.port)
                path = self._path()
                t0 = time.perf_counter()
                started = time.monotonic()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: text/html\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")[1:]
                               if line.lower().startswith(b"content-length:")), 0)
                await reader.readexactly(length)
                self.samples.append((started, (time.perf_counter() - t0) * 1000, status, path))
            except (OSError, asyncio.IncompleteReadError, ValueError):
                self.samples.append((time.monotonic(), 0.0, 0, "connection"))
                writer = None
                await asyncio.sleep(0.1)
        if writer is not None:
            writer.close()

    async def _run(self) -> None:
        async def ids():
            while not self.stop.is_set():
                self._refresh_ids()
                await asyncio.sleep(2)

        await asyncio.gather(ids(), *(self._client() for _ in range(self.n)))

    def start(self) -> "Readers":
        self.thread.start()
        return self

    def finish(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)

    def summary(self, since: float, until: float) -> dict:
        got = [(ms, status) for started, ms, status, _ in self.samples if since <= started < until]
        ok = [ms for ms, status in got if status == 200]
        bad = [status for _, status in got if status != 200]
        if not ok:
            return {"n": 0, "errors": len(bad)}
        return {"n": len(got), "p50": pct(ok, 50), "p90": pct(ok, 90), "p99": pct(ok, 99), "max": max(ok),
                "errors": len(bad), "server_errors": sum(1 for s in bad if s >= 500)}


def leftovers(pgid: int) -> list[str]:
    return subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True, text=True).stdout.split()


def ingest_with_kills(feeds: str, db: str, workers: int, kills: list[int], log) -> list[dict]:
    """Run the ingest, kill -9 it at each article count in ``kills``, resume, until it completes."""
    cmd = [*NEWSLEDGER, "ingest", feeds, "--db", db, "--workers", str(workers)]
    events, pending = [], list(kills)
    while True:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        target = pending[0] if pending else None
        while proc.poll() is None:
            if target is not None and stored(db) >= target:
                before = stored(db)
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                deadline = time.monotonic() + 60
                while leftovers(proc.pid) and time.monotonic() < deadline:
                    time.sleep(0.2)
                events.append({"killed_at": before, "after_s": round(time.monotonic() - t0, 1),
                               "left_behind": len(leftovers(proc.pid)), "stored_after_kill": stored(db)})
                log(f"kill -9 at {before} articles stored; {events[-1]['left_behind']} processes left behind")
                pending.pop(0)
                break
            time.sleep(0.2)
        else:
            err = proc.stderr.read().decode()
            events.append({"completed": stored(db), "after_s": round(time.monotonic() - t0, 1), "exit": proc.returncode,
                           "summary": err.strip().splitlines()[-1] if err.strip() else ""})
            log(f"ingest ended with {proc.returncode}: {events[-1]['summary']}")
            return events


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--kills", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2, help="ingest worker processes")
    ap.add_argument("--serve-workers", type=int, default=2, help="server processes (as benchmarks/web_load.py)")
    ap.add_argument("--idle", type=float, default=20.0, help="seconds of reading after the ingest (baseline)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default=None, help="folder to keep the feeds and stores in")
    args = ap.parse_args()

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    folder = args.keep or tempfile.mkdtemp(prefix="newsledger-soak-")
    feeds, db, clean = os.path.join(folder, "feeds"), os.path.join(folder, "soak.db"), os.path.join(folder, "clean.db")
    for path in (db, clean):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    write_feeds(feeds, args.articles)
    open_store(db).close()  # serve reads an existing store only
    rng = random.Random(args.seed)
    kills = sorted(rng.sample(range(args.articles // 10, args.articles * 9 // 10), args.kills))
    port = free_port()
    server = start_server(db, port, args.serve_workers, [])
    if not wait_ready(f"http://127.0.0.1:{port}", server):
        log("server did not start")
        return 1
    readers = Readers("127.0.0.1", port, db, args.clients, args.seed).start()
    try:
        start = time.monotonic()
        log(f"ingest of {args.articles} articles with {args.workers} workers; kill -9 at {kills} articles stored")
        events = ingest_with_kills(feeds, db, args.workers, kills, log)
        ingest_end = time.monotonic()
        time.sleep(args.idle)
        idle_end = time.monotonic()
    finally:
        readers.finish()
        stop_server(server)
    during, after = readers.summary(start, ingest_end), readers.summary(ingest_end, idle_end)

    log("clean single-process run of the same feeds")
    t0 = time.monotonic()
    single = subprocess.run([*NEWSLEDGER, "ingest", feeds, "--db", clean], capture_output=True, text=True)
    clean_s = time.monotonic() - t0
    with open_store(db) as a, open_store(clean) as b:
        resumed, reference = dump_store(a), dump_store(b)
    equal = single.returncode == 0 and resumed == reference
    rows = sum(len(v) for v in reference.values())

    print(f"soak: {args.articles} articles, {args.workers} ingest workers, {args.clients} clients of "
          f"serve --workers {args.serve_workers}, "
          f"kill -9 at {[e['killed_at'] for e in events if 'killed_at' in e]} stored articles")
    print(f"{'pages':<22}{'requests':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'non-200':>9}")
    for label, s in (("during ingest", during), ("after ingest (idle)", after)):
        if s["n"]:
            print(f"{label:<22}{s['n']:>9}{s['p50']:>9.1f}{s['p90']:>9.1f}{s['p99']:>9.1f}{s['max']:>9.1f}{s['errors']:>9}")
    if during.get("p99") and after.get("p99"):
        print(f"p99 during ingest / after: {during['p99'] / after['p99']:.2f}x (target during: < {TARGET_P99_MS:.0f} ms)")
    print(f"processes left behind by the kills: {sum(e.get('left_behind', 0) for e in events)}")
    print(f"ingest wall time with kills and resumes: {ingest_end - start:.0f} s; clean single run: {clean_s:.0f} s")
    print(f"final store equals the clean single run: {'yes' if equal else 'NO'} "
          f"({len(reference)} tables, {rows:,} rows compared)")
    if not equal:
        print(dump_difference(reference, resumed) or single.stderr[-2000:])
    print(json.dumps({"articles": args.articles, "kills": events, "during": during, "after": after,
                      "equal": equal, "tables": len(reference), "rows": rows, "clean_s": round(clean_s, 1),
                      "ingest_s": round(ingest_end - start, 1)}))
    return 0 if equal and not during.get("server_errors") and not after.get("server_errors") else 1


if __name__ == "__main__":
    sys.exit(main())

"""Load test of the web app: article, speaker (entity) and claims pages on a 10,000-article store.

Builds (or reuses) a synthetic store (benchmarks/make_synthetic_store.py: records written
directly, no NLP), serves it with ``newsledger serve`` on 127.0.0.1 in a subprocess, and sends
a fixed number of requests per phase from CONCURRENCY keep-alive connections:

- ``baseline``: a trivial endpoint (``/healthz``) under the same load: the floor of the
  server + client + machine, against which the pages are reported as a ratio;
- ``article``: random articles among all stored ones;
- ``speaker``: the entity pages of the 50 most quoted speakers;
- ``claims``: ``/claims`` with and without filters (status, source, words, date range, page 2);
- ``mixed``: all three kinds shuffled together.

Clients (``--client``): ``wrk`` (Debian's ``wrk``, C, with a Lua script rotating the URL list and
stopping after the request budget; default when installed), ``raw`` (a minimal asyncio HTTP/1.1
keep-alive client in this file, which also splits the mixed phase per page), ``httpx`` (fallback).
Loopback only; bounded in requests per phase and in time (``--timeout`` per phase).
Target: p99 < 200 ms at 20 concurrent clients on a 2-core machine.

    .venv/bin/python benchmarks/web_load.py [--articles 10000] [--requests 3000] [--concurrency 20]
        [--workers 2] [--client wrk|raw|httpx] [--phases baseline,article,speaker,claims,mixed]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import quote_plus

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_synthetic_store import build  # noqa: E402

from newsledger.store import open_store  # noqa: E402

TARGET_P99_MS = 200.0
PAGES = ("article", "speaker", "claims")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[k]


# -- what to ask for ------------------------------------------------------------------

def plan_urls(db: str, n: int, rng: random.Random, base: str) -> dict[str, list[str]]:
    """``n`` URLs per page kind, varied as real readers would: no single URL repeated over and over."""
    with open_store(db) as s:
        articles = [r["id"] for r in s.execute("SELECT id FROM articles ORDER BY id")]
        speakers = [r["entity"] for r in s.execute(
            "SELECT e.ledger_entity AS entity, COUNT(*) AS n FROM quotes q JOIN entities e "
            "ON e.article_id = q.article_id AND e.id = q.speaker_entity WHERE e.ledger_entity IS NOT NULL "
            "GROUP BY e.ledger_entity ORDER BY n DESC, entity LIMIT 50")]
        sources = [r["source_name"] for r in s.execute(
            "SELECT source_name, COUNT(*) AS n FROM claims WHERE source_name IS NOT NULL "
            "GROUP BY source_name ORDER BY n DESC, source_name LIMIT 20")]
        months = sorted({r["m"] for r in s.execute(
            "SELECT DISTINCT substr(published, 1, 7) AS m FROM claims WHERE published IS NOT NULL")})
    words = ["civilians", "refugees", "drones", "tanks", "evacuated", "destroyed", "grain", "prisoners"]
    statuses = ["unverified", "disputed", "claimed", "confirmed"]
    claim_urls = ["/claims"] + [f"/claims?status={st}" for st in statuses]
    claim_urls += [f"/claims?source={quote_plus(src)}" for src in sources]
    claim_urls += [f"/claims?q={w}" for w in words]
    claim_urls += [f"/claims?from={m}-01&to={m}-28" for m in months]
    claim_urls += [f"/claims?status={rng.choice(statuses)}&from={m}-01&to={m}-28" for m in months[::3]]
    # second pages: the cursor the first page hands out
    for first in ("/claims", "/claims?status=unverified", f"/claims?source={quote_plus(sources[0])}"):
        sep = "&" if "?" in first else "?"
        try:
            with urllib.request.urlopen(base + first.replace("/claims", "/claims.json", 1), timeout=30) as r:
                nxt = json.loads(r.read())["next"]
        except OSError:
            nxt = None
        if nxt:
            claim_urls.append(f"{first}{sep}after={nxt}")
    return {
        "article": [f"/articles/{rng.choice(articles)}" for _ in range(n)],
        "speaker": [f"/entities/{rng.choice(speakers)}" for _ in range(n)],
        "claims": [rng.choice(claim_urls) for _ in range(n)],
    }


# -- clients --------------------------------------------------------------------------

WRK_LUA = r"""
-- rotate through the paths in $WL_PATHS (one per line), each thread from its own offset;
-- stop a thread after $WL_LIMIT responses; print the latency distribution as JSON.
local paths = {}
for line in io.lines(os.getenv("WL_PATHS")) do paths[#paths + 1] = line end
local limit = tonumber(os.getenv("WL_LIMIT"))
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local i, done_n, bad = 0, 0, 0
function init(args)
  i = (tid - 1) * math.floor(#paths / 4)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = "text/html"})
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1; wrk.thread:set("bad", bad) end
  done_n = done_n + 1
  if done_n >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do bad_total = bad_total + (t:get("bad") or 0) end
  io.write(string.format(
    'WLJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"mean_us": %.1f, "non200": %d, "socket_errors": %d, "capped": %s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, bad_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    tostring(summary.requests >= limit * #threads)))
end
"""


def run_wrk(base: str, paths: list[str], n: int, concurrency: int, seconds: float, threads: int) -> dict:
    """One phase with wrk: ``seconds`` long, at most ``n`` requests (split over ``threads``).

    wrk's main thread always waits the whole duration, so when the request cap ends a phase
    early the throughput is taken from the closed loop instead (connections / mean latency).
    """
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "rotate.lua")
        with open(script, "w") as f:
            f.write(WRK_LUA)
        plist = os.path.join(tmp, "paths.txt")
        with open(plist, "w") as f:
            f.write("\n".join(paths) + "\n")
        env = {**os.environ, "WL_PATHS": plist, "WL_LIMIT": str(max(1, n // threads))}
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{max(1, round(seconds))}s", "--timeout", "10s",
             "-s", script, base], env=env, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WLJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    r = json.loads(line[len("WLJSON "):])
    wall = r["duration_us"] / 1e6
    rps = concurrency / (r["mean_us"] / 1e6) if r["capped"] else r["requests"] / wall
    return {"n": r["requests"], "wall": wall, "rps": rps, "p50": r["p50_us"] / 1000,
            "p90": r["p90_us"] / 1000, "p99": r["p99_us"] / 1000, "max": r["max_us"] / 1000,
            "errors": r["non200"] + r["socket_errors"]}


async def _raw_phase(host: str, port: int, plan: list[tuple[str, str]], concurrency: int,
                     deadline: float) -> tuple[dict[str, list[float]], int, float]:
    """A minimal HTTP/1.1 keep-alive client: one request in flight per connection, latency per kind."""
    times: dict[str, list[float]] = {}
    errors = 0
    queue = list(reversed(plan))

    async def worker():
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while queue and time.monotonic() < deadline:
                kind, path = queue.pop()
                t0 = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length, chunked = 0, False
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    name = name.strip().lower()
                    if name == b"content-length":
                        length = int(value)
                    elif name == b"transfer-encoding" and b"chunked" in value.lower():
                        chunked = True
                if chunked:
                    while True:
                        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                        await reader.readexactly(size + 2)
                        if size == 0:
                            break
                else:
                    await reader.readexactly(length)
                times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
                errors += status != 200
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return times, errors, time.perf_counter() - t0


async def _httpx_phase(base: str, plan: list[tuple[str, str]], concurrency: int,
                       deadline: float) -> tuple[dict[str, list[float]], int, float]:
    import httpx

    times: dict[str, list[float]] = {}
    errors = 0
    queue = list(reversed(plan))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker():
            nonlocal errors
            while queue and time.monotonic() < deadline:
                kind, url = queue.pop()
                t0 = time.perf_counter()
                r = await client.get(url, headers={"Accept": "text/html"})
                times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
                errors += r.status_code != 200

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return times, errors, time.perf_counter() - t0


def summarise(v: list[float], wall: float, errors: int) -> dict:
    return {"n": len(v), "wall": wall, "rps": len(v) / wall if wall else 0.0, "p50": statistics.median(v),
            "p90": pct(v, 90), "p99": pct(v, 99), "max": max(v), "errors": errors}


def run_python(client: str, host: str, port: int, plan: list[tuple[str, str]], concurrency: int,
               timeout: float) -> tuple[dict, dict[str, dict]]:
    """One phase with the raw or httpx client: the phase's summary and one per page kind in it."""
    deadline = time.monotonic() + timeout
    if client == "raw":
        coro = _raw_phase(host, port, plan, concurrency, deadline)
    else:
        coro = _httpx_phase(f"http://{host}:{port}", plan, concurrency, deadline)
    try:
        import uvloop  # the client's own overhead matters: it shares the cores with the server

        times, errors, wall = uvloop.run(coro)
    except ImportError:
        times, errors, wall = asyncio.run(coro)
    everything = [t for v in times.values() for t in v]
    return summarise(everything, wall, errors), {k: summarise(v, wall, 0) for k, v in times.items()}


# -- server ---------------------------------------------------------------------------

def start_server(db: str, port: int, workers: int, extra: list[str]) -> subprocess.Popen:
    env = {**os.environ, "NEWSLEDGER_DB": db}
    env.pop("NEWSLEDGER_HOST", None)
    env.pop("NEWSLEDGER_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-c", "from newsledger.cli import main; main()", "serve", "--db", db,
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), *extra], env=env)


def wait_ready(base: str, server: subprocess.Popen) -> bool:
    for _ in range(300):
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="store to use (built when absent or smaller)")
    ap.add_argument("--requests", type=int, default=20000, help="at most this many requests per phase")
    ap.add_argument("--seconds", type=float, default=15, help="length of a phase (wrk)")
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2, help="server worker processes (newsledger serve --workers)")
    ap.add_argument("--client", choices=("auto", "wrk", "raw", "httpx"), default="auto",
                    help="load generator (auto: wrk when installed, else raw)")
    ap.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (1 keeps the client's CPU share small)")
    ap.add_argument("--phases", default="baseline,article,speaker,claims,mixed")
    ap.add_argument("--warmup", type=int, default=300, help="mixed requests sent before measuring")
    ap.add_argument("--timeout", type=float, default=120, help="stop a phase after this many seconds (raw, httpx)")
    ap.add_argument("--serve-arg", action="append", default=[], help="extra argument for newsledger serve")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    client = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "raw")
    db = args.db or f"/tmp/newsledger-synthetic-{args.articles}.db"
    t0 = time.perf_counter()
    build(db, args.articles, quiet=False)
    print(f"store {db} ready in {time.perf_counter() - t0:.0f}s", file=sys.stderr)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port, args.workers, args.serve_arg)
    results: dict[str, dict] = {}
    split: dict[str, dict] = {}
    try:
        if not wait_ready(base, server):
            print("server did not start", file=sys.stderr)
            return 1
        rng = random.Random(args.seed)
        urls = plan_urls(db, args.requests, rng, base)
        urls["baseline"] = ["/healthz"] * args.requests
        mixed = [(k, u) for k in PAGES for u in urls[k][: args.requests // 3 + 1]]
        rng.shuffle(mixed)
        mixed = mixed[: args.requests]
        urls["mixed"] = [u for _, u in mixed]
        # warm-up: a few of each kind from the *end* of the lists (not the URLs measured first)
        warm = [(k, u) for k in PAGES for u in urls[k][-(args.warmup // 3):]]
        run_python("raw", "127.0.0.1", port, warm, 4, 60)
        for phase in [p.strip() for p in args.phases.split(",") if p.strip()]:
            if client == "wrk":
                results[phase] = run_wrk(base, urls[phase], args.requests, args.concurrency, args.seconds,
                                         args.wrk_threads)
            else:
                plan = mixed if phase == "mixed" else [(phase, u) for u in urls[phase]]
                results[phase], per_kind = run_python(client, "127.0.0.1", port, plan, args.concurrency, args.timeout)
                if phase == "mixed":
                    split = per_kind
            r = results[phase]
            print(f"  {phase}: {r['n']} requests, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, "
                  f"{r['rps']:.0f} req/s", file=sys.stderr)
    finally:
        stop_server(server)

    print(f"{args.articles} articles, {args.concurrency} concurrent clients, client={client}, "
          f"server workers={args.workers}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    base_r = results.get("baseline")
    print(f"{'phase':<12}{'n':>6}{'req/s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'err':>5}"
          + (f"{'p50/base':>10}{'p99/base':>10}" if base_r else ""))
    ok = True
    rows = list(results.items()) + [(f"mixed:{k}", v) for k, v in split.items()]
    for phase, r in rows:
        if phase != "baseline":
            ok &= r["p99"] < TARGET_P99_MS and not r["errors"]
        ratio = (f"{r['p50'] / base_r['p50']:>10.1f}{r['p99'] / base_r['p99']:>10.1f}" if base_r else "")
        print(f"{phase:<12}{r['n']:>6}{r['rps']:>8.0f}{r['p50']:>9.1f}{r['p90']:>9.1f}{r['p99']:>9.1f}"
              f"{r['max']:>9.1f}{r['errors']:>5}" + ratio)
    print(f"target p99 < {TARGET_P99_MS:.0f} ms on every page:", "met" if ok else "NOT met")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"client": client, "workers": args.workers, "concurrency": args.concurrency,
                       "results": results, "mixed_by_page": split}, f, indent=1)
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())

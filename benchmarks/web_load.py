"""Load test of the web app: article, speaker (entity) and claims pages on a 10,000-article store.

Builds (or reuses) a synthetic store (benchmarks/make_synthetic_store.py: records written
directly, no NLP), serves the app with uvicorn on 127.0.0.1 in a subprocess, sends a fixed
number of requests per page kind with httpx from CONCURRENCY concurrent clients, and reports
p50/p99 latency per page kind.  Target: p99 < 200 ms on a 2-core machine.  Only loopback;
bounded in requests and in time (--timeout).

    .venv/bin/python benchmarks/web_load.py [--articles 10000] [--requests 600] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time

import httpx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_synthetic_store import build  # noqa: E402

from newsledger.store import open_store  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[k]


def urls(db: str, n: int, rng: random.Random) -> dict[str, list[str]]:
    with open_store(db) as s:
        articles = [r["id"] for r in s.execute("SELECT id FROM articles")]
        speakers = [r["id"] for r in s.execute(
            "SELECT DISTINCT e.ledger_entity AS id FROM quotes q JOIN entities e ON e.article_id = q.article_id "
            "AND e.id = q.speaker_entity WHERE e.ledger_entity IS NOT NULL")]
        sources = [r["source_name"] for r in s.execute(
            "SELECT DISTINCT source_name FROM claims WHERE source_name IS NOT NULL LIMIT 50")]
    claim_urls = ["/claims", "/claims?status=unverified", "/claims?status=disputed", "/claims?status=confirmed"]
    claim_urls += [f"/claims?source={src.replace(' ', '+')}" for src in sources[:10]]
    return {
        "article": [f"/articles/{rng.choice(articles)}" for _ in range(n)],
        "speaker": [f"/entities/{rng.choice(speakers)}" for _ in range(n)],
        "claims": [rng.choice(claim_urls) for _ in range(n)],
    }


async def run(base: str, plan: list[tuple[str, str]], concurrency: int, deadline: float) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    queue = list(plan)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker():
            while queue and time.monotonic() < deadline:
                kind, url = queue.pop()
                t0 = time.perf_counter()
                r = await client.get(url)
                dt = time.perf_counter() - t0
                if r.status_code != 200:
                    errors[kind] = errors.get(kind, 0) + 1
                times.setdefault(kind, []).append(dt * 1000)
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    if errors:
        print(f"non-200 responses: {errors}", file=sys.stderr)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="store to use (built when absent or smaller)")
    ap.add_argument("--requests", type=int, default=600, help="requests per page kind")
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--timeout", type=float, default=300, help="stop sending after this many seconds")
    args = ap.parse_args()
    db = args.db or f"/tmp/newsledger-synthetic-{args.articles}.db"
    t0 = time.perf_counter()
    build(db, args.articles, quiet=False)
    print(f"store {db} ready in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    rng = random.Random(1)
    plan_urls = urls(db, args.requests, rng)
    plan = [(k, u) for k, us in plan_urls.items() for u in us]
    rng.shuffle(plan)

    port = free_port()
    env = {**os.environ, "NEWSLEDGER_DB": db}
    env.pop("NEWSLEDGER_HOST", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "newsledger.web.app:app_from_env", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(args.workers)],
        env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            print("server did not start", file=sys.stderr)
            return 1
        warm = [(k, us[i]) for k, us in plan_urls.items() for i in range(min(20, len(us)))]
        asyncio.run(run(base, warm, 4, time.monotonic() + 60))  # warm caches and the claim index
        t1 = time.perf_counter()
        times = asyncio.run(run(base, plan, args.concurrency, time.monotonic() + args.timeout))
        wall = time.perf_counter() - t1
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    total = sum(len(v) for v in times.values())
    print(f"{args.articles} articles, {args.concurrency} concurrent clients, {total} requests in {wall:.1f}s "
          f"({total / wall:.0f} req/s), uvicorn workers={args.workers}")
    print(f"{'page':<10}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    ok = True
    for kind in ("article", "speaker", "claims"):
        v = times.get(kind, [])
        if not v:
            continue
        p99 = pct(v, 99)
        ok &= p99 < 200
        print(f"{kind:<10}{len(v):>6}{statistics.median(v):>10.1f}{p99:>10.1f}{max(v):>10.1f}")
    print("target p99 < 200 ms:", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

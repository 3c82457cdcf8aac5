"""Store at scale: insert rate and query latency with many synthetic records, on SQLite and PostgreSQL.

    python benchmarks/store_scale.py [--records 100000] [--backend sqlite|postgresql|both] [--rounds N]

Records come from ``synthetic.records`` (no NLP).  Each backend gets a fresh
store; records are written in batches with the ledger linking them (as
``newsledger ingest`` does), and the same batches are written once more to a
second fresh store without linking, as the baseline of the same run, and to a
third with the ledger but without claim linking (``Ledger(claims=False)``), the
baseline of what linking claims into ledger claims costs (``--rounds N``: those
two fills N times each, alternately, the best rate of each kept, so a machine
shared with other work does not favour either).  Then the ledger
queries run repeatedly and their median and worst latencies are printed.
Bounded: it stops after the given number of records.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import sys
import tempfile
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402
from newsledger.ledger.linker import Ledger  # noqa: E402
from newsledger.store import open_store, queries  # noqa: E402

PG_ADMIN = os.environ.get("NEWSLEDGER_TEST_PG", "postgresql://newsledger:newsledger@127.0.0.1:5432/postgres")


def fresh_url(backend: str, tmp: str) -> tuple[str, callable]:
    if backend == "sqlite":
        return str(pathlib.Path(tmp) / f"{uuid.uuid4().hex}.db"), lambda: None
    import psycopg

    admin = psycopg.connect(PG_ADMIN, autocommit=True)
    name = f"newsledger_bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        except psycopg.Error as exc:  # e.g. a background worker still attached: leave it, say so
            print(f"(could not drop {name}: {exc.__class__.__name__})", file=sys.stderr)
        admin.close()

    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name, drop


def fill(url: str, n: int, batch: int, link: bool, progress: bool, claims: bool = True) -> float:
    """Write n synthetic records (``link``: with the ledger; ``claims``: its claim linking too); returns records/s."""
    store = open_store(url)
    ledger = Ledger(claims=claims) if link else None
    pending = []
    start = time.perf_counter()
    done = 0
    for record in synthetic.records(n):
        pending.append(record)
        if len(pending) == batch:
            store.write(pending, ledger=ledger)
            done += len(pending)
            pending = []
            if progress:
                print(f"\r  {done:,}/{n:,}", end="", file=sys.stderr, flush=True)
    store.write(pending, ledger=ledger)
    elapsed = time.perf_counter() - start
    if progress:
        print(file=sys.stderr)
    store.close()
    return n / elapsed


def claim_linking_rates(backend: str, tmp: str, url: str, a, progress: bool) -> tuple[float, float]:
    """Best rates with and without claim linking over ``a.rounds`` alternate fills (the first fills ``url``)."""
    with_claims, without = [], []
    for i in range(a.rounds):
        target, drop = (url, lambda: None) if i == 0 else fresh_url(backend, tmp)
        try:
            with_claims.append(fill(target, a.records, a.batch, link=True, progress=progress))
        finally:
            drop()
        plain_url, plain_drop = fresh_url(backend, tmp)
        try:
            without.append(fill(plain_url, a.records, a.batch, link=True, progress=progress, claims=False))
        finally:
            plain_drop()
        print(f"  round {i + 1}: {with_claims[-1]:,.0f} records/s with claim linking, {without[-1]:,.0f} without",
              file=sys.stderr)
    return max(with_claims), max(without)


def latency(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        rows = fn()
        times.append((time.perf_counter() - t) * 1000)
        assert rows is not None
    return statistics.median(times), max(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--rounds", type=int, default=1, help="Fills with and without claim linking, alternately.")
    a = ap.parse_args(argv)
    progress = sys.stderr.isatty()
    backends = ("sqlite", "postgresql") if a.backend == "both" else (a.backend,)
    print(f"{a.records:,} synthetic records, batches of {a.batch}")
    rates = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            try:
                url, drop = fresh_url(backend, tmp)
                base_url, base_drop = fresh_url(backend, tmp)
            except Exception as exc:  # no server: say so and go on with the other backend
                print(f"{backend}: skipped ({exc.__class__.__name__}: {exc})")
                continue
            try:
                rate, unclaimed = claim_linking_rates(backend, tmp, url, a, progress)
                base = fill(base_url, a.records, a.batch, link=False, progress=progress)
                rates[backend] = rate
                print(f"\n{backend}: insert {rate:,.0f} records/s with ledger linking; "
                      f"{base:,.0f} records/s without (baseline); ratio {rate / base:.2f}")
                print(f"{backend}: claim linking: {rate:,.0f} records/s with it, {unclaimed:,.0f} records/s with the "
                      f"rest of the ledger but not it (baseline); ratio {rate / unclaimed:.2f}")
                store = open_store(url)
                person = store.execute("SELECT name FROM ledger_entities WHERE type = 'PERSON' "
                                       "ORDER BY articles DESC LIMIT 1")[0]["name"]
                org = store.execute("SELECT name FROM ledger_entities WHERE type = 'ORG' "
                                    "ORDER BY articles DESC LIMIT 1")[0]["name"]
                checks = {
                    f"quotes --speaker '{person.split()[-1]}'": lambda: queries.quotes(store, speaker=person.split()[-1]),
                    f"claims --source '{org}'": lambda: queries.claims(store, source=org),
                    "claims --status unverified": lambda: queries.claims(store, status="unverified"),
                    "claims --contested": lambda: queries.claims(store, contested=True),
                    "entities --type PERSON": lambda: queries.entities(store, type="PERSON"),
                    "speakers": lambda: queries.speakers(store),
                    "quotes --search 'corridor mines'": lambda: queries.quotes(store, search="corridor mines"),
                }
                print(f"{'query (first page of 100)':44s} {'median ms':>10s} {'max ms':>8s}")
                for label, fn in checks.items():
                    med, worst = latency(fn, a.repeat)
                    print(f"{label:44s} {med:10.1f} {worst:8.1f}")
                store.close()
            finally:
                drop()
                base_drop()
    if len(rates) == 2:
        print(f"\nlinking on PostgreSQL / linking on SQLite, records/s in this run: "
              f"{rates['postgresql']:,.0f} / {rates['sqlite']:,.0f} = {rates['postgresql'] / rates['sqlite']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

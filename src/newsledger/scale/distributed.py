"""The ingest on a Dask cluster: partitions as tasks, JSONL part files in a run directory, one writer.

Flow (client side, i.e. the ``newsledger ingest`` process):

1. inputs are cut into deterministic partitions (:func:`.partition.partitions`);
2. each partition is a task ``process_partition(items, settings, skip)`` on a
   worker, where the pipeline is loaded once per worker process (a worker
   plugin preloads it at start, the module cache keeps it);
3. results come back to the client, which writes ``part-NNNNN.jsonl`` (first
   line: the partition's inputs) atomically into the run directory, and
4. loads the part files **in partition order** through the one writer
   (``Store.write`` with the ledger, ``batch_size`` records a transaction), so
   the store ends up exactly as a single-process ingest leaves it.

Rerunning with the same ``--run-dir`` reuses every part file whose inputs are
unchanged, and loading is idempotent (same article id: rows replaced).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, Sequence

from distributed.diagnostics.plugin import WorkerPlugin

from ..records import Record
from ..settings import Settings
from .partition import Item, WarcSlice, partitions
from .worker import fingerprint, is_error, pipeline_for, process_partition

__all__ = ["DaskSummary", "ingest_dask", "load_part", "stored_fingerprints", "PreloadPipeline", "open_client"]


@dataclass
class DaskSummary:
    written: int = 0
    skipped: int = 0
    failed: int = 0
    partitions: int = 0
    reused: int = 0
    run_dir: str = ""


def _item_json(item: Item) -> Any:
    return {"warc": item.path, "start": item.start, "stop": item.stop} if isinstance(item, WarcSlice) else item


def _record_fingerprint(d: dict) -> str:
    return fingerprint(d.get("id"), d.get("source"), d.get("url"), d.get("title"), d.get("author"), d.get("publisher"),
                       d.get("published"), d.get("published_from"), (d.get("pipeline") or {}).get("version"))


def stored_fingerprints(store, version: str) -> frozenset[str]:
    """Fingerprints of the articles stored by ``version`` (what :meth:`Store.unchanged` compares)."""
    rows = store.execute(
        "SELECT id, source, url, title, author, publisher, published, published_from, pipeline_version "
        "FROM articles WHERE pipeline_version = ?", (version,))
    return frozenset(fingerprint(*row.values()) for row in rows)


class PreloadPipeline(WorkerPlugin):
    """Dask worker plugin: build the pipeline when the worker starts, not in its first task."""

    name = "newsledger-pipeline"

    def __init__(self, model: Optional[str] = None):
        self.model = model

    def setup(self, worker=None) -> None:  # noqa: ARG002
        pipeline_for(self.model)

    def teardown(self, worker=None) -> None:  # noqa: ARG002
        pass


def open_client(scheduler: Optional[str] = None, local_workers: Optional[int] = None, processes: bool = True):
    """A Dask client on ``scheduler`` (tcp://host:8786) or on a new LocalCluster; returns (client, cluster)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=local_workers or 1, threads_per_worker=1, processes=processes,
                           dashboard_address=None)
    return Client(cluster), cluster


def _part_path(run_dir: str, k: int) -> str:
    return os.path.join(run_dir, f"part-{k:05d}.jsonl")


def _reusable(path: str, items: list) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            head = json.loads(fh.readline() or "null")
    except (OSError, ValueError):
        return False
    return isinstance(head, dict) and head.get("items") == items


def _write_part(path: str, k: int, items: list, results: list[dict]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"partition": k, "items": items, "n": len(results)}, ensure_ascii=False) + "\n")
        for d in results:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    os.replace(tmp, path)  # a part file exists only when complete


def load_part(path: str) -> Iterator[dict]:
    """The result dicts of one part file (records, errors, skips), streamed."""
    with open(path, encoding="utf-8") as fh:
        fh.readline()  # header
        for line in fh:
            if line.strip():
                yield json.loads(line)


def ingest_dask(
    paths: Sequence[str],
    writer,
    settings: Settings,
    *,
    scheduler: Optional[str] = None,
    local_workers: Optional[int] = None,
    processes: bool = True,
    run_dir: Optional[str] = None,
    skip: frozenset[str] = frozenset(),
    on_error: Callable[[str], None] = lambda msg: None,
    on_record: Callable[[], None] = lambda: None,
    files_per_partition: int = 16,
    warc_split_bytes: int = 64 << 20,
    warc_records_per_partition: int = 200,
    client=None,
) -> DaskSummary:
    """Run the ingest on Dask; records go through ``writer`` (a :class:`.writer.BatchWriter`)."""
    from dask.distributed import as_completed

    keep = run_dir is not None
    run_dir = run_dir or tempfile.mkdtemp(prefix="newsledger-run-")
    os.makedirs(run_dir, exist_ok=True)
    summary = DaskSummary(run_dir=run_dir)
    own = client is None
    cluster = None
    if own:
        client, cluster = open_client(scheduler, local_workers, processes)
    try:
        client.register_plugin(PreloadPipeline(settings.model))
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or (local_workers or 1))
        skip_ref = client.scatter(skip, broadcast=True) if skip else None
        window = 2 * nworkers + 1

        plan = enumerate(partitions(paths, files_per_partition=files_per_partition,
                                    warc_split_bytes=warc_split_bytes,
                                    warc_records_per_partition=warc_records_per_partition))
        pending = as_completed()
        items_of: dict[int, list] = {}
        part_of: dict[str, int] = {}
        ready: set[int] = set()
        next_load = 0
        inflight = 0
        exhausted = False

        def submit_more() -> None:
            nonlocal inflight, exhausted
            while not exhausted and inflight < window:
                nxt = next(plan, None)
                if nxt is None:
                    exhausted = True
                    return
                k, items = nxt
                summary.partitions += 1
                items_of[k] = [_item_json(i) for i in items]
                if keep and _reusable(_part_path(run_dir, k), items_of[k]):
                    summary.reused += 1
                    ready.add(k)
                    continue
                fut = client.submit(process_partition, items, settings, skip_ref, key=f"newsledger-part-{k}-{os.getpid()}",
                                    pure=False)
                part_of[fut.key] = k
                pending.add(fut)
                inflight += 1

        def load_ready() -> None:
            nonlocal next_load
            while next_load in ready:
                for d in load_part(_part_path(run_dir, next_load)):
                    if is_error(d):
                        summary.failed += 1
                        on_error(d["error"])
                    elif "skipped" in d or (skip and _record_fingerprint(d) in skip):
                        summary.skipped += 1  # a reused part file may hold articles stored since
                    else:
                        writer.add(Record.from_dict(d))
                        on_record()
                ready.discard(next_load)
                items_of.pop(next_load, None)
                next_load += 1

        submit_more()
        load_ready()
        while inflight:
            fut = next(pending)
            inflight -= 1
            k = part_of.pop(fut.key)
            results = fut.result()  # a task's exception is raised here, with its traceback
            fut.release()
            _write_part(_part_path(run_dir, k), k, items_of[k], results)
            del results
            ready.add(k)
            submit_more()
            load_ready()
        load_ready()
        writer.flush()
        summary.written = writer.written
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    if not keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    return summary

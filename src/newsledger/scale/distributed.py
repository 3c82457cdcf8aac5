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


class _DaskIngestRun:
    """One Dask ingest: partitions submitted a window at a time, results written as part files and loaded
    through the writer in partition order (so the store ends up as a single-process ingest leaves it)."""

    def __init__(self, client, plan, writer, settings: Settings, summary: DaskSummary, *, keep: bool, skip,
                 skip_ref, window: int, on_error: Callable[[str], None], on_record: Callable[[], None]):
        from dask.distributed import as_completed

        self.client, self.plan, self.writer, self.settings, self.summary = client, plan, writer, settings, summary
        self.keep, self.skip, self.skip_ref, self.window = keep, skip, skip_ref, window
        self.on_error, self.on_record = on_error, on_record
        self.pending = as_completed()
        self.items_of: dict[int, list] = {}
        self.part_of: dict[str, int] = {}
        self.ready: set[int] = set()
        self.next_load = 0
        self.inflight = 0
        self.exhausted = False

    def part_path(self, k: int) -> str:
        return _part_path(self.summary.run_dir, k)

    def submit_more(self) -> None:
        """Submit partitions until ``window`` are in flight; a reusable part file is ready at once."""
        while not self.exhausted and self.inflight < self.window:
            nxt = next(self.plan, None)
            if nxt is None:
                self.exhausted = True
                return
            k, items = nxt
            self.summary.partitions += 1
            self.items_of[k] = [_item_json(i) for i in items]
            if self.keep and _reusable(self.part_path(k), self.items_of[k]):
                self.summary.reused += 1
                self.ready.add(k)
                continue
            fut = self.client.submit(process_partition, items, self.settings, self.skip_ref,
                                     key=f"newsledger-part-{k}-{os.getpid()}", pure=False)
            self.part_of[fut.key] = k
            self.pending.add(fut)
            self.inflight += 1

    def load_ready(self) -> None:
        """Load every finished part file that is next in partition order."""
        while self.next_load in self.ready:
            for d in load_part(self.part_path(self.next_load)):
                if is_error(d):
                    self.summary.failed += 1
                    self.on_error(d["error"])
                elif "skipped" in d or (self.skip and _record_fingerprint(d) in self.skip):
                    self.summary.skipped += 1  # a reused part file may hold articles stored since
                else:
                    self.writer.add(Record.from_dict(d))
                    self.on_record()
            self.ready.discard(self.next_load)
            self.items_of.pop(self.next_load, None)
            self.next_load += 1

    def run(self) -> None:
        self.submit_more()
        self.load_ready()
        while self.inflight:
            fut = next(self.pending)
            self.inflight -= 1
            k = self.part_of.pop(fut.key)
            results = fut.result()  # a task's exception is raised here, with its traceback
            fut.release()
            _write_part(self.part_path(k), k, self.items_of[k], results)
            del results
            self.ready.add(k)
            self.submit_more()
            self.load_ready()
        self.load_ready()
        self.writer.flush()
        self.summary.written = self.writer.written


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
        plan = enumerate(partitions(paths, files_per_partition=files_per_partition,
                                    warc_split_bytes=warc_split_bytes,
                                    warc_records_per_partition=warc_records_per_partition))
        _DaskIngestRun(client, plan, writer, settings, summary, keep=keep, skip=skip,
             skip_ref=client.scatter(skip, broadcast=True) if skip else None, window=2 * nworkers + 1,
             on_error=on_error, on_record=on_record).run()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    if not keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    return summary

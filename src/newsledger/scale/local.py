"""``ingest --workers N``: N worker processes, each with the pipeline loaded once.

The parent reads the inputs (streaming, errors reported there, one line
each), sends articles in small chunks through a bounded queue, and gets
Records back, which :meth:`WorkerPool.records` yields **in input order**, so
batches and ledger links come out exactly as with one process.  At most
``inflight`` chunks are out at any time, so memory stays flat however many
articles come.  Workers ignore SIGINT: Ctrl-C reaches the parent only, which
terminates them (``close``) after finishing or abandoning the current batch.  A worker
whose parent is killed outright (``kill -9``) notices within a second and exits.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import traceback
from itertools import islice
from typing import Iterable, Iterator, Optional

from ..errors import NewsledgerError
from ..records import Article, Record

__all__ = ["WorkerPool", "WorkerFailed"]


class WorkerFailed(NewsledgerError):
    code = "worker"


def _context():
    methods = mp.get_all_start_methods()
    # forkserver: workers start from a clean server process, not from a parent that holds a
    # database connection and threads; spawn where it is not available
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _worker(inq, outq, model: Optional[str], batch_size: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from ..extract import extract_records
        from .worker import pipeline_for

        nlp = pipeline_for(model)
    except BaseException:  # noqa: BLE001 -- reported to the parent, which stops the run
        outq.put(("fatal", -1, traceback.format_exc()))
        return
    parent = mp.parent_process()
    while True:
        try:
            item = inq.get(timeout=1.0)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                outq.cancel_join_thread()  # nobody will ever read what is still buffered: exit without it
                return  # the ingest was killed (kill -9)
            continue
        if item is None:
            break
        seq, articles = item
        try:
            records = list(extract_records(iter(articles), nlp, batch_size=batch_size))
        except BaseException:  # noqa: BLE001
            outq.put(("fatal", seq, traceback.format_exc()))
            return
        outq.put(("ok", seq, records))


class WorkerPool:
    """Worker processes extracting Records from chunks of Articles; use as a context manager."""

    def __init__(self, workers: int, model: Optional[str] = None, chunk: int = 16, inflight: Optional[int] = None):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.model = model
        self.chunk = max(1, chunk)
        self.inflight = inflight or 2 * workers + 1
        ctx = _context()
        self._inq = ctx.Queue(maxsize=self.inflight)
        self._outq = ctx.Queue()  # bounded by ``inflight``: a chunk is sent only when one has come back
        self._procs = [
            ctx.Process(target=_worker, args=(self._inq, self._outq, model, self.chunk), daemon=True,
                        name=f"newsledger-worker-{i}")
            for i in range(workers)
        ]
        for p in self._procs:
            p.start()

    # -- results ------------------------------------------------------------------------
    def records(self, articles: Iterable[Article]) -> Iterator[Record]:
        """Records for ``articles``, in their order; the iterable is consumed lazily."""
        source = iter(articles)
        sent = received = 0
        done: dict[int, list[Record]] = {}
        exhausted = False
        while True:
            while not exhausted and sent - received < self.inflight:
                chunk = list(islice(source, self.chunk))
                if not chunk:
                    exhausted = True
                    break
                self._inq.put((sent, chunk))
                sent += 1
            if received == sent:
                return
            while received not in done:
                kind, seq, payload = self._get()
                if kind == "fatal":
                    raise WorkerFailed(f"a worker failed{'' if seq < 0 else f' on chunk {seq}'}:\n{payload}")
                done[seq] = payload
            yield from done.pop(received)
            received += 1

    def _get(self):
        while True:
            try:
                return self._outq.get(timeout=0.5)
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    codes = ", ".join(f"{p.name} exit {p.exitcode}" for p in dead)
                    raise WorkerFailed(f"worker process died ({codes})") from None

    # -- lifetime -----------------------------------------------------------------------
    def close(self, wait: bool = False) -> None:
        """Stop the workers: politely when ``wait`` (all work done), else terminate them now."""
        if wait:
            for _ in self._procs:
                try:
                    self._inq.put(None, timeout=5)
                except queue.Full:
                    break
            for p in self._procs:
                p.join(timeout=10)
        for p in self._procs:
            if p.is_alive():
                p.terminate()
        for p in self._procs:
            p.join(timeout=5)
            if p.is_alive() and hasattr(p, "kill"):
                p.kill()
                p.join(timeout=5)
        for q in (self._inq, self._outq):
            q.cancel_join_thread()  # never block exit on data still buffered for dead workers
            q.close()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(wait=exc_type is None)


"""The single writer: records in, whole batches into the store with the ledger, Ctrl-C deferred per batch."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

from ..records import Record

__all__ = ["BatchWriter", "deferred_interrupt"]


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block ends, then raise KeyboardInterrupt.

    Used around a store transaction so a batch is committed whole and counted
    before the run stops (the transaction would also roll back on its own; this
    keeps the count of written articles exact).  Outside the main thread the
    block runs unprotected (signals only reach the main thread anyway).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.getsignal(signal.SIGINT)

    def hold(signum, frame):  # noqa: ARG001
        caught.append(signum)

    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class BatchWriter:
    """Collects records and writes them ``batch_size`` at a time, each batch one transaction."""

    def __init__(self, store, batch_size: int, ledger: Optional[object] = None):
        from ..ledger.linker import Ledger

        self.store = store
        self.batch_size = batch_size
        self.ledger = ledger if ledger is not None else Ledger()
        self.batch: list[Record] = []
        self.written = 0

    def add(self, record: Record) -> int:
        """Queue one record; returns how many were written now (0 unless a batch filled up)."""
        self.batch.append(record)
        return self.flush() if len(self.batch) >= self.batch_size else 0

    def flush(self) -> int:
        if not self.batch:
            return 0
        with deferred_interrupt():
            n = self.store.write(self.batch, ledger=self.ledger)
            self.written += n
            self.batch = []
        return n

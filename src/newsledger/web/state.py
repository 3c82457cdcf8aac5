"""What one app holds: its settings, a store connection per thread, the pipeline, the write lock."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ..settings import Settings
from .related import ClaimIndex
from .security import is_loopback

__all__ = ["AppState"]


@dataclass
class AppState:
    settings: Settings
    host: str
    nlp: Any = None
    claim_index: ClaimIndex = field(default_factory=ClaimIndex)
    #: One writer at a time: held only for the store transaction, never while the pipeline runs.
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _local: threading.local = field(default_factory=threading.local)
    _nlp_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def writable(self) -> bool:
        """Writes are possible at all: a token is configured, or the server is bound to loopback."""
        return bool(self.settings.token) or self.loopback

    def store(self):
        """One store connection per worker thread (SQLite connections are not shared across threads)."""
        s = getattr(self._local, "store", None)
        if s is None:
            from ..store import open_store

            s = self._local.store = open_store(self.settings.db)
        return s

    def pipeline(self):
        """The spaCy pipeline, loaded on first use (the first write), once per app."""
        if self.nlp is None:
            with self._nlp_lock:
                if self.nlp is None:
                    from ..extract import build_pipeline

                    self.nlp = build_pipeline(self.settings.model)
        return self.nlp

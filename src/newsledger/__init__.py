"""newsledger: who said what, which claims were made and verified, and when, from news articles.

The public API is what ``__all__`` lists; everything else is private.  Heavy parts
(spaCy, the store drivers) load on first use, so ``import newsledger`` stays cheap.

    import newsledger
    nlp = newsledger.build_pipeline()
    for record in newsledger.extract_records(newsledger.read_articles(["news/"]), nlp):
        print(record.to_dict()["quotes"])
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import InputError, NewsledgerError
from .records import (
    Article, Boilerplate, Claim, Entity, Event, Quote, Record, Speaker, TimeExpr,
)
from .settings import Settings

from ._version import __version__

#: name -> module that defines it, imported on first access.
_LAZY = {
    "build_pipeline": "newsledger.extract.pipeline",
    "extract_records": "newsledger.extract.pipeline",
    "read_inputs": "newsledger.ingest",
    "make_article": "newsledger.ingest.article",
    "open_store": "newsledger.store",
    "Ledger": "newsledger.ledger.linker",
}

__all__ = [
    "__version__",
    "Article", "Boilerplate", "Claim", "Entity", "Event", "Quote", "Record", "Speaker", "TimeExpr",
    "Settings", "NewsledgerError", "InputError",
    "build_pipeline", "extract_records", "read_inputs", "read_articles", "make_article", "open_store", "Ledger",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")


def read_articles(paths, settings: Settings | None = None):
    """Articles from files, folders or '-' (stdin); bad inputs are skipped (use ``read_inputs`` to see them)."""
    from .ingest import read_inputs

    for item in read_inputs(paths, settings or Settings.from_env()):
        if not isinstance(item, InputError):
            yield item

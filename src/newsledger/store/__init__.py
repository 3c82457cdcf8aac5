"""Persistent store of records (SQLite by default): schema, migrations, batched writes, queries."""

from .store import Store, open_store

__all__ = ["Store", "open_store"]

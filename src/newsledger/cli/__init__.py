"""The ``newsledger`` command line: thin commands over ingest, extract and the store's query layer."""

from .app import cli, main

__all__ = ["cli", "main"]

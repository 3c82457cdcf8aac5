"""The ``newsledger`` command line: thin commands over ingest, extract and store."""

from .app import cli, main

__all__ = ["cli", "main"]

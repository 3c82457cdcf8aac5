"""Extraction at scale: worker processes on one machine, partitions on a cluster.

* :mod:`.worker` -- the engine-agnostic part: the pipeline loaded once per
  process (a module-level cache) and :func:`process_partition`, which turns a
  list of input files (or slices of a large WARC) into record dicts.  Dask,
  Spark ``mapPartitions`` or Ray adapters call only this.
* :mod:`.local` -- ``ingest --workers N``: N worker processes fed through
  bounded queues, results handed back in input order to the one writer.
* :mod:`.writer` -- the single writer: batches into ``Store.write`` with the
  ledger, one transaction each, Ctrl-C deferred until a batch is committed.
* :mod:`.partition` -- inputs split into partitions (files; record ranges of
  a large WARC), deterministic so a run directory can be resumed.
* :mod:`.distributed` -- the same ingest on a Dask cluster: partitions as
  tasks, results as ``part-NNNNN.jsonl`` files in a run directory, loaded into
  the store by one writer (idempotent).
"""

from .worker import is_error, pipeline_for, process_partition

__all__ = ["process_partition", "pipeline_for", "is_error"]

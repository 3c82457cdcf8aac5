"""Commands that run the pipeline: ``extract`` (records as JSONL), ``ingest`` (into the store), ``eval``."""

from __future__ import annotations

import json
import sys
from typing import Iterable, Iterator

import click

from .. import __version__
from ..errors import InputError
from ..records import Article, Record
from ..settings import Settings
from .app import cli, db_option, one_line
from .output import emit, format_option
from .progress import progress

__all__ = ["extract", "ingest", "evaluate", "Run", "StrictStop"]


class StrictStop(Exception):
    """--strict met a bad input: read nothing more, but finish (extract, write) every input before it."""


class Run:
    """Per-invocation state: settings plus a tally of input errors."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.failed = 0

    def report(self, err) -> None:
        """One line ``error: SOURCE: reason``; with --strict, stop reading (StrictStop) after it."""
        self.failed += 1
        click.echo(f"error: {one_line(err)}", err=True)
        if self.settings.strict:
            raise StrictStop(str(err))


def _articles(run: Run, paths: Iterable[str]) -> Iterator[Article]:
    """Articles from every input; bad inputs are reported (one line each) and skipped.

    With --strict the stream ends at the first bad input, so the articles before it are still
    extracted and written (the command then exits 1).
    """
    from ..ingest import read_inputs

    for item in read_inputs(paths, run.settings, stdin=sys.stdin):
        if isinstance(item, InputError):
            try:
                run.report(item)
            except StrictStop:
                return
        else:
            yield item


def _records(run: Run, articles: Iterable[Article], bar) -> Iterator[Record]:
    from ..extract import extract_records
    from ..scale.worker import pipeline_for

    nlp = pipeline_for(run.settings.model)  # built once per process
    for record in extract_records(articles, nlp, batch_size=run.settings.batch_size):
        bar.advance()
        yield record


published_option = click.option(
    "--published", metavar="DATE", default=None,
    help="Publication date (YYYY-MM-DD) for articles whose metadata gives none.")
strict_option = click.option("--strict", is_flag=True, default=None, help="Stop at the first bad input.")
max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                                help="Refuse inputs larger than this many bytes (default: $NEWSLEDGER_MAX_BYTES or 5000000).")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@strict_option
@max_bytes_option
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Write JSONL here (default: stdout).")
def extract(paths, published, strict, max_bytes, output) -> None:
    """Extract records from PATHS (files, directories, '-' for stdin) and write them as JSONL."""
    run = Run(Settings.from_env(published=published, strict=strict, max_bytes=max_bytes))
    with progress("extract") as bar:
        for record in _records(run, _articles(run, paths), bar):
            output.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    sys.exit(1 if run.failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_option
@strict_option
@max_bytes_option
@click.option("--force", is_flag=True, help="Re-extract articles already stored by this pipeline version.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: $NEWSLEDGER_WORKERS or 1; 1 runs in this process).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Articles per store transaction (default: $NEWSLEDGER_BATCH_SIZE or 64).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run extraction on the Dask cluster at this scheduler address (tcp://host:8786).")
@click.option("--dask-local", type=click.IntRange(min=1), metavar="N", default=None,
              help="Run extraction on a local Dask cluster of N worker processes.")
@click.option("--run-dir", type=click.Path(file_okay=False), default=None,
              help="Dask runs: keep partition results (part-NNNNN.jsonl) here; a rerun reuses finished partitions.")
@click.option("--partition-files", type=click.IntRange(min=1), default=16, show_default=True,
              help="Dask runs: at most this many input files per task (a large WARC is split by records).")
def ingest(paths, db, published, strict, max_bytes, force, workers, batch_size, scheduler, dask_local, run_dir,
           partition_files) -> None:
    """Extract records from PATHS and write them into the store (idempotent, batched); creates the database."""
    from ..store import open_store

    if scheduler and dask_local:
        raise click.UsageError("give --scheduler or --dask-local, not both")
    if run_dir and not (scheduler or dask_local):
        raise click.UsageError("--run-dir is for Dask runs (--scheduler or --dask-local)")
    run = Run(Settings.from_env(db=db, published=published, strict=strict, max_bytes=max_bytes, workers=workers,
                                batch_size=batch_size))
    dask = dict(scheduler=scheduler, dask_local=dask_local, run_dir=run_dir, partition_files=partition_files)
    with open_store(run.settings.db) as store:
        written, skipped = _ingest_into(run, paths, store, force, dask)
        total = store.count()
    click.echo(f"{written} articles written, {skipped} unchanged, {run.failed} failed; {total} in {run.settings.db}",
               err=True)
    sys.exit(1 if run.failed else 0)


def _ingest_into(run: Run, paths, store, force: bool, dask: dict) -> tuple[int, int]:
    """Read, extract and write with one writer; returns (written, skipped as unchanged). Ctrl-C: exit 130."""
    from ..scale.writer import BatchWriter

    writer = BatchWriter(store, run.settings.batch_size)
    skipped = 0

    def fresh(articles: Iterable[Article]) -> Iterator[Article]:
        nonlocal skipped
        for article in articles:
            if not force and store.unchanged(article, __version__):
                skipped += 1
                continue
            yield article

    pool = None
    try:
        with progress("ingest") as bar:
            if dask["scheduler"] or dask["dask_local"]:
                try:
                    skipped += _ingest_dask(run, paths, store, writer, bar, force, **dask)
                except StrictStop:
                    pass  # the records before the bad input are in the writer: flushed below
            elif run.settings.workers > 1:
                from ..scale.local import WorkerPool

                pool = WorkerPool(run.settings.workers, model=run.settings.model, chunk=min(run.settings.batch_size, 16))
                for record in pool.records(fresh(_articles(run, paths))):
                    writer.add(record)
                    bar.advance()
            else:
                for record in _records(run, fresh(_articles(run, paths)), bar):
                    writer.add(record)
            writer.flush()
    except KeyboardInterrupt:
        if pool is not None:
            pool.close(wait=False)
            pool = None
        click.echo(f"interrupted: {writer.written} articles written (whole batches only), {skipped} unchanged, "
                   f"{run.failed} failed; rerun to complete the rest", err=True)
        sys.exit(130)
    finally:
        if pool is not None:
            pool.close(wait=sys.exc_info()[0] is None)
    return writer.written, skipped


def _ingest_dask(run: Run, paths, store, writer, bar, force, *, scheduler, dask_local, run_dir, partition_files) -> int:
    """The Dask path of ``ingest``; returns how many articles were skipped as unchanged."""
    try:
        from ..scale.distributed import ingest_dask, stored_fingerprints
    except ImportError as exc:  # dask is an optional dependency
        raise click.UsageError(f"Dask runs need dask[distributed] installed ({exc})") from None
    if "-" in paths:
        raise click.UsageError("standard input cannot be split across a cluster: name files or directories")

    def on_error(message: str) -> None:
        run.report(message)  # --strict: StrictStop, after the records before it were handed to the writer

    skip = frozenset() if force else stored_fingerprints(store, __version__)
    summary = ingest_dask(list(paths), writer, run.settings, scheduler=scheduler, local_workers=dask_local,
                          run_dir=run_dir, skip=skip, on_error=on_error, on_record=bar.advance,
                          files_per_partition=partition_files)
    if summary.reused:
        click.echo(f"reused {summary.reused} of {summary.partitions} partitions from {summary.run_dir}", err=True)
    return summary.skipped


@cli.command("eval")
@click.option("--shared", type=click.Path(file_okay=False), default="../shared", show_default=True,
              help="Folder holding gold/, seeds/, data/ and tools/score.py.")
@click.option("--set", "sets", multiple=True,
              help="Gold set(s) to score (seeds, warnews, polnear, meantime, timebank); default: all present.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N articles of each set.")
@format_option()
def evaluate(shared, sets, limit, fmt) -> None:
    """Score extraction against the gold sets with the reference scorer and print the table."""
    import pathlib

    from ..evaluate import known_sets, predict, score, table
    from ..extract import build_pipeline

    root = pathlib.Path(shared)
    available = known_sets(root)
    chosen = sets or tuple(available)
    missing = [s for s in chosen if s not in available]
    if missing or not chosen:
        raise click.UsageError(f"gold set(s) not found under {root}: {', '.join(missing) or 'none'}")
    nlp = build_pipeline(Settings.from_env().model)
    results = {}
    with progress("eval", total=len(chosen)) as bar:
        for name in chosen:
            records = predict(available[name], nlp, limit=limit)
            results[name] = score(available[name], records, root / "tools" / "score.py", limit=limit)
            bar.advance()
    emit(table(results), fmt, columns=["set", "metric", "p", "r", "f1", "accuracy", "tp", "pred", "gold", "n"])

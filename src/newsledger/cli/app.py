"""Commands.  Each is a thin layer: read inputs, run the pipeline, write or query the store."""

from __future__ import annotations

import json
import sys
from typing import Iterable, Iterator, Optional

import click

from .. import __version__
from ..errors import InputError, NewsledgerError
from ..records import Article, Record
from ..settings import Settings, setting_help
from .output import emit, format_option
from .progress import progress

__all__ = ["cli", "main"]


class Run:
    """Per-invocation state: settings plus a tally of input errors."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.failed = 0

    def report(self, err: InputError) -> None:
        self.failed += 1
        click.echo(f"error: {err}", err=True)
        if self.settings.strict:
            raise click.exceptions.Exit(1)


def _articles(run: Run, paths: Iterable[str]) -> Iterator[Article]:
    """Articles from every input; bad inputs are reported (one line each) and skipped."""
    from ..ingest import read_inputs

    for item in read_inputs(paths, run.settings, stdin=sys.stdin):
        if isinstance(item, InputError):
            run.report(item)
        else:
            yield item


def _records(run: Run, articles: Iterable[Article], bar) -> Iterator[Record]:
    from ..extract import build_pipeline, extract_records

    nlp = build_pipeline(run.settings.model)
    for record in extract_records(articles, nlp, batch_size=run.settings.batch_size):
        bar.advance()
        yield record


published_option = click.option(
    "--published", metavar="DATE", default=None,
    help="Publication date (YYYY-MM-DD) for articles whose metadata gives none.")
strict_option = click.option("--strict", is_flag=True, default=None, help="Stop at the first bad input.")
db_option = click.option("--db", metavar="FILE", default=None, help="Database file (default: $NEWSLEDGER_DB or newsledger.db).")
max_bytes_option = click.option("--max-bytes", type=int, default=None, help="Refuse inputs larger than this many bytes.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
def cli() -> None:
    """newsledger: who said what, which claims were made and verified, and when, from news articles."""


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
    """Extract records from PATHS and write them into the store (idempotent, batched)."""
    from ..scale.writer import BatchWriter
    from ..store import open_store

    if scheduler and dask_local:
        raise click.UsageError("give --scheduler or --dask-local, not both")
    if run_dir and not (scheduler or dask_local):
        raise click.UsageError("--run-dir is for Dask runs (--scheduler or --dask-local)")
    run = Run(Settings.from_env(db=db, published=published, strict=strict, max_bytes=max_bytes, workers=workers,
                                batch_size=batch_size))
    skipped = 0
    engine = "dask" if (scheduler or dask_local) else ("processes" if run.settings.workers > 1 else "inline")
    with open_store(run.settings.db) as store:
        writer = BatchWriter(store, run.settings.batch_size)

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
                if engine == "dask":
                    skipped += _ingest_dask(run, paths, store, writer, bar, scheduler, dask_local, run_dir, force,
                                            partition_files)
                elif engine == "processes":
                    from ..scale.local import WorkerPool

                    pool = WorkerPool(run.settings.workers, model=run.settings.model,
                                      chunk=min(run.settings.batch_size, 16))
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
        total = store.count()
    click.echo(
        f"{writer.written} articles written, {skipped} unchanged, {run.failed} failed; {total} in {run.settings.db}",
        err=True,
    )
    sys.exit(1 if run.failed else 0)


def _ingest_dask(run: Run, paths, store, writer, bar, scheduler, dask_local, run_dir, force, partition_files) -> int:
    """The Dask path of ``ingest``; returns how many articles were skipped as unchanged."""
    try:
        from ..scale.distributed import ingest_dask, stored_fingerprints
    except ImportError as exc:  # dask is an optional dependency
        raise click.UsageError(f"Dask runs need dask[distributed] installed ({exc})") from None
    if "-" in paths:
        raise click.UsageError("standard input cannot be split across a cluster: name files or directories")

    def on_error(message: str) -> None:
        run.failed += 1
        click.echo(f"error: {message}", err=True)
        if run.settings.strict:
            raise click.exceptions.Exit(1)

    skip = frozenset() if force else stored_fingerprints(store, __version__)
    summary = ingest_dask(list(paths), writer, run.settings, scheduler=scheduler, local_workers=dask_local,
                          run_dir=run_dir, skip=skip, on_error=on_error, on_record=bar.advance,
                          files_per_partition=partition_files)
    if summary.reused:
        click.echo(f"reused {summary.reused} of {summary.partitions} partitions from {summary.run_dir}", err=True)
    return summary.skipped


@cli.command()
@db_option
@format_option()
@click.option("--limit", type=int, default=None, help="At most this many rows.")
def articles(db, fmt, limit) -> None:
    """List the stored articles with their publication date and counts of quotes, claims and times."""
    from ..store import open_store

    with open_store(Settings.from_env(db=db).db) as store:
        emit(store.articles(limit=limit), fmt)


def _store(db):
    from ..store import open_store

    return open_store(Settings.from_env(db=db).db)


limit_option = click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows.")


@cli.command()
@db_option
@click.option("--speaker", metavar="NAME", help="Only quotes by this speaker (any spelling the ledger knows).")
@click.option("--search", metavar="TEXT", help="Only quotes containing these words (full-text).")
@limit_option
@format_option()
def quotes(db, speaker, search, limit, fmt) -> None:
    """Quotes across all stored articles, in publication order (a --search alone: best matches first)."""
    from ..store import queries

    with _store(db) as store:
        rows = queries.quotes(store, speaker=speaker, search=search, limit=limit)
    emit(rows, fmt, columns=["published", "speaker", "kind", "cue", "text", "article_id", "id"] if fmt == "table" else None)


@cli.command()
@db_option
@click.option("--source", metavar="NAME", help="Only claims attributed to this source.")
@click.option("--status", type=click.Choice(("claimed", "unverified", "confirmed", "disputed", "unattributed")))
@limit_option
@format_option()
def claims(db, source, status, limit, fmt) -> None:
    """Claims with their source, verification status and evidence (unverified first)."""
    from ..store import queries

    with _store(db) as store:
        rows = queries.claims(store, source=source, status=status, limit=limit)
    emit(rows, fmt, columns=["published", "status", "source", "quantity", "bound", "text", "evidence"] if fmt == "table" else None)


@cli.group(invoke_without_command=True)
@db_option
@click.option("--type", "etype", metavar="TYPE", help="PERSON, ORG, GPE, LOC, FAC.")
@click.option("--name", metavar="NAME", help="Only entities this name may denote.")
@limit_option
@format_option()
@click.pass_context
def entities(ctx, db, etype, name, limit, fmt) -> None:
    """Ledger entities (one per real-world person, organisation or place) with aliases and roles."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    from ..store import queries

    with _store(db) as store:
        rows = queries.entities(store, type=etype, name=name, limit=limit)
    emit(rows, fmt, columns=["id", "name", "type", "articles", "aliases", "roles"] if fmt == "table" else None, width=70)


@entities.command("merge")
@click.argument("keep")
@click.argument("other")
@click.pass_context
def entities_merge(ctx, keep, other) -> None:
    """Join OTHER into KEEP (ids or names); later ingests follow the merge."""
    from ..ledger.linker import merge_entities

    with _store(ctx.obj["db"]) as store:
        row = merge_entities(store, keep, other)
    click.echo(f"merged: {row['id']} {row['name']} (aliases: {', '.join(json.loads(row['aliases']))})")


@entities.command("split")
@click.argument("entity")
@click.argument("name")
@click.pass_context
def entities_split(ctx, entity, name) -> None:
    """Move the mentions written NAME out of ENTITY into an entity of their own; later ingests respect it."""
    from ..ledger.linker import split_entity

    with _store(ctx.obj["db"]) as store:
        row = split_entity(store, entity, name)
    click.echo(f"split: {row['id']} {row['name']} ({row['articles']} articles)")


@cli.command()
@db_option
@limit_option
@format_option()
def speakers(db, limit, fmt) -> None:
    """Who is quoted how often, and in how many articles."""
    from ..store import queries

    with _store(db) as store:
        emit(queries.speakers(store, limit=limit), fmt)


@cli.command()
@db_option
@click.option("--entity", metavar="NAME", help="Only events and claims involving this entity.")
@click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date (YYYY-MM-DD).")
@click.option("--limit", type=int, default=500, show_default=True)
@format_option()
def timeline(db, entity, date_from, date_to, limit, fmt) -> None:
    """Dated events and claims in order, with the articles that support each."""
    from ..store import queries

    with _store(db) as store:
        rows = queries.timeline(store, entity=entity, date_from=date_from, date_to=date_to, limit=limit)
    emit(rows, fmt, columns=["date", "kind", "what", "who", "text", "articles", "sources"] if fmt == "table" else None)


@cli.command()
@db_option
@click.argument("text")
@limit_option
@format_option()
def search(db, text, limit, fmt) -> None:
    """Full-text search over articles."""
    from ..store import queries

    with _store(db) as store:
        emit(queries.search_articles(store, text, limit=limit), fmt)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv", "parquet", "claimreview")), default="jsonl",
              show_default=True, help="jsonl: records; csv/parquet: one file per table in a folder; claimreview: JSON-LD.")
@click.option("-o", "--output", required=True, type=click.Path(), help="File (jsonl, claimreview) or folder (csv, parquet).")
def export(db, fmt, output) -> None:
    """Export the store: records as JSONL, tables as CSV or Parquet, claims as schema.org ClaimReview JSON-LD."""
    from ..store import export as exporter

    with _store(db) as store:
        written = exporter.export(store, fmt, output)
    click.echo(f"exported {written}", err=True)


@cli.command()
@format_option()
def settings(fmt) -> None:
    """Show every setting with its environment variable, default and help."""
    rows = [{"setting": n, "env": e, "default": d, "help": h} for n, e, d, h in setting_help()]
    emit(rows, fmt, width=100)


@cli.command("eval")
@click.option("--shared", type=click.Path(file_okay=False), default="../shared", show_default=True,
              help="Folder holding gold/, seeds/, data/ and tools/score.py.")
@click.option("--set", "sets", multiple=True, help="Gold set(s) to score (seeds, warnews, polnear, meantime, timebank); default: all present.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles of each set.")
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


def _register_web() -> None:
    from ..web.cli import serve

    cli.add_command(serve)


_register_web()


def main(argv: Optional[list[str]] = None) -> None:
    try:
        cli.main(args=argv, prog_name="newsledger", standalone_mode=True)
    except NewsledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)

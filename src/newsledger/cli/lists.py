"""Commands that read the store: each calls one function of :mod:`newsledger.store.queries` (the same the
web pages call) and prints its rows; plus ``export``, ``settings`` and the ledger's ``merge``/``split``."""

from __future__ import annotations

import json
import re

import click

from ..settings import Settings, setting_help
from ..store import queries
from .app import cli, db_option, limit_option, open_existing_store
from .output import emit, format_option

__all__ = ["articles", "quotes", "entities", "speakers", "timeline", "search", "export", "settings", "marked_hit",
           "table_columns"]


def table_columns(fmt: str, columns: list[str]):
    """The columns a table shows (JSON and CSV give every field)."""
    return columns if fmt == "table" else None


@cli.command()
@db_option
@format_option()
@limit_option(None)
def articles(db, fmt, limit) -> None:
    """The stored articles, newest first, with publication date and counts of quotes, claims and times."""
    with open_existing_store(db) as store:
        rows = queries.articles(store, limit=limit)
    emit(rows, fmt, columns=table_columns(fmt, ["id", "published", "published_from", "title", "source", "publisher",
                                         "quotes", "claims", "times"]))


@cli.command()
@db_option
@click.option("--speaker", metavar="NAME", help="Only quotes by the speaker NAME (or an ent_ id) denotes, by the "
              "ledger's name rules (any spelling it has joined; never a mere substring).")
@click.option("--search", metavar="TEXT", help="Only quotes containing every word of TEXT (full-text).")
@limit_option()
@format_option()
def quotes(db, speaker, search, limit, fmt) -> None:
    """Quotes across all stored articles, in publication order (a --search alone: best matches first)."""
    with open_existing_store(db) as store:
        rows = queries.quotes(store, speaker=speaker, search=search, limit=limit)
    emit(rows, fmt, columns=table_columns(fmt, ["published", "speaker", "kind", "cue", "text", "article_id", "id"]))


type_option = click.option("--type", "etype", metavar="TYPE",
                           help=f"Only this entity type, in any case: {', '.join(queries.ENTITY_TYPES)} (people, "
                                "organisations, countries and cities, other places, facilities, nationalities).")
name_option = click.option("--name", metavar="NAME",
                           help="Only names containing NAME (any case), or that the ledger says NAME may denote.")


@cli.group(invoke_without_command=True)
@db_option
@type_option
@name_option
@click.option("--sort", type=click.Choice(tuple(queries.ENTITY_SORTS)), default="articles", show_default=True,
              help="articles or quotes: most first; first: first seen earliest; last: last seen latest; "
                   "name: alphabetical.")
@limit_option()
@format_option()
@click.pass_context
def entities(ctx, db, etype, name, sort, limit, fmt) -> None:
    """Ledger entities (one per real-world person, organisation or place) with aliases, roles, quotes and the
    first and last publication dates they were seen."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    with open_existing_store(db) as store:
        rows = queries.entities(store, type=etype, name=name, sort=sort, limit=limit)
    columns = ["id", "name", "type", "articles", "quotes", "first", "last", "aliases", "roles"]
    if name and fmt == "table":  # near matches by name in the table; JSON and CSV carry them whole, with the links
        for r in rows:
            r["possibly"] = [f"{p['name']} ({p['id']})" for p in r.get("possible", [])]
        columns.append("possibly")
    emit(rows, fmt, columns=table_columns(fmt, columns), width=50)


@entities.command("merge")
@click.argument("keep")
@click.argument("other")
@db_option
@click.pass_context
def entities_merge(ctx, keep, other, db) -> None:
    """Join OTHER into KEEP (ids or names); later ingests follow the merge."""
    from ..ledger.linker import merge_entities

    with open_existing_store(db or ctx.obj["db"]) as store:
        row = merge_entities(store, keep, other)
    click.echo(f"merged: {row['id']} {row['name']} (aliases: {', '.join(json.loads(row['aliases']))})")


@entities.command("split")
@click.argument("entity")
@click.argument("name")
@db_option
@click.pass_context
def entities_split(ctx, entity, name, db) -> None:
    """Move the mentions written NAME out of ENTITY into an entity of their own; later ingests respect it."""
    from ..ledger.linker import split_entity

    with open_existing_store(db or ctx.obj["db"]) as store:
        row = split_entity(store, entity, name)
    click.echo(f"split: {row['id']} {row['name']} ({row['articles']} articles)")


@cli.command()
@db_option
@type_option
@name_option
@click.option("--sort", type=click.Choice(tuple(queries.SPEAKER_SORTS)), default="quotes", show_default=True,
              help="quotes or articles: most first; first: first quoted earliest; last: last quoted latest.")
@limit_option()
@format_option()
def speakers(db, etype, name, sort, limit, fmt) -> None:
    """Who is quoted how often, and in how many articles (one row per speaker, whatever the case)."""
    with open_existing_store(db) as store:
        rows = queries.speakers(store, type=etype, name=name, sort=sort, limit=limit)
    emit(rows, fmt, columns=table_columns(fmt, ["speaker", "type", "entity", "quotes", "articles", "first", "last"]))


@cli.command()
@db_option
@click.option("--entity", metavar="NAME", help="Only events NAME (or an ent_ id) takes part in and claims it is the source of.")
@click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date (YYYY-MM-DD).")
@click.option("--reported", is_flag=True,
              help="Also list claims with no date of their own, on their article's publication day.")
@limit_option(500)
@format_option()
def timeline(db, entity, date_from, date_to, reported, limit, fmt) -> None:
    """Dated events and claims in order, with the articles that support each."""
    with open_existing_store(db) as store:
        rows = queries.timeline(store, entity=entity, date_from=date_from, date_to=date_to, reported=reported,
                                limit=limit)
    emit(rows, fmt, columns=table_columns(fmt, ["date", "kind", "what", "who", "text", "articles", "sources"]))


def marked_hit(row: dict, width: int = 100) -> str:
    """The matching sentence with the hit in **double asterisks**, cut around the hit to about ``width``."""
    if row.get("sentence") is None:
        return ""
    text, a, b = row["sentence"], row["hit_start"] - row["sentence_start"], row["hit_end"] - row["sentence_start"]
    before, hit, after = (re.sub(r"\s+", " ", part) for part in (text[:a], text[a:b], text[b:]))
    side = max((width - len(hit)) // 2, 10)
    before = before if len(before) <= side else "…" + before[-(side - 1):]
    after = after if len(after) <= side else after[:side - 1] + "…"
    return f"{before}**{hit}**{after}"


@cli.command()
@db_option
@click.argument("text")
@limit_option(50)
@format_option()
def search(db, text, limit, fmt) -> None:
    """Full-text search over articles: each with the first sentence that matches, the hit in **asterisks**."""
    with open_existing_store(db) as store:
        rows = queries.search_articles(store, text, limit=limit)
    for r in rows:
        r["match"] = marked_hit(r)
    emit(rows, fmt, columns=table_columns(fmt, ["published", "title", "match", "id"]), width=110)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv", "parquet", "claimreview", "claims-jsonld")),
              default="jsonl", show_default=True,
              help="jsonl: records; csv/parquet: one file per table in a folder; claimreview: schema.org ClaimReview "
                   "JSON-LD of the claims a person reviewed (only those); claims-jsonld: schema.org Claim JSON-LD of "
                   "every ledger claim, as extracted (no rating).")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File (jsonl, claimreview, claims-jsonld) or folder (csv, parquet).")
def export(db, fmt, output) -> None:
    """Export the store: records as JSONL, tables as CSV or Parquet, reviews as schema.org ClaimReview and ledger
    claims as schema.org Claim JSON-LD."""
    from ..store import export as exporter

    with open_existing_store(db) as store:
        written = exporter.export(store, fmt, output)
    click.echo(f"exported {written}", err=True)


@cli.command()
@format_option()
def settings(fmt) -> None:
    """Show every setting with its environment variable, its value now (from the environment), default and help."""
    import ast

    current = Settings.from_env()
    rows = []
    for name, env, default, text in setting_help():
        value = getattr(current, name)
        rows.append({"setting": name, "env": env, "value": "(set)" if name == "token" and value else value,
                     "default": ast.literal_eval(default), "help": text})
    emit(rows, fmt, width=100)

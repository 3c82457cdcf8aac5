"""The claim commands: ``claims`` (with ``--contested``, and ``merge``/``split``), ``claim ID`` (a ledger claim's
figure history) and ``review`` (a person's status, note and evidence for a claim).  Each read calls the query
functions the web pages call (:mod:`newsledger.store.queries`)."""

from __future__ import annotations

import getpass
import json

import click

from ..settings import Settings
from ..store import queries
from .app import cli, db_option, limit_option, open_existing_store
from .lists import table_columns
from .output import emit, format_option

__all__ = ["claims", "claim", "review", "HISTORY_COLUMNS"]

#: The columns ``claim ID`` prints as a table (JSON and CSV give every field).
HISTORY_COLUMNS = ["date", "source", "figure", "change", "status", "review", "publisher", "claim", "contested_by"]


@cli.group(invoke_without_command=True)
@db_option
@click.option("--source", metavar="NAME", help="Only claims whose source NAME (or an ent_ id) denotes.")
@click.option("--status", type=click.Choice(queries.CLAIM_STATUSES),
              help="Only claims with this status: claimed (attributed, not checked), unverified (the article says "
                   "it is not verified), confirmed, disputed, unattributed (no source).")
@click.option("--search", metavar="TEXT", help="Only claims containing every word of TEXT.")
@click.option("--from", "date_from", metavar="DATE", help="Only claims published on or after DATE (YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Only claims published on or before DATE (YYYY-MM-DD).")
@click.option("--contested", is_flag=True,
              help="Only claims whose figures other sources contradict (a contested ledger claim), each ledger "
                   "claim's reports together, so the figures that disagree stand side by side.")
@limit_option()
@format_option()
@click.pass_context
def claims(ctx, db, source, status, search, date_from, date_to, contested, limit, fmt) -> None:
    """Claims with their source, verification status, evidence, ledger claim and review (unverified and disputed
    first).  `claims merge` and `claims split` correct the claim ledger by hand."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    with open_existing_store(db) as store:
        rows = queries.claims(store, source=source, status=status, search=search, date_from=date_from,
                              date_to=date_to, limit=limit, contested=contested)
    columns = (["ledger_claim", "date", "source", "figure", "status", "review", "text", "claim"] if contested else
               ["published", "status", "review", "source", "figure", "text", "evidence", "claim"])
    emit(rows, fmt, columns=table_columns(fmt, columns))


@claims.command("merge")
@click.argument("keep")
@click.argument("other")
@db_option
@click.pass_context
def claims_merge(ctx, keep, other, db) -> None:
    """Join ledger claim OTHER into KEEP (clm_ ids, or ARTICLE_ID/CLAIM_ID of a claim of each); later reports
    of what OTHER counts join KEEP too."""
    from ..ledger.claim_overrides import merge_claims

    with open_existing_store(db or ctx.obj["db"]) as store:
        row = merge_claims(store, keep, other)
    click.echo(f"merged: {row['id']} ({row['claims']} reports) {row['text']}")


@claims.command("split")
@click.argument("claim_ref", metavar="CLAIM")
@db_option
@click.pass_context
def claims_split(ctx, claim_ref, db) -> None:
    """Take CLAIM (ARTICLE_ID/CLAIM_ID) out of its ledger claim; later ingests keep it apart."""
    from ..ledger.claim_overrides import split_claim

    with open_existing_store(db or ctx.obj["db"]) as store:
        row = split_claim(store, claim_ref)
    click.echo(f"split: {claim_ref} is ledger claim {row['id']} on its own")


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(c: dict) -> list[str]:
    what = c["counts"] or c["text"]
    where = f" in {c['place']}" if c["place"] else ""
    flags = [f for f, on in (("CONTESTED", c["contested"]), ("figure history", c["figure_history"])) if on]
    span = c["first"] if c["first"] == c["last"] else f"{c['first']} – {c['last']}"
    first = c["first_appearance"]
    return [f"{c['id']}  {what}{where}  ({c['kind']})",
            f"{span} · {_n(c['reports'], 'report')} in {_n(c['articles'], 'article')} from {_n(c['sources'], 'source')}"
            + (f" · figures {c['range']}" if c["range"] else "") + (f" · {', '.join(flags)}" if flags else ""),
            f"first appearance: {first['title'] or first['article_id']} ({first['publisher'] or 'no publisher'}, "
            f"{first['published'] or 'undated'})", ""]


@cli.command()
@click.argument("ref", metavar="ID")
@db_option
@limit_option(None)
@format_option()
def claim(ref, db, limit, fmt) -> None:
    """One ledger claim (clm_ id, or ARTICLE_ID/CLAIM_ID of a claim of it): every report of it in order, who gave
    which figure and when, how it changed (a history) and which figures contradict it (contested)."""
    with open_existing_store(db) as store:
        found = queries.ledger_claim(store, ref)
        if found is None:
            raise queries.QueryError(f"no ledger claim {ref!r} (ids are clm_…, or ARTICLE_ID/CLAIM_ID)")
        history = queries.claim_history(store, found["id"], limit=limit)
    if fmt == "json":
        click.echo(json.dumps({**found, "history": list(history)}, ensure_ascii=False, indent=2))
        return
    if fmt == "table":
        click.echo("\n".join(_summary(found)))
        for r in history:
            r["contested_by"] = [f"{o['source']}: {o['figure']}" for o in r["contested_by"]]
    emit(history, fmt, columns=table_columns(fmt, HISTORY_COLUMNS))


@cli.command()
@click.argument("claim_ref", metavar="CLAIM")
@click.option("--status", required=True, type=click.Choice(queries.REVIEW_STATUSES, case_sensitive=False),
              help="What you concluded.")
@click.option("--note", required=True, help="Why: what you checked and found.")
@click.option("--evidence", metavar="URL", help="Where the evidence is (an http(s) address).")
@click.option("--reviewer", metavar="NAME", help="Your name (default: $NEWSLEDGER_REVIEWER, else your login name).")
@db_option
def review(claim_ref, status, note, evidence, reviewer, db) -> None:
    """Record a person's review of CLAIM (ARTICLE_ID/CLAIM_ID, as `claims` shows it): kept with time and reviewer,
    shown beside the machine status, never lost on re-ingest, exported as ClaimReview."""
    name = reviewer or Settings.from_env().reviewer or _login()
    with open_existing_store(db) as store:
        done = queries.add_review(store, claim_ref, status, note, name, evidence)
    click.echo(f"reviewed {done['claim']}: {done['status']} by {done['reviewer']} at {done['reviewed_at']}")


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in this environment
        return "unknown reviewer"

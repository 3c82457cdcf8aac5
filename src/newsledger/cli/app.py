"""The ``newsledger`` group: its command and group classes, error handling, and the shared options.

Every error newsledger raises on purpose (:class:`~newsledger.errors.NewsledgerError`) ends a
command with one line ``error: ...`` on stderr and exit status 2, never a traceback; bad inputs
during ingest are reported one per line and the batch goes on (exit 1).
"""

from __future__ import annotations

import os
import sys
from typing import Optional

import click

from .. import __version__
from ..errors import NewsledgerError, StoreError
from ..settings import Settings

__all__ = ["cli", "main", "Command", "Group", "open_existing_store", "db_option", "limit_option", "one_line"]


class Command(click.Command):
    """A command whose line in ``--help`` lists is its whole first paragraph (click cuts it with "…")."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return (self.short_help or (self.help or "").split("\n\n")[0]).strip()


class Group(click.Group):
    """A group that turns newsledger's own errors into one line and exit status 2."""

    command_class = Command
    group_class = type  # subgroups are Groups too

    def get_short_help_str(self, limit: int = 45) -> str:
        return Command.get_short_help_str(self, limit)  # type: ignore[arg-type]

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NewsledgerError as exc:
            click.echo(f"error: {one_line(exc)}", err=True)
            ctx.exit(2)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode: bool = True, **extra):
        """As click's, but a usage error (bad option value, missing argument) is one line ``error: ...``."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"error: {one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.ClickException as exc:  # e.g. an output file that cannot be opened
            click.echo(f"error: {one_line(exc.format_message())}", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def one_line(text) -> str:
    """A message as one line (a driver's error may span several)."""
    return " ".join(str(text).split())


def is_database_url(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def open_existing_store(db: Optional[str]):
    """The store at ``--db`` (or ``$NEWSLEDGER_DB``); a missing SQLite file is an error, never created.

    Only ``ingest`` creates a database: a mistyped path on a read command must not answer with an
    empty table.
    """
    from ..store import open_store

    url = Settings.from_env(db=db).db
    if not is_database_url(url) and not os.path.isfile(url):
        raise StoreError(f"no database at {url} (run newsledger ingest first)")
    return open_store(url)


db_option = click.option("--db", metavar="FILE|URL", default=None,
                         help="SQLite file or postgresql:// URL of the store (default: $NEWSLEDGER_DB or newsledger.db).")


def limit_option(default: Optional[int] = 100):
    return click.option("--limit", type=click.IntRange(min=1), default=default, show_default=default is not None,
                        help="At most this many rows." + ("" if default else " (default: all)"))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="newsledger", help="Show the version and exit.")
def cli() -> None:
    """newsledger: who said what, which claims were made and verified, and when, from news articles."""


def _register_commands() -> None:
    from . import lists, pipeline, serve  # noqa: F401  (each adds its commands to ``cli``)


_register_commands()


def main(argv: Optional[list[str]] = None) -> None:
    try:
        cli.main(args=argv, prog_name="newsledger", standalone_mode=True)
    except NewsledgerError as exc:  # raised before a command ran (e.g. while parsing settings)
        click.echo(f"error: {one_line(exc)}", err=True)
        sys.exit(2)

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

__all__ = ["cli", "main", "Command", "Group", "OneLineError", "open_existing_store", "db_option", "limit_option",
           "one_line"]


class Command(click.Command):
    """A command whose line in ``--help`` lists is its whole first paragraph (click cuts it with "…")."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return " ".join((self.short_help or (self.help or "").split("\n\n")[0]).split())


class OneLineError(click.ClickException):
    """An error shown as one line ``error: ...`` on stderr, with exit status 2."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))  # a driver's message may span lines

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", file=file, err=file is None)


def _one_line(exc: click.UsageError) -> OneLineError:
    """A usage error (bad option, value, command or argument) as one line naming the help to read."""
    where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    return OneLineError(exc.format_message().rstrip() + where)


#: What click raises to show the help of a group called with nothing (click 8.2 and later).
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class Group(click.Group):
    """A group whose errors are one line and exit status 2: newsledger's own errors, and click's usage
    errors (instead of the usage text and a three-line message)."""

    command_class = Command
    group_class = type  # subgroups are Groups too

    def get_short_help_str(self, limit: int = 45) -> str:
        return Command.get_short_help_str(self, limit)  # type: ignore[arg-type]

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _NO_ARGS_IS_HELP:
            raise  # no command given: the help itself, as click shows it
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from None
        except OneLineError:
            raise
        except click.ClickException as exc:  # e.g. an output file that cannot be opened
            raise OneLineError(exc.format_message()) from None
        except NewsledgerError as exc:
            raise OneLineError(str(exc)) from None

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
        raise StoreError(f"no database at {url or repr(url)} (run newsledger ingest first)")
    return open_store(url)


db_option = click.option("--db", metavar="FILE|URL", default=None,
                         help="SQLite file or postgresql:// URL of the store (default: $NEWSLEDGER_DB or newsledger.db).")


def limit_option(default: Optional[int] = 100):
    return click.option("--limit", type=click.IntRange(min=1), metavar="N", default=default,
                        show_default=default is not None,
                        help="At most this many rows." + ("" if default else " (default: all)"))


@click.group(name="newsledger", cls=Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="newsledger", help="Show the version and exit.")
def cli() -> None:
    """newsledger: who said what, which claims were made and verified, and when, from news articles."""


def _register_commands() -> None:
    from . import claim_ledger, lists, pipeline, serve  # noqa: F401  (each adds its commands to ``cli``)


_register_commands()


def main(argv: Optional[list[str]] = None) -> None:
    try:
        cli.main(args=argv, prog_name="newsledger", standalone_mode=True)
    except NewsledgerError as exc:  # raised before a command ran (e.g. while parsing settings)
        OneLineError(str(exc)).show()
        sys.exit(2)

"""``newsledger serve``: the web UI and HTTP API over an existing store."""

from __future__ import annotations

import os

import click

from ..errors import ConfigError
from ..settings import Settings
from .app import cli, db_option, open_existing_store

__all__ = ["serve"]


def _check_listen(host: str, port: int) -> None:
    """A host that does not resolve or a port already taken is one line here, not uvicorn's log after start-up."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Any non-loopback address requires a token for writes (NEWSLEDGER_TOKEN).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Largest request body / article accepted (default: $NEWSLEDGER_MAX_BYTES or 5000000).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port (reads scale with cores; each has its own connections).")
def serve(db, host, port, max_bytes, workers) -> None:
    """Serve the web UI and JSON API (pages, JSON twins, CSV downloads, API explorer, POST /api/articles)."""
    import uvicorn

    from ..web.app import create_app
    from ..web.security import is_loopback

    settings = Settings.from_env(db=db, max_bytes=max_bytes)
    with open_existing_store(settings.db) as store:  # a missing or unreadable database stops here, in one line
        store.count()
    _check_listen(host, port)
    if not is_loopback(host):
        if settings.token:
            click.echo(f"serve: bound to {host}: writes require the token (NEWSLEDGER_TOKEN)", err=True)
        else:
            click.echo(f"serve: bound to {host} without NEWSLEDGER_TOKEN: writes are disabled", err=True)
    click.echo(f"serve: http://{host if ':' not in host else f'[{host}]'}:{port}/ over {settings.db}"
               + (f" ({workers} workers)" if workers > 1 else ""), err=True)
    common = dict(host=host, port=port, log_level="warning", proxy_headers=False, server_header=False,
                  access_log=False)
    if workers == 1:
        uvicorn.run(create_app(settings, host=host), **common)
        return
    # several processes: each builds its app from the environment (uvicorn needs an import string)
    os.environ.update({"NEWSLEDGER_DB": settings.db, "NEWSLEDGER_MAX_BYTES": str(settings.max_bytes),
                       "NEWSLEDGER_HOST": host})
    uvicorn.run("newsledger.web.app:app_from_env", factory=True, workers=workers, **common)

"""``newsledger serve``: the web UI and HTTP API over the store (register with ``cli.add_command(serve)``)."""

from __future__ import annotations

import os

import click

from ..settings import Settings

__all__ = ["serve"]


@click.command()
@click.option("--db", metavar="FILE", default=None, help="Database file or postgresql:// URL (default: $NEWSLEDGER_DB or newsledger.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Any non-loopback address requires a token for writes (NEWSLEDGER_TOKEN).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--max-bytes", type=int, default=None, help="Largest request body / article accepted.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port (reads scale with cores; each has its own connections).")
def serve(db, host, port, max_bytes, workers) -> None:
    """Serve the web UI and JSON API (pages, JSON twins, POST /api/articles)."""
    import uvicorn

    from .app import create_app
    from .security import is_loopback

    settings = Settings.from_env(db=db, max_bytes=max_bytes)
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

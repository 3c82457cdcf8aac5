"""The web UI and HTTP API over the shared store: ``create_app`` only wires the parts together.

- :mod:`.pages`: the HTML pages; :mod:`.api`: their JSON twins (``PATH.json``), CSV downloads
  (``PATH.csv``), the offline API explorer (``/api/docs``); :mod:`.writes`: the ingest form and
  ``POST /api/articles``; :mod:`.views`: what each page shows (one store query each).
- Lists are paginated with keyset cursors (``?after=CURSOR``; the JSON gives ``next`` and
  ``next_url``).  Every error of the API is ``{"error": {"status": N, "detail": "..."}}``.
"""

from __future__ import annotations

import os
from typing import Any, Optional, Union

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ConfigError, NewsledgerError, QueryError, StoreError
from ..settings import Settings
from . import api, pages, writes
from .rendering import HERE, error_response
from .security import BodyLimit, HostCheck, SecurityHeaders, is_loopback
from .state import AppState

__all__ = ["create_app", "app_from_env"]

#: Multipart framing allowed on top of max_bytes of article content.
FORM_SLACK = 64 * 1024
DESCRIPTION = ("Who said what, which claims were made and verified, and when. Every HTML page has a JSON twin "
               "(same path plus `.json`) and lists a CSV download (`.csv`); lists are paginated with `after` "
               "cursors. See docs/API.md; explore it at `/api/docs`.")


def create_app(settings_or_db_url: Union[Settings, str, None] = None, token: Optional[str] = None, *,
               host: str = "127.0.0.1", nlp: Any = None) -> FastAPI:
    """The ASGI app over one store.

    ``settings_or_db_url``: a :class:`Settings`, a database path/URL, or None for ``Settings.from_env()``.
    ``token``: required for writes (overrides ``settings.token``); without one, writes are allowed only
    when ``host`` (the address the server is bound to) is a loopback address.
    ``nlp``: an already built pipeline (tests); otherwise it is loaded on the first write.
    """
    settings = settings_or_db_url if isinstance(settings_or_db_url, Settings) else Settings.from_env(db=settings_or_db_url)
    if token:
        settings = settings.replace(token=token)
    app = FastAPI(title="newsledger", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json")
    app.state.newsledger = AppState(settings=settings, host=host, nlp=nlp)
    _add_error_handlers(app)
    app.include_router(api.router)  # first: /articles/ID.json must not be taken for an article id
    app.include_router(writes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount("/api/docs/assets", StaticFiles(directory=str(api.swagger_assets())), name="swagger-ui")
    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_SLACK)
    app.add_middleware(SecurityHeaders)  # outside BodyLimit: its 413 carries the headers too
    if is_loopback(host):
        app.add_middleware(HostCheck)
    return app


def _status_of(exc: NewsledgerError) -> int:
    if isinstance(exc, (QueryError, ConfigError)):
        return 400
    return 503 if isinstance(exc, StoreError) else 500


def _add_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, str(exc.detail))

    async def own_error(request: Request, exc: NewsledgerError):
        return error_response(request, _status_of(exc), str(exc))

    async def bad_params(request: Request, exc: RequestValidationError):
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error_response(request, 400, detail or "bad request")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(NewsledgerError, own_error)
    app.add_exception_handler(RequestValidationError, bad_params)


def app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory newsledger.web.app:app_from_env`` (settings from the environment)."""
    host = os.environ.get("NEWSLEDGER_HOST", "127.0.0.1")
    return create_app(Settings.from_env(), host=host if not is_loopback(host) else "127.0.0.1")

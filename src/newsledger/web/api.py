"""The JSON API: every page's JSON twin (``PATH.json``) and CSV download (``PATH.csv``), the offline
API explorer (Swagger UI 5 from the files the ``fastapi-offline`` package ships, no CDN), and ``/healthz``.

The twins are in the OpenAPI schema (one operation each: ``HEAD`` is served but not listed, so
operation ids stay unique); the CSV holds exactly the rows the page shows, with the same filters.
"""

from __future__ import annotations

import pathlib
from typing import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from .. import __version__
from .pages import on_event_loop
from .rendering import View, csv_response, json_response, templates
from .views import PAGES, PageSpec

__all__ = ["router", "swagger_assets"]

router = APIRouter()


def _json_route(spec: PageSpec) -> Callable:
    async def twin(view: View = Depends(on_event_loop(spec.view))) -> JSONResponse:
        return json_response(view)
    twin.__name__ = spec.name + "_json"
    return twin


def _csv_route(spec: PageSpec) -> Callable:
    async def download(view: View = Depends(on_event_loop(spec.view))) -> Response:
        return csv_response(view)
    download.__name__ = spec.name + "_csv"
    return download


_ERRORS = {400: {"description": "A bad parameter (filter, date, cursor, limit): `{\"error\": {...}}`."},
           404: {"description": "No such article or entity."}}

for _spec in PAGES:
    for suffix, make, media in ((".json", _json_route, "application/json"), (".csv", _csv_route, "text/csv")):
        if suffix == ".csv" and not _spec.csv:
            continue
        route = make(_spec)
        kind = "JSON twin" if suffix == ".json" else "CSV download"
        router.add_api_route(_spec.path + suffix, route, methods=["GET"], summary=f"{_spec.summary} ({kind})",
                             tags=["pages (JSON twins)" if suffix == ".json" else "downloads (CSV)"],
                             name=route.__name__, responses={**_ERRORS, 200: {"content": {media: {}}}},
                             response_class=JSONResponse if suffix == ".json" else Response)
        router.add_api_route(_spec.path + suffix, route, methods=["HEAD"], include_in_schema=False,
                             name=route.__name__ + "_head")


def swagger_assets() -> pathlib.Path:
    """The folder of Swagger UI's files (``swagger-ui-bundle.js``, ``swagger-ui.css``) in ``fastapi-offline``.

    Not ``swagger-ui-bundle``: it ships Swagger UI 4, which cannot read the OpenAPI 3.1 FastAPI writes.
    """
    import importlib.util

    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the API explorer needs the fastapi-offline package (pip install fastapi-offline)")
    return pathlib.Path(spec.origin).parent / "static"


@router.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
async def api_explorer(request: Request):
    """Swagger UI over ``/openapi.json``, every file served from here (works offline, strict CSP)."""
    return templates.TemplateResponse(request, "api_docs.html", {})


@router.get("/healthz", include_in_schema=False)
async def healthz() -> dict:
    return {"ok": True, "version": __version__}

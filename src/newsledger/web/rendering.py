"""How a page becomes a response: the templates and their filters, the JSON envelope of a page of rows,
CSV downloads, and error bodies (one JSON shape for every error of the API)."""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from .. import __version__
from ..store.export import csv_text
from ..store.queries import CLAIM_STATUSES, Page
from .highlight import LAYERS

__all__ = ["View", "templates", "url_with", "envelope", "json_response", "csv_response", "error_response",
           "wants_json", "display_title", "web_link"]

HERE = pathlib.Path(__file__).resolve().parent


@dataclass
class View:
    """What a page handler returns: its template, the JSON twin's body and the HTML page's extra context.

    ``data`` and ``context`` may be callables, so only the form asked for pays for what it alone shows.
    """

    template: str
    data: Any
    context: Any = None
    csv_rows: Optional[Callable[[Any], Sequence[dict]]] = None
    csv_columns: Sequence[str] = ()
    name: str = "rows"

    def json_data(self) -> Any:
        return self.data() if callable(self.data) else self.data

    def html_context(self) -> dict:
        ctx = self.context() if callable(self.context) else (self.context or {})
        data = self.json_data()
        return {"data": data, "page": data if isinstance(data, dict) else None, **ctx}


def url_with(request: Request, path: Optional[str] = None, **changes: Any) -> str:
    """This request's URL (or ``path`` with its query string), some parameters changed or removed."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: v for k, v in changes.items() if v not in (None, "")})
    q = urlencode(params)
    return (path or request.url.path) + (f"?{q}" if q else "")


def twin_path(request: Request, suffix: str) -> str:
    """The path of this page's ``.json`` or ``.csv`` twin."""
    path = request.url.path
    for ext in (".json", ".csv"):
        if path.endswith(ext):
            path = path[: -len(ext)]
    return (path.rstrip("/") or "/articles") + suffix


def envelope(request: Request, page: Page, **extra: Any) -> dict:
    """A page of rows as JSON: ``items``, ``next`` (cursor), ``limit``, ``next_url`` (the next page's JSON)."""
    nxt = page.next
    return {"items": list(page), "next": nxt, "limit": page.limit,
            "next_url": url_with(request, twin_path(request, ".json"), after=nxt) if nxt else None, **extra}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def json_response(view: View, status: int = 200) -> JSONResponse:
    return JSONResponse(_jsonable(view.json_data()), status_code=status)


def csv_response(view: View) -> Response:
    """Exactly the rows the page shows (same query, same filters, same page), as CSV."""
    rows = view.csv_rows(view.json_data()) if view.csv_rows else []
    name = (view.name or "rows") + ".csv"
    return Response(csv_text(rows, view.csv_columns), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def is_api_request(request: Request) -> bool:
    path = request.url.path
    return path.endswith((".json", ".csv")) or path.startswith("/api/") or wants_json(request)


def error_body(status: int, detail: str) -> dict:
    """The one JSON shape of every error: ``{"error": {"status": 404, "detail": "..."}}``."""
    return {"error": {"status": status, "detail": detail}}


def error_response(request: Request, status: int, detail: str) -> Response:
    if is_api_request(request):
        return JSONResponse(error_body(status, detail), status_code=status)
    return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail},
                                      status_code=status)


# -- template filters -----------------------------------------------------------------------

def display_title(row: Any) -> str:
    """Title, else the file name of the source, else the id."""
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    source = get("article_source") or get("source") or ""
    return get("title") or source.replace("\\", "/").rsplit("/", 1)[-1] or get("article_id") or get("id") or "?"


def web_link(url: Optional[str]) -> Optional[str]:
    """``url`` when it is an absolute http(s) URL (safe to link to), else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _marked(text: str, start: int, end: int, tag: str = "mark") -> Markup:
    """``text`` escaped, with ``text[start:end]`` inside ``<tag>``."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return Markup(f"{escape(text[:start])}<{tag}>{escape(text[start:end])}</{tag}>{escape(text[end:])}")


def quote_in_context(row: dict) -> Markup:
    """The sentence around a quote, the quote itself marked."""
    context, offset = row.get("context") or row["text"], row.get("context_start")
    if offset is None or not row.get("context"):
        return Markup(f"<mark>{escape(row['text'])}</mark>")
    return _marked(context, row["start_char"] - offset, row["end_char"] - offset)


def hit_in_sentence(row: dict) -> Markup:
    """The first matching sentence of a search result, the hit marked."""
    if row.get("sentence") is None:
        return Markup("")
    s = row["sentence_start"]
    return _marked(row["sentence"], row["hit_start"] - s, row["hit_end"] - s)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(doc_title=display_title, web_link=web_link, in_context=quote_in_context,
                       hit=hit_in_sentence, reject_empty=lambda d: {k: v for k, v in d.items() if v not in (None, "")})
    env.globals.update(url_with=url_with, twin_path=twin_path, LAYERS=LAYERS, STATUSES=CLAIM_STATUSES,
                       version=__version__)
    return env


templates = Jinja2Templates(env=_environment())

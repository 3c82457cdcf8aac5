"""The HTML pages: one route per :data:`~.views.PAGES` entry, rendered from its view.

A page asked for with ``Accept: application/json`` answers with its JSON twin's body.  Pages run
on the event loop, not in the thread pool: each is a few indexed, LIMITed queries and some
rendering (a few ms), and handing them to 40 threads contending for the GIL made latency under
load far worse (requests time-sliced against each other instead of served in turn).
"""

from __future__ import annotations

import functools
from typing import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from .rendering import View, json_response, templates, wants_json
from .views import PAGES, PageSpec

__all__ = ["router", "on_event_loop"]

router = APIRouter(include_in_schema=False)


def on_event_loop(fn: Callable[..., View]) -> Callable:
    """``fn`` as a coroutine with the same parameters (FastAPI runs plain functions in its thread pool)."""
    @functools.wraps(fn)
    async def run(*args, **kwargs):
        return fn(*args, **kwargs)
    return run


def _page_route(spec: PageSpec) -> Callable:
    async def page(request: Request, view: View = Depends(on_event_loop(spec.view))):
        if wants_json(request):
            return json_response(view)
        return templates.TemplateResponse(request, spec.template, view.html_context())
    page.__name__ = spec.name + "_page"
    return page


for _spec in PAGES:
    router.add_api_route(_spec.path, _page_route(_spec), methods=["GET", "HEAD"], response_class=HTMLResponse,
                         name=_spec.name)


@router.get("/")
async def home() -> RedirectResponse:
    """The desk starts at the article list (``/articles``)."""
    return RedirectResponse("/articles", status_code=307)


@router.get("/.json")
@router.get("/index.json")
async def home_json() -> RedirectResponse:
    """The old twin of the home page: the article list's twin now."""
    return RedirectResponse("/articles.json", status_code=308)


@router.get("/favicon.ico")
async def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=308)

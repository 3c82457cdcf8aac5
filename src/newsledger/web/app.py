"""The web UI and HTTP API: server-rendered pages, each with a JSON twin, over the shared store.

``create_app(settings_or_db_url, token=None)`` builds the ASGI app.  Every page
``/path`` has a JSON twin at ``/path.json`` (or ``/path`` with
``Accept: application/json``); lists are paginated with keyset cursors
(``?after=CURSOR``; the JSON gives ``next`` and ``next_url``).  Writes
(``POST /ingest``, ``POST /api/articles``) run the extraction pipeline in
process; the spaCy pipeline is loaded on first use, once per app.
"""

from __future__ import annotations

import functools
import json
import pathlib
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from .. import __version__
from ..errors import InputError, InputTooLarge
from ..records import Record
from ..settings import Settings
from ..store.queries import CLAIM_STATUSES
from . import queries as wq
from .highlight import LAYERS, render_body
from .related import ClaimIndex
from .security import BodyLimit, SecurityHeaders, is_loopback, write_denied
from .svg import quotes_chart, timeline_chart

__all__ = ["create_app", "ArticleIn"]

HERE = pathlib.Path(__file__).resolve().parent
#: Multipart framing allowed on top of max_bytes of article content.
FORM_SLACK = 64 * 1024
PAGE_SIZE = 50


class ArticleIn(BaseModel):
    """An article to add: ``text`` (plain text, one paragraph a line) or ``html`` (a whole page)."""

    text: Optional[str] = Field(None, description="Plain text of the article.")
    html: Optional[str] = Field(None, description="An HTML page; its main text and metadata are extracted.")
    published: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD (else taken from the page or text).")
    title: Optional[str] = None
    url: Optional[str] = None


@dataclass
class View:
    """What a page handler returns: the template and its context, and the JSON twin's data."""

    template: str
    context: dict[str, Any]
    data: Any  # or a callable making it: only the JSON twin pays for it
    status: int = 200

    def json_data(self) -> Any:
        return self.data() if callable(self.data) else self.data


@dataclass
class AppState:
    settings: Settings
    host: str
    nlp: Any = None
    claim_index: ClaimIndex = field(default_factory=ClaimIndex)
    _local: threading.local = field(default_factory=threading.local)
    _nlp_lock: threading.Lock = field(default_factory=threading.Lock)
    _write_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def store(self):
        """One store connection per worker thread (SQLite connections are not shared across threads)."""
        s = getattr(self._local, "store", None)
        if s is None:
            from ..store import open_store

            s = self._local.store = open_store(self.settings.db)
        return s

    def pipeline(self):
        if self.nlp is None:
            with self._nlp_lock:
                if self.nlp is None:
                    from ..extract import build_pipeline

                    self.nlp = build_pipeline(self.settings.model)
        return self.nlp


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def create_app(settings_or_db_url: Union[Settings, str, None] = None, token: Optional[str] = None, *,
               host: str = "127.0.0.1", nlp: Any = None) -> FastAPI:
    """The ASGI app over one store.

    ``settings_or_db_url``: a :class:`Settings`, a database path/URL, or None for ``Settings.from_env()``.
    ``token``: required for writes (overrides ``settings.token``); without one, writes are allowed only
    when ``host`` (the address the server is bound to) is a loopback address.
    ``nlp``: an already built pipeline (tests); otherwise it is loaded on the first write.
    """
    if isinstance(settings_or_db_url, Settings):
        settings = settings_or_db_url
    else:
        settings = Settings.from_env(db=settings_or_db_url)
    if token:
        settings = settings.replace(token=token)
    state = AppState(settings=settings, host=host, nlp=nlp)

    app = FastAPI(
        title="newsledger", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Who said what, which claims were made and verified, and when. Every HTML page has a JSON "
                    "twin (same path plus `.json`); lists are paginated with `after` cursors. See docs/API.md.",
    )
    app.state.newsledger = state
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    templates = Jinja2Templates(env=env)

    def url_with(request: Request, path: Optional[str] = None, **changes: Any) -> str:
        params = {k: v for k, v in request.query_params.items() if k not in changes}
        params.update({k: v for k, v in changes.items() if v not in (None, "")})
        q = urlencode(params)
        return (path or request.url.path) + (f"?{q}" if q else "")

    def display_title(row: Any) -> str:
        """Title, else the file name of the source, else the id."""
        get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
        source = get("article_source") or get("source") or ""
        return get("title") or source.replace("\\", "/").rsplit("/", 1)[-1] or get("article_id") or get("id") or "?"

    env.filters["doc_title"] = display_title
    env.globals.update(url_with=url_with, LAYERS=LAYERS, STATUSES=CLAIM_STATUSES, version=__version__)

    def page(path: str, template: str, summary: str) -> Callable:
        """Register a page at ``path`` and its JSON twin at ``path.json`` (registered first: it is more specific)."""
        def deco(fn: Callable[..., View]) -> Callable:
            # Pages run on the event loop, not in the thread pool: each is a few indexed, LIMITed queries
            # and some rendering (a few ms), and handing them to 40 threads contending for the GIL made
            # latency under load far worse (requests time-sliced against each other instead of served in turn).
            @functools.wraps(fn)
            async def as_json(*args, **kwargs):
                view = fn(*args, **kwargs)
                return JSONResponse(_jsonable(view.json_data()), status_code=view.status)

            @functools.wraps(fn)
            async def as_html(*args, **kwargs):
                request: Request = kwargs["request"]
                view = fn(*args, **kwargs)
                if _wants_json(request):
                    return JSONResponse(_jsonable(view.json_data()), status_code=view.status)
                return templates.TemplateResponse(request, template, view.context, status_code=view.status)

            as_json.__name__ = fn.__name__ + "_json"
            app.api_route(path + ".json", methods=["GET", "HEAD"], summary=summary, tags=["pages (JSON twins)"],
                          response_class=JSONResponse)(as_json)
            app.api_route(path, methods=["GET", "HEAD"], include_in_schema=False, response_class=HTMLResponse)(as_html)
            return fn
        return deco

    def paged(request: Request, page: wq.Page, **extra: Any) -> dict:
        nxt = page["next"]
        path = request.url.path
        json_path = path if path.endswith(".json") else path + ".json"
        return {"items": page["items"], "next": nxt, "limit": page["limit"],
                "next_url": url_with(request, json_path, after=nxt) if nxt else None, **extra}

    # -- errors ---------------------------------------------------------------------------
    def _error(request: Request, status: int, detail: str) -> Response:
        if request.url.path.endswith(".json") or request.url.path.startswith("/api/") or _wants_json(request):
            return JSONResponse({"error": {"status": status, "detail": detail}}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "detail": detail},
                                          status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(wq.BadCursor)
    async def bad_cursor(request: Request, exc: wq.BadCursor):
        return _error(request, 400, "malformed pagination cursor (after=)")

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError):
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error(request, 400, detail or "bad request")

    # -- pages ----------------------------------------------------------------------------
    limit_q = Query(PAGE_SIZE, ge=1, le=500, description="Rows per page.")
    after_q = Query(None, description="Cursor from the previous page's `next`.")

    @page("/", "index.html", "Articles, newest first")
    def index(request: Request, after: Optional[str] = after_q, limit: int = limit_q) -> View:
        store = state.store()
        pg = wq.articles_page(store, after=after, limit=limit)
        data = paged(request, pg, total=store.count())
        return View("index.html", {"page": data}, data)

    app.get("/index.json", include_in_schema=False)(lambda request: RedirectResponse("/.json"))

    @page("/articles/{article_id}", "article.html", "One article: the full record")
    def article(request: Request, article_id: str) -> View:
        store = state.store()
        record = store.record(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id}")
        links = {e.id: e.ledger_entity for e in record.entities if e.ledger_entity}
        ctx = {"r": record, "body": render_body(record), "links": links,
               "times": {t.id: t for t in record.times}}
        return View("article.html", ctx, record.to_dict)

    @page("/speakers", "speakers.html", "Who is quoted, most quoted first")
    def speakers(request: Request, after: Optional[str] = after_q, limit: int = limit_q) -> View:
        data = paged(request, wq.speakers_page(state.store(), after=after, limit=limit))
        return View("speakers.html", {"page": data}, data)

    @page("/entities", "entities.html", "Ledger entities (people, organisations, places), most cited first")
    def entities(request: Request, type: Optional[str] = Query(None, description="PERSON, ORG, GPE, ..."),
                 name: Optional[str] = Query(None, description="Every entity this name may denote."),
                 after: Optional[str] = after_q, limit: int = limit_q) -> View:
        data = paged(request, wq.entities_page(state.store(), type=type, name=name, after=after, limit=limit))
        return View("entities.html", {"page": data, "type": type or "", "name": name or ""}, data)

    @page("/entities/{entity_id}", "entity.html", "One entity: aliases, roles, every quote, quotes over time")
    def entity(request: Request, entity_id: str, after: Optional[str] = after_q, limit: int = limit_q) -> View:
        store = state.store()
        ent = wq.entity(store, entity_id)
        if ent is None:
            raise HTTPException(404, f"no entity {entity_id}")
        quotes = paged(request, wq.entity_quotes(store, entity_id, after=after, limit=limit))
        per_day = wq.quote_counts_by_period(store, entity_id)
        claims = wq.entity_claims(store, entity_id)
        total = sum(r["quotes"] for r in per_day)
        data = {**ent, "quote_count": total, "quotes_per_day": per_day, "quotes": quotes, "claims": claims}
        ctx = {"e": ent, "quotes": quotes, "chart": quotes_chart(per_day), "claims": claims, "total": total,
               "first_page": not after}
        return View("entity.html", ctx, data)

    @page("/quotes", "quotes.html", "Quotes across articles, by speaker or words")
    def quotes(request: Request, speaker: Optional[str] = Query(None, description="Speaker, any spelling."),
               q: Optional[str] = Query(None, description="Words the quote contains."),
               article: Optional[str] = Query(None, description="Article id."),
               after: Optional[str] = after_q, limit: int = limit_q) -> View:
        data = paged(request, wq.quotes_page(state.store(), speaker=speaker, search=q, article=article,
                                             after=after, limit=limit))
        return View("quotes.html", {"page": data, "speaker": speaker or "", "q": q or ""}, data)

    @page("/claims", "claims.html", "Claims, unverified first, with evidence and related articles")
    def claims(request: Request, status: Optional[str] = Query(None, description=" | ".join(CLAIM_STATUSES)),
               source: Optional[str] = Query(None, description="Source, any spelling."),
               q: Optional[str] = Query(None, description="Words the claim contains."),
               date_from: Optional[str] = Query(None, alias="from", description="Published on or after (YYYY-MM-DD)."),
               date_to: Optional[str] = Query(None, alias="to", description="Published on or before (YYYY-MM-DD)."),
               after: Optional[str] = after_q, limit: int = Query(20, ge=1, le=500)) -> View:
        if status and status not in CLAIM_STATUSES:
            raise HTTPException(400, f"status must be one of {', '.join(CLAIM_STATUSES)}")
        store = state.store()
        pg = wq.claims_page(store, status=status or None, source=source or None, search=q or None,
                            date_from=date_from or None, date_to=date_to or None, after=after, limit=limit)
        for c, rel in zip(pg["items"], state.claim_index.related_many(store, pg["items"])):
            c.pop("rank", None)
            c.update(rel)
        data = paged(request, pg)
        ctx = {"page": data, "f": {"status": status or "", "source": source or "", "q": q or "",
                                   "from": date_from or "", "to": date_to or ""}}
        return View("claims.html", ctx, data)

    @page("/timeline", "timeline.html", "Dated events and claims on a time axis")
    def timeline(request: Request, entity: Optional[str] = Query(None, description="Entity id or name."),
                 date_from: Optional[str] = Query(None, alias="from"), date_to: Optional[str] = Query(None, alias="to"),
                 after: Optional[str] = after_q, limit: int = Query(200, ge=1, le=1000)) -> View:
        data = paged(request, wq.timeline_page(state.store(), entity=entity or None, date_from=date_from or None,
                                               date_to=date_to or None, after=after, limit=limit))
        ctx = {"page": data, "chart": timeline_chart(data["items"]),
               "f": {"entity": entity or "", "from": date_from or "", "to": date_to or ""}}
        return View("timeline.html", ctx, data)

    @page("/search", "search.html", "Full-text search over quotes and articles")
    def search(request: Request, q: str = Query("", description="Words to find (all must occur)."),
               quotes_after: Optional[str] = Query(None), articles_after: Optional[str] = Query(None),
               limit: int = Query(20, ge=1, le=200)) -> View:
        store = state.store()
        empty = wq.Page(items=[], next=None, limit=limit)
        has_words = bool(q and any(ch.isalnum() for ch in q))
        qp = wq.quotes_page(store, search=q, after=quotes_after, limit=limit) if has_words else empty
        ap = wq.search_articles_page(store, q, after=articles_after, limit=limit) if has_words else empty
        json_path = "/search.json"
        data = {"q": q,
                "quotes": {"items": qp["items"], "next": qp["next"],
                           "next_url": url_with(request, json_path, quotes_after=qp["next"]) if qp["next"] else None},
                "articles": {"items": ap["items"], "next": ap["next"],
                             "next_url": url_with(request, json_path, articles_after=ap["next"]) if ap["next"] else None}}
        return View("search.html", {"q": q, "quotes": qp, "articles": ap}, data)

    # -- writes ---------------------------------------------------------------------------
    def _authorise(request: Request, form_token: Optional[str] = None) -> None:
        denied = write_denied(token=state.settings.token, loopback=state.loopback,
                              authorization=request.headers.get("authorization"), form_token=form_token,
                              origin=request.headers.get("origin"), host_header=request.headers.get("host"))
        if denied:
            raise HTTPException(*denied)

    def _ingest(payload: dict, data: Optional[bytes], filename: Optional[str]) -> tuple[Record, bool]:
        """Article from the payload (text, html or uploaded bytes) → pipeline → store. Raises InputError."""
        from ..extract.pipeline import extract_records
        from ..ingest.html import html_article, looks_like_html
        from ..ingest.pubdate import normalise_date
        from ..ingest.text import decode_text, text_article
        from ..ledger.linker import Ledger

        s = state.settings.replace(published=None)
        published = (payload.get("published") or "").strip() or None
        source = f"upload:{filename}" if filename else "web"
        if published and normalise_date(published) is None:
            raise InputError(source, f"publication date {published!r} is not a date (use YYYY-MM-DD)")
        meta = {k: (payload.get(k) or "").strip() for k in ("title", "url") if (payload.get(k) or "").strip()}
        if published:
            meta["published"] = published
        html = payload.get("html")
        text = payload.get("text")
        if data is not None:
            if len(data) > s.max_bytes:
                raise InputTooLarge(source, f"{len(data):,} bytes is over the limit of {s.max_bytes:,} (max_bytes)")
            if (filename or "").lower().endswith((".html", ".htm")) or looks_like_html(data[:2048]):
                html = data
            else:
                decoded = decode_text(data, source)
                if isinstance(decoded, InputError):
                    raise decoded
                text = decoded
        for value in (text, html):
            if isinstance(value, str) and len(value.encode("utf-8")) > s.max_bytes:
                raise InputTooLarge(source, f"over the limit of {s.max_bytes:,} bytes (max_bytes)")
        if html:
            article = html_article(html, source, s, url=meta.get("url"), overrides=meta)
        elif text and text.strip():
            article = text_article(text, source, s, metadata=meta)
        else:
            raise InputError(source, "nothing to ingest: give text, html or a file")
        if isinstance(article, InputError):
            raise article
        nlp = state.pipeline()
        with state._write_lock:
            store = state.store()
            existed = store.has(article.id)
            (record,) = list(extract_records([article], nlp))
            store.write([record], ledger=Ledger())
            state.claim_index.invalidate()
        return record, not existed

    def _input_error(exc: InputError) -> HTTPException:
        return HTTPException(413 if isinstance(exc, InputTooLarge) else 400, str(exc))

    @app.get("/ingest", include_in_schema=False, response_class=HTMLResponse)
    def ingest_form(request: Request):
        return templates.TemplateResponse(request, "ingest.html", _ingest_ctx())

    def _ingest_ctx(**kw):
        return {"error": None, "needs_token": bool(state.settings.token) or not state.loopback,
                "writable": bool(state.settings.token) or state.loopback, "values": {}, **kw}

    @app.post("/ingest", include_in_schema=False)
    async def ingest_post(request: Request):
        form = await request.form(max_files=1, max_fields=20, max_part_size=state.settings.max_bytes + 1)
        _authorise(request, form_token=form.get("token") if isinstance(form.get("token"), str) else None)
        upload = form.get("file")
        data = filename = None
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(state.settings.max_bytes + 1)
            filename = upload.filename
        values = {k: form.get(k) for k in ("text", "published", "title", "url") if isinstance(form.get(k), str)}
        try:
            record, _ = await run_in_threadpool(_ingest, values, data, filename)
        except InputError as exc:
            status = 413 if isinstance(exc, InputTooLarge) else 400
            return templates.TemplateResponse(request, "ingest.html", _ingest_ctx(error=str(exc), values=values),
                                              status_code=status)
        return RedirectResponse(f"/articles/{record.id}", status_code=303)

    body_schema = ArticleIn.model_json_schema()
    openapi_body = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": body_schema},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary", "description": "A .txt or .html file."},
            "published": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
            "token": {"type": "string"}}}},
    }}}

    @app.post("/api/articles", tags=["write"], status_code=201, openapi_extra=openapi_body,
              summary="Add an article (JSON text/html, or a file upload); returns its record",
              responses={200: {"description": "The article was already stored: re-extracted and replaced."},
                         201: {"description": "The new article's record."},
                         400: {"description": "Not an article (empty, binary, bad date, bad HTML...)."},
                         401: {"description": "Token missing or wrong."},
                         403: {"description": "Writes disabled (non-loopback bind without token) or cross-origin."},
                         413: {"description": "Over max_bytes."}})
    async def api_articles(request: Request):
        ctype = request.headers.get("content-type", "")
        data = filename = None
        if ctype.startswith("multipart/form-data") or ctype.startswith("application/x-www-form-urlencoded"):
            form = await request.form(max_files=1, max_fields=20, max_part_size=state.settings.max_bytes + 1)
            _authorise(request, form_token=form.get("token") if isinstance(form.get("token"), str) else None)
            payload = {k: form.get(k) for k in ("text", "html", "published", "title", "url") if isinstance(form.get(k), str)}
            upload = form.get("file")
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read(state.settings.max_bytes + 1)
                filename = upload.filename
        else:
            _authorise(request)
            try:
                raw = json.loads(await request.body())
                payload = ArticleIn.model_validate(raw).model_dump()
            except (ValueError, TypeError) as exc:
                raise HTTPException(400, f"body must be a JSON object with text or html ({type(exc).__name__})")
        try:
            record, created = await run_in_threadpool(_ingest, payload, data, filename)
        except InputError as exc:
            raise _input_error(exc)
        return JSONResponse(record.to_dict(), status_code=201 if created else 200,
                            headers={"Location": f"/articles/{record.id}"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @app.get("/healthz", include_in_schema=False)
    def healthz():
        return {"ok": True, "version": __version__}

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_SLACK)
    app.add_middleware(SecurityHeaders)  # outside BodyLimit: its 413 carries the headers too
    if state.loopback:
        app.add_middleware(_HostCheck)
    return app


class _HostCheck:
    """Bound to loopback: answer only requests addressed to a loopback name (stops DNS rebinding)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
            if host and not is_loopback(name):
                body = b"host not allowed: this server answers only to localhost / 127.0.0.1"
                await send({"type": "http.response.start", "status": 421,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory newsledger.web.app:app_from_env`` (settings from the environment)."""
    import os

    from .security import is_loopback as _loop

    host = os.environ.get("NEWSLEDGER_HOST", "127.0.0.1")
    return create_app(Settings.from_env(), host=host if not _loop(host) else "127.0.0.1")

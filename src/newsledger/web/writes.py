"""The write endpoints: the ``/ingest`` form and ``POST /api/articles``; a claim page's review form and
``POST /api/reviews``.

Both add an article through the command line's own path: the upload (or the pasted text or
HTML) is written to a private temporary folder with its form metadata as a sidecar, read by
:func:`newsledger.ingest.read_inputs` (the same readers, limits and checks as ``newsledger
ingest``), extracted by :func:`newsledger.extract.extract_records` *outside* the write lock,
and written by the ingest command's :class:`~newsledger.scale.writer.BatchWriter` in one
transaction with its ledger links.  A review goes through the same write checks (token, loopback,
Origin) and :func:`newsledger.store.queries.add_review`, the function ``newsledger review`` calls.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from typing import Any, Optional
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import ConfigError, EmptyInput, InputError, InputTooLarge, QueryError, UndecodableInput
from ..records import Article, Record
from ..settings import check_day
from .rendering import templates
from .security import write_denied

__all__ = ["router", "ArticleIn", "ReviewIn", "article_from_upload", "store_article", "store_review"]

router = APIRouter()
_FIELDS = ("text", "html", "published", "title", "url")


class ArticleIn(BaseModel):
    """An article to add: ``text`` (plain text, one paragraph a line) or ``html`` (a whole page)."""

    text: Optional[str] = Field(None, description="Plain text of the article.")
    html: Optional[str] = Field(None, description="An HTML page; its main text and metadata are extracted.")
    published: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD (else taken from the page or text).")
    title: Optional[str] = Field(None, description="Title (wins over the page's).")
    url: Optional[str] = Field(None, description="Where the article was published (wins over the page's).")


def _upload_name(filename: Optional[str], data: bytes, is_html: bool) -> str:
    """A file name the readers dispatch on: the upload's own extension when it is .txt or .html."""
    from ..ingest.html import looks_like_html

    ext = os.path.splitext(os.path.basename(filename or ""))[1].lower()
    if ext in (".txt", ".text", ".md", ".html", ".htm", ".xhtml"):
        return "article" + ext
    return "article.html" if is_html or looks_like_html(data[:2048]) else "article.txt"


def article_from_upload(state, data: bytes, *, filename: Optional[str] = None, is_html: bool = False,
                        meta: Optional[dict] = None) -> Article:
    """The Article the ingest readers make of these bytes (and their metadata as a sidecar); raises InputError."""
    from ..ingest import read_inputs

    label = f"upload:{filename}" if filename else "web"
    settings = state.settings.replace(strict=False)
    settings = dataclasses.replace(settings, published=None)  # the form's date is the article's own metadata
    with tempfile.TemporaryDirectory(prefix="newsledger-upload-") as folder:
        path = os.path.join(folder, _upload_name(filename, data, is_html))
        with open(path, "wb") as fh:
            fh.write(data)
        if meta:
            with open(os.path.splitext(path)[0] + ".meta.json", "w", encoding="utf-8") as fh:
                json.dump(meta, fh, ensure_ascii=False)
        found = list(read_inputs([path], settings))
    for item in found:
        if isinstance(item, InputError):  # the same error the CLI prints, naming the upload instead of the file
            raise type(item)(label, item.reason)
    if not found:
        raise EmptyInput(label, "nothing to ingest")
    return dataclasses.replace(found[0], source=label)


def store_article(state, article: Article) -> tuple[Record, bool]:
    """Extract (outside the lock), then write with the ledger in one transaction; (record, newly added)."""
    from ..extract import extract_records
    from ..scale.writer import BatchWriter

    (record,) = list(extract_records([article], state.pipeline()))
    with state.write_lock:
        store = state.store()
        existed = store.has(article.id)
        BatchWriter(store, batch_size=1).add(record)
        state.claim_index.invalidate()
    return record, not existed


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate (JSON allows "\ud800"): not Unicode text
        raise UndecodableInput("web", f"not valid Unicode: a lone surrogate at character {exc.start}") from None


def _ingest_payload(state, payload: dict, data: Optional[bytes], filename: Optional[str]) -> tuple[Record, bool]:
    """Text, HTML or an uploaded file with its form metadata -> stored record. Raises InputError or ConfigError."""
    published = check_day(payload.get("published"), "published")
    meta = {k: payload[k].strip() for k in ("title", "url") if isinstance(payload.get(k), str) and payload[k].strip()}
    if published:
        meta["published"] = published
    is_html = False
    if data is None:
        html, text = payload.get("html"), payload.get("text")
        is_html = bool(html and html.strip())
        chosen = html if is_html else text
        if not chosen or not chosen.strip():
            raise EmptyInput("web", "nothing to ingest: give text, html or a file")
        data = _utf8(chosen)
    if len(data) > state.settings.max_bytes:
        raise InputTooLarge(f"upload:{filename}" if filename else "web",
                            f"{len(data):,} bytes is over the limit of {state.settings.max_bytes:,} (max_bytes)")
    article = article_from_upload(state, data, filename=filename, is_html=is_html, meta=meta)
    return store_article(state, article)


def _authorise(request: Request, form_token: Optional[str] = None) -> None:
    state = request.app.state.newsledger
    denied = write_denied(token=state.settings.token, loopback=state.loopback,
                          authorization=request.headers.get("authorization"), form_token=form_token,
                          origin=request.headers.get("origin"), host_header=request.headers.get("host"))
    if denied:
        raise HTTPException(*denied)


async def _read_form(request: Request) -> tuple[dict, Optional[bytes], Optional[str]]:
    """(fields, uploaded bytes, upload name) of a form post, after the write check."""
    state = request.app.state.newsledger
    form = await request.form(max_files=1, max_fields=20, max_part_size=state.settings.max_bytes + 1)
    token = form.get("token")
    _authorise(request, form_token=token if isinstance(token, str) else None)
    payload = {k: form.get(k) for k in _FIELDS if isinstance(form.get(k), str)}
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return payload, await upload.read(state.settings.max_bytes + 1), upload.filename
    return payload, None, None


def _status(exc: Exception) -> int:
    return 413 if isinstance(exc, InputTooLarge) else 400


def _form_context(state, **extra: Any) -> dict:
    return {"error": None, "needs_token": bool(state.settings.token) or not state.loopback,
            "writable": state.writable, "values": {}, **extra}


@router.get("/ingest", include_in_schema=False, response_class=HTMLResponse)
async def ingest_form(request: Request):
    return templates.TemplateResponse(request, "ingest.html", _form_context(request.app.state.newsledger))


@router.post("/ingest", include_in_schema=False)
async def ingest_post(request: Request):
    state = request.app.state.newsledger
    payload, data, filename = await _read_form(request)
    try:
        record, _ = await run_in_threadpool(_ingest_payload, state, payload, data, filename)
    except (InputError, ConfigError) as exc:
        values = {k: v for k, v in payload.items() if k != "html"}
        return templates.TemplateResponse(request, "ingest.html", _form_context(state, error=str(exc), values=values),
                                          status_code=_status(exc))
    return RedirectResponse(f"/articles/{record.id}", status_code=303)


_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": ArticleIn.model_json_schema()},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary", "description": "A .txt or .html file."},
        "published": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
        "token": {"type": "string"}}}},
}}}
_RESPONSES = {200: {"description": "The article was already stored: re-extracted and replaced."},
              201: {"description": "The new article's record."},
              400: {"description": "Not an article (empty, binary, bad date, bad HTML...)."},
              401: {"description": "Token missing or wrong."},
              403: {"description": "Writes disabled (non-loopback bind without token) or cross-origin."},
              413: {"description": "Over max_bytes."}}


@router.post("/api/articles", tags=["write"], status_code=201, openapi_extra=_BODY, responses=_RESPONSES,
             summary="Add an article (JSON text/html, or a file upload); returns its record")
async def api_articles(request: Request):
    state = request.app.state.newsledger
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        payload, data, filename = await _read_form(request)
    else:
        _authorise(request)
        data = filename = None
        try:
            payload = ArticleIn.model_validate(json.loads(await request.body())).model_dump()
        except (ValueError, TypeError) as exc:
            raise HTTPException(400, f"body must be a JSON object with text or html ({type(exc).__name__})") from None
    try:
        record, created = await run_in_threadpool(_ingest_payload, state, payload, data, filename)
    except (InputError, ConfigError) as exc:
        raise HTTPException(_status(exc), str(exc)) from None
    return JSONResponse(record.to_dict(), status_code=201 if created else 200,
                        headers={"Location": f"/articles/{record.id}"})


# -- reviews ---------------------------------------------------------------------------------------

class ReviewIn(BaseModel):
    """A person's review of one claim (``ARTICLE_ID/CLAIM_ID``)."""

    claim: str = Field(..., description="The claim reviewed: ARTICLE_ID/CLAIM_ID.")
    status: str = Field(..., description="confirmed | unverified | disputed | misleading | false")
    note: str = Field(..., description="What was checked and found.")
    reviewer: str = Field(..., description="Who reviewed it.")
    evidence_url: Optional[str] = Field(None, description="Where the evidence is (http or https).")


def store_review(state, fields: dict, ledger_id: Optional[str] = None) -> dict:
    """Store a review under the write lock; with ``ledger_id``, the claim must be a report of that ledger claim."""
    from ..store import queries

    with state.write_lock:
        store = state.store()
        if ledger_id is not None:
            found = queries.find_claim(store, fields.get("claim") or "")
            if found is None or found["ledger_claim"] != ledger_id:
                raise QueryError(f"{fields.get('claim')!r} is not a report of {ledger_id}")
        return queries.add_review(store, fields.get("claim") or "", fields.get("status") or "", fields.get("note") or "",
                                  fields.get("reviewer") or "", fields.get("evidence") or None)


_REVIEW_FIELDS = ("claim", "status", "note", "reviewer", "evidence")


@router.post("/claims/{ledger_id}/review", include_in_schema=False)
async def review_post(request: Request, ledger_id: str):
    state = request.app.state.newsledger
    form = await request.form(max_files=0, max_fields=20)
    token = form.get("token")
    _authorise(request, form_token=token if isinstance(token, str) else None)
    fields = {k: form.get(k) for k in _REVIEW_FIELDS if isinstance(form.get(k), str)}
    try:
        done = await run_in_threadpool(store_review, state, fields, ledger_id)
    except QueryError as exc:
        return await run_in_threadpool(_claim_page_with_error, request, ledger_id, str(exc), fields)
    return RedirectResponse(f"/claims/{ledger_id}?reviewed={quote(done['claim'])}#reviews", status_code=303)


def _claim_page_with_error(request: Request, ledger_id: str, error: str, values: dict):
    from .views import PAGE_SIZE, claim_view, review_form

    view = claim_view(request, ledger_id, None, PAGE_SIZE)
    context = {**view.html_context(), **review_form(request, error, values)}
    return templates.TemplateResponse(request, "claim.html", context, status_code=400)


_REVIEW_RESPONSES = {201: {"description": "The review as stored."},
                     400: {"description": "No such claim, or a field that is not acceptable."},
                     401: {"description": "Token missing or wrong."},
                     403: {"description": "Writes disabled (non-loopback bind without token) or cross-origin."}}


@router.post("/api/reviews", tags=["write"], status_code=201, responses=_REVIEW_RESPONSES,
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": ReviewIn.model_json_schema()}}}},
             summary="Review a claim: status, note, reviewer, evidence URL; returns the stored review")
async def api_reviews(request: Request):
    _authorise(request)
    try:
        review = ReviewIn.model_validate(json.loads(await request.body()))
    except (ValueError, TypeError) as exc:
        raise HTTPException(400, f"body must be a JSON object with claim, status, note and reviewer "
                                 f"({type(exc).__name__})") from None
    fields = {"claim": review.claim, "status": review.status, "note": review.note, "reviewer": review.reviewer,
              "evidence": review.evidence_url}
    try:
        done = await run_in_threadpool(store_review, request.app.state.newsledger, fields)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None
    return JSONResponse(done, status_code=201)

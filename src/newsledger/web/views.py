"""Every page once: its parameters, the store query it shows, and what its HTML, JSON and CSV forms hold.

A view calls one function of :mod:`newsledger.store.queries` (the same the CLI calls) and only
arranges the result; :mod:`.pages` renders it as HTML, :mod:`.api` as the JSON twin and the CSV
download.  ``PAGES`` lists them for both routers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from fastapi import HTTPException, Path, Query, Request

from ..ledger.claim_rows import CONTEST_DAYS
from ..store import queries
from .highlight import DEFAULT_LAYERS, claims_in_quotes, render_body, speaker_legend
from .rendering import View, envelope, url_with
from .svg import figure_chart, figure_legend, quotes_chart, timeline_chart

__all__ = ["PageSpec", "PAGES", "QUOTE_COLUMNS", "claim_view", "review_form"]

PAGE_SIZE = 50
#: The most rows a list page gives (``limit``).
MAX_LIMIT = 500
_after = Query(None, description="Cursor from the previous page's `next`.")


def _limit(default: int = PAGE_SIZE, most: int = MAX_LIMIT):
    return Query(default, ge=1, le=most, description="Rows per page.")


def _state(request: Request):
    return request.app.state.newsledger


@dataclass(frozen=True)
class PageSpec:
    """One page: ``path`` (its twins add ``.json`` and, with ``csv``, ``.csv``), template, view."""

    name: str
    path: str
    template: str
    summary: str
    view: Callable[..., View]
    csv: bool = True


# -- articles -----------------------------------------------------------------------------------

ARTICLE_COLUMNS = ("published", "title", "publisher", "author", "quotes", "claims", "url", "id")


def articles_view(request: Request, after: Optional[str] = _after, limit: int = _limit()) -> View:
    store = _state(request).store()
    data = envelope(request, queries.articles(store, after=after, limit=limit), total=store.count())
    return View("articles.html", data, csv_rows=lambda d: d["items"], csv_columns=ARTICLE_COLUMNS, name="articles")


def article_view(request: Request, article_id: str = Path(..., description="Article id.")) -> View:
    store = _state(request).store()
    record = store.record(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id}")

    def context() -> dict:
        links = {e.id: e.ledger_entity for e in record.entities if e.ledger_entity}
        return {"r": record, "body": render_body(record), "links": links, "legend": speaker_legend(record, links),
                "claims_of": claims_in_quotes(record), "shown": DEFAULT_LAYERS, "quotes_limit": MAX_LIMIT,
                "ledger_of": queries.article_claims(store, article_id)}

    return View("article.html", record.to_dict, context)


# -- quotes -------------------------------------------------------------------------------------

QUOTE_COLUMNS = ("published", "speaker", "role", "kind", "cue", "text", "context", "confidence", "title",
                 "article_id", "id")


def quotes_view(request: Request,
                speaker: Optional[str] = Query(None, description="Speaker: a name (by the ledger's name rules, "
                                               "never a substring) or an entity id."),
                q: Optional[str] = Query(None, description="Words the quote contains (all of them)."),
                article: Optional[str] = Query(None, description="Article id."),
                after: Optional[str] = _after, limit: int = _limit()) -> View:
    page = queries.quotes(_state(request).store(), speaker=speaker or None, search=q, article=article or None,
                          after=after, limit=limit)
    data = envelope(request, page)
    return View("quotes.html", data, {"f": {"speaker": speaker or "", "q": q or "", "article": article or ""}},
                csv_rows=lambda d: d["items"], csv_columns=QUOTE_COLUMNS, name="quotes")


# -- claims -------------------------------------------------------------------------------------

CLAIM_COLUMNS = ("published", "status", "review", "reviewer", "source", "text", "figure", "quantity", "bound", "counts",
                 "evidence", "ledger_claim", "reports", "contested", "title", "article_id", "id")


def claims_view(request: Request,
                status: Optional[str] = Query(None, description=" | ".join(queries.CLAIM_STATUSES)),
                source: Optional[str] = Query(None, description="Source: a name (by the ledger's name rules) or an "
                                              "entity id."),
                q: Optional[str] = Query(None, description="Words the claim contains."),
                date_from: Optional[str] = Query(None, alias="from", description="Published on or after (YYYY-MM-DD)."),
                date_to: Optional[str] = Query(None, alias="to", description="Published on or before (YYYY-MM-DD)."),
                contested: bool = Query(False, description="Only claims of contested ledger claims, each ledger claim's "
                                        "reports together."),
                after: Optional[str] = _after, limit: int = _limit(20)) -> View:
    state = _state(request)
    store = state.store()
    page = queries.claims(store, status=status or None, source=source or None, search=q, date_from=date_from,
                          date_to=date_to, after=after, limit=limit, contested=contested)
    for c, related in zip(page, state.claim_index.related_many(store, list(page))):
        c.update(related)
    data = envelope(request, page)
    f = {"status": status or "", "source": source or "", "q": q or "", "from": date_from or "", "to": date_to or "",
         "contested": contested}
    return View("claims.html", data, {"f": f}, csv_rows=lambda d: d["items"], csv_columns=CLAIM_COLUMNS, name="claims")


HISTORY_COLUMNS = ("date", "source", "figure", "change", "status", "review", "reviewer", "review_note", "publisher",
                   "title", "text", "link_reason", "article_id", "id")


def claim_view(request: Request, ledger_id: str = Path(..., description="Ledger claim id (clm_...)."),
               after: Optional[str] = _after, limit: int = _limit()) -> View:
    store = _state(request).store()
    found = queries.ledger_claim(store, ledger_id)
    if found is None:
        raise HTTPException(404, f"no ledger claim {ledger_id}")
    history = envelope(request, queries.claim_history(store, ledger_id, after=after, limit=limit))
    reviews = queries.claim_reviews(store, ledger_id)
    data = {**found, "history": history, "reviews": reviews}

    def context() -> dict:
        figures = queries.claim_figures(store, ledger_id)
        return {"c": found, "history": history, "reviews": reviews, "chart": figure_chart(figures),
                "legend": figure_legend(figures), "first_page": not after, "contest_days": CONTEST_DAYS,
                **review_form(request)}

    return View("claim.html", data, context, csv_rows=lambda d: d["history"]["items"], csv_columns=HISTORY_COLUMNS,
                name="claim")


def review_form(request: Request, error: Optional[str] = None, values: Optional[dict] = None) -> dict:
    """What the review form on a claim page needs: whether writes need a token or are off, the statuses."""
    state = _state(request)
    return {"review_error": error, "review_values": values or {}, "statuses": queries.REVIEW_STATUSES,
            "needs_token": bool(state.settings.token) or not state.loopback, "writable": state.writable,
            "reviewed": request.query_params.get("reviewed")}


# -- speakers and entities ----------------------------------------------------------------------

SPEAKER_COLUMNS = ("speaker", "type", "quotes", "articles", "first", "last", "entity")
SPEAKER_SORT_LABELS = {"quotes": "most quotes", "articles": "most articles", "first": "first quoted",
                       "last": "last quoted"}
ENTITY_SORT_LABELS = {"articles": "most articles", "quotes": "most quotes", "first": "first seen",
                      "last": "last seen", "name": "name"}
ENTITY_TYPES = queries.ENTITY_TYPES


def speakers_view(request: Request,
                  type: Optional[str] = Query(None, description="Entity type: " + ", ".join(ENTITY_TYPES) + "."),
                  name: Optional[str] = Query(None, description="Names containing this (any case), or that the "
                                              "ledger says it may denote."),
                  sort: str = Query("quotes", description="quotes | articles | first | last"),
                  after: Optional[str] = _after, limit: int = _limit()) -> View:
    page = queries.speakers(_state(request).store(), type=type or None, name=name or None, sort=sort or "quotes",
                            after=after, limit=limit)
    f = {"type": (type or "").strip().upper(), "name": name or "", "sort": sort or "quotes"}
    return View("speakers.html", envelope(request, page), {"f": f, "types": ENTITY_TYPES, "sorts": SPEAKER_SORT_LABELS},
                csv_rows=lambda d: d["items"], csv_columns=SPEAKER_COLUMNS, name="speakers")


ENTITY_COLUMNS = ("name", "type", "articles", "quotes", "first", "last", "aliases", "roles", "id")


def entities_view(request: Request,
                  type: Optional[str] = Query(None, description="Entity type: " + ", ".join(ENTITY_TYPES) + "."),
                  name: Optional[str] = Query(None, description="Names or aliases containing this, or entities the "
                                              "name may denote."),
                  sort: str = Query("articles", description=" | ".join(queries.ENTITY_SORTS)),
                  after: Optional[str] = _after, limit: int = _limit()) -> View:
    page = queries.entities(_state(request).store(), type=type or None, name=name or None, sort=sort or "articles",
                            after=after, limit=limit)
    f = {"type": (type or "").strip().upper(), "name": name or "", "sort": sort or "articles"}
    return View("entities.html", envelope(request, page), {"f": f, "types": ENTITY_TYPES, "sorts": ENTITY_SORT_LABELS},
                csv_rows=lambda d: d["items"], csv_columns=ENTITY_COLUMNS, name="entities")


#: Claims sourced to an entity shown on its page: the first of ``/claims?source=ID`` (unverified first).
ENTITY_CLAIMS = 20


def entity_view(request: Request, entity_id: str = Path(..., description="Ledger entity id (ent_...)."),
                after: Optional[str] = _after, limit: int = _limit()) -> View:
    store = _state(request).store()
    ent = queries.entity(store, entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id}")
    quotes = envelope(request, queries.quotes(store, speaker=entity_id, after=after, limit=limit))
    per_day = queries.quotes_per_day(store, entity_id)
    claims = list(queries.claims(store, source=entity_id, limit=ENTITY_CLAIMS))
    total = sum(r["quotes"] for r in per_day)
    data = {**ent, "quote_count": total, "quotes_per_day": per_day, "quotes": quotes, "claims": claims}
    context = {"e": ent, "quotes": quotes, "chart": quotes_chart(per_day), "claims": claims, "total": total,
               "first_page": not after, "claims_limit": ENTITY_CLAIMS}
    return View("entity.html", data, context, csv_rows=lambda d: d["quotes"]["items"], csv_columns=QUOTE_COLUMNS,
                name="quotes")


# -- timeline and search ------------------------------------------------------------------------

TIMELINE_COLUMNS = ("date", "kind", "what", "who", "text", "place", "articles", "sources", "article_id", "id")


def timeline_view(request: Request,
                  entity: Optional[str] = Query(None, description="Entity id or name."),
                  date_from: Optional[str] = Query(None, alias="from", description="From this date (YYYY-MM-DD)."),
                  date_to: Optional[str] = Query(None, alias="to", description="Up to this date (YYYY-MM-DD)."),
                  reported: bool = Query(False, description="Also claims dated only by their article's publication."),
                  after: Optional[str] = _after, limit: int = _limit(200, 1000)) -> View:
    page = queries.timeline(_state(request).store(), entity=entity or None, date_from=date_from, date_to=date_to,
                            reported=reported, after=after, limit=limit)
    data = envelope(request, page)
    f = {"entity": entity or "", "from": date_from or "", "to": date_to or "", "reported": reported}
    return View("timeline.html", data, lambda: {"chart": timeline_chart(data["items"]), "f": f},
                csv_rows=lambda d: d["items"], csv_columns=TIMELINE_COLUMNS, name="timeline")


SEARCH_COLUMNS = ("published", "title", "sentence", "url", "id")


def search_view(request: Request, q: str = Query("", description="Words to find (all must occur)."),
                quotes_after: Optional[str] = Query(None, description="Cursor of the quotes' next page."),
                articles_after: Optional[str] = Query(None, description="Cursor of the articles' next page."),
                limit: int = _limit(20, 200)) -> View:
    store = _state(request).store()
    if queries.search_words(q):
        quotes = queries.quotes(store, search=q, after=quotes_after, limit=limit)
        found = queries.search_articles(store, q, after=articles_after, limit=limit)
    else:  # nothing to search for: nothing found (not every quote)
        quotes = found = queries.Page([], None, limit)

    def part(page, cursor: str) -> dict:
        nxt = page.next
        return {"items": list(page), "next": nxt,
                "next_url": url_with(request, "/search.json", **{cursor: nxt}) if nxt else None}

    data = {"q": q, "quotes": part(quotes, "quotes_after"), "articles": part(found, "articles_after")}
    return View("search.html", data, {"q": q, "quotes": quotes, "articles": found},
                csv_rows=lambda d: d["articles"]["items"], csv_columns=SEARCH_COLUMNS, name="search")


PAGES: Sequence[PageSpec] = (
    PageSpec("articles", "/articles", "articles.html", "Articles, newest first", articles_view),
    PageSpec("article", "/articles/{article_id}", "article.html", "One article: the full record", article_view,
             csv=False),
    PageSpec("speakers", "/speakers", "speakers.html", "Who is quoted: type filter, name search, sort", speakers_view),
    PageSpec("entities", "/entities", "entities.html", "Ledger entities (people, organisations, places)",
             entities_view),
    PageSpec("entity", "/entities/{entity_id}", "entity.html", "One entity: aliases, roles, every quote, quotes "
             "over time", entity_view),
    PageSpec("quotes", "/quotes", "quotes.html", "Quotes across articles, by speaker or words, each in its sentence",
             quotes_view),
    PageSpec("claims", "/claims", "claims.html", "Claims, unverified first, with evidence and related articles",
             claims_view),
    PageSpec("claim", "/claims/{ledger_id}", "claim.html", "One ledger claim: every report of its figure in order, "
             "contested figures, reviews", claim_view),
    PageSpec("timeline", "/timeline", "timeline.html", "Dated events and claims on a time axis", timeline_view),
    PageSpec("search", "/search", "search.html", "Full-text search over quotes and articles", search_view),
)

"""The claim ledger's queries: one ledger claim, the history of its figures, the points of its chart, its reviews.

Part of the one query layer (:mod:`newsledger.store.queries` re-exports every function here; the CLI and the
web call them through it).  A claim is referred to as ``ARTICLE_ID/CLAIM_ID`` (as ``newsledger claims``
prints it); a ledger claim by its ``clm_`` id, or by any claim of it.
"""

from __future__ import annotations

from typing import Optional

from ..errors import QueryError
from ..ledger.claim_keys import NO_END, day_text
from ..ledger.claim_rows import CONTEST_DAYS
from .paging import Order, Page, check_limit, decode_cursor, limit_sql, page_of

__all__ = ["claim_ref", "find_claim", "ledger_claim", "claim_history", "claim_figures", "claim_reviews",
           "article_claims", "figure_text", "REVIEW_COLUMNS"]

#: The review columns a claim row carries (its latest review, applied on read).
REVIEW_COLUMNS = ("r.status AS review, r.reviewer, r.reviewed_at, r.note AS review_note, r.evidence_url")
REVIEW_JOIN = (" LEFT JOIN claim_reviews r ON r.article_id = c.article_id AND r.start_char = c.start_char "
               "AND r.end_char = c.end_char AND r.latest = 1")


def claim_ref(row: dict) -> str:
    """How a claim is referred to: ``ARTICLE_ID/CLAIM_ID``."""
    return f"{row['article_id']}/{row['id']}"


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


def figure_text(value: Optional[float], high: Optional[float] = None, bound: Optional[str] = None,
                unit: Optional[str] = None) -> Optional[str]:
    """A figure as people write it: ``41``, ``≤ 9``, ``≥ 12``, ``about 5,000``, ``70,000–80,000 USD``."""
    if value is None:
        return None
    text = _number(value) + (f"–{_number(high)}" if high is not None else "")
    text = {"upper": "≤ ", "lower": "≥ ", "approximate": "about "}.get(bound or "exact", "") + text
    return text + (f" {unit}" if unit else "")


def find_claim(store, ref: str) -> Optional[dict]:
    """The stored claim ``ARTICLE_ID/CLAIM_ID`` refers to (None when there is none); QueryError when ``ref``
    is not of that form."""
    article, sep, claim = (ref or "").strip().partition("/")
    if not sep or not article or not claim or "/" in claim:
        raise QueryError(f"a claim is ARTICLE_ID/CLAIM_ID (as 'newsledger claims' shows it), not {ref!r}")
    rows = store.execute("SELECT article_id, id, text, start_char, end_char, ledger_claim FROM claims "
                         "WHERE article_id = ? AND id = ?", (article, claim))
    return rows[0] if rows else None


def _ledger_id(store, ref: str) -> Optional[str]:
    if "/" in (ref or ""):
        found = find_claim(store, ref)
        return found["ledger_claim"] if found else None
    return ref


def ledger_claim(store, ref: str) -> Optional[dict]:
    """One ledger claim by id (or by a claim of it): what it counts, where, its first and last report, how many
    reports, articles and sources, the ``range`` of its figures, whether they are ``contested`` and whether a
    side's figure changed over time (``figure_history``)."""
    lid = _ledger_id(store, ref)
    rows = store.execute("SELECT l.*, a.title, a.publisher, a.published, a.url FROM ledger_claims l "
                         "JOIN articles a ON a.id = l.article_id WHERE l.id = ?", (lid,)) if lid else []
    if not rows:
        return None
    r = rows[0]
    low, high = r["low"], r["high"]
    return {"id": r["id"], "kind": r["kind"], "text": r["text"], "counts": r["counts"], "unit": r["unit"],
            "place": r["place"], "first": r["first_day"], "last": r["last_day"], "reports": r["claims"],
            "articles": r["articles"], "sources": r["sources"], "contested": bool(r["contested"]),
            "figure_history": bool(r["history"]), "low": low, "high": high,
            "range": None if low is None else (_number(low) if low == high else f"{_number(low)}–{_number(high)}"),
            "first_appearance": {"article_id": r["article_id"], "id": r["claim_id"], "title": r["title"],
                                 "publisher": r["publisher"], "published": r["published"], "url": r["url"]}}


_MEMBER_SELECT = (
    "SELECT c.claim_day, c.article_id, c.id, c.start_char, c.end_char, c.text, c.status, c.evidence, c.link_reason, "
    "c.side, c.quantity_value AS value, c.quantity_high AS high, c.quantity_bound AS bound, c.quantity_unit AS unit, "
    "c.figure_low, c.figure_high, coalesce(l.name, c.source_name) AS source, a.title, a.publisher, a.published, "
    "a.url, a.source AS article_source, " + REVIEW_COLUMNS + " FROM claims c JOIN articles a ON a.id = c.article_id "
    "LEFT JOIN entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
    "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity" + REVIEW_JOIN)
_HISTORY_ORDER = Order(("c.claim_day", False, True), ("c.article_id", False, False), ("c.start_char", False, False),
                       ("c.id", False, False))


def claim_history(store, ref: str, after: Optional[str] = None, limit: Optional[int] = 50) -> Page:
    """Every report of a ledger claim in order (day, article): who said which figure, when and where, its machine
    status and its review, and how it stands to the others: ``change`` (its side's figure before it: ``first``,
    ``same``, ``rose from 12``, ``fell from 19``) and ``contested_by`` (other sides' figures within
    ``CONTEST_DAYS`` days whose bounds it does not meet)."""
    limit = check_limit(limit)
    lid = _ledger_id(store, ref)
    cur = decode_cursor(after, 4)
    conds, args = ["c.ledger_claim = ?"], [lid]
    if cur:
        cond, cargs = _HISTORY_ORDER.after(cur)
        conds.append(cond)
        args += cargs
    tail, targs = limit_sql(limit)
    rows = store.execute(_MEMBER_SELECT + " WHERE " + " AND ".join(conds) + f" ORDER BY {_HISTORY_ORDER.sql()}{tail}",
                         [*args, *targs])
    page = page_of(rows, limit, lambda r: [r["claim_day"], r["article_id"], r["start_char"], r["id"]])
    _annotate(store, lid, page)
    return page


def _annotate(store, lid: str, page: list[dict]) -> None:
    """Each row's ``change`` and ``contested_by``, from the members around the page."""
    days = [r["claim_day"] for r in page if r["claim_day"] is not None]
    near = store.execute(_MEMBER_SELECT + " WHERE c.ledger_claim = ? AND c.claim_day >= ? AND c.claim_day <= ?",
                         (lid, min(days) - CONTEST_DAYS, max(days) + CONTEST_DAYS)) if days else []
    previous: dict[str, Optional[dict]] = {}
    for r in page:
        if r["side"] not in previous:
            previous[r["side"]] = _side_before(store, lid, r)
        r["change"] = _change(previous[r["side"]], r)
        previous[r["side"]] = r
        r["contested_by"] = [_brief(o) for o in near if o["side"] != r["side"] and _disagree(r, o)]
        r["claim"], r["date"], r["figure"] = claim_ref(r), day_text(r["claim_day"]), figure_text(
            r["value"], r["high"], r["bound"], r["unit"])
    for r in page:
        for k in ("figure_low", "figure_high", "claim_day"):
            r.pop(k, None)


def _side_before(store, lid: str, r: dict) -> Optional[dict]:
    """The report of the same side just before ``r`` in the ledger claim (None: ``r`` is its first)."""
    if r["claim_day"] is None:
        return None
    rows = store.execute("SELECT c.quantity_value AS value FROM claims c WHERE c.ledger_claim = ? AND c.side = ? "
                         "AND (c.claim_day, c.article_id, c.start_char, c.id) < (?, ?, ?, ?) "
                         "ORDER BY c.claim_day DESC, c.article_id DESC, c.start_char DESC, c.id DESC LIMIT 1",
                         (lid, r["side"], r["claim_day"], r["article_id"], r["start_char"], r["id"]))
    return rows[0] if rows else None


def _change(before: Optional[dict], r: dict) -> Optional[str]:
    if r["value"] is None:
        return None
    if before is None or before["value"] is None:
        return "first"
    if before["value"] == r["value"]:
        return "same"
    return f"{'rose' if r['value'] > before['value'] else 'fell'} from {_number(before['value'])}"


def _disagree(a: dict, b: dict) -> bool:
    if None in (a["figure_low"], b["figure_low"], a["claim_day"], b["claim_day"]):
        return False
    return abs(a["claim_day"] - b["claim_day"]) <= CONTEST_DAYS and (
        a["figure_low"] > b["figure_high"] or b["figure_low"] > a["figure_high"])


def _brief(o: dict) -> dict:
    return {"claim": claim_ref(o), "source": o["source"] or o["publisher"],
            "figure": figure_text(o["value"], o["high"], o["bound"], o["unit"]), "date": day_text(o["claim_day"])}


def claim_figures(store, ref: str, most: int = 1000) -> list[dict]:
    """The figures of a ledger claim for its chart: ``[{date, side, source, value, low, high, bound, claim}]`` in
    order (``low``/``high``: the bounds, None where open)."""
    lid = _ledger_id(store, ref)
    rows = store.execute(
        "SELECT c.claim_day, c.article_id, c.id, c.side, c.quantity_value AS value, c.quantity_high AS high, "
        "c.quantity_bound AS bound, c.figure_low, c.figure_high, coalesce(l.name, c.source_name) AS source, "
        "a.publisher FROM claims c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN entities e ON e.article_id = c.article_id AND e.id = c.source_entity "
        "LEFT JOIN ledger_entities l ON l.id = e.ledger_entity "
        "WHERE c.ledger_claim = ? AND c.quantity_value IS NOT NULL AND c.claim_day IS NOT NULL "
        "ORDER BY c.claim_day, c.article_id, c.start_char, c.id LIMIT ?", (lid, most))
    return [{"date": day_text(r["claim_day"]), "side": r["side"], "source": r["source"] or r["publisher"],
             "value": r["value"], "high": r["high"], "bound": r["bound"],
             "low_bound": None if r["figure_low"] <= -NO_END else r["figure_low"],
             "high_bound": None if r["figure_high"] >= NO_END else r["figure_high"], "claim": claim_ref(r)}
            for r in rows]


def claim_reviews(store, ref: str, limit: int = 200) -> list[dict]:
    """Every review of the claims of a ledger claim, newest first (earlier reviews of a claim included)."""
    lid = _ledger_id(store, ref)
    return store.execute(
        "SELECT r.id, c.article_id, c.id AS claim_id, r.claim_text, r.status, r.note, r.evidence_url, r.reviewer, "
        "r.reviewed_at, r.latest FROM claim_reviews r JOIN claims c ON c.article_id = r.article_id "
        "AND c.start_char = r.start_char AND c.end_char = r.end_char WHERE c.ledger_claim = ? "
        "ORDER BY r.reviewed_at DESC, r.id DESC LIMIT ?", (lid, limit))



def article_claims(store, article_id: str) -> dict[str, dict]:
    """The claims of one article: claim id -> its ledger claim (``ledger_claim``, ``reports``, ``contested``,
    ``figure_history``) and its latest review (``review``, ``reviewer``), for the article page."""
    rows = store.execute("SELECT c.id, c.ledger_claim, lc.claims AS reports, lc.contested, lc.history, "
                         + REVIEW_COLUMNS + " FROM claims c LEFT JOIN ledger_claims lc ON lc.id = c.ledger_claim"
                         + REVIEW_JOIN + " WHERE c.article_id = ?", (article_id,))
    return {r["id"]: {**r, "contested": bool(r["contested"]), "figure_history": bool(r.pop("history"))} for r in rows}

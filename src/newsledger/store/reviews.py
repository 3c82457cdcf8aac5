"""Human reviews of claims: a fact-checker's status, note and evidence, kept apart from what was extracted.

A review is stored in ``claim_reviews`` against the claim's **article id and span** (``start_char``,
``end_char``), with the claim's text as it was reviewed.  That identity survives a re-ingest: the article id is
the hash of the text, the text is never altered, and the same pipeline draws the same claim with the same
span, while claim ids (``c3``) are only numbers in reading order.  Re-ingesting an article deletes and
rewrites its extracted rows, never its reviews; every query joins the latest review on read.  Reviews are
never overwritten either: a new one marks the previous ``latest = 0`` and both stay, with time and reviewer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Optional
from urllib.parse import urlsplit

from ..errors import QueryError
from .claim_queries import find_claim

__all__ = ["REVIEW_STATUSES", "REVIEW_RATINGS", "add_review", "check_review"]

#: What a fact-checker may conclude, with its rating on ClaimReview's 1-5 scale (5: true).
REVIEW_RATINGS = {"confirmed": 5, "unverified": 3, "disputed": 3, "misleading": 2, "false": 1}
REVIEW_STATUSES = tuple(REVIEW_RATINGS)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIMITS = {"note": 5000, "reviewer": 200, "evidence URL": 2000}


def _text(value: Optional[str], what: str, required: bool = True) -> Optional[str]:
    text = (value or "").strip()
    if not text:
        if required:
            raise QueryError(f"a review needs a {what}")
        return None
    if len(text) > _LIMITS[what]:
        raise QueryError(f"the {what} is over {_LIMITS[what]:,} characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"the {what} is not valid Unicode (a lone surrogate)") from None
    if _CONTROL.search(text):
        raise QueryError(f"the {what} holds control characters")
    return text


def check_review(status: Optional[str], note: Optional[str], reviewer: Optional[str],
                 evidence_url: Optional[str] = None) -> tuple[str, str, str, Optional[str]]:
    """The review's fields, cleaned; QueryError (one line) for any that is not acceptable."""
    status = (status or "").strip().lower()
    if status not in REVIEW_RATINGS:
        raise QueryError(f"status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
    url = _text(evidence_url, "evidence URL", required=False)
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
            raise QueryError(f"the evidence URL must be an http(s) address, not {url!r}")
    return status, _text(note, "note"), _text(reviewer, "reviewer"), url


def _claim_of(store, ref: str) -> dict:
    """The claim a reference names: ``ARTICLE_ID/CLAIM_ID``, or a ledger claim that has one report only."""
    if "/" not in (ref or ""):
        members = store.execute("SELECT article_id, id, text, start_char, end_char, ledger_claim FROM claims "
                                "WHERE ledger_claim = ? ORDER BY claim_day, article_id, start_char, id LIMIT 6",
                                (ref,))
        if len(members) == 1:
            return members[0]
        if not members:
            raise QueryError(f"no claim {ref!r} (give ARTICLE_ID/CLAIM_ID as 'newsledger claims' shows it)")
        names = ", ".join(f"{m['article_id']}/{m['id']}" for m in members[:5])
        raise QueryError(f"{ref} has several reports; review one of them: {names}{', …' if len(members) > 5 else ''}")
    found = find_claim(store, ref)
    if found is None:
        raise QueryError(f"no claim {ref!r}")
    return found


def add_review(store, ref: str, status: str, note: str, reviewer: str, evidence_url: Optional[str] = None,
               when: Optional[str] = None) -> dict:
    """Store a review of the claim ``ref`` (it becomes its latest; earlier ones are kept) and return it."""
    status, note, reviewer, evidence_url = check_review(status, note, reviewer, evidence_url)
    claim = _claim_of(store, ref)
    when = when or dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
    key = (claim["article_id"], claim["start_char"], claim["end_char"])
    rid = "rev_" + hashlib.sha1("\x1f".join(map(str, (*key, when, reviewer, status, note))).encode()).hexdigest()[:12]
    with store.transaction():
        store.execute("UPDATE claim_reviews SET latest = 0 WHERE article_id = ? AND start_char = ? AND end_char = ? "
                      "AND latest = 1", key)
        store.execute("INSERT INTO claim_reviews (id, article_id, start_char, end_char, claim_text, status, note, "
                      "evidence_url, reviewer, reviewed_at, latest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                      (rid, *key, claim["text"], status, note, evidence_url, reviewer, when))
    return {"id": rid, "claim": f"{claim['article_id']}/{claim['id']}", "ledger_claim": claim["ledger_claim"],
            "status": status, "note": note, "evidence_url": evidence_url, "reviewer": reviewer, "reviewed_at": when,
            "claim_text": claim["text"]}

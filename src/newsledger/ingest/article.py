"""Build an :class:`~newsledger.records.Article` the same way whatever the reader."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Optional

from ..records import Article
from ..text import find_boilerplate, topics_from
from .pubdate import infer_from_text, normalise_date

__all__ = ["article_id", "make_article"]


def article_id(text: str) -> str:
    """Stable id from the text alone: the same article re-ingested keeps its id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_article(
    text: str,
    source: str,
    *,
    format: str = "text",
    metadata: Optional[dict] = None,
    published_option: Optional[str] = None,
    today: Optional[dt.date] = None,
) -> Article:
    """Article from text plus whatever metadata the reader found.

    ``published`` comes from ``published_option`` (the ``--published`` flag)
    only where metadata gives none: a feed's own date beats a batch-wide default.
    """
    meta = metadata or {}
    published, published_from = normalise_date(meta.get("published")), "metadata"
    if published is None and published_option:
        published, published_from = normalise_date(published_option), "option"
    if published is None:
        published, published_from = infer_from_text(text, today=today), "text"
    if published is None:
        published_from = None
    boilerplate = find_boilerplate(text)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        url=meta.get("url"),
        title=meta.get("title"),
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        published=published,
        published_from=published_from,
        format=format,
        boilerplate=boilerplate,
        topics=topics_from(boilerplate),
    )

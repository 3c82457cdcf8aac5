"""The engine-agnostic worker side: one pipeline per process, partitions in, record dicts out.

``process_partition(items, settings)`` is all a cluster engine needs to call:

* Dask: ``client.submit(process_partition, items, settings)`` (see :mod:`.distributed`);
* Spark: ``rdd.mapPartitions(lambda it: process_partition(list(it), settings))``;
* Ray: ``ray.remote(process_partition).remote(items, settings)``.

The spaCy pipeline is built on first use in each process and kept in a
module-level cache, so a long-lived worker loads the model once whatever
number of partitions it runs.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

from ..errors import InputError
from ..records import Article
from ..settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .partition import WarcSlice

__all__ = ["pipeline_for", "process_partition", "read_items", "is_error", "fingerprint", "article_fingerprint"]

_PIPELINES: dict[Optional[str], "Language"] = {}


def pipeline_for(model: Optional[str] = None) -> "Language":
    """The full newsledger pipeline for ``model``, built once per process."""
    nlp = _PIPELINES.get(model)
    if nlp is None:
        from ..extract import build_pipeline

        nlp = _PIPELINES[model] = build_pipeline(model)
    return nlp


def fingerprint(article_id: str, source, url, title, author, publisher, published, published_from, version) -> str:
    """What :meth:`Store.unchanged` compares, as one short string (for skip sets sent to workers)."""
    parts = [article_id, source, url, title, author, publisher, published, published_from, version]
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def article_fingerprint(article: Article, version: str) -> str:
    return fingerprint(article.id, article.source, article.url, article.title, article.author, article.publisher,
                       article.published, article.published_from, version)


def is_error(item: dict) -> bool:
    """True for the dicts :func:`process_partition` uses to report a bad input."""
    return "error" in item and "id" not in item


def read_items(items: Iterable[Union[str, "WarcSlice"]], settings: Settings) -> Iterator[Union[Article, InputError]]:
    """Articles and InputErrors from files (as ``read_path`` reads them) and WARC slices."""
    from ..ingest import read_path
    from .partition import WarcSlice, read_warc_slice

    for item in items:
        if isinstance(item, WarcSlice):
            yield from read_warc_slice(item, settings)
        else:
            yield from read_path(str(item), settings)


def process_partition(
    items: Iterable[Union[str, "WarcSlice"]],
    settings: Optional[Settings] = None,
    skip: Optional[Iterable[str]] = None,
) -> list[dict[str, Any]]:
    """Read and extract one partition; returns ``Record.to_dict()`` dicts in input order.

    A bad input becomes ``{"error": "SOURCE: reason", "code": ...}`` in its place
    (see :func:`is_error`).  ``skip`` holds :func:`fingerprint` values of articles
    already stored by this pipeline version; they are counted as
    ``{"skipped": id}`` and not extracted.
    """
    from .. import __version__
    from ..extract import extract_records

    settings = settings or Settings()
    skip = skip if isinstance(skip, (set, frozenset)) else frozenset(skip or ())
    nlp = pipeline_for(settings.model)
    out: list[dict[str, Any]] = []
    articles: list[Article] = []
    slots: list[int] = []

    for item in read_items(items, settings):
        if isinstance(item, InputError):
            out.append({"error": str(item), "code": getattr(item, "code", "input")})
        elif skip and article_fingerprint(item, __version__) in skip:
            out.append({"skipped": item.id})
        else:
            slots.append(len(out))
            out.append({})
            articles.append(item)
    for slot, record in zip(slots, extract_records(iter(articles), nlp, batch_size=settings.batch_size)):
        out[slot] = record.to_dict()
    return out

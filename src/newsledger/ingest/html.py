"""HTML pages: the main text and metadata through trafilatura.

The article text is what trafilatura extracts as plain text (one paragraph a
line; navigation, footers, comments and most adverts left out).  It is a
derived text, so the original page is not what spans refer to: spans index
this extracted text, which is stored as the Article's text.

Metadata (title, author, site name as publisher, publication date, URL) comes
from the page's meta tags and structured data; a sidecar or a container
(JSONL fields, WARC target URI) overrides it key by key.  The publication date
is the page's *original* date from its metadata only (no guessing from the
body text here: ``make_article`` infers a date from the text when none is
given, with its own stricter rules).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Iterator, Optional, Union

from ..errors import EmptyInput, InputError, MalformedHTML
from ..records import Article
from ..settings import Settings
from .article import make_article
from .sidecar import read_sidecar
from .text import check_binary, read_content

__all__ = ["EXTRACT_OPTIONS", "extract_html", "html_article", "read_html_file", "looks_like_html"]

#: trafilatura options, chosen on benchmarks/html_extraction.py (see its docstring for figures).
EXTRACT_OPTIONS: dict = {
    "include_comments": False,  # reader comments are not the article
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": True,  # benchmark F1 0.960 -> 0.964 (mean), 0.967 pooled
    "favor_recall": False,
    "deduplicate": False,
}
#: Fewer non-space characters than this is a stray menu item or caption, not an article.
MIN_TEXT_CHARS = 25
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# trafilatura logs every page it finds too short or unparsable at WARNING/ERROR:
# those become MalformedHTML values here, so its own messages would be noise.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def looks_like_html(head: bytes) -> bool:
    """True when the first non-blank bytes open an HTML document."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml")) and (
        not start.startswith(b"<?xml") or b"<html" in start[:2000]
    )


def extract_html(html: Union[bytes, str], source: str, *, url: Optional[str] = None) -> Union[tuple[str, dict], InputError]:
    """(text, metadata) of a page, or MalformedHTML saying why nothing could be extracted."""
    import trafilatura

    if isinstance(html, bytes):
        binary = check_binary(html, source)
        if binary:
            return binary
    if not (html.strip() if isinstance(html, str) else html.strip()):
        return EmptyInput(source, "empty HTML")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, date_extraction_params=dict(_DATE_PARAMS), **EXTRACT_OPTIONS,
        )
    except Exception as exc:  # lxml and trafilatura raise a zoo of errors on broken markup
        return MalformedHTML(source, f"cannot be parsed as HTML ({type(exc).__name__}: {exc})")
    if doc is None:
        return MalformedHTML(source, "no article text found in the page (not HTML, or nothing but navigation)")
    text = doc.text or ""
    if not text.strip():
        return MalformedHTML(source, "no article text found in the page")
    visible = sum(1 for c in text if not c.isspace())
    if visible < MIN_TEXT_CHARS:
        return MalformedHTML(source, f"no article text found in the page (only {text.strip()!r})")
    meta = {
        "title": doc.title,
        "author": doc.author,
        "publisher": doc.sitename,
        "published": doc.date,
        "url": doc.url,
    }
    return text, {k: v.strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}


def html_article(
    html: Union[bytes, str], source: str, settings: Settings, *, url: Optional[str] = None,
    overrides: Optional[dict] = None, format: str = "html", today: Optional[dt.date] = None,
) -> Union[Article, InputError]:
    """An Article from a page: extracted text, page metadata overridden by ``overrides``."""
    found = extract_html(html, source, url=url)
    if isinstance(found, InputError):
        return found
    text, meta = found
    if url:
        meta["url"] = url
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    return make_article(text, source, format=format, metadata=meta,
                        published_option=settings.published, today=today)


def read_html_file(path: str, settings: Settings, *, today: Optional[dt.date] = None) -> Iterator[Union[Article, InputError]]:
    """One HTML file (plus its sidecar, which wins over the page's own metadata)."""
    data = read_content(path, settings)
    if isinstance(data, InputError):
        yield data
        return
    overrides, problem = read_sidecar(path, settings)
    if problem:
        yield problem
    yield html_article(data, path, settings, overrides=overrides, today=today)

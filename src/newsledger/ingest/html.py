"""HTML pages: the main text and metadata through trafilatura.

The article text is what trafilatura extracts as plain text (one paragraph a
line; navigation, footers, comments and most adverts left out).  It is a
derived text, so the original page is not what spans refer to: spans index
this extracted text, which is stored as the Article's text.

Metadata (title, author, site name as publisher, publication date, URL) comes
from the page's meta tags and structured data: the publisher only from
``og:site_name`` or the JSON-LD article's publisher, authors only from metadata
or a byline that is a list of names (never a sentence), and a title's
" | Site" suffix dropped when Site is the publisher; a sidecar or a container
(JSONL fields, WARC target URI) overrides it key by key.  The publication date
is the page's *original* date from its metadata only (no guessing from the
body text here: ``make_article`` infers a date from the text when none is
given, with its own stricter rules).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Iterator, Optional, Union

from ..errors import EmptyInput, InputError, MalformedHTML
from ..records import Article
from ..settings import Settings
from .article import checked_article, text_problem
from .sidecar import read_sidecar
from .text import check_binary, read_content

__all__ = ["EXTRACT_OPTIONS", "extract_html", "html_article", "read_html_file", "looks_like_html", "clean_author",
           "page_metadata", "strip_site_suffix"]

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

    problem = check_binary(html, source) if isinstance(html, bytes) else text_problem(html, source, "HTML")
    if problem:
        return problem
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
    page = page_metadata(html)
    publisher = page.get("publisher")
    meta = {
        "title": strip_site_suffix(doc.title, publisher),
        "author": next((a for a in (page.get("author"), doc.author) if clean_author(a)), None),
        "publisher": publisher,
        "published": doc.date,
        "url": doc.url,
    }
    meta["author"] = clean_author(meta["author"])
    return text, {k: v.strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}


# -- metadata: who wrote it, who published it, its title without the site's name ---------------------

#: Lower-case words a personal name may hold ("Ursula von der Leyen", "Ahmed bin Salem").
_NAME_PARTICLES = frozenset("de da di del della der den van von ten ter le la du dos das al el bin ibn ben y e".split())
_BY = re.compile(r"^\s*(?:by|written by|words by|von|par)\s*[:\-–]?\s+", re.I)


def _looks_like_a_name(part: str) -> bool:
    words = part.split()
    if not 1 < len(words) <= 5 and not (len(words) == 1 and len(part) > 2 and part[0].isupper()):
        return False
    if len(part) > 60 or any(ch.isdigit() for ch in part) or re.search(r"[!?:;\"“”()/@]", part):
        return False
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES or w[0] in "'’-" for w in words)


def clean_author(value: Optional[str]) -> Optional[str]:
    """Names from an author field or byline ("By A and B"), or None when it is not a list of names.

    A sentence ("Phil Helsel is a reporter for ...") is not an author: every part must look like a
    personal or organisation name (capitalised words, name particles, initials, at most five words).
    """
    if not value or not value.strip():
        return None
    text = _BY.sub("", " ".join(value.split()))
    parts = [p.strip(" ,.") for p in re.split(r"\s*(?:;|,|\||\band\b|&)\s*", text) if p.strip(" ,.")]
    if not parts or not all(_looks_like_a_name(p) for p in parts):
        return None
    return "; ".join(dict.fromkeys(parts))


def _json_ld_objects(tree) -> Iterator[dict]:
    for node in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(node.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k == "@graph")
                yield item


def _ld_names(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v.get("name") if isinstance(v, dict) else v for v in values
            if isinstance(v, str) or (isinstance(v, dict) and isinstance(v.get("name"), str))]


def page_metadata(html: Union[bytes, str]) -> dict:
    """``publisher`` (og:site_name, else the JSON-LD article's publisher) and ``author`` (the author meta
    tag, else JSON-LD authors) as the page declares them; absent keys when it declares none."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return {}
    out: dict = {}
    site = tree.xpath("string(//meta[@property='og:site_name']/@content)").strip()
    articles = [o for o in _json_ld_objects(tree) if "publisher" in o or "author" in o]
    publishers = [n for o in articles for n in _ld_names(o.get("publisher"))]
    if site or publishers:
        out["publisher"] = site or publishers[0].strip()
    authors = [tree.xpath("string(//meta[@name='author']/@content)").strip()]
    authors += ["; ".join(_ld_names(o.get("author"))) for o in articles if o.get("author")]
    found = next((a for a in authors if clean_author(a)), None)
    if found:
        out["author"] = found
    return out


def _plain(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def strip_site_suffix(title: Optional[str], publisher: Optional[str]) -> Optional[str]:
    """The title without a trailing " | Site", " - Site", " – Site" or " — Site" when Site is the publisher."""
    if not title or not publisher:
        return title
    m = re.match(r"^(.+?)\s+[|\-–—:·]\s+([^|\-–—]+)$", title.strip())
    site, name = _plain(m.group(2)).removeprefix("the") if m else "", _plain(publisher).removeprefix("the")
    if site and site == name:
        return m.group(1).strip()
    return title


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
    return checked_article(text, source, format=format, metadata=meta,
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

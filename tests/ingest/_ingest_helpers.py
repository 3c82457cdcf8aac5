"""Helpers for the ingest tests: small articles of our own and a WARC writer."""

from __future__ import annotations

import io
import pathlib
from typing import Optional

from newsledger.errors import InputError
from newsledger.records import Article

ARTICLE = (
    "The governor of the northern province said on Monday that the ferry service would resume next week.\n"
    "'We have repaired the pier and the crews are ready,' she said.\n"
    "Advert\n"
    "Officials said about 300 passengers a day used the route before the storm.\n"
    "Topics: Transport, Weather\n"
)

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Harbour Times">
<meta name="author" content="Nadia Ferrant">
<meta property="article:published_time" content="2023-06-05T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
<p>The harbour authority confirmed on Sunday that the eastern breakwater would be closed to the public for at least a month while engineers assess the damage left by the storm.</p>
<p>'We cannot let people walk on a structure that may give way,' the authority's director, Paul Emery, told reporters. 'Safety has to come first, even in the summer season.'</p>
<p>Fishing boats will continue to use the inner harbour, and the ferry to the islands is expected to run to its normal timetable from Wednesday.</p>
</article>
<footer><p>Copyright 2023 The Harbour Times</p></footer>
</body></html>
"""


def page(title: str = "Breakwater closed after storm damage") -> str:
    return PAGE.format(title=title)


def articles(results) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def errors(results) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def write_warc(path: pathlib.Path, pages: list[tuple[str, bytes]], *, gzip: bool = True,
               extra: Optional[list] = None) -> pathlib.Path:
    """A WARC with one request + 200 text/html response per (url, html) page, then ``extra`` records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    serial = iter(range(1, 10_000))

    def fixed():  # record ids and dates fixed, so the same pages give the same bytes (damage tests hit the same spot)
        return {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{next(serial):012d}>",
                "WARC-Date": "2025-01-02T03:04:05Z"}

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, body in pages:
            writer.write_record(writer.create_warc_record(
                url, "request", warc_headers_dict=fixed(),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                          warc_headers_dict=fixed()))
        for url, status, ctype, body in extra or []:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                          warc_headers_dict=fixed()))
    return path

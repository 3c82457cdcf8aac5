"""Build examples/crawl.warc.gz from the example HTML pages (run it again after editing them).

    .venv/bin/python examples/make_warc.py

The archive holds what a small crawl would: a warcinfo record, then for each
page a request and a 200 ``text/html`` response (target URI = the page's
og:url), plus a ``robots.txt`` response and a 301 redirect, which the reader
skips.  Record ids and dates are fixed so the output is byte-for-byte
reproducible.
"""

from __future__ import annotations

import io
import pathlib
import re
import uuid

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = pathlib.Path(__file__).resolve().parent
PAGES = sorted((HERE / "html").glob("*.html"))
OUT = HERE / "crawl.warc.gz"
CRAWL_DATE = "2024-04-03T06:00:00Z"  # when the "crawl" ran: not the articles' publication dates


def _id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def _headers(kind: str, url: str, **extra: str) -> dict:
    return {"WARC-Date": CRAWL_DATE, "WARC-Record-ID": _id(kind, url), **extra}


def og_url(html: str) -> str:
    m = re.search(r'<meta property="og:url" content="([^"]+)"', html)
    if not m:
        raise SystemExit("page without og:url")
    return m.group(1)


def build(out: pathlib.Path = OUT) -> pathlib.Path:
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(
            out.name, {"software": "newsledger examples/make_warc.py", "format": "WARC File Format 1.1",
                       "description": "Example crawl of fictional news pages"},
        )
        info.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
        info.rec_headers.replace_header("WARC-Record-ID", _id("warcinfo", out.name))
        writer.write_record(info)

        robots = "https://www.kestria-herald.example/robots.txt"
        writer.write_record(writer.create_warc_record(
            robots, "response", payload=io.BytesIO(b"User-agent: *\nDisallow: /admin/\n"),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1"),
            warc_headers_dict=_headers("response", robots)))

        moved = "http://www.kestria-herald.example/world/"
        writer.write_record(writer.create_warc_record(
            moved, "response", payload=io.BytesIO(b"<html><body>Moved</body></html>"),
            http_headers=StatusAndHeaders("301 Moved Permanently", [
                ("Content-Type", "text/html"), ("Location", "https://www.kestria-herald.example/world/")],
                protocol="HTTP/1.1"),
            warc_headers_dict=_headers("response", moved)))

        for page in PAGES:
            body = page.read_bytes()
            url = og_url(body.decode("utf-8"))
            host = url.split("/")[2]
            path = "/" + url.split("/", 3)[3]
            request = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", host), ("User-Agent", "newsledger-example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(
                url, "request", http_headers=request, warc_headers_dict=_headers("request", url)))
            response = StatusAndHeaders("200 OK", [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=response,
                warc_headers_dict=_headers("response", url)))
    return out


if __name__ == "__main__":
    print(build())

"""JSON Lines feeds (``.jsonl``, ``.ndjson``, ``.jsonl.gz``): one article per line.

Each line is an object with ``text`` (plain text, kept exactly) or ``html``
(a page, extracted like an HTML file), and optionally ``url``, ``title``,
``published``, ``publisher``, ``author`` and ``id``.  The Article's source is
``FILE:LINENO`` (1-based); the line's ``url`` goes into the url field.  The
Article id stays the hash of the text (so re-ingesting is idempotent); a
feed's own ``id`` is not stored.

A bad line (not JSON, not an object, no text, fields of the wrong type,
a record over ``max_bytes``) yields MalformedJSONL naming the file and the
line, and reading goes on with the next line.  Blank lines are skipped.  A
feed is streamed, so ``max_bytes`` applies to each line, not the file; a line
that runs on for more than ``MAX_SKIP_LINES`` times ``max_bytes`` (a gzip bomb:
a small file that decompresses to gigabytes without a line break) ends the
file in the same one error.  A gzip stream that breaks off yields
MalformedJSONL after the lines before it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import zlib
from typing import IO, Iterator, Optional, Union

from ..errors import EmptyInput, InputError, MalformedJSONL, NotFound
from ..records import Article
from ..settings import Settings
from .html import html_article
from .pubdate import normalise_date
from .text import text_article

__all__ = ["read_jsonl_file", "jsonl_record"]

_META = ("url", "title", "published", "publisher", "author")


def _open(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def jsonl_record(line: bytes, source: str, settings: Settings, *,
                 today: Optional[dt.date] = None) -> Union[Article, InputError]:
    """The Article of one JSONL line (``source`` is ``FILE:LINENO``), or MalformedJSONL."""
    try:
        data = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return MalformedJSONL(source, f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})")
    except json.JSONDecodeError as exc:
        return MalformedJSONL(source, f"not valid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
    if not isinstance(data, dict):
        return MalformedJSONL(source, f"a line must be a JSON object, not {type(data).__name__}")
    wrong = [k for k in ("text", "html", "id", *_META) if data.get(k) is not None and not isinstance(data[k], str)]
    if wrong:
        return MalformedJSONL(source, "field(s) " + ", ".join(f"{k!r} ({type(data[k]).__name__})" for k in wrong) + " must be strings")
    meta = {k: data[k].strip() for k in _META if isinstance(data.get(k), str) and data[k].strip()}
    if "published" in meta and normalise_date(meta["published"]) is None:
        return MalformedJSONL(source, f"'published' {meta['published']!r} is not a date")
    text, html = data.get("text"), data.get("html")
    if text is not None and text.strip():
        return text_article(text, source, settings, metadata=meta, format="jsonl", today=today)
    if html is not None and html.strip():
        return html_article(html, source, settings, url=meta.get("url"), overrides=meta, format="jsonl", today=today)
    if text is not None or html is not None:
        return EmptyInput(source, "'text' is empty")
    return MalformedJSONL(source, "no 'text' or 'html' field")


#: An over-long line is skipped up to this many times max_bytes; past that the rest of the file is given up.
MAX_SKIP_LINES = 20


def _skip_line(fh: IO[bytes], line: bytes, max_bytes: int) -> bool:
    """Read past the rest of an over-long line; False when it runs on past MAX_SKIP_LINES * max_bytes."""
    skipped = len(line)
    while line and not line.endswith(b"\n"):
        if skipped > MAX_SKIP_LINES * max_bytes:
            return False
        line = fh.readline(max_bytes + 1)
        skipped += len(line)
    return True


def read_jsonl_file(path: str, settings: Settings, *, today: Optional[dt.date] = None) -> Iterator[Union[Article, InputError]]:
    """Every article of a JSONL feed, errors yielded in line order."""
    if not os.path.exists(path):
        yield NotFound(path, "no such file or directory")
        return
    lineno = 0
    seen_any = False
    try:
        with _open(path) as fh:
            while True:
                line = fh.readline(settings.max_bytes + 1)
                if not line:
                    break
                lineno += 1
                if len(line) > settings.max_bytes and not line.endswith(b"\n"):
                    whole = _skip_line(fh, line, settings.max_bytes)
                    reason = f"line longer than {settings.max_bytes:,} bytes (max_bytes)"
                    if not whole:  # a gzip bomb, or not a feed at all: reading on would only burn time
                        reason += (f"; over {MAX_SKIP_LINES * settings.max_bytes:,} bytes without a line break, "
                                   "the rest of the file is not read")
                    yield MalformedJSONL(f"{path}:{lineno}", reason)
                    if not whole:
                        return
                    continue
                if not line.strip():
                    continue
                seen_any = True
                yield jsonl_record(line, f"{path}:{lineno}", settings, today=today)
    except (OSError, EOFError, zlib.error) as exc:
        yield MalformedJSONL(path, f"cannot be read after line {lineno} ({type(exc).__name__}: {exc})")
        return
    if not seen_any:
        yield EmptyInput(path, "no records (empty feed)")

"""Web archives (``.warc``, ``.warc.gz``, ``.arc.gz``) through warcio.

Every ``response`` record with HTTP status 200 and an HTML content type
(``text/html``, ``application/xhtml+xml``) becomes an Article through the HTML
path, with ``url`` = the record's WARC-Target-URI and source ``FILE@OFFSET``
(the record's byte offset in the file, compressed offset for ``.gz``: what
``warcio extract FILE OFFSET`` takes).  Other records (requests, metadata,
revisits, images, redirects) are skipped silently.

WARC-Date is when the page was *crawled*, not published, so it is never used
as the publication date: the date comes from the page's metadata, the text,
or ``--published``.

A WARC is streamed, so ``max_bytes`` limits each record's payload, not the
file.  A damaged record yields one MalformedWARC naming the file and the offset
where reading failed (a short reason, never the bytes themselves), and reading
resumes at the next intact record after the damage (the next gzip member that
opens a WARC record, or the next ``WARC/1.x`` header line): one bad record in
the middle of a crawl costs that record, not the rest.  A truncated archive
ends with such an error after every good record before it.  warcio itself
reads a truncated record without complaint, so each record read is checked
for missing bytes, and the bytes after the last record must be blank.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import zlib
from typing import Iterator, Optional, Union

from ..errors import EmptyInput, InputError, InputTooLarge, MalformedWARC, NotFound
from ..records import Article
from ..settings import Settings
from .html import html_article

__all__ = ["read_warc_file", "read_warc_range", "archive_iterator", "HTML_TYPES"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio logs what it repairs in damaged headers at WARNING: each damaged record is reported once, as a MalformedWARC
logging.getLogger("warcio").setLevel(logging.ERROR)
_CHUNK = 1 << 16


def archive_iterator(fh):
    """warcio's record iterator over an open file, without the warnings it writes to stderr itself (a damaged
    record is reported once, as a MalformedWARC)."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietIterator(ArchiveIterator):
        INC_RECORD = ""  # warcio writes this to sys.stderr when a record's length is wrong

    return QuietIterator(fh, arc2warc=True)


def _html_payload(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return ctype in HTML_TYPES


def _charset(record) -> Optional[str]:
    ctype = record.http_headers.get_header("Content-Type") or ""
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None


def _decode(payload: bytes, charset: Optional[str]) -> Union[bytes, str]:
    """The page as str when the declared charset decodes it, else bytes for trafilatura to sniff."""
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return payload


def _head(path: str) -> bytes:
    """The first bytes of the archive, decompressed when it is gzipped."""
    with open(path, "rb") as fh:
        raw = fh.read(4096)
    if raw.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw)
        except zlib.error:
            return b""
    return raw


def _drain(stream) -> None:
    while stream.read(_CHUNK):
        pass


def read_warc_range(path: str, settings: Settings, *, start: int = 0, stop: Optional[int] = None,
                    today: Optional[dt.date] = None) -> Iterator[Union[Article, InputError, int]]:
    """The HTML responses of the records that begin at offsets in [start, stop).

    Yields Articles and errors as they come; last, the offset just after the last
    complete record (an ``int``), or -1 when the archive broke off (already reported).
    After a damaged record, reading goes on at the next intact record (one error for the damage).
    Shared by whole-file reading and the slices a cluster reads in parallel.
    """
    while True:
        outcome = yield from _read_records(path, settings, start, stop, today)
        if isinstance(outcome, int):
            yield outcome
            return
        broken, reason = outcome
        resume = _next_record(path, broken + 1)
        if resume is None or (stop is not None and resume >= stop):
            yield MalformedWARC(f"{path}@{broken}", f"corrupt or truncated archive at offset {broken}: {reason}")
            yield -1
            return
        yield MalformedWARC(f"{path}@{broken}", f"corrupt record at offset {broken}: {reason}; "
                                                f"skipped {resume - broken:,} bytes to the next record at offset {resume}")
        start = resume


def _read_records(path: str, settings: Settings, start: int, stop: Optional[int], today: Optional[dt.date]):
    """Articles and errors of the records from ``start``; returns the end offset, or (offset, reason) of damage."""
    end = start  # byte offset just after the last complete record
    with open(path, "rb") as fh:
        fh.seek(start)
        iterator = archive_iterator(fh)
        try:
            for record in iterator:
                if iterator.err_count:  # warcio found the previous record longer/shorter than its Content-Length
                    return end, "a record's length does not match its Content-Length"
                wanted = _html_payload(record)
                payload = record.content_stream().read(settings.max_bytes + 1) if wanted else b""
                if len(payload) <= settings.max_bytes:
                    _drain(record.raw_stream)
                missing = getattr(record.raw_stream, "limit", 0)
                offset = iterator.get_record_offset()  # (warcio knows it only once the record is read)
                if stop is not None and offset >= stop:
                    break
                if missing > 0 and len(payload) <= settings.max_bytes:
                    return offset, f"the record lacks {missing:,} bytes"
                end = offset + iterator.get_record_length()
                if not wanted:
                    continue
                source = f"{path}@{offset}"
                if len(payload) > settings.max_bytes:
                    yield InputTooLarge(source, f"record payload over the limit of {settings.max_bytes:,} bytes (max_bytes)")
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield html_article(_decode(payload, _charset(record)), source, settings,
                                   url=url, format="warc", today=today)
        except Exception as exc:  # noqa: BLE001 -- warcio raises ArchiveLoadFailed, EOFError, zlib.error, AttributeError...
            return end, _short(exc)
    return end


def _short(exc: Exception) -> str:
    """A one-line reason for a reader's exception: its first line, without the bytes warcio quotes."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = text.split(", first line:")[0].split(": b'")[0].split(': b"')[0]
    return text if len(text) <= MAX_REASON else text[:MAX_REASON - 1] + "…"


def _next_record(path: str, frm: int) -> Optional[int]:
    """Offset of the first intact record header at or after ``frm`` (a gzip member that opens a WARC or ARC
    record, or a ``WARC/1.x`` line), or None."""
    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
        pos = frm
        while True:
            fh.seek(pos)
            window = fh.read(_CHUNK + 16)
            if len(window) < 8:
                return None
            for m in (_GZIP_START if gz else _WARC_START).finditer(window):
                at = pos + m.start() + (0 if gz else len(m.group(1)))
                if at >= frm and (not gz or _opens_record(fh, at)):
                    return at
            pos += _CHUNK


def _opens_record(fh, at: int) -> bool:
    fh.seek(at)
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(4096), 64)
    except zlib.error:
        return False
    return head.startswith((b"WARC/", b"filedesc://"))


#: Longest reason given for a damaged archive.
MAX_REASON = 120
_GZIP_START = re.compile(rb"\x1f\x8b\x08")
_WARC_START = re.compile(rb"(^|\n)WARC/1\.[01]\r?\n")


def read_warc_file(path: str, settings: Settings, *, today: Optional[dt.date] = None) -> Iterator[Union[Article, InputError]]:
    """Every HTML response of an archive as an Article, then MalformedWARC if it breaks off."""
    try:
        size = os.path.getsize(path)
    except OSError:
        yield NotFound(path, "no such file or directory")
        return
    if size == 0:
        yield EmptyInput(path, "empty file")
        return
    head = _head(path).lstrip(b"\r\n")
    if not head.startswith((b"WARC/", b"filedesc://")):
        what = "gzip data that does not decompress" if not head else repr(head[:20].decode("latin-1"))
        yield MalformedWARC(path, f"not a WARC or ARC archive at offset 0 (starts with {what})")
        return
    end = 0
    for item in read_warc_range(path, settings, today=today):
        if isinstance(item, int):
            end = item
        else:
            yield item
    if end < 0:
        return  # the archive broke off: already reported
    with open(path, "rb") as fh:
        fh.seek(end)
        rest = fh.read(_CHUNK)
    if rest.strip():
        yield MalformedWARC(f"{path}@{end}", f"corrupt or truncated archive at offset {end}: "
                                             f"{size - end:,} bytes after the last complete record are not a record")

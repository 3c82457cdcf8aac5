"""Plain-text articles: read bytes safely, decode them, never change the text.

The stored text is exactly the decoded file content: line endings, spacing and
typography are kept (a leading UTF-8 byte-order mark is not text and is
dropped by decoding).  Decoding order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. otherwise the bytes must be valid UTF-8;
3. otherwise charset-normalizer guesses, and the guess is accepted only when it
   is confident: little "chaos", and the decoded text is mostly letters.  The
   detector cannot tell the Latin single-byte code pages apart on short texts
   (it calls English cp1252 text cp1257 or cp1250), so when its best guess is
   one of them and the bytes are valid cp1252 giving plausible text, cp1252 --
   by far the most common legacy encoding of English news -- is used.

Anything else is refused with a reason rather than read as mojibake.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import unicodedata
from typing import IO, Iterator, Optional, Union

from ..errors import (
    BinaryInput, EmptyInput, InputError, InputTooLarge, NotFound, UndecodableInput,
)
from ..records import Article
from ..settings import Settings
from .article import checked_article
from .sidecar import read_sidecar

__all__ = ["read_bytes", "decode_text", "check_binary", "read_text_file", "read_text_stream", "text_article"]

#: Bytes that never occur in text (C0 controls except tab, newlines, form feed, escape).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_MAGIC = {
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx/.epub)",
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an OLE document (.doc/.xls)",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LATIN_FAMILY = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_latin2", "mac_roman", "mac_iceland", "cp775", "cp850", "cp852", "cp858",
})
#: Largest "chaos" (charset-normalizer's mess ratio) accepted for a detected encoding.
MAX_CHAOS = 0.1
#: Smallest share of letters among the non-space characters of a detected decoding.
MIN_LETTERS = 0.6
#: Fewest non-space characters a detection is trusted on.
MIN_DETECT_CHARS = 12


def read_bytes(path: str, settings: Settings) -> Union[bytes, InputError]:
    """The bytes of ``path``, or NotFound / InputTooLarge (size checked before reading)."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return NotFound(path, "no such file or directory")
    except OSError as exc:
        return NotFound(path, f"cannot be read ({exc.strerror or exc})")
    if size > settings.max_bytes:
        return InputTooLarge(path, f"{size:,} bytes is over the limit of {settings.max_bytes:,} (max_bytes)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except OSError as exc:
        return NotFound(path, f"cannot be read ({exc.strerror or exc})")
    if len(data) > settings.max_bytes:  # grew while we looked, or a special file
        return InputTooLarge(path, f"more than {settings.max_bytes:,} bytes (max_bytes)")
    return data


def check_binary(data: bytes, source: str) -> Optional[BinaryInput]:
    """A BinaryInput if ``data`` is evidently not text (magic number, NUL bytes, control characters)."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return BinaryInput(source, f"binary file: looks like {what}")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    head = data[:65536]
    if b"\x00" in head:
        return BinaryInput(source, f"binary file: NUL byte at offset {head.index(0)}")
    controls = sum(1 for b in head if b in _CONTROL)
    if head and controls / len(head) > 0.05:
        return BinaryInput(source, f"binary file: {controls / len(head):.0%} control characters")
    return None


def _letter_share(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    return sum(1 for c in visible if c.isalpha()) / len(visible)


def _has_controls(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\x0b\x0c\x1b" for c in text)


def decode_text(data: bytes, source: str) -> Union[str, InputError]:
    """Decode ``data`` (see the module docstring), or an InputError saying why not."""
    binary = check_binary(data, source)
    if binary:
        return binary
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                return UndecodableInput(source, f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason} at byte {exc.start}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return _detect(data, source, utf8_error)


def _detect(data: bytes, source: str, utf8_error: str) -> Union[str, InputError]:
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return UndecodableInput(source, f"{utf8_error}, and no encoding fits it")
    candidates = [best.encoding]
    if best.encoding in _LATIN_FAMILY:
        candidates.insert(0, "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        visible = sum(1 for c in text if not c.isspace())
        if visible < MIN_DETECT_CHARS:
            return UndecodableInput(source, f"{utf8_error}, and too short ({visible} characters) to detect its encoding")
        if best.chaos <= MAX_CHAOS and _letter_share(text) >= MIN_LETTERS and not _has_controls(text):
            return text
    return UndecodableInput(
        source,
        f"{utf8_error}, and no confident guess (best: {best.encoding}, "
        f"chaos {best.chaos:.2f}, letters {_letter_share(str(best)):.0%}); re-encode it as UTF-8",
    )


def text_article(
    text: str, source: str, settings: Settings, *, metadata: Optional[dict] = None,
    format: str = "text", today: Optional[dt.date] = None,
) -> Union[Article, InputError]:
    """An Article from decoded text, or EmptyInput when there is nothing but whitespace."""
    if not text.strip():
        return EmptyInput(source, "empty or whitespace-only")
    return checked_article(text, source, format=format, metadata=metadata,
                           published_option=settings.published, today=today)


def read_content(path: str, settings: Settings) -> Union[bytes, InputError]:
    """The bytes of a file that should hold an article: NotFound, InputTooLarge or EmptyInput otherwise."""
    data = read_bytes(path, settings)
    if isinstance(data, InputError):
        return data
    if not data.strip():
        return EmptyInput(path, "empty file" if not data else "whitespace-only file")
    return data


def read_text_file(path: str, settings: Settings, *, today: Optional[dt.date] = None) -> Iterator[Union[Article, InputError]]:
    """One plain-text article file (plus its sidecar, if any): yields errors, then the Article."""
    data = read_content(path, settings)
    if isinstance(data, InputError):
        yield data
        return
    text = decode_text(data, path)
    if isinstance(text, InputError):
        yield text
        return
    metadata, problem = read_sidecar(path, settings)
    if problem:
        yield problem
    yield text_article(text, path, settings, metadata=metadata, today=today)


def read_text_stream(stream: IO, settings: Settings, source: str = "<stdin>", *,
                     today: Optional[dt.date] = None) -> Iterator[Union[Article, InputError]]:
    """Text from a stream (stdin): bytes when it has a binary buffer, else str as given."""
    raw = getattr(stream, "buffer", stream)
    data = raw.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        yield InputTooLarge(source, f"more than {settings.max_bytes:,} bytes (max_bytes)")
        return
    if isinstance(data, bytes):
        text = decode_text(data, source) if data.strip() else ""
        if isinstance(text, InputError):
            yield text
            return
    else:
        text = data[1:] if data.startswith("\ufeff") else data
    yield text_article(text, source, settings, today=today)

"""Sidecar metadata: ``NAME.meta.json`` beside ``NAME.txt`` or ``NAME.html``.

A sidecar is a JSON object with any of the keys ``published``, ``url``,
``title``, ``publisher``, ``author`` (strings or null); other keys are
ignored, so a feed's richer export can be dropped in unchanged.
``NAME.txt.meta.json`` is accepted too.

A malformed sidecar (bad JSON, not an object, a key of the wrong type, a
``published`` that is not a date) does not cost the article: the reader
yields a MalformedMetadata error naming the sidecar, *then* the article
without the sidecar's metadata (a ``published`` that is not a date is dropped
alone; the other keys stand).  The error comes first so that ``--strict``
stops before the article is used with metadata missing.
"""

from __future__ import annotations

import json
import os
from typing import Optional

from ..errors import MalformedMetadata
from ..settings import Settings
from .pubdate import normalise_date

__all__ = ["META_KEYS", "SIDECAR_SUFFIX", "sidecar_path", "is_sidecar", "read_sidecar", "parse_sidecar"]

META_KEYS = ("published", "url", "title", "publisher", "author")
SIDECAR_SUFFIX = ".meta.json"
#: A sidecar larger than this is not metadata.
MAX_SIDECAR_BYTES = 1_000_000


def is_sidecar(path: str) -> bool:
    return os.path.basename(path).lower().endswith(SIDECAR_SUFFIX)


def sidecar_path(path: str) -> Optional[str]:
    """The sidecar of ``path`` if one exists: ``NAME.meta.json``, else ``NAME.EXT.meta.json``."""
    stem, _ = os.path.splitext(path)
    for candidate in (stem + SIDECAR_SUFFIX, path + SIDECAR_SUFFIX):
        if os.path.isfile(candidate):
            return candidate
    return None


def parse_sidecar(raw: bytes, source: str, article: Optional[str] = None) -> tuple[dict, Optional[MalformedMetadata]]:
    """(metadata, problem) from the bytes of a sidecar; errors name it (``source``) and its ``article``."""
    meta, problem = _parse(raw, source)
    if problem and article:
        problem = MalformedMetadata(source, f"{problem.reason} (sidecar of {article})")
    return meta, problem


def _parse(raw: bytes, source: str) -> tuple[dict, Optional[MalformedMetadata]]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return {}, MalformedMetadata(source, f"sidecar is not UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return {}, MalformedMetadata(source, f"sidecar is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    if not isinstance(data, dict):
        return {}, MalformedMetadata(source, f"sidecar must be a JSON object, not {type(data).__name__}")
    wrong = [k for k in META_KEYS if data.get(k) is not None and not isinstance(data[k], str)]
    if wrong:
        return {}, MalformedMetadata(
            source, "sidecar key(s) " + ", ".join(f"{k!r} ({type(data[k]).__name__})" for k in wrong) + " must be strings")
    meta = {k: data[k].strip() for k in META_KEYS if isinstance(data.get(k), str) and data[k].strip()}
    if "published" in meta and normalise_date(meta["published"]) is None:
        bad = meta.pop("published")
        return meta, MalformedMetadata(source, f"sidecar 'published' {bad!r} is not a date")
    return meta, None


def read_sidecar(path: str, settings: Settings) -> tuple[dict, Optional[MalformedMetadata]]:
    """(metadata, problem) for the article at ``path``; ({}, None) when it has no sidecar."""
    found = sidecar_path(path)
    if found is None:
        return {}, None
    try:
        size = os.stat(found).st_size
        if size > min(MAX_SIDECAR_BYTES, settings.max_bytes):
            return {}, MalformedMetadata(found, f"sidecar of {size:,} bytes is too large to be metadata (for {path})")
        with open(found, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return {}, MalformedMetadata(found, f"sidecar of {path} cannot be read ({exc.strerror or exc})")
    return parse_sidecar(raw, found, path)

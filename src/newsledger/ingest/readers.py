"""Which reader reads what: paths and directories in, Articles and InputErrors out.

Dispatch is by extension (case-insensitive):

============================  ======
``.txt .text .md``            text
``.html .htm .xhtml``         html
``.jsonl .ndjson .jsonl.gz``  jsonl
``.warc .warc.gz .arc.gz``    warc
============================  ======

A file named explicitly with any other extension (or none) is sniffed: HTML
if its first bytes open an HTML document (``<!doctype html``, ``<html``),
text otherwise (binary content is then refused by the text reader).

Directories are walked recursively in sorted order, skipping hidden files and
directories and ``*.meta.json`` sidecars.  In a directory only files with a
known extension, or with no extension at all, are read: a corpus folder that
also holds scripts, images or READMEs in other formats (``.py``, ``.png``,
``.json``) should not turn each of them into an error or a bogus article.
For the same reason a directory's ``README``, ``LICENSE``/``LICENCE``,
``CHANGELOG`` and ``NOTICE`` files (any extension) are not read as articles;
named explicitly, they are.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Callable, Iterable, Iterator, Optional, Union

from ..errors import InputError, NotFound, UnsupportedFormat
from ..records import Article
from ..settings import Settings
from .html import looks_like_html, read_html_file
from .jsonl import read_jsonl_file
from .sidecar import is_sidecar
from .text import read_text_file
from .warc import read_warc_file

__all__ = ["FORMATS", "format_of", "sniff_format", "iter_files", "read_path", "READERS"]

Result = Union[Article, InputError]
Reader = Callable[..., Iterator[Result]]

#: Extension (lower case, longest first when matched) -> format.
FORMATS: dict[str, str] = {
    ".jsonl.gz": "jsonl", ".warc.gz": "warc", ".arc.gz": "warc",
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}
READERS: dict[str, Reader] = {
    "text": read_text_file,
    "html": read_html_file,
    "jsonl": read_jsonl_file,
    "warc": read_warc_file,
}


def format_of(path: str) -> Optional[str]:
    """The format an extension says, or None when it says nothing we read."""
    name = os.path.basename(path).lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def sniff_format(path: str) -> str:
    """html or text, from the first bytes of a file whose extension says nothing."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return "text"  # the text reader reports the problem
    return "html" if looks_like_html(head) else "text"


_DOC_NAMES = ("readme", "license", "licence", "changelog", "notice")


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _project_doc(name: str) -> bool:
    return name.lower().split(".")[0] in _DOC_NAMES


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if _hidden(name) or is_sidecar(name) or _project_doc(name):
                continue
            if format_of(name) is None and "." in name:
                continue
            yield os.path.join(root, name)


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Every input file the paths name: files as given, directories walked (see module docstring).

    ``-`` (stdin) and paths that do not exist are passed through for the
    reader to handle (as stdin, or as a NotFound error).
    """
    for path in paths:
        path = os.fspath(path)
        if path != "-" and os.path.isdir(path):
            yield from _walk(path)
        else:
            yield path


def read_path(path: str, settings: Settings, *, today: Optional[dt.date] = None) -> Iterator[Result]:
    """Articles and errors from one file path (not a directory, not ``-``)."""
    if not os.path.exists(path):
        yield NotFound(path, "no such file or directory")
        return
    if not os.path.isfile(path):
        yield UnsupportedFormat(path, "not a regular file")
        return
    if is_sidecar(path):
        yield UnsupportedFormat(path, "a .meta.json sidecar is metadata, not an article: name the article file beside it")
        return
    fmt = format_of(path) or sniff_format(path)
    yield from READERS[fmt](path, settings, today=today or settings.today_date)

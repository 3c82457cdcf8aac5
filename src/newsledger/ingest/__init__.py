"""Ingestion: files, directories, feeds, archives and stdin in; Articles out.

``read_inputs`` is the one entry point.  Every problem with an input comes
out as an :class:`~newsledger.errors.InputError` *value* in the same stream as
the Articles (never raised), so one bad file is reported and the batch goes
on; the caller decides whether to stop (``--strict``).  Readers build every
Article through :func:`~newsledger.ingest.article.make_article`, so ids,
boilerplate, topics and publication dates are the same whatever the format.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import IO, Iterable, Iterator, Optional, Union

from ..errors import InputError
from ..records import Article
from ..settings import Settings
from .article import article_id, make_article
from .readers import FORMATS, format_of, iter_files, read_path
from .text import read_text_stream

__all__ = ["read_inputs", "iter_files", "read_path", "format_of", "FORMATS", "make_article", "article_id"]


def read_inputs(
    paths: Iterable[str],
    settings: Settings,
    *,
    stdin: Optional[IO] = None,
    today: Optional[dt.date] = None,
) -> Iterator[Union[Article, InputError]]:
    """Articles and InputErrors from files, directories (walked recursively) and ``-`` (stdin, as text).

    ``stdin`` replaces ``sys.stdin`` (a text or binary stream); ``today``
    anchors weekday-only dates in the text (default: the real date).  Inputs
    are read lazily, in the order given.  An exception that escapes a reader
    (a bug, not a bad input) is not swallowed.
    """
    today = today or settings.today_date
    for path in iter_files(paths):
        if path == "-":
            yield from read_text_stream(stdin if stdin is not None else sys.stdin, settings, today=today)
        else:
            yield from read_path(path, settings, today=today)

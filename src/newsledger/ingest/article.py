"""Build an :class:`~newsledger.records.Article` the same way whatever the reader.

Every reader (text, HTML, JSONL, WARC, stdin, and through them the web API) ends here, so this is the
one place where text is checked for what no store can hold: :func:`text_problem` refuses a lone
surrogate (invalid Unicode, which JSON's ``"\\ud800"`` or a ``surrogateescape`` stream can carry) and
NUL or control characters (binary content), in the text and in every metadata field.  Nothing is
normalised: the stored text is exactly the text received, or the input is refused with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Optional, Union

from ..errors import BinaryInput, InputError, UndecodableInput
from ..records import Article
from ..text import find_boilerplate, topics_from
from .pubdate import infer_from_text, normalise_date

__all__ = ["article_id", "make_article", "checked_article", "text_problem"]

_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 control characters that never occur in text (tab, newlines, form feed and escape do).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
#: Share of control characters above which a text is binary content (as for raw bytes).
MAX_CONTROL_SHARE = 0.05


def text_problem(text: str, source: str, what: str = "text") -> Optional[InputError]:
    """Why ``text`` cannot be stored (a lone surrogate, a NUL, mostly control characters), or None."""
    m = _SURROGATE.search(text)
    if m:
        return UndecodableInput(source, f"{what} is not valid Unicode: a lone surrogate U+{ord(m.group()):04X} "
                                        f"at character {m.start():,}")
    nul = text.find("\x00")
    if nul >= 0:
        return BinaryInput(source, f"{what} is binary: NUL character at character {nul:,}")
    controls = len(_CONTROL.findall(text))
    if controls and controls / len(text) > MAX_CONTROL_SHARE:
        return BinaryInput(source, f"{what} is binary: {controls / len(text):.0%} control characters")
    return None


def article_id(text: str) -> str:
    """Stable id from the text alone: the same article re-ingested keeps its id.

    Raises :class:`~newsledger.errors.UndecodableInput` for text that is not valid Unicode.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UndecodableInput("text", f"not valid Unicode: a lone surrogate at character {exc.start:,}") from None
    return hashlib.sha256(data).hexdigest()[:16]


def make_article(
    text: str,
    source: str,
    *,
    format: str = "text",
    metadata: Optional[dict] = None,
    published_option: Optional[str] = None,
    today: Optional[dt.date] = None,
) -> Article:
    """Article from text plus whatever metadata the reader found; raises InputError for text no store can hold.

    ``published`` comes from ``published_option`` (the ``--published`` flag)
    only where metadata gives none: a feed's own date beats a batch-wide default.
    """
    meta = metadata or {}
    problem = text_problem(text, source) or next(
        (p for k, v in sorted(meta.items()) if isinstance(v, str) for p in [text_problem(v, source, repr(k))] if p),
        None)
    if problem:
        raise problem
    published, published_from = normalise_date(meta.get("published")), "metadata"
    if published is None and published_option:
        published, published_from = normalise_date(published_option), "option"
    if published is None:
        published, published_from = infer_from_text(text, today=today), "text"
    if published is None:
        published_from = None
    boilerplate = find_boilerplate(text)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        url=meta.get("url"),
        title=meta.get("title"),
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        published=published,
        published_from=published_from,
        format=format,
        boilerplate=boilerplate,
        topics=topics_from(boilerplate),
    )


def checked_article(text: str, source: str, **kwargs) -> Union[Article, InputError]:
    """:func:`make_article`, with an input the store cannot hold returned as its InputError (as readers yield them)."""
    try:
        return make_article(text, source, **kwargs)
    except InputError as exc:
        return exc

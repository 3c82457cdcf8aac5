"""The Doc extension attributes newsledger components read and write.

Components exchange typed records through these attributes and mirror them as
``doc.spans[...]`` groups so that displaCy and users' own code can see them.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["ensure_extensions", "EXTENSIONS", "SPAN_KEYS"]

#: Attribute name -> what it holds.  All default to None ("not computed").
EXTENSIONS = {
    "nl_published": "publication date of the article, ISO YYYY-MM-DD, or None",
    "nl_boilerplate": "list[records.Boilerplate] over the text",
    "nl_quotes": "list[records.Quote]",
    "nl_times": "list[records.TimeExpr]",
    "nl_claims": "list[records.Claim]",
    "nl_entities": "list[records.Entity]",
    "nl_events": "list[records.Event]",
}

#: doc.spans keys written by the components.
SPAN_KEYS = ("boilerplate", "quotes", "speakers", "cues", "times", "claims", "entities", "events")


def ensure_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


ensure_extensions()

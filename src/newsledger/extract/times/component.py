"""The spaCy component ``newsledger_times_v1``: ``doc._.nl_times`` and ``doc.spans["times"]``."""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import ensure_extensions
from ..spans import char_spans
from .resolve import resolve_times

__all__ = ["TimeExtractor", "make_times"]


class TimeExtractor:
    """Resolves every time expression of a parsed Doc against its ``doc._.nl_published`` date."""

    def __init__(self, name: str = "newsledger_times", known_events: Optional[dict[str, str]] = None):
        self.name = name
        self.known_events = dict(known_events or {})

    def __call__(self, doc: Doc) -> Doc:
        times = resolve_times(doc, doc._.nl_published, self.known_events)
        doc._.nl_times = times
        doc.spans["times"] = char_spans(doc, times, label=lambda t: t.type)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_times_v1",
    assigns=["doc._.nl_times", "doc.spans"],
    requires=["doc.sents"],
    retokenizes=False,
    default_config={"known_events": {}},
)
def make_times(nlp: Language, name: str, known_events: dict) -> TimeExtractor:
    return TimeExtractor(name, known_events)

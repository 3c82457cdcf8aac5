"""The Doc extension attributes newsledger components read and write.

Components exchange typed records through these attributes and mirror them as
``doc.spans[...]`` groups so that displaCy and users' own code can see them.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

__all__ = ["ensure_extensions", "boilerplate_of", "per_vocab", "sentences", "sentence_at", "EXTENSIONS", "SPAN_KEYS"]

#: Attribute name -> what it holds.  All default to None ("not computed").
EXTENSIONS = {
    "nl_published": "publication date of the article, ISO YYYY-MM-DD, or None",
    "nl_boilerplate": "list[records.Boilerplate] over the text",
    "nl_people": "extract.people.People: mentions of people and bodies clustered into document entities",
    "nl_quotes": "list[records.Quote]",
    "nl_times": "list[records.TimeExpr]",
    "nl_claims": "list[records.Claim]",
    "nl_entities": "list[records.Entity]",
    "nl_events": "list[records.Event]",
}

#: doc.spans keys written by the components.
SPAN_KEYS = ("boilerplate", "mentions", "quotes", "speakers", "cues", "times", "claims", "entities", "events")


def boilerplate_of(doc: Doc) -> list:
    """The doc's boilerplate spans, computed from its text when no reader supplied them."""
    if doc._.nl_boilerplate is None:
        from ..text import find_boilerplate

        doc._.nl_boilerplate = find_boilerplate(doc.text)
    return doc._.nl_boilerplate


_SENTENCES = "newsledger.sentences"


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, computed once: spaCy rebuilds ``doc.sents`` (and ``token.sent``) on every access."""
    cached = doc.user_data.get(_SENTENCES)
    if cached is None or cached[0] != len(doc):
        sents = list(doc.sents)
        cached = (len(doc), sents, [s.start for s in sents])
        doc.user_data[_SENTENCES] = cached
    return cached[1]


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i`` (as ``doc[i].sent``, from the cached list)."""
    sentences(doc)
    _, sents, starts = doc.user_data[_SENTENCES]
    return sents[bisect.bisect_right(starts, i) - 1]


_PER_VOCAB: dict[tuple[str, int], object] = {}


def per_vocab(name: str, doc: Doc, build):
    """``build(vocab)`` once per vocabulary (Matchers and the like), then the cached result."""
    key = (name, id(doc.vocab))
    if key not in _PER_VOCAB:
        _PER_VOCAB[key] = build(doc.vocab)
    return _PER_VOCAB[key]


def ensure_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


ensure_extensions()

"""The whole quote extraction of one document, and the spaCy component that runs it
(factory ``newsledger_quotes_v1``)."""

from __future__ import annotations

from typing import Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Boilerplate, Quote
from ...text.marks import Marked
from .._doc import boilerplate_of, ensure_extensions
from ..spans import SpanIndex
from .context import FoundQuote, QuoteContext
from .direct import direct_quotes
from .reported import reported_quotes
from .transcript import transcript_lines

__all__ = ["extract_quotes", "QuoteExtractor", "make_quotes"]


def extract_quotes(doc: Doc, boilerplate: Optional[Sequence[Boilerplate]] = None) -> list[Quote]:
    """Every quote in the doc, in text order, ids q1, q2, ..."""
    if boilerplate is None:
        boilerplate = boilerplate_of(doc)
    ctx = QuoteContext.of(doc, boilerplate)
    fragments: list[Marked] = []
    found = direct_quotes(ctx, fragments)
    found += reported_quotes(ctx, found, fragments)
    found += transcript_lines(ctx, SpanIndex([(m.open_at if m.open_at >= 0 else m.start, m.end) for m in ctx.marked]))
    found = [f for f in found if not ctx.boilerplate.overlaps(f.start, f.end)]
    found.sort(key=lambda f: (f.start, f.end))
    return _records(ctx.text, found)


def _records(text: str, found: list[FoundQuote]) -> list[Quote]:
    """The quote records, numbered in text order; a continuation points at its quote's id."""
    ids = {id(f): f"q{i + 1}" for i, f in enumerate(found)}
    return [
        Quote(
            id=ids[id(f)],
            kind=f.kind,
            text=text[f.start : f.end],
            span=(f.start, f.end),
            speaker=f.speaker,
            cue=f.cue,
            continues=ids.get(id(f.continues)) if f.continues is not None else None,
            confidence=round(f.confidence, 2),
            unclosed=f.unclosed,
        )
        for f in found
    ]


class QuoteExtractor:
    """spaCy component: ``doc._.nl_quotes`` plus the ``quotes``, ``speakers`` and ``cues`` span groups."""

    def __init__(self, name: str = "newsledger_quotes"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        quotes = extract_quotes(doc)
        doc._.nl_quotes = quotes
        doc.spans["quotes"] = _spans(doc, [(q.span, q.kind) for q in quotes])
        doc.spans["speakers"] = _spans(
            doc, [(q.speaker.span, q.speaker.name or "") for q in quotes if q.speaker is not None and q.speaker.span]
        )
        doc.spans["cues"] = _spans(doc, [(q.cue.span, "cue") for q in quotes if q.cue is not None])
        return doc


def _spans(doc: Doc, items: Sequence[tuple[tuple[int, int], str]]):
    """Labelled token spans over the character spans, each (span, label) once."""
    out = []
    seen = set()
    for (s, e), label in items:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None and len(span) and (span.start, span.end, label) not in seen:
            seen.add((span.start, span.end, label))
            out.append(span)
    return out


ensure_extensions()


@Language.factory(
    "newsledger_quotes_v1",
    assigns=["doc._.nl_quotes", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.head", "doc.ents", "doc.sents"],
    retokenizes=False,
)
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    """The quote finder as a pipeline component."""
    return QuoteExtractor(name)

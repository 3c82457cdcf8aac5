"""spaCy component that marks boilerplate (ads, footers, appeals) in ``doc.spans['boilerplate']``.

The rules themselves live in :mod:`newsledger.text.boilerplate` (below both ingest
and extract) because they are about the page, not the language; this wrapper lets the component sit in any
spaCy pipeline and lets later components skip the spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..text import find_boilerplate
from ._doc import ensure_extensions
from .spans import char_spans

__all__ = ["BoilerplateMarker"]


class BoilerplateMarker:
    def __init__(self, name: str = "newsledger_boilerplate"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.nl_boilerplate is None:
            doc._.nl_boilerplate = find_boilerplate(doc.text)
        doc.spans["boilerplate"] = char_spans(doc, doc._.nl_boilerplate, label=lambda b: b.kind)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_boilerplate_v1",
    assigns=["doc._.nl_boilerplate", "doc.spans"],
    requires=[],
    retokenizes=False,
)
def make_boilerplate(nlp: Language, name: str) -> BoilerplateMarker:
    return BoilerplateMarker(name)

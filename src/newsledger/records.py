"""Typed records: one dataclass per thing newsledger extracts, one JSON form each.

Every record converts with ``to_dict()`` / ``from_dict()`` and nothing else
crosses a boundary (files, the store, the web API).  Spans are ``(start, end)``
Python string offsets into the article text, and ``text[start:end] == item.text``
holds for every item that has both.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional, TypeVar, Union

__all__ = [
    "Span",
    "ENTITY_TYPES",
    "Boilerplate",
    "Article",
    "Speaker",
    "Cue",
    "Quote",
    "Quantity",
    "Evidence",
    "ClaimSource",
    "Claim",
    "TimeExpr",
    "Mention",
    "Entity",
    "Event",
    "PipelineInfo",
    "Record",
    "check_spans",
]

Span = tuple[int, int]
T = TypeVar("T", bound="_Base")


def _convert(tp: Any, value: Any) -> Any:
    """Turn a JSON value back into the annotated type (dataclass, span, list)."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        return tuple(value)
    if origin is list:
        (inner,) = typing.get_args(tp) or (Any,)
        return [_convert(inner, v) for v in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp.from_dict(value)
    return value


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Base:
    """Shared JSON boundary: ``to_dict`` writes every field, ``from_dict`` ignores unknown keys."""

    _hints: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = cls.__dict__.get("_hints_cache")
        if hints is None:
            hints = typing.get_type_hints(cls)
            setattr(cls, "_hints_cache", hints)
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: _convert(hints[k], v) for k, v in data.items() if k in names}
        return cls(**kwargs)


@dataclass
class Boilerplate(_Base):
    """A stretch of the page that is not the article: ads, footers, appeals, credits."""

    kind: str  # advert | topics | tags | appeal | share | credit
    text: str
    span: Span


@dataclass
class Article(_Base):
    """The text of one article exactly as received, plus metadata and provenance."""

    id: str
    source: str
    text: str
    url: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[str] = None  # ISO date YYYY-MM-DD
    published_from: Optional[str] = None  # metadata | option | text | None
    format: str = "text"  # text | html | jsonl | warc
    boilerplate: list[Boilerplate] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


@dataclass
class Speaker(_Base):
    """Who a quote is attributed to: the words used (mention) and who that is (name)."""

    name: Optional[str] = None
    mention: Optional[str] = None
    span: Optional[Span] = None
    role: Optional[str] = None
    entity: Optional[str] = None  # id of the Entity in the same record


@dataclass
class Cue(_Base):
    """The reporting verb or phrase that introduces a quote ("said", "according to")."""

    text: str
    span: Span


@dataclass
class Quote(_Base):
    """A direct, mixed or indirect (reported) quotation; one item per paragraph."""

    id: str
    kind: str  # direct | mixed | indirect
    text: str
    span: Span
    speaker: Optional[Speaker] = None
    cue: Optional[Cue] = None
    continues: Optional[str] = None  # id of the quote this paragraph continues
    confidence: float = 1.0
    unclosed: bool = False  # opening mark with no closing mark before the text ends


@dataclass
class Mention(_Base):
    text: str
    span: Span


@dataclass
class Quantity(_Base):
    """A number a claim states, with what it counts and how firm it is.

    ``value`` is in the unit written ("$116m" -> 116000000, unit ``USD``; "35%" -> 35, unit
    ``percent``; "a sixth" -> 0.1667); a range ("70,000-80,000") has its lower end in ``value``
    and its upper end in ``high``.  ``span`` is where the figure stands in the article text.
    """

    value: float
    text: str = ""
    unit: Optional[str] = None
    counts: Optional[str] = None
    bound: str = "exact"  # exact | upper | lower | approximate
    high: Optional[float] = None  # upper end of a range
    span: Optional[Span] = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quantity":
        data = dict(data)
        if data.get("bound") == "approx":  # the gold sets' spelling
            data["bound"] = "approximate"
        return super().from_dict(data)


@dataclass
class ClaimSource(_Base):
    """Who a claim (or the evidence about one) is attributed to: a document entity's name, the words used."""

    name: str
    mention: Optional[str] = None
    span: Optional[Span] = None
    entity: Optional[str] = None
    quote: Optional[str] = None  # id of the quote the claim comes from


@dataclass
class Evidence(_Base):
    """The words that justify a verification status, who said them, and how they are tied to the claim.

    ``refers`` is the phrase of the evidence that denotes the claim ("these figures", "the
    accusations", "the group's claim"), when it names the claim rather than containing it;
    ``link`` says in words why the evidence speaks of this claim.
    """

    text: str
    span: Span
    source: Optional[ClaimSource] = None  # who disputes, confirms or could not verify; None: the article
    refers: Optional[Mention] = None
    link: Optional[str] = None


@dataclass
class Claim(_Base):
    """A check-worthy statement of fact, its source and what is known of its truth."""

    id: str
    text: str
    span: Span
    status: str  # claimed | unverified | confirmed | disputed | unattributed
    source: Optional[ClaimSource] = None
    cue: Optional[Cue] = None
    quantity: Optional[Quantity] = None
    time: Optional[str] = None  # id of a TimeExpr
    status_evidence: Optional[Evidence] = None


@dataclass
class TimeExpr(_Base):
    """A temporal expression with its TIMEX3 type and ISO 8601 value."""

    id: str
    text: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: Optional[str] = None
    anchor: Optional[str] = None  # what a relative value was resolved against
    mod: Optional[str] = None  # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...


#: The entity types records carry (spaCy's labels): people, organisations, countries and cities, other
#: places, buildings and facilities, nationalities and groups.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


@dataclass
class Entity(_Base):
    """A person, organisation or place named in the article, with every mention."""

    id: str
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    ledger_entity: Optional[str] = None


@dataclass
class Event(_Base):
    """Something that happened (talks, attacks, releases), with when, where and who."""

    id: str
    text: str
    span: Span
    type: str
    trigger: Optional[Mention] = None
    date: Optional[str] = None
    place: Optional[str] = None
    participants: list[str] = field(default_factory=list)
    ordinal: Optional[int] = None  # "the first negotiations" -> 1, "a second round" -> 2
    modality: str = "happened"  # happened | planned
    time: Optional[str] = None  # id of the TimeExpr that dates it
    ledger_event: Optional[str] = None


@dataclass
class PipelineInfo(_Base):
    version: str
    model: str


@dataclass
class Record(Article):
    """Everything newsledger knows about one article: the Article plus what was extracted."""

    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    pipeline: Optional[PipelineInfo] = None

    @classmethod
    def from_article(cls, article: Article, **extracted: Any) -> "Record":
        base = {f.name: getattr(article, f.name) for f in dataclasses.fields(Article)}
        return cls(**base, **extracted)


def _spanned(value: Any):
    """Yield every (text, span) pair inside a record, however deeply nested."""
    if dataclasses.is_dataclass(value):
        text = getattr(value, "text", None)
        span = getattr(value, "span", None)
        if isinstance(span, tuple) and isinstance(text, str):
            yield type(value).__name__, text, span
        mention = getattr(value, "mention", None)
        if isinstance(mention, str) and isinstance(span, tuple) and text is None:
            yield type(value).__name__, mention, span
        for f in dataclasses.fields(value):
            if f.name not in ("text", "span"):
                yield from _spanned(getattr(value, f.name))
    elif isinstance(value, list):
        for v in value:
            yield from _spanned(v)


def check_spans(record: Article) -> list[str]:
    """Return a description of every span that does not slice to its item's text."""
    problems = []
    for f in dataclasses.fields(record):
        if f.name == "text":
            continue
        for kind, text, (start, end) in _spanned(getattr(record, f.name)):
            if record.text[start:end] != text:
                problems.append(f"{kind} {start}:{end} slices {record.text[start:end]!r}, not {text!r}")
    return problems

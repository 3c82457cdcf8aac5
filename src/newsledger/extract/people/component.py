"""The document model as a spaCy component (factory ``newsledger_people_v1``) and its lookups."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ...text import paragraphs
from ...text.marks import find_marked, passage_span
from .._doc import boilerplate_of, ensure_extensions, sentences
from ..spans import SpanIndex
from .gender import load_first_names
from .clusters import DocEntity, canonical_name, cluster_names, link_descriptions, link_syntax
from .mentions import PersonMention, find_mentions
from .pronouns import entities_by_sentence, pronoun_candidates, resolve_pronouns

__all__ = ["People", "PeopleFinder", "find_people"]


@dataclass
class People:
    """The article's mentions and document entities, with lookups by token."""

    doc: Doc
    mentions: list[PersonMention]
    entities: list[DocEntity]
    sent_of: list[int]
    speaker_entities: dict[str, int] = field(default_factory=dict)  # quote id -> its speaker's entity
    _by_token: dict[int, PersonMention] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _referents: dict[int, list] = field(default_factory=dict)  # pronoun start -> ranked antecedents
    _by_sentence: Optional[dict[int, set[int]]] = None

    def __post_init__(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, m)
            self._by_token[m.head] = m
        self._starts = [m.start for m in self.mentions]

    def mention_at(self, token_i: int) -> Optional[PersonMention]:
        """The mention a token belongs to (its head mention when several overlap)."""
        return self._by_token.get(token_i)

    def same_mention(self, a: int, b: int) -> bool:
        """Two tokens belong to one mention."""
        ma = self.mention_at(a)
        return ma is not None and ma is self.mention_at(b)

    def entity_of(self, m: Optional[PersonMention]) -> Optional[DocEntity]:
        if m is None or m.entity < 0:
            return None
        return self.entities[m.entity]

    def mentions_in(self, start: int, end: int) -> list[PersonMention]:
        """Mentions whose head lies in the token range [start, end)."""
        lo = bisect.bisect_left(self._starts, max(0, start - 12))
        return [m for m in self.mentions[lo:] if start <= m.head < end]

    def pronoun_referents(self, m: PersonMention) -> list[tuple[float, DocEntity]]:
        """Agreeing antecedent entities of a pronoun mention, best first, with salience scores."""
        if m.start not in self._referents:
            if self._by_sentence is None:
                self._by_sentence = entities_by_sentence(self.mentions, self.sent_of)
            self._referents[m.start] = pronoun_candidates(self.doc, m, self.entities, self.sent_of, self._by_sentence)
        return self._referents[m.start]


def _sentence_index(doc: Doc) -> list[int]:
    sent_of = [0] * len(doc)
    for k, sent in enumerate(sentences(doc)):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    return sent_of


def find_people(doc: Doc, boilerplate: Sequence = ()) -> People:
    """Mentions and document entities of a parsed doc (boilerplate left out)."""
    bp_spans = [tuple(b.span) for b in boilerplate]
    skip = SpanIndex(bp_spans)
    text = doc.text
    marked = find_marked(text, paragraphs(text, bp_spans))
    quoted = SpanIndex([passage_span(m) for m in marked])
    mentions = find_mentions(doc, skip, quoted)
    sent_of = _sentence_index(doc)
    entities = cluster_names(mentions)
    link_syntax(doc, mentions, entities)
    link_descriptions(doc, mentions, entities)
    resolve_pronouns(doc, mentions, entities, sent_of)
    for ent in entities:
        ent.mentions.sort(key=lambda m: m.start)
        ent.name = canonical_name(ent)
    return People(doc, mentions, entities, sent_of)


class PeopleFinder:
    """spaCy component: ``doc._.nl_people`` and the ``mentions`` span group (label: entity index)."""

    def __init__(self, name: str = "newsledger_people"):
        self.name = name
        load_first_names()  # read the name list with the model, not inside the first article

    def __call__(self, doc: Doc) -> Doc:
        people = find_people(doc, boilerplate_of(doc))
        doc._.nl_people = people
        spans = []
        for m in people.mentions:
            span = doc[m.start:m.end]
            span.label_ = f"p{m.entity}" if m.entity >= 0 else "p?"
            spans.append(span)
        doc.spans["mentions"] = spans
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_people_v1",
    assigns=["doc._.nl_people", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.head", "doc.ents", "doc.sents"],
    retokenizes=False,
)
def make_people(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder(name)

"""People, organisations and places of one article as :class:`~newsledger.records.Entity` records.

People and organisations are the document entities of :mod:`.people` (names,
titles, descriptions and pronouns already clustered there), so quotes, claims
and entities agree on who is who.  Places are gathered here: spaCy's place
labels, repaired by context ("the town of X" is a place whatever the tagger
said), clustered by place keys.  Quote speakers and claim sources are then
pointed at the entity of the mention that names them, never at a place that
merely qualifies a role ("China's ambassador to Britain").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon.names import fold, org_key, place_key, same_person
from ..records import Entity, Mention
from ._doc import boilerplate_of, ensure_extensions
from .people import DocEntity, People, find_people
from .people.mentions import repaired_ents
from .spans import SpanIndex, char_spans

__all__ = ["find_entities", "EntityLinker"]

_PLACE_LABELS = ("GPE", "LOC", "FAC")


def _person_entity(ent: DocEntity) -> Entity:
    written = [form for m in ent.mentions if m.kind == "name" for form in (m.name, m.text) if form]
    names = [n for n in dict.fromkeys(written) if n != ent.name]
    roles = [r for r in ent.roles if fold(r) != fold(ent.name)] if ent.type == "PERSON" else []
    mentions = [Mention(text=m.text, span=m.char_span) for m in ent.mentions]
    return Entity(id="", name=ent.name, type=ent.type, aliases=names, roles=roles, mentions=mentions)


def _places(doc: Doc, people: People, skip: SpanIndex) -> tuple[list[Entity], dict[int, int]]:
    """Place entities, and the document entities (places that act: "Russia said") folded into them."""
    taken = SpanIndex([m.char_span for e in people.entities if e.type in ("PERSON", "ORG") for m in e.mentions
                       if m.kind == "name"])
    clusters: dict[str, list] = {}
    for span, label in repaired_ents(doc):
        if label not in _PLACE_LABELS or skip.overlaps(span.start_char, span.end_char):
            continue
        if taken.overlaps(span.start_char, span.end_char):
            continue
        text = re.sub(r"^(?:the|The)\s+", "", span.text)
        text = re.sub(r"['’]s$", "", text)
        start = span.start_char + span.text.find(text)
        clusters.setdefault(place_key(text), []).append((text, (start, start + len(text)), label))
    out, folded = [], {}
    for key, items in clusters.items():
        counts = Counter(t for t, _, _ in items if not t.islower())
        name = max(counts or Counter(t for t, _, _ in items), key=lambda n: (counts[n], n.lower() == key, len(n)))
        label = Counter(lab for _, _, lab in items).most_common(1)[0][0]
        aliases = [t for t in dict.fromkeys(t for t, _, _ in items) if t != name]
        out.append(Entity(id="", name=name, type=label, aliases=aliases, roles=[],
                          mentions=[Mention(text=t, span=sp) for t, sp, _ in items]))
    index = {place_key(e.name): k for k, e in enumerate(out)}
    for ent in people.entities:
        if ent.type == "GPE" and ent.named and place_key(ent.name) in index:
            folded[ent.index] = index[place_key(ent.name)]
    return out, folded


def find_entities(doc: Doc, people: People, boilerplate: Iterable = (),
                  topics: Iterable[tuple[str, tuple[int, int]]] = ()) -> tuple[list[Entity], dict[int, str]]:
    """Entities of one article, and the record id of each document entity that became one."""
    skip = SpanIndex([b.span for b in boilerplate])
    chosen = [e for e in people.entities if e.named and e.type in ("PERSON", "ORG")]
    entities = [_person_entity(e) for e in chosen]
    places, folded = _places(doc, people, skip)
    _link_topics(entities + places, topics)
    everything = entities + places
    order = sorted(range(len(everything)), key=lambda k: everything[k].mentions[0].span[0])
    ids = {}
    for rank, k in enumerate(order, 1):
        everything[k].id = f"e{rank}"
        ids[k] = everything[k].id
    by_people = {e.index: ids[k] for k, e in enumerate(chosen)}
    by_people.update({p: ids[len(entities) + k] for p, k in folded.items()})
    return [everything[k] for k in order], by_people


def _names_topic(e: Entity, text: str) -> bool:
    if e.type == "PERSON":
        return len(text.split()) >= 2 and same_person(text, e.name)
    if e.type == "ORG":
        return org_key(text) == org_key(e.name)
    return place_key(text) == place_key(e.name)


def _link_topics(entities: list[Entity], topics: Iterable[tuple[str, tuple[int, int]]]) -> None:
    """A footer topic that names a known entity ("Volodymyr Zelensky") becomes one more mention of it."""
    for text, span in topics:
        e = next((e for e in entities if _names_topic(e, text)), None)
        if e is None:
            continue
        e.mentions.append(Mention(text=text, span=span))
        if text != e.name and text not in e.aliases:
            e.aliases.append(text)


def _topic_items(text: str, boilerplate: Iterable) -> list[tuple[str, tuple[int, int]]]:
    items = []
    for b in boilerplate:
        if b.kind not in ("topics", "tags"):
            continue
        body_start = b.span[0] + b.text.index(":") + 1
        for m in re.finditer(r"[^,;|]+", text[body_start:b.span[1]]):
            raw = m.group(0)
            s = body_start + m.start() + (len(raw) - len(raw.lstrip()))
            e = body_start + m.end() - (len(raw) - len(raw.rstrip()))
            if e > s:
                items.append((text[s:e], (s, e)))
    return items


def _entity_id(doc: Doc, people: People, by_people: dict[int, str], span) -> Optional[str]:
    """The entity of the mention at a char span: the document entity its head belongs to (never a place
    or body inside a modifier: "two brokers in Varnsk" are not Varnsk)."""
    if span is None:
        return None
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found is None or not len(found):
        return None
    root = found.root
    for tok in (root, *(t for t in found if t.head.i == root.i and t.dep_ in ("compound", "appos", "flat"))):
        m = people.mention_at(tok.i)
        if m is not None and m.entity >= 0:
            if m.kind == "pronoun" and m.person in (1, 2):
                return None
            return by_people.get(m.entity)
    return None


def link_speakers(doc: Doc, people: People, by_people: dict[int, str]) -> None:
    """Point quote speakers and claim sources at the entity their mention names."""
    for q in doc._.nl_quotes or []:
        if q.speaker is not None:
            chosen = people.speaker_entities.get(q.id)
            q.speaker.entity = by_people.get(chosen) if chosen is not None else _entity_id(
                doc, people, by_people, q.speaker.span)
    for c in doc._.nl_claims or []:
        if c.source is not None:
            c.source.entity = _entity_id(doc, people, by_people, c.source.span)


class EntityLinker:
    def __init__(self, name: str = "newsledger_entities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        boilerplate = boilerplate_of(doc)
        people = doc._.nl_people if doc._.nl_people is not None else find_people(doc, boilerplate)
        entities, by_people = find_entities(doc, people, boilerplate, _topic_items(doc.text, boilerplate))
        doc._.nl_entities = entities
        types = {id(m): e.type for e in entities for m in e.mentions}
        doc.spans["entities"] = char_spans(doc, [m for e in entities for m in e.mentions], label=lambda m: types[id(m)])
        link_speakers(doc, people, by_people)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_entities_v1",
    assigns=["doc._.nl_entities", "doc.spans"],
    requires=["doc.ents", "token.pos", "doc.sents"],
    retokenizes=False,
)
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(name)

"""People, organisations and places of one article: mentions, canonical name, type, aliases, roles.

spaCy's small model finds most names but mislabels some ("Zelenskyy" as ORG,
"Ukraine Iryna Vereshchuk" as one ORG, "Kyiv" as PERSON once) and misses
descriptions such as "Ukraine's defence ministry".  This component repairs the
spans with article context, adds organisation descriptions, clusters mentions
with the name keys of :mod:`newsledger.lexicon.names`, votes on a type per
cluster, and reads roles from title phrases ("Ukrainian presidential adviser
Olexiy Arestovych") and appositives ("Konstantin Buynichev, the commander of ...").
It runs after quotes and claims and links their speakers and sources to entities.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon.names import fold, formal_org_name, org_key, person_parts, place_key, same_person
from ..lexicon.words import COUNTRY_FORMS, ORG_WORDS, ROLE_HEADS, TITLE_WORDS
from ..records import Entity, Mention
from ._doc import boilerplate_of, ensure_extensions
from .spans import SpanIndex, char_spans

__all__ = ["find_entities", "EntityLinker", "role_before", "role_after"]

_KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ORG_HEADS = (
    r"ministry|military|army|navy|air force|armed forces|government|parliament|police|security service|"
    r"border guard service|border guards?|general staff|foreign office|embassy|president's office|presidency|"
    r"defence forces|defense forces|intelligence(?: service| agency)?|emergency service|emergencies service|"
    r"health ministry|prosecutor's office|central bank"
)
_ORG_TOPICS = (
    r"defen[cs]e|foreign|interior|health|justice|finance|economy|emergencies|emergency|culture|education|"
    r"energy|agriculture|infrastructure|digital|veterans|social policy|foreign affairs|internal affairs"
)
_COUNTRY_WORDS = "|".join(sorted((re.escape(f) for f in COUNTRY_FORMS if "." not in f), key=len, reverse=True))
# a country form, or any capitalised word (checked against the NER labels before use)
_ORG_DESCRIPTION = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<country>(?i:{_COUNTRY_WORDS})|[A-Z][a-z]+)(?:['’]s)?\s+"
    rf"(?:(?:{_ORG_TOPICS})\s+)?(?:{_ORG_HEADS})\b"
)
_CONNECTORS = {"of", "the", "for", "and", "'s", "’s", "on", "in"}


@dataclass
class _Cand:
    start: int  # char offsets
    end: int
    text: str
    label: str
    tokens: tuple[int, int]  # token range [start, end)
    formal: Optional[str] = None


@dataclass
class _Cluster:
    label_votes: Counter = field(default_factory=Counter)
    cands: list[_Cand] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def _looks_like_person_name(tokens: list) -> bool:
    return (
        len(tokens) >= 1
        and all(t.is_title or t.text.isupper() and len(t.text) > 1 for t in tokens)
        and not any(t.lower_ in ORG_WORDS for t in tokens)
    )


def _nationality_word(tok) -> bool:
    """A country adjective used as a name by mistake: known forms, or "-ian"/"-ese" words modifying a noun."""
    if fold(tok.text) in COUNTRY_FORMS:
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bool(re.search(r"(?:ian|ean|ese|ish)s?$", tok.text)) and nxt is not None and nxt.pos_ in ("NOUN", "PROPN")


_PLACE_PREPS = {"in", "near", "outside", "into", "across", "around", "towards", "toward"}
_PLACE_NOUNS = {"city", "town", "village", "region", "port", "capital", "province", "district", "oblast", "county",
                "area", "airport", "front", "border", "suburb", "outskirts"}


def _place_context(doc: Doc, start: int, end: int) -> bool:
    """Words around a name that only a place takes: "in X", "the city of X", "the X region"."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    prev2 = doc[start - 2].lower_ if start > 1 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    if nxt in ("'s", "’s"):
        return False  # "in Kovalenko's view"
    if prev in _PLACE_PREPS:
        return True
    if prev == "of" and prev2 in _PLACE_NOUNS:
        return True
    return nxt in _PLACE_NOUNS and prev in ("the", "over", "in", "near")


def _split_country_prefix(ent: Span, places: set[str]) -> list[tuple[Span, str]]:
    """'Ukraine Iryna Vereshchuk' (one ORG) -> ('Ukraine', GPE), ('Iryna Vereshchuk', PERSON)."""
    toks = list(ent)
    if ent.label_ == "ORG" and len(toks) >= 3 and place_key(toks[0].text) in places | set(COUNTRY_FORMS.values()):
        rest = toks[1:]
        if _looks_like_person_name(rest) and len(rest) <= 3:
            doc = ent.doc
            return [(doc[ent.start:ent.start + 1], "GPE"), (doc[ent.start + 1:ent.end], "PERSON")]
    return [(ent, ent.label_)]


def role_before(doc: Doc, start: int) -> Optional[str]:
    """The title phrase right before token ``start`` ("Ukrainian presidential adviser"), if it names a role."""
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    i = start - 1
    words: list[int] = []
    while i >= sent_start:
        t = doc[i]
        if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "ADV", "NUM") or t.ent_type_ in ("DATE", "TIME"):
            break
        if t.lower_ in ("the", "a", "an") and not (i > sent_start and doc[i - 1].lower_ == "of"):
            break
        if t.pos_ == "ADP" and t.lower_ != "of":
            break
        words.insert(0, i)
        i -= 1
    while words and (doc[words[0]].lower_ in _CONNECTORS or doc[words[0]].is_punct):
        words.pop(0)
    if not words or not any(doc[w].lower_ in ROLE_HEADS for w in words):
        return None
    return doc[words[0]:words[-1] + 1].text


def role_after(doc: Doc, end: int) -> Optional[str]:
    """An appositive role right after a name: "X, the commander of the platoon, said"."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in ("the", "a", "an"):
        i += 1
    j = i
    while j < len(doc) and j - i < 10 and not doc[j].is_punct and doc[j].pos_ not in ("VERB", "AUX", "PRON"):
        j += 1
    if j == i or (j < len(doc) and doc[j].text not in (",", ".", ";", ":")):
        return None
    words = doc[i:j]
    if not any(t.lower_ in ROLE_HEADS for t in words) or words[0].lower_ in _CONNECTORS:
        return None
    return words.text


def _candidates(doc: Doc, skip: SpanIndex) -> list[_Cand]:
    places = {place_key(e.text) for e in doc.ents if e.label_ in _PLACE_LABELS}
    out: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    # organisation descriptions first: they are longer than the ents inside them
    text = doc.text  # built once: Doc.text joins every token each time it is read
    for m in _ORG_DESCRIPTION.finditer(text):
        if skip.overlaps(m.start(), m.end()):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        word = doc.char_span(m.start("country"), m.end("country"), alignment_mode="expand")
        if fold(m.group("country")) not in COUNTRY_FORMS and not (word and word[0].ent_type_ in ("NORP", "GPE")):
            continue
        found = text[m.start():m.end()]
        out.append(_Cand(m.start(), m.end(), found, "ORG", (span.start, span.end), formal_org_name(found)))
        taken.append((span.start, span.end))
    ents = list(doc.ents)
    for k, ent in enumerate(ents):
        if ent.label_ not in _KEPT_LABELS:
            continue
        if len(ent) == 1 and ent.label_ in ("PERSON", "ORG") and _nationality_word(ent[0]):
            continue  # "Moldovan", "Kestrian officials" tagged as a person: a nationality, not a name
        # "UK" + "Ministry of Defence" written together are one organisation
        if ent.label_ == "GPE" and k + 1 < len(ents) and ents[k + 1].start == ent.end and ents[k + 1].label_ == "ORG":
            continue
        if ent.label_ == "ORG" and k > 0 and ents[k - 1].end == ent.start and ents[k - 1].label_ == "GPE":
            ent = doc[ents[k - 1].start:ent.end]
            ent.label_ = "ORG"
        for part, label in _split_country_prefix(ent, places):
            if any(s <= part.start and part.end <= e for s, e in taken):
                continue
            if skip.overlaps(part.start_char, part.end_char):
                continue
            out.append(_Cand(part.start_char, part.end_char, part.text, label, (part.start, part.end)))
    out.sort(key=lambda c: c.start)
    return out


def _bare(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def _person_conflict(c: _Cand, cl: _Cluster) -> bool:
    """A full name that some full name already in the cluster rules out (Mihai vs Elena Popescu)."""
    first, _ = person_parts(c.text)
    if first is None:
        return False
    return any(person_parts(o.text)[0] is not None and not same_person(c.text, o.text) for o in cl.cands)


def _cluster_key(c: _Cand, clusters: list[_Cluster]) -> Optional[int]:
    # most recent cluster first: a bare surname refers to the person last named
    for i in range(len(clusters) - 1, -1, -1):
        cl = clusters[i]
        if _maybe_person(c) and _person_conflict(c, cl):
            continue
        for other in cl.cands:
            if c.label in _PLACE_LABELS or other.label in _PLACE_LABELS:
                if place_key(c.text) == place_key(other.text):
                    return i
                continue
            if org_key(c.text) == org_key(other.text):
                return i
            if _maybe_person(c) and _maybe_person(other) and same_person(c.text, other.text):
                return i
    return None


def _maybe_person(c: _Cand) -> bool:
    """PERSON, or a name the model called ORG that has no organisation word in it."""
    return c.label == "PERSON" or (c.label == "ORG" and not c.formal and not (org_key(c.text) & ORG_WORDS))


def _choose_type(cl: _Cluster, doc: Doc) -> str:
    words = {fold(w) for c in cl.cands for w in c.text.split()}
    votes = cl.label_votes
    if votes["GPE"] or votes["LOC"] or votes["FAC"]:
        if votes["GPE"] + votes["LOC"] + votes["FAC"] >= votes["PERSON"]:
            return max(("GPE", "LOC", "FAC"), key=lambda k: votes[k])
    if words & ORG_WORDS or any(c.formal for c in cl.cands):
        return "ORG"
    if votes["PERSON"] or cl.roles:
        return "PERSON"
    longest = max(cl.cands, key=lambda c: len(c.text))
    if len(longest.text.split()) >= 2 and _looks_like_person_name(list(doc[longest.tokens[0]:longest.tokens[1]])):
        # two or more title-case words with no organisation word, e.g. "Olexiy Arestovych" tagged ORG
        first, _ = person_parts(longest.text)
        if first and votes["ORG"] <= 2:
            return "PERSON"
    return votes.most_common(1)[0][0]


def _canonical(cl: _Cluster, label: str) -> str:
    formal = next((c.formal for c in cl.cands if c.formal), None)
    if formal:
        return formal
    if label in _PLACE_LABELS:  # the form most used as a place name: "Ukraine", not "Ukrainian"
        counts = Counter(_bare(c.text) for c in cl.cands if c.label in _PLACE_LABELS and not c.text.islower())
        counts = counts or Counter(_bare(c.text) for c in cl.cands)
        return max(counts, key=lambda n: (counts[n], n.lower() == place_key(n), len(n)))
    if label == "PERSON":
        names = [c.text for c in cl.cands]
        clean = [" ".join(w for w in n.split() if fold(w).rstrip(".") not in TITLE_WORDS) or n for n in names]
        return max(clean, key=lambda n: (len(n.split()), len(n)))
    return _bare(max((c.text for c in cl.cands), key=lambda n: (len(n.split()), len(n))))


def find_entities(doc: Doc, boilerplate: Iterable = (), topics: Iterable[tuple[str, tuple[int, int]]] = ()) -> list[Entity]:
    """Entities of one article; ``topics`` are (name, span) items of a Topics footer linked where they match."""
    skip = SpanIndex([b.span for b in boilerplate])
    clusters: list[_Cluster] = []
    for cand in _candidates(doc, skip):
        role = role_before(doc, cand.tokens[0]) if cand.label in ("PERSON", "ORG") else None
        role = role or (role_after(doc, cand.tokens[1]) if cand.label in ("PERSON", "ORG") else None)
        idx = _cluster_key(cand, clusters)
        if idx is None:
            clusters.append(_Cluster())
            idx = len(clusters) - 1
        cl = clusters[idx]
        cl.cands.append(cand)
        cl.label_votes[cand.label] += 1
        if cand.label == "PERSON" and _place_context(doc, *cand.tokens):
            cl.label_votes["GPE"] += 1  # "the eastern city of Draguv", "over the Draguv region"
        if role and role not in cl.roles:
            cl.roles.append(role)
    entities: list[Entity] = []
    for cl in clusters:
        label = _choose_type(cl, doc)
        name = _canonical(cl, label)
        aliases = []
        for c in cl.cands:
            for form in (c.text, _bare(c.text)):
                if form != name and form not in aliases and fold(form) != fold(name):
                    aliases.append(form)
        mentions = [Mention(text=c.text, span=(c.start, c.end)) for c in cl.cands]
        entities.append(Entity(id="", name=name, type=label, aliases=aliases,
                               roles=cl.roles if label == "PERSON" else [], mentions=mentions))
    _link_topics(entities, topics)
    entities.sort(key=lambda e: e.mentions[0].span[0])
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    return entities


def _link_topics(entities: list[Entity], topics: Iterable[tuple[str, tuple[int, int]]]) -> None:
    """A footer topic that names a known entity ("Volodymyr Zelensky") becomes one more mention of it."""
    for text, span in topics:
        for e in entities:
            if e.type == "PERSON" and len(text.split()) >= 2 and same_person(text, e.name):
                pass
            elif e.type != "PERSON" and (org_key(text) == org_key(e.name) if e.type == "ORG" else place_key(text) == place_key(e.name)):
                pass
            else:
                continue
            e.mentions.append(Mention(text=text, span=span))
            if text != e.name and text not in e.aliases:
                e.aliases.append(text)
            break


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


def link_speakers(doc: Doc, entities: list[Entity]) -> None:
    """Point quote speakers and claim sources at the entity their mention names.

    A mention such as "Kestria's Defence Minister Anna Kovalenko" holds several
    entity mentions; the speaker is the last person or organisation in it (the
    head of the phrase), not the country that qualifies the role.
    """
    owners = sorted(((m.span, e) for e in entities for m in e.mentions), key=lambda p: p[0])
    rank = {"PERSON": 0, "ORG": 1}

    def find(name: Optional[str], span) -> Optional[Entity]:
        if span is not None:
            s0, s1 = span
            inside = [(sp, e) for sp, e in owners if s0 <= sp[0] and sp[1] <= s1]
            if inside:
                return max(inside, key=lambda p: (-rank.get(p[1].type, 2), p[0][0]))[1]
            around = [e for sp, e in owners if sp[0] <= s0 and s1 <= sp[1]]
            if around:
                return around[0]
        if name:
            for ent in entities:
                if fold(ent.name) == fold(name) or fold(name) in (fold(a) for a in ent.aliases):
                    return ent
            for ent in entities:
                if ent.type == "PERSON" and same_person(name, ent.name):
                    return ent
                if ent.type == "ORG" and org_key(name) == org_key(ent.name):
                    return ent
        return None

    for q in doc._.nl_quotes or []:
        if q.speaker is not None:
            ent = find(q.speaker.name, q.speaker.span)
            if ent is not None:
                q.speaker.entity = ent.id
    for c in doc._.nl_claims or []:
        if c.source is not None:
            ent = find(c.source.name, c.source.span)
            if ent is not None:
                c.source.entity = ent.id


class EntityLinker:
    def __init__(self, name: str = "newsledger_entities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        boilerplate = boilerplate_of(doc)
        entities = find_entities(doc, boilerplate, _topic_items(doc.text, boilerplate))
        doc._.nl_entities = entities
        types = {id(m): e.type for e in entities for m in e.mentions}
        doc.spans["entities"] = char_spans(doc, [m for e in entities for m in e.mentions], label=lambda m: types[id(m)])
        link_speakers(doc, entities)
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

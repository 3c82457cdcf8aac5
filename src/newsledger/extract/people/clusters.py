"""Which mentions denote the same person or body: document entities by ordered sieves.

Precise links first, as in multi-pass sieve coreference: names by their keys,
then the links the syntax states (apposition, a copula, a title before a
name), then definite descriptions used alone ("the mayor", "the agency"),
then pronouns (:mod:`.pronouns`).  A later sieve never undoes an earlier one,
and a description that no sieve ties to a name stays an entity of its own:
nothing is invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from typing import Optional, Sequence

from spacy.tokens import Doc

from ...lexicon.names import fold, formal_org_name, org_key, org_part_of, person_parts, place_key
from ...lexicon.words import (
    COMPANY_NAME_WORDS, COMPANY_NOUNS, NATIONAL_LEADER_ROLES, ORG_WORDS, PUBLIC_BODY_WORDS, TITLE_WORDS,
)
from .mentions import PersonMention

__all__ = ["DocEntity", "cluster_names", "link_syntax", "link_descriptions", "canonical_name"]


@dataclass
class DocEntity:
    """One person, organisation, place-as-actor or group of the article, with all its mentions."""

    index: int
    type: str
    mentions: list[PersonMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_heads: set = field(default_factory=set)
    gender: Optional[str] = None
    gender_stated: bool = False  # from the text's own words; a first-name guess is weaker and may be overruled
    number: str = "sg"
    nationality: frozenset = field(default_factory=frozenset)
    qualifiers: frozenset = field(default_factory=frozenset)
    name: str = ""

    @property
    def named(self) -> bool:
        return any(m.kind == "name" for m in self.mentions)

    def add(self, m: PersonMention) -> None:
        m.entity = self.index
        self.mentions.append(m)
        if m.role and m.role not in self.roles:
            self.roles.append(m.role)
        if m.role_head:
            self.role_heads.add(m.role_head)
        if m.gender is not None and m.kind != "pronoun" and (
                self.gender is None or (m.gender_stated and not self.gender_stated)):
            self.gender, self.gender_stated = m.gender, m.gender_stated
        self.nationality = self.nationality | m.nationality
        self.qualifiers = self.qualifiers | m.qualifiers
        if self.type in ("?", "GROUP") and m.type in ("PERSON", "ORG") and m.kind == "name":
            self.type = m.type
        elif self.type == "ORG" and m.type == "PERSON" and m.kind == "name" and len((m.name or "").split()) > 1 \
                and not any(set(fold(n).split()) & ORG_WORDS for n in self.names()):
            self.type = "PERSON"  # a surname the NER called an organisation, then the full personal name

    def names(self) -> list[str]:
        return [m.name for m in self.mentions if m.kind == "name" and m.name]


def _new(entities: list[DocEntity], m: PersonMention) -> DocEntity:
    ent = DocEntity(index=len(entities), type=m.type, number=m.number)
    entities.append(ent)
    ent.add(m)
    return ent


# ---------------------------------------------------------------------------------------------
# Sieve 1: names


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and fold(w) not in ("of", "the", "and", "for"))


def _person_fits(m: PersonMention, ent: DocEntity) -> bool:
    """Same surname up to spelling, first names compatible, no gender clash."""
    first, last = person_parts(m.name or "")
    if not last:
        return False
    if m.gender and ent.gender and m.gender != ent.gender and m.gender_stated and ent.gender_stated:
        return False
    fits = False
    for other in ent.names():
        of, ol = person_parts(other)
        if ol != last and not (first is None and of == last):
            continue
        if first is None or of is None or first == of or (first[0] == of[0] and min(len(first), len(of)) == 1):
            fits = True
        else:
            return False  # a different first name: a different person (John and Jennifer Williams)
    return fits


def _org_fits(m: PersonMention, ent: DocEntity) -> bool:
    """Same content words; or one name is part of the other: "Ford" after "Ford Motor Company", "the Air Force"
    after "the US Air Force", "WFP" for "World Food Programme" (the most recent such body wins, as a surname does)."""
    name = m.name or ""
    for other in ent.names():
        if org_key(name) == org_key(other):
            return True
        short, long_ = (name, other) if len(name) < len(other) else (other, name)
        if ent.type == "ORG" and m.type == "ORG" and org_part_of(short, long_):
            return True  # (a person's surname is part of no body's name: "Trump" is not the Trump Foundation)
    return False


def _name_fits(m: PersonMention, ent: DocEntity) -> bool:
    if ent.type == "GPE" or m.type == "GPE":
        return ent.type == m.type and any(place_key(m.name or "") == place_key(n) for n in ent.names())
    if m.type == "GROUP" or ent.type == "GROUP":
        return any(fold(m.name or "") == fold(n) for n in ent.names())
    if m.type == "ORG" and _org_fits(m, ent):
        return True
    if m.type in ("PERSON", "?") and ent.type in ("PERSON", "?", "ORG"):
        return _person_fits(m, ent) and not (ent.type == "ORG" and any(
            {fold(w) for w in n.split()} & ORG_WORDS for n in ent.names()))
    if m.type == "ORG" and ent.type == "PERSON" and person_parts(m.name or "")[0] is None \
            and not {fold(w) for w in (m.name or "").split()} & ORG_WORDS:
        return _person_fits(m, ent)  # a surname ("Brisk", "Von der Leyen") the NER called an organisation
    return False


def _fitting(m: PersonMention, entities: list[DocEntity]) -> Optional[DocEntity]:
    """The most recent entity the name fits.  For a name tagged as an organisation, a body with the same words or a
    person whose surname it is (a tagger's slip) comes first; a name that is only part of bodies' names ("Apple"
    of Apple Corps and Apple Computer) joins the one such body, never one of several."""
    fits = [ent for ent in reversed(entities) if _name_fits(m, ent)]
    if not fits or m.type != "ORG":
        return fits[0] if fits else None
    whole = [e for e in fits if e.type != "ORG" or any(org_key(m.name or "") == org_key(n) for n in e.names())]
    if whole:
        return whole[0]
    return fits[0] if len(fits) == 1 else None


def cluster_names(mentions: Sequence[PersonMention]) -> list[DocEntity]:
    """Name mentions joined by their keys; the most recent compatible entity wins a bare surname."""
    entities: list[DocEntity] = []
    by_start = {m.start: m for m in mentions if m.kind == "name"}
    for m in mentions:
        if m.kind != "name":
            continue
        target = None
        defined = by_start.get(m.acronym_of) if m.acronym_of is not None else None
        if defined is not None and defined.entity >= 0:
            target = entities[defined.entity]  # "Singapore Airlines (SIA)": the article defines the short name
        if target is None:
            target = _fitting(m, entities)
        if target is None:
            _new(entities, m)
        else:
            target.add(m)
    return entities


# ---------------------------------------------------------------------------------------------
# Sieve 2: links the syntax states


def _by_head(mentions: Sequence[PersonMention]) -> dict[int, PersonMention]:
    out = {}
    for m in mentions:
        for i in range(m.start, m.end):
            out.setdefault(i, m)
        out[m.head] = m
    return out


def _syntactic_partner(doc: Doc, m: PersonMention, heads: dict[int, PersonMention]) -> Optional[PersonMention]:
    """The name a description is stated to be: apposition either way, a copula, a compound name after it."""
    head = doc[m.head]
    for c in head.children:
        if c.dep_ in ("appos", "compound") and c.i > head.i and c.i in heads and heads[c.i].kind == "name":
            return heads[c.i]
    if head.dep_ == "appos" and head.head.i in heads and heads[head.head.i].kind == "name":
        return heads[head.head.i]
    for prep in head.children:  # "the Deputy Prime Minister of Kestria Anna Kovalenko": the name closes the phrase;
        # "the ambassador to Britain, Y", "the coordinator for Kestria, Y": the parser hangs Y on the place
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "to", "at", "in"):
            for obj in prep.children:
                named = heads.get(obj.i)
                if prep.lower_ == "of" and obj.dep_ == "pobj" and named is not None and named.type == "PERSON" \
                        and named.end == m.end:
                    return named  # (never "a spokeswoman for Hillary Clinton": the name there is the employer)
                if obj.dep_ == "pobj" and m.type == "PERSON":
                    found = _person_appositive(obj, heads)
                    if found is not None:
                        return found
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i in heads and heads[subj.i].kind == "name":
            return heads[subj.i]
    return None


def _person_appositive(obj, heads: dict[int, PersonMention]) -> Optional[PersonMention]:
    """'the leader of the party, Ana Brisk': a person's name in apposition to the body in the 'of' phrase
    belongs to the role noun (a body has no personal name), whatever the parser attached it to."""
    owner = heads.get(obj.i)
    if owner is not None and owner.type == "PERSON":
        return None
    for c in obj.children:
        named = heads.get(c.i)
        if c.dep_ == "appos" and named is not None and named.kind == "name" and named.type == "PERSON":
            return named
    return None


def link_syntax(doc: Doc, mentions: Sequence[PersonMention], entities: list[DocEntity]) -> None:
    """Descriptions in apposition to, or predicated of, a name join the name's entity and give it a role."""
    heads = _by_head([m for m in mentions if m.kind == "name" and m.entity >= 0])
    for m in mentions:
        if m.kind != "description" or m.entity >= 0:
            continue
        partner = _syntactic_partner(doc, m, heads)
        if partner is not None and partner.entity >= 0 and m.number == entities[partner.entity].number:
            entities[partner.entity].add(m)


# ---------------------------------------------------------------------------------------------
# Sieve 3: descriptions used alone


def _description_fits(doc: Doc, m: PersonMention, ent: DocEntity) -> bool:
    if m.nationality and ent.nationality and not (m.nationality & ent.nationality):
        return False  # "the Russian president" is not the Ukrainian one
    if m.qualifiers and ent.qualifiers and not (m.qualifiers & ent.qualifiers):
        return False  # "the Indiana governor" is not the New Mexico one
    if m.number != ent.number or ent.type == "GPE":
        return False
    head = doc[m.head].lemma_.lower()
    if m.role_head in ent.role_heads:
        return True
    if m.role_head == "leader" and m.nationality & ent.nationality and ent.role_heads & NATIONAL_LEADER_ROLES:
        return True  # "the Norwegian leader" after "the Norwegian prime minister, Jonas Lie"
    if ent.type == "ORG" and any(head in {fold(w) for w in n.split()} for n in ent.names()):
        return True  # "the ministry" after "the Ministry of Defence"
    return False


def _business_of(doc: Doc, m: PersonMention, ent: DocEntity) -> bool:
    """'the company said' after 'Halvorsen Motors is recalling ...': a generic word for a business stands for
    the business the story named as a subject, one whose name says it is a business ("Motors", "Inc.") or
    that was the subject twice; never a government or an agency the story also named."""
    if m.number != "sg" or doc[m.head].lemma_.lower() not in COMPANY_NOUNS or ent.type != "ORG" or not ent.named:
        return False
    words = [{fold(w).rstrip(".") for w in n.split()} for n in ent.names()]
    if any(w & PUBLIC_BODY_WORDS or not w - COMPANY_NAME_WORDS for w in words):
        return False  # a government, an agency, or a bare "LLC"
    subjects = [x for x in ent.mentions if x.subject and x.kind == "name" and x.start < m.start]
    return bool(subjects) and (any(w & COMPANY_NAME_WORDS for w in words) or len(subjects) >= 2)


def link_descriptions(doc: Doc, mentions: Sequence[PersonMention], entities: list[DocEntity]) -> None:
    """A definite description joins the most recent entity whose role or name has its head word."""
    for m in mentions:
        if m.kind != "description" or m.entity >= 0:
            continue
        target = None
        if m.definite:
            for ent in sorted((e for e in entities if e.mentions and e.mentions[0].start < m.start),
                              key=lambda e: max(x.start for x in e.mentions if x.start < m.start), reverse=True):
                if _description_fits(doc, m, ent) or _business_of(doc, m, ent):
                    target = ent
                    break
        if target is None and m.definite and _in_first_line(doc, m):
            target = next((e for e in sorted(entities, key=lambda e: e.mentions[0].start if e.mentions else 0)
                           if e.mentions and e.named and _description_fits(doc, m, e)), None)
        if target is None:
            _new(entities, m)
        else:
            target.add(m)


def _in_first_line(doc: Doc, m: PersonMention) -> bool:
    """A headline names a person by office before the story does ("Mayor says budget is safe"): its description
    looks ahead to the first person the article names in that office."""
    if any("\n" in t.text_with_ws for t in doc[:m.start]):
        return False
    return any("\n" in t.text_with_ws for t in doc[m.start:])
# ---------------------------------------------------------------------------------------------
# Names of entities


def canonical_name(ent: DocEntity) -> str:
    """The fullest name the article gives; for an entity never named, its first description."""
    names = ent.names()
    if not names:
        first = next((m for m in ent.mentions if m.kind == "description"), ent.mentions[0])
        return first.role or first.text
    if ent.type == "ORG":
        proper = [m.name for m in ent.mentions if m.kind == "name" and m.name and not m.described]
        proper += [m.name for m in ent.mentions if m.kind == "name" and m.name and _names_by_a_name(m, proper)]
        if proper:  # "Apple Inc." over "Apple's board of directors"; "Holmsk emergency service" over "Holmsk"
            return max(proper, key=lambda n: (len(n.split()), len(n)))
        formal = next((f for f in (formal_org_name(n) for n in names) if f), None)
        if formal:
            return formal
        return max(names, key=lambda n: (len(n.split()), len(n)))
    clean = [_display_person_name(n) for n in names]
    return max(clean, key=lambda n: (len(n.split()), len(n)))


def _names_by_a_name(m: PersonMention, proper: list[str]) -> bool:
    """A described body whose words take in one of the entity's proper names as a modifier ("the Holmsk emergency
    service" beside "Holmsk") names the body more fully; one described as someone's ("Ukraine's defence ministry")
    or beside a different proper name ("Ministry of Health") does not."""
    name = m.name or ""
    return m.described and not re.search(r"['’]s?(?:\s|$)", name) and any(org_part_of(p, name) for p in proper)


_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def _display_person_name(name: str) -> str:
    """First name and surname: titles in front, middle initials and Jr./Sr. left out ("John D. Podesta" ->
    "John Podesta"); the full written forms stay among the entity's names."""
    words = name.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in TITLE_WORDS:
        words = words[1:]
    while len(words) > 2 and fold(words[-1]).rstrip(",") in _SUFFIXES:
        words = words[:-1]
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w.rstrip(".")) > 1] + [words[-1]]
    return " ".join(words) or name

"""Third-person pronouns to the entity they stand for: agreement first, then salience.

A candidate must agree in gender and number and must have been mentioned
before the pronoun, in its paragraph or the two before it.  Among those, the
one the passage is about wins: the subject of recent sentences, mentioned
often, named, outside quotation marks, rather than merely the nearest name.
An entity mentioned as the object of the pronoun's own verb is not its
antecedent ("Smith praised him").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc

from .clusters import DocEntity
from .mentions import PersonMention

__all__ = ["resolve_pronouns", "pronoun_candidates", "entities_by_sentence", "agrees", "main_clause_subject", "Salience",
           "GUESSED_GENDER_CLASH"]

#: How far back an antecedent may be, in sentences.
WINDOW_SENTENCES = 6
#: What a pronoun of the other gender costs a person whose gender is only guessed from a first name.
GUESSED_GENDER_CLASH = 1.5


def agrees(p: PersonMention, ent: DocEntity) -> bool:
    """Gender, number and animacy agreement of a third-person pronoun with an entity."""
    word = p.text.lower()
    if p.epithet:  # "the Dutchman": a named person, of the epithet's gender where it says one
        return ent.type in ("PERSON", "?") and ent.number == "sg" and ent.named and (
            p.gender is None or ent.gender in (None, p.gender) or not ent.gender_stated)
    if word in ("he", "him", "his", "himself", "she", "her", "hers", "herself"):
        return ent.type in ("PERSON", "?") and ent.number == "sg" and (
            ent.gender in (None, p.gender) or not ent.gender_stated)  # a first-name guess can be wrong
    if word in ("it", "its", "itself"):
        return ent.type in ("ORG", "GPE") and ent.number == "sg"
    if word in ("they", "them", "their", "themselves"):
        return ent.number == "pl" or ent.type in ("ORG", "GROUP") or _unnamed_anyone(ent)
    return False


def _unnamed_anyone(ent: DocEntity) -> bool:
    """A person known only by a role that says no gender ("a health ministry spokesperson"): the singular
    "they" of much news prose may stand for them."""
    return ent.type == "PERSON" and ent.number == "sg" and ent.gender is None and not ent.named


@dataclass(frozen=True)
class Salience:
    """What makes an entity the likely antecedent, from the mentions before a pronoun."""

    sentences_back: int  # 0: the pronoun's own sentence
    subject_recently: bool  # its latest mention was a subject
    mentions_in_window: int
    named: bool
    only_quoted: bool  # every mention in the window is inside quotation marks
    gender_known: bool  # the entity's gender is known and matches the pronoun's
    person_typed: bool  # named and typed as a person (not a name of unknown type)
    same_clause_object: bool  # an argument of the pronoun's own verb
    subject_here: bool = False  # subject earlier in the pronoun's own sentence ("X arrive first, and they say")
    plural_match: bool = False  # "they" for a plural group rather than a body spoken of as "they"
    guessed_gender_clash: bool = False  # "she" for a person whose first name the name list calls male
    singular_they: bool = False  # "they" for one person of unknown gender: rarer than for a group
    last_subject: bool = False  # subject of the sentence just before: where the story's attention is

    def score(self) -> float:
        s = -1.0 * self.sentences_back
        s += 1.5 if self.subject_recently else 0.0
        s += 0.4 * min(self.mentions_in_window, 4)
        s += 0.5 if self.named else 0.0
        s += 0.5 if self.gender_known else 0.0
        s += 0.5 if self.person_typed else 0.0
        s -= 2.0 if self.only_quoted else 0.0
        s -= 4.0 if self.same_clause_object else 0.0
        s += 1.0 if self.subject_here else 0.0
        s += 0.5 if self.plural_match else 0.0
        s -= GUESSED_GENDER_CLASH if self.guessed_gender_clash else 0.0
        s -= 0.5 if self.singular_they else 0.0
        s += 0.8 if self.last_subject and not self.guessed_gender_clash else 0.0
        return s


def main_clause_subject(doc: Doc, m: PersonMention) -> bool:
    """Is the mention the subject of its sentence's main verb (where a story's attention is)?"""
    return m.subject and doc[m.head].head.dep_ == "ROOT"


def _clause_verb(doc: Doc, i: int):
    t = doc[i]
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _salience(doc: Doc, p: PersonMention, ent: DocEntity, sent_of: Sequence[int], quoted_p: bool) -> Optional[Salience]:
    before = sorted((m for m in ent.mentions if m.end <= p.start), key=lambda m: m.start)  # joined out of order
    if not quoted_p and any(not m.quoted for m in before):
        before = [m for m in before if not m.quoted]  # words inside a quote are the speaker's, not the story's
    if not before:
        return None
    back = sent_of[p.start] - sent_of[before[-1].head]
    if back > WINDOW_SENTENCES:
        return None
    window = [m for m in before if sent_of[p.start] - sent_of[m.head] <= WINDOW_SENTENCES]
    verb = _clause_verb(doc, p.head)
    latest = window[-1]
    same_clause_object = back == 0 and _clause_verb(doc, latest.head) is verb and latest.subject and p.text.lower() in (
        "him", "her", "them", "it")
    return Salience(
        sentences_back=back,
        subject_recently=any(m.subject for m in window[-2:]),
        mentions_in_window=len(window),
        named=ent.named,
        only_quoted=not quoted_p and all(m.quoted for m in window),
        gender_known=ent.gender is not None and ent.gender == p.gender,
        guessed_gender_clash=ent.gender is not None and p.gender is not None and ent.gender != p.gender,
        person_typed=ent.type == "PERSON" and ent.named,
        same_clause_object=same_clause_object,
        subject_here=back == 0 and latest.subject and not same_clause_object,
        plural_match=p.number == "pl" and ent.number == "pl",
        singular_they=p.number == "pl" and ent.type == "PERSON" and ent.number == "sg",
        last_subject=back == 1 and main_clause_subject(doc, latest),
    )


def entities_by_sentence(mentions: Sequence[PersonMention], sent_of: Sequence[int]) -> dict[int, set[int]]:
    """Sentence index -> the entities mentioned in it (so a pronoun looks only at its window)."""
    out: dict[int, set[int]] = {}
    for m in mentions:
        if m.entity >= 0:
            out.setdefault(sent_of[m.head], set()).add(m.entity)
    return out


def _near(p: PersonMention, by_sentence: dict[int, set[int]], sent_of: Sequence[int]) -> set[int]:
    here = sent_of[p.head]
    found: set[int] = set()
    for k in range(max(0, here - WINDOW_SENTENCES), here + 1):
        found |= by_sentence.get(k, set())
    return found


def pronoun_candidates(doc: Doc, p: PersonMention, entities: Sequence[DocEntity], sent_of: Sequence[int],
                       by_sentence: Optional[dict[int, set[int]]] = None) -> list[tuple[float, DocEntity]]:
    """Agreeing entities mentioned before ``p``, best first, with their salience scores."""
    pool = entities if by_sentence is None else [entities[k] for k in sorted(_near(p, by_sentence, sent_of))]
    out = []
    for ent in pool:
        if not agrees(p, ent):
            continue
        sal = _salience(doc, p, ent, sent_of, p.quoted)
        if sal is not None:
            out.append((sal.score(), ent))
    out.sort(key=lambda pair: (-pair[0], pair[1].index))
    return out


def resolve_pronouns(doc: Doc, mentions: Sequence[PersonMention], entities: list[DocEntity],
                     sent_of: Sequence[int]) -> None:
    """Each third-person pronoun joins its best candidate; one with none stays unresolved (entity -1)."""
    by_sentence = entities_by_sentence(mentions, sent_of)
    for p in mentions:
        if p.kind != "pronoun" or p.person != 3 or p.entity >= 0:
            continue
        ranked = pronoun_candidates(doc, p, entities, sent_of, by_sentence)
        if ranked:
            ranked[0][1].add(p)
            by_sentence.setdefault(sent_of[p.head], set()).add(p.entity)

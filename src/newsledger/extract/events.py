"""Event mentions: talks, attacks, releases, handovers, captures... with date, place and participants.

A trigger lexicon (over lemmas and lower-case forms, matched on the doc array) finds candidate words; each
trigger is widened to its clause, triggers sharing a clause become one event,
and the clause's time expressions (from the times component), places and
participants (from the entities component) fill the event in.  Whether it
happened or is planned ("is set to take place") and any ordinal ("the first
negotiations", "a second round") are kept so the ledger does not join the
first round of talks with the second.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.strings import hash_string
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from ..lexicon.names import fold, place_key
from ..lexicon.words import (COUNTRY_FORMS, CUSTODY_NOUNS, EVENT_TRIGGERS, HELD_NOUNS, HELD_TYPES, PLURAL_GROUPS,
                             PRONOUNS, ROLE_HEADS, ordinal_value)
from ..records import Entity, Event, Mention, TimeExpr
from ._doc import boilerplate_of, ensure_extensions
from .spans import SpanIndex, char_spans

__all__ = ["EVENT_TRIGGERS", "find_events", "EventFinder"]

_TYPE_ORDER = {t: i for i, t in enumerate(EVENT_TRIGGERS)}
_PLANNED = re.compile(r"\b(?:will|would|is set to|are set to|is due to|are due to|plans? to|planned|is expected to|"
                      r"are expected to|is scheduled|are scheduled|is to|are to|could|may|might|next|upcoming|hope of)\b", re.I)
#: Per event type, the hashes of its trigger words (LEMMA and LOWER hold string hashes).
_POS_LEMMA = np.array([NOUN, VERB, PROPN], dtype=np.uint64)
_POS_LOWER = np.array([NOUN, VERB], dtype=np.uint64)
_TRIGGER_HASHES = [(etype, np.array([hash_string(w) for w in words], dtype=np.uint64))
                   for etype, words in EVENT_TRIGGERS.items()]


def _trigger_matches(doc: Doc) -> list[tuple[str, int, int]]:
    """(type, start, end) of every trigger, in token order: what a Matcher over the
    lexicon's lemmas and lower-case forms (POS noun/verb) would find, vectorised.

    Eighteen single-token patterns in a Matcher cost a pass of Python-level state
    updates per token; three columns of the doc array and ``np.isin`` give the
    same matches in a fraction of the time.
    """
    if not len(doc):
        return []
    arr = doc.to_array([LEMMA, LOWER, POS]).astype(np.uint64, copy=False)
    lemma, lower, pos = arr[:, 0], arr[:, 1], arr[:, 2]
    by_lemma = np.isin(pos, _POS_LEMMA)
    by_lower = np.isin(pos, _POS_LOWER)
    found = []
    for etype, hashes in _TRIGGER_HASHES:
        hit = (by_lemma & np.isin(lemma, hashes)) | (by_lower & np.isin(lower, hashes))
        found.extend((int(i), etype) for i in np.flatnonzero(hit))
    found.sort(key=lambda f: f[0])  # stable: types keep their lexicon order on one token
    return [(etype, i, i + 1) for i, etype in found]


def _head_verb(tok: Token) -> Token:
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head is not head:
        head = head.head
    # "met ... to begin peace talks": an infinitival complement belongs to the clause it completes
    while head.head is not head and (
        head.dep_ == "xcomp"
        or head.dep_ in ("advcl", "acl") and head.tag_ == "VB" and any(c.lower_ == "to" for c in head.children)
    ):
        head = _head_verb(head.head) if head.head.pos_ not in ("VERB", "AUX") else head.head
    return head


def _clause(tok: Token, para: tuple[int, int]) -> Span:
    """The clause around a trigger (its verb's subtree), cut to the trigger's sentence and paragraph."""
    head = _head_verb(tok)
    sent = tok.sent
    doc = tok.doc
    left = max(head.left_edge.i, sent.start)
    right = min(head.right_edge.i + 1, sent.end)
    while left < tok.i and doc[left].idx < para[0]:
        left += 1
    while right > tok.i + 1 and doc[right - 1].idx >= para[1]:
        right -= 1
    while left < right - 1 and (doc[left].pos_ in ("SCONJ", "CCONJ", "PUNCT") or doc[left].lower_ in ("as", "after", "when", "while")):
        left += 1
    while right - 1 > left and doc[right - 1].is_punct:
        right -= 1
    return doc[left:right]


def _ordinal(clause: Span, trigger: Token) -> Optional[int]:
    for t in clause:
        if abs(t.i - trigger.i) <= 5 and ordinal_value(t.lower_) is not None:
            return ordinal_value(t.lower_)
    return None


def find_events(doc: Doc, times: Iterable[TimeExpr] = (), entities: Iterable[Entity] = (),
                boilerplate: Iterable = ()) -> list[Event]:
    """Event mentions of one article, in text order."""
    skip = SpanIndex([b.span for b in boilerplate])
    times = list(times)
    text = doc.text
    mention_owner = [(m.span, e) for e in entities for m in e.mentions]
    by_clause: dict[tuple[int, int], list[tuple[str, Token]]] = {}
    for etype, start, end in _trigger_matches(doc):
        tok = doc[start]
        if skip.overlaps(tok.idx, tok.idx + len(tok)):
            continue
        if tok.lemma_ == "hand" and not any(c.lower_ == "over" for c in tok.children):
            continue  # "hand" is a handover only in "hand over"
        if tok.dep_ == "amod" or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.i < len(doc) - 1
                                  and doc[tok.i + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
            continue  # "captured Russian troops": a description, not an event
        if tok.lemma_ == "meet" and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            continue  # "they have been met with resistance"
        if tok.lemma_ in ("free", "return") and tok.pos_ != "VERB":
            continue
        if etype in HELD_TYPES and not releases_people(tok):
            continue  # "released his tax returns", "the hold was released", "a stock exchange"
        para = (text.rfind("\n", 0, tok.idx) + 1, (text.find("\n", tok.idx) + 1 or len(text) + 1) - 1)
        clause = _clause(tok, para)
        key = (clause.start, clause.end)
        if all(t.i != tok.i for _, t in by_clause.get(key, [])):
            by_clause.setdefault(key, []).append((etype, tok))
    events: list[Event] = []
    for (cs, ce), triggers in sorted(by_clause.items()):
        clause = doc[cs:ce]
        etype, trigger = min(triggers, key=lambda p: (_TYPE_ORDER[p[0]], p[1].i))
        c0, c1 = clause.start_char, clause.end_char
        in_clause = [t for t in times if c0 <= t.span[0] and t.span[1] <= c1]
        dated = [t for t in in_clause if t.value and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value[:10]) and t.type in ("DATE", "TIME")]
        participants = _participants(clause, mention_owner)
        place = _place(clause, mention_owner)
        verb = _head_verb(trigger)
        window = doc[clause.start:max(verb.i + 3, trigger.i + 1)].text
        events.append(Event(
            id="", text=clause.text, span=(c0, c1), type=etype,
            trigger=Mention(text=trigger.text, span=(trigger.idx, trigger.idx + len(trigger))),
            date=dated[0].value[:10] if dated else None,
            place=place, participants=participants,
            ordinal=_ordinal(clause, trigger),
            modality="planned" if _PLANNED.search(window) or _future(verb) else "happened",
            time=dated[0].id if dated else None,
        ))
    for i, e in enumerate(events, 1):
        e.id = f"v{i}"
    return events


def _patients(tok: Token) -> list[Token]:
    """What a release trigger is of: a verb's object or passive subject (or, for a participle modifying a noun,
    that noun), a noun's compound, possessor or 'of' object; coordinated ones too."""
    if tok.pos_ in ("VERB", "AUX"):
        found = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
            found.append(tok.head)
    else:
        found = [c for c in tok.children if c.dep_ in ("compound", "poss")]
        found += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return found + [c for t in found for c in t.children if c.dep_ == "conj"]


def _held(tok: Token) -> bool:
    """A person, people or a pronoun for them: what can be released, freed, exchanged or pardoned."""
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    if tok.pos_ == "PRON":
        info = PRONOUNS.get(tok.lower_)
        return bool(info) and info[1] != "n" and tok.lower_ not in ("it", "its")
    lemma = tok.lemma_.lower()
    return lemma in HELD_NOUNS or lemma in ROLE_HEADS or tok.lower_ in PLURAL_GROUPS or (
        tok.pos_ == "NUM" and tok.dep_ in ("dobj", "nsubjpass"))  # "released two", "three were freed"


def releases_people(tok: Token) -> bool:
    """Whether a release trigger is, by the parse, a release of people: its object (or what was released) is a
    person or people, or it is a release from custody.  A person releasing a document, a hold being released, a
    stock exchange or an exchange of fire is not."""
    if any(_held(p) for p in _patients(tok)):
        return True
    return tok.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ == "from" and any(g.lemma_.lower() in CUSTODY_NOUNS for g in c.children)
        for c in tok.children)


def _future(verb: Token) -> bool:
    return any(c.lower_ in ("will", "'ll", "shall") and c.dep_ == "aux" for c in verb.children)


_BORDER = re.compile(r"border (?:of|between) (?P<a>[A-Z][\w’'-]+) and (?P<b>[A-Z][\w’'-]+)|"
                     r"(?P<c>[A-Z][\w-]+)[-–](?P<d>[A-Z][\w-]+) border")


def _place(clause: Span, mention_owner) -> Optional[str]:
    """Where: "the border of Kestria and Orvalia" -> "Kestria-Orvalia border", else the first place after in/at/near."""
    m = _BORDER.search(clause.text)
    if m:
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        return f"{a}-{b} border"
    doc = clause.doc
    for (s, e), ent in mention_owner:
        if clause.start_char <= s and e <= clause.end_char and ent.type in ("GPE", "LOC", "FAC"):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and span.root.head.lower_ in ("in", "at", "near", "outside", "inside", "from"):
                return ent.name
    return None


def _participants(clause: Span, mention_owner) -> list[str]:
    """Named people, organisations and countries in the clause; nationality words count as their country."""
    found: list[tuple[int, str]] = []
    for (s, e), ent in mention_owner:
        if clause.start_char <= s and e <= clause.end_char and ent.type in ("PERSON", "ORG", "GPE"):
            found.append((s, ent.name))
    for ent in clause.ents:
        if ent.label_ == "NORP":
            key = COUNTRY_FORMS.get(fold(ent.text))
            if key:
                name = next((n for (_, _), owner in mention_owner for n in [owner.name]
                             if owner.type == "GPE" and place_key(owner.name) == key), key.capitalize() if len(key) > 3 else key.upper())
                found.append((ent.start_char, name))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out


class EventFinder:
    def __init__(self, name: str = "newsledger_events"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        events = find_events(doc, doc._.nl_times or [], doc._.nl_entities or [], boilerplate_of(doc))
        doc._.nl_events = events
        doc.spans["events"] = char_spans(doc, events, label=lambda e: e.type)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_events_v1",
    assigns=["doc._.nl_events", "doc.spans"],
    requires=["token.lemma", "token.pos", "token.dep", "doc.sents"],
    retokenizes=False,
)
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder(name)

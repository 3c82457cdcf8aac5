"""What a cue reports, read off the parse as a token range: the clause of "said that ...", the
object and infinitive of "urged X to ...", the topic of "warned of ...", the infinitive of
"vowed to ...", or the clause an "according to X" attaches to."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ...lexicon.words import (
    ACCUSATION_PREPS, INTENT_VERBS, REQUEST_VERBS, ROLE_HEADS, SPEECH_VERBS, TOPIC_PREPS, TOPIC_VERBS,
)
from ..cues import CueHit

__all__ = ["complement", "CALL_VERBS", "PRONOUN_WORDS"]

#: Verbs whose content follows "for" or "on": "called for a recount", "pressed the board to act".
CALL_VERBS = ("call", "appeal", "push", "press")

#: Words that only point at content said elsewhere: "pointed it out" reports nothing of its own.
PRONOUN_WORDS = frozenset("it this that these those them him her me us you what which who whom".split())

TokenRange = tuple[int, int]


def complement(doc: Doc, hit: CueHit) -> Optional[TokenRange]:
    """Token range [s, e) of the reported content of a cue, or None."""
    head = doc[hit.head]
    if hit.kind == "according":
        return _according_clause(doc, hit, head)
    if hit.kind == "phrase":
        return None
    comps = [c for c in head.children if c.dep_ == "ccomp"]
    if head.lemma_ in CALL_VERBS:
        called = _called_for(head)
        if called is not None:
            return called
    if hit.kind == "request" or head.lemma_ in REQUEST_VERBS:
        asked = _asked_to(head)
        if asked is not None:
            return asked
        comps = [c for c in comps if c.i > head.i]
    if hit.kind == "intent" and not any(c.i > head.i for c in comps):
        comps = []
    if not comps and head.lemma_ in ACCUSATION_PREPS:
        return _accused_of(head)
    if not comps:
        return _content_without_clause(hit, head)
    return _clause(head, comps)


def _according_clause(doc: Doc, hit: CueHit, head: Token) -> Optional[TokenRange]:
    """'According to the survey, sales rose': the clause on the far side of the "according to" phrase."""
    acc = doc[hit.start]
    clause = acc.head
    if clause is acc or (clause.lemma_ in SPEECH_VERBS and (
            acc.i > clause.i or any(c.dep_ == "ccomp" for c in clause.children))):
        return None  # "..., he said, according to a translation", "According to the paper, X said that ...": who
        # relayed the words; X's quote is the claim
    while clause.dep_ in ("aux", "auxpass") and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ in ("NOUN", "PROPN") and clause.dep_ in ("appos", "npadvmod") and acc.i > clause.i \
            and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "7.6 million are waiting, the highest number yet, according to X": X's is the whole
    ps, pe = acc.left_edge.i, head.right_edge.i + 1
    source = next((c for c in head.children if c.dep_ == "pobj"), head)
    appos = next((c for c in source.children if c.dep_ == "appos" and c.i > source.i), None)
    if appos is not None and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        pe = appos.left_edge.i  # "According to X, the summer minimum was ...": the parser hung the subject on X
    cs, ce = clause.left_edge.i, clause.right_edge.i + 1
    if ps <= cs + 1:
        s, e = pe, ce
    elif pe >= ce - 2:
        s, e = cs, ps
    else:
        return None  # in mid-clause: the pieces either side are quotes of their own (see reported.py)
    return (s, e) if e > s else None


def _called_for(head: Token) -> Optional[TokenRange]:
    """'called for a recount', 'called on the board to resign': what was called for."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == head.i + 1:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            end = pobj.right_edge.i + 1
            x = next((g for g in list(head.children) + list(pobj.children)
                      if g.dep_ in ("xcomp", "acl") and g.i > pobj.i), None)
            if c.lower_ == "on" and x is None:
                continue
            if x is not None:
                end = max(end, x.right_edge.i + 1)
            return pobj.left_edge.i, end
    return None


def _accused_of(head: Token) -> Optional[TokenRange]:
    """'accused the rebels of shelling the port': the one accused and the charge."""
    obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.i > head.i), None)
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == ACCUSATION_PREPS[head.lemma_]), None)
    if obj is None or prep is None or prep.i < obj.i:
        return None
    return obj.left_edge.i, prep.right_edge.i + 1


def _asked_to(head: Token) -> Optional[TokenRange]:
    """'urged the council to wait': the one asked and what they were asked to do."""
    obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
    x = next((c for c in head.children if c.dep_ == "xcomp" and c.i > head.i), None)
    if obj is not None and x is not None and any(t.lower_ == "to" for t in x.children):
        return obj.left_edge.i, x.right_edge.i + 1
    return None


def _content_without_clause(hit: CueHit, head: Token) -> Optional[TokenRange]:
    """A cue with no clause after it reports a topic ('warned of delays'), a cited object, or an intention."""
    if head.lemma_ in TOPIC_PREPS and head.dep_ != "relcl":
        topic = _topic_object(head)
        if topic is not None:
            return topic
        if hit.kind == "topic":
            return None
    if hit.kind == "speech" and _gerund_content(head) is not None:
        return _gerund_content(head)
    if (hit.kind == "topic" or head.lemma_ in TOPIC_VERBS) and head.dep_ != "relcl" and _has_own_subject(head):
        return _cited_object(head)
    if head.lemma_ in INTENT_VERBS:
        return _intended_action(head)
    return None


def _gerund_content(head: Token) -> Optional[TokenRange]:
    """'denied polluting the river', 'admitted taking the money': the -ing clause is what was said."""
    ing = next((c for c in head.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and c.i > head.i), None)
    return (ing.left_edge.i, ing.right_edge.i + 1) if ing is not None else None


def _topic_object(head: Token) -> Optional[TokenRange]:
    """'pointed out the flaw', 'warned against haste': the object of the verb's own particle or preposition."""
    preps = TOPIC_PREPS[head.lemma_]
    for c in head.children:
        if c.i <= head.i or c.i > head.i + 3 or c.lower_ not in preps:
            continue
        if c.dep_ == "prt":  # "pointed out that ...", "pointed out the flaw"
            obj = next((g for g in head.children if g.dep_ in ("ccomp", "dobj") and g.i > c.i), None)
        elif c.dep_ == "prep":
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        else:
            continue
        if obj is not None and obj.lower_ not in PRONOUN_WORDS:
            return obj.left_edge.i, obj.right_edge.i + 1
    return None


def _has_own_subject(head: Token) -> bool:
    """A source of its own: "the coach cited ..." has one; "defending the plan", borrowing one, is an activity."""
    return any(c.dep_ == "nsubj" for c in head.children) or (
        head.dep_ == "conj" and head.tag_ != "VBG" and any(c.dep_ == "nsubj" for c in head.head.children)
    )


def _cited_object(head: Token) -> Optional[TokenRange]:
    """'cited the low turnout as a warning': the noun object, with its "as" phrase, is the content."""
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i > head.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lower_ in PRONOUN_WORDS:
        return None
    e = obj.right_edge.i + 1
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "as" and c.i >= e:
            e = c.right_edge.i + 1
    reason = [t for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "over") for t in c.subtree]
    if e == obj.right_edge.i + 1 and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in ROLE_HEADS) and \
            not any(t.pos_ in ("VERB", "AUX") for t in [*obj.subtree, *reason]):
        return None  # "questioned the bank chief": a person is no content put forward ("criticized X for failing
        # to ..." is: it says what X did)
    return obj.left_edge.i, e


def _intended_action(head: Token) -> Optional[TokenRange]:
    """'vowed to rebuild the pier', 'wants the board to act': the infinitive (with its object) is the content."""
    x = next((c for c in head.children if c.dep_ == "xcomp" and c.i > head.i
              and any(t.lower_ == "to" and t.dep_ == "aux" for t in c.children)), None)
    if x is None:
        return None
    obj = next((c for c in head.children if c.dep_ in ("dobj", "dative") and c.i < x.i), None)
    return (obj.left_edge.i if obj is not None else x.left_edge.i), x.right_edge.i + 1


def _clause(head: Token, comps: list[Token]) -> Optional[TokenRange]:
    """'said the plan would fail': the clausal complement, cut at the cue when it comes before or inside it."""
    right = [c for c in comps if c.i > head.i]
    comp = right[0] if right else comps[-1]
    if comp.pos_ not in ("VERB", "AUX") and not any(t.dep_ in ("nsubj", "nsubjpass") for t in comp.children):
        return None
    s, e = comp.left_edge.i, comp.right_edge.i + 1
    if comp.i < head.i:
        e = min(e, head.i)
    elif s <= head.i:  # "which the report says the firm paid": a fronted relative word is not the content
        s = head.i + 1
    elif s > head.i + 1:
        s = _stranded_subject(comp, s, head.i)
    return s, e


def _stranded_subject(comp: Token, s: int, cue: int) -> int:
    """'pointing to figures showing the median wait had risen': a clause with no subject of its own right after
    a noun phrase the parser gave to another verb; that noun phrase is its subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children) or comp.doc[s].dep_ not in (
            "aux", "auxpass") or comp.doc[s].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return s
    noun = comp.doc[s - 1]
    if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ in ("dobj", "pobj") and noun.left_edge.i > cue:
        return noun.left_edge.i
    return s

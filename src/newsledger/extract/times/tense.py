"""Tense and aspect of the clause an expression belongs to: past, present, future or unknown.

With a parsed Doc the clause is the verb the expression hangs from (through
prepositions and nouns), so a past-tense reporting verb does not decide for the
clause it governs: in "she said the ferry will sail on Monday" the Monday belongs
to "sail", which is future.  Without a parse the nearest tense marker in the
sentence decides.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from ...lexicon.words import UNCHANGED_PAST_VERBS

__all__ = ["tense_from_doc", "tense_from_text", "governing_lemma", "DEADLINE_VERBS", "PAST", "PRESENT", "FUTURE", "PERFECT",
           "NEAREST"]

PAST, PRESENT, FUTURE, PERFECT, OPEN = "past", "present", "future", "perfect", "open"
#: Not a tense: the candidate nearest the reference, whichever side ("Friday's vote", a past plan).
NEAREST = "nearest"

_MODALS_FUTURE = {"will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d"}
#: Modals of what is still to happen ("should be completed in October", "may meet on Friday").
_MODALS_AHEAD = {"may", "might", "should", "must"}
#: Modals that say nothing of when ("could not be found on Tuesday").
_MODALS_OPEN = {"could", "can", "ca"}
#: Words before a noun that make its infinitival relative tell what happened ("the first ship to dock").
_ACTUAL_RELATIVE = {"first", "last", "only", "second", "third", "latest"}
_PLAN_LEMMAS = {"set", "due", "schedule", "expect", "plan", "intend", "aim", "prepare", "hope", "propose", "slate",
                "seek", "want", "agree", "decide", "promise", "vow", "pledge", "threaten", "scheduled", "likely"}


def _governing_verb(doc: Doc, start: int, end: int) -> tuple[Optional[Token], Optional[Token]]:
    """The verb an expression hangs from, and the child of that verb the path came through."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    tok, child = span.root, None
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            return tok, child
        if tok.head is tok:
            return None, None
        tok, child = tok.head, tok
    return None, None


def _modal_tense(words: set[str]) -> Optional[str]:
    """What a modal says of when: "will" the future; "should", "may", "must" a time still ahead; with
    "have" ("may have fled on Monday") the past; "could", "can" nothing."""
    if "have" in words:
        return FUTURE if words & {"will", "shall", "'ll", "’ll"} else PAST
    if words & (_MODALS_FUTURE | _MODALS_AHEAD):
        return FUTURE
    return OPEN


def _actual_relative(tok: Token) -> Optional[Token]:
    """The noun an infinitive follows when "first", "last", "only" or a superlative make it tell what
    happened ("the first ship to dock on Friday"), else None."""
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0:
        return None
    noun = tok.doc[to.i - 1]
    if noun.pos_ in ("NOUN", "PROPN", "NUM") and any(c.lower_ in _ACTUAL_RELATIVE or c.tag_ == "JJS"
                                                     for c in noun.children if c.dep_ in ("amod", "advmod")):
        return noun
    return None


def _infinitive_tense(tok: Token, depth: int) -> Optional[str]:
    """An infinitive takes its time from what it complements: a plan looks ahead ("plans to reopen in
    March"), an infinitival relative after "first", "last" or "only" tells what happened ("the first
    ship to dock on Friday" was ...: the tense of that clause), other relatives look ahead ("rules to
    be published in May")."""
    if any(c.lemma_ == "have" for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return PAST  # "to have left on Monday"
    head = tok.head
    if head is tok or depth >= 4:
        return FUTURE
    noun = _actual_relative(tok)
    if noun is not None:
        clause = head if head.pos_ in ("VERB", "AUX") else noun.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause and depth < 4:
            clause, depth = clause.head, depth + 1
        return _verb_tense(clause, depth + 1) if clause.pos_ in ("VERB", "AUX") and clause is not tok else None
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        if head.lemma_ in _PLAN_LEMMAS or (head.lemma_ == "be" and head.dep_ == "ROOT"):
            verb = head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" else head
            if any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass")):
                return PAST  # "had been scheduled (due) to expire on Friday": a plan of the past
            return FUTURE  # "plans to reopen in March", "is to resume on Tuesday"
        return _verb_tense(head, depth + 1)
    return FUTURE


def _past_as_base(tok: Token, auxes: list[Token]) -> bool:
    """A bare verb form tagged present that news reads as past: one whose past is spelt the same
    ("imports hurt the mill on Tuesday"), or any beside a singular noun subject, where the present
    would take an -s ("the storm cut power on Friday")."""
    if tok.tag_ != "VBP" or auxes or tok.lower_ != tok.lemma_.lower():
        return False
    if tok.lower_ in UNCHANGED_PAST_VERBS:
        return True
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.tag_ in ("NN", "NNP") and not any(
        c.dep_ == "conj" for c in subject.children)


def _verb_tense(tok: Token, depth: int = 0) -> Optional[str]:
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & (_MODALS_FUTURE | _MODALS_OPEN | _MODALS_AHEAD):
        tense = _modal_tense(words)
        return None if tense == OPEN else tense
    if any(c.lower_ == "going" for c in auxes) or (tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children)):
        return FUTURE
    if tok.tag_ in ("VB", "VBN") and any(c.lower_ == "to" and c.dep_ == "aux" for c in auxes):
        return _infinitive_tense(tok, depth)  # "to reopen", "to be published"
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) or _past_as_base(tok, auxes):
        return PAST
    if tok.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
        return PERFECT  # "has risen since March": the past, up to now
    if tok.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return PRESENT
    if tok.tag_ == "VBN" and (tok.dep_ in ("acl", "amod") or (tok.dep_ in ("advcl", "relcl") and not auxes)):
        return PAST  # "the accord signed on Monday", "the ruling, announced Wednesday by the court"
    if tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "advcl", "acl"):
        return _verb_tense(tok.head, depth + 1) if tok.head is not tok and tok.head.pos_ in ("VERB", "AUX") \
            and depth < 4 else None
    return None


#: Verbs that move a deadline: "extended the offer until Friday" looks ahead though told in the past.
DEADLINE_VERBS = {"extend", "postpone", "delay", "defer", "adjourn", "give", "set", "suspend", "reschedule", "push",
                  "move", "grant", "allow", "halt", "freeze"}


def governing_lemma(doc: Doc, start: int, end: int) -> Optional[str]:
    verb, _ = _governing_verb(doc, start, end)
    return verb.lemma_.lower() if verb is not None else None


#: Verbs of fixing a time for something: a time after their object is the thing's ("scheduled a hearing Thursday").
_SCHEDULE_LEMMAS = {"plan", "schedule", "slate", "arrange"}


def _planned(verb: Token, child: Token) -> bool:
    """Is the expression the time of what ``verb`` plans, reached through ``child``?"""
    if child.dep_ in ("dobj", "xcomp", "ccomp"):
        return True
    if child.dep_ == "prep" and child.lower_ == "for":
        return True  # "was planned for March", "set for Tuesday"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod") and child.dep_ in ("prep", "npadvmod") \
            and verb.lemma_ in _SCHEDULE_LEMMAS | {"expect", "propose"}:
        return True  # "the verdict, expected Friday", "a vote scheduled on Monday"
    return verb.lemma_ in _SCHEDULE_LEMMAS and child.dep_ in ("prep", "npadvmod") \
        and any(c.dep_ == "dobj" and c.i < child.i for c in verb.children)


def tense_from_doc(doc: Doc, start: int, end: int) -> Optional[str]:
    """The tense of the verb the expression at ``[start, end)`` hangs from, or None."""
    verb, child = _governing_verb(doc, start, end)
    if verb is None:
        return None
    if verb.lemma_ in _PLAN_LEMMAS and child is not None and _planned(verb, child):
        # "plans a rally on Saturday", "was planned for March": the time of what is planned, ahead of a
        # plan made now; of one made in the past ("a service planned for Saturday was cancelled"), near it
        return NEAREST if _verb_tense(verb) == PAST else FUTURE
    tense = _verb_tense(verb)
    if tense is None and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        tense = _verb_tense(verb.head)
    return tense


_FUTURE_RE = re.compile(
    r"(?i)\b(?:will|shall|'ll|’ll|would|going\s+to|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|planned|slated)"
    r"\s+to|plans?\s+to|planning\s+to|intends?\s+to|to\s+be\s+held|upcoming|next)\b")
_PAST_RE = re.compile(
    r"(?i)\b(?:was|were|had|did|said|told|announced|\w{3,}ed|met|went|came|took|gave|made|began|rose|fell|won|lost|left"
    r"|held|sold|bought|saw|spoke|wrote|ran|hit|cut|shut|set|ago|yesterday|last)\b")


def tense_from_text(sentence: str, pos: int) -> str:
    """'future', 'past' or 'present' from the marker of a sentence nearest to ``pos``."""
    if _FUTURE_RE.search(sentence[max(0, pos - 40):pos]):
        return FUTURE
    best = None
    for rx, label in ((_FUTURE_RE, FUTURE), (_PAST_RE, PAST)):
        for m in rx.finditer(sentence):
            dist = min(abs(m.start() - pos), abs(m.end() - pos))
            if best is None or dist < best[0] or (dist == best[0] and label == FUTURE):
                best = (dist, label)
    return best[1] if best else PRESENT

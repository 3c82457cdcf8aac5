"""Is a stretch of text an assertion of fact?  Opinions, appeals, predictions, questions and
assessments are not, whatever their topic.

:func:`not_an_assertion` reads the parse of a clause and returns why it is no claim (a
short reason, for tests and debugging) or None when it asserts a fact:

- a question, an exclamation, or no finite verb ("the role of the UN"; except the act
  someone is accused of: "accused Russia of shelling the port");
- a prediction or possibility (a modal, "is expected to", "plans to"), except a stated
  estimate of a figure ("is estimated to rise by 2 million");
- a stance, wish or appeal ("I think", "we want", "more effort is needed", an imperative);
- an assessment: a copula with a judging adjective or noun ("was unconscionable",
  "is quite an indictment", "one of the most important"), a degree adverb ("know perfectly
  well"), a definition ("a chemical weapon is a substance ...").

A state ("the bridge is closed", "were detained"), a comparison ("is becoming more
frequent") or an identity ("the missile was the AGM-88") is a fact.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...lexicon.words import (
    ACCUSE_VERBS, DECISION_WORDS, DEGREE_ADVERBS, EVIDENCE_VERBS, EXPERIENCE_VERBS, FEELING_ADJECTIVES, KNOWING_VERBS,
    MODAL_WORDS, PREDICTION_PATTERNS, REQUEST_VERBS, SPEECH_VERBS, STANCE_VERBS, STATE_ADJECTIVES,
)
from .edges import text_of

__all__ = ["not_an_assertion", "is_prediction"]

_COPULAS = {"be", "become", "seem", "remain", "look", "sound", "appear", "feel", "get"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_PREDICTION_RE = re.compile(r"(?i)\b(?:" + "|".join(PREDICTION_PATTERNS) + r")\b")
_ESTIMATE_RE = re.compile(r"(?i)\b(?:is|are|was|were|be)\s+(?:\w+ly\s+|also\s+|now\s+|still\s+)?"
                          r"(?:estimated|expected|projected|forecast|predicted)\s+to\b")
_RELATIONAL = re.compile(r"(?:al|ic|ical|ary|ian|an|ese|ish|ist|ern)$")


def _clause_roots(span: SpacySpan) -> list[Token]:
    """The tokens of the span whose head lies outside it (or that are their own head)."""
    return [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]


def _main_verb(span: SpacySpan) -> Optional[Token]:
    roots = _clause_roots(span)
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")] or [t for t in span if t.tag_ in _FINITE]
    return verbs[0] if verbs else (roots[0] if roots else None)


def _modal(verb: Token) -> Optional[str]:
    """'will', 'would', 'could' ... on the verb (a negated 'could' reports a fact: 'could not reach')."""
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_WORDS:
            negated = any(n.dep_ == "neg" for n in verb.children)
            if c.lower_ in ("could", "ca", "can") and negated:
                continue
            return c.lower_
        if c.lower_ == "going" and any(g.lower_ == "to" for g in c.children):
            return "going to"
    return verb.lower_ if verb.lower_ in MODAL_WORDS and verb.tag_ == "MD" else None


def is_prediction(span: SpacySpan, figure: bool = False) -> bool:
    """A modal or 'is expected to' on the main verb; a stated estimate of a figure is not a prediction."""
    verb = _main_verb(span)
    chain = [verb] if verb is not None else []
    while chain and chain[-1].head.i != chain[-1].i and (chain[-1].dep_ == "xcomp" or (
            chain[-1].dep_ == "conj" and chain[-1].tag_ not in _FINITE
            and not any(c.dep_ in ("aux", "auxpass") for c in chain[-1].children))):
        chain.append(chain[-1].head)  # "will arrive and stay": the modal covers both verbs
    if any(_modal(v) for v in chain if v is not None):
        return True
    text = span.text
    if figure and _ESTIMATE_RE.search(text):
        return False
    head_text = text[:verb.idx - span.start_char + len(verb.text) + 30] if verb is not None else text
    return bool(_PREDICTION_RE.search(head_text))


def _judging_adjective(adj: Token) -> bool:
    if adj.lemma_.lower() in STATE_ADJECTIVES or adj.tag_ in ("VBN", "JJR", "RBR") or adj.like_num \
            or adj.lower_.endswith("ed"):
        return False  # a state or a participle ("closed", "isolated"), not a judgement
    if any(c.lower_ == "more" or c.tag_ == "RBR" for c in adj.children) and \
            not any(c.lower_ in DEGREE_ADVERBS for c in adj.children):
        return False  # a comparison can be checked
    return True


def _judging_noun(noun: Token) -> bool:
    """A noun phrase that judges: a superlative, a degree adverb, or a qualitative adjective."""
    for t in noun.subtree:
        if t.lower_ in DEGREE_ADVERBS or t.tag_ in ("JJS", "RBS") or t.lower_ == "most":
            return True
        if t.dep_ == "amod" and t.head.i == noun.i and t.pos_ == "ADJ" and not t.text[:1].isupper() \
                and not _RELATIONAL.search(t.lower_) and _judging_adjective(t):
            return True
    return False


def _assessment(verb: Token) -> Optional[str]:
    if verb.lower_ in FEELING_ADJECTIVES and any(c.lemma_ == "be" for c in verb.children if c.dep_ in ("auxpass", "aux")):
        return "a feeling ('was disappointed')"  # parsed as a passive
    if any(t.lower_ in DEGREE_ADVERBS for c in verb.children if c.dep_ == "advmod" for t in c.subtree):
        return "judgement (degree adverb)"
    if verb.lemma_.lower() in SPEECH_VERBS | EVIDENCE_VERBS:
        inner = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if inner is not None:  # "these figures show that some are far too quick": judge what is shown
            return _assessment(inner)
    if verb.lemma_ not in _COPULAS:
        return "judgement (adjective)" if verb.pos_ == "ADJ" and _judging_adjective(verb) else None
    if any(c.dep_ == "expl" for c in verb.children):  # "there are glaring failures"
        theme = next((c for c in verb.children if c.dep_ in ("attr", "nsubj") and c.pos_ == "NOUN"), None)
        return "judgement (noun phrase)" if theme is not None and _judging_noun(theme) else None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    comp = next((c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")), None)
    if comp is None:
        return None
    if subj is not None and subj.lower_ in ("this", "that", "it", "these", "those") and not comp.like_num:
        return "comment on what was said ('this is ...')"
    if subj is not None and any(c.lower_ in ("a", "an") for c in subj.children if c.dep_ == "det") \
            and comp.pos_ == "NOUN":
        return "definition"
    if comp.lemma_.lower() in FEELING_ADJECTIVES or comp.lower_ in FEELING_ADJECTIVES:
        return "a feeling ('was disappointed')"
    if comp.pos_ == "ADJ" and _judging_adjective(comp):
        return "judgement (adjective)"
    if comp.pos_ in ("NOUN", "PRON", "NUM") and _judging_noun(comp):
        return "judgement (noun phrase)"
    if subj is not None and subj.pos_ == "NOUN" and _judging_noun(subj) and not comp.like_num:
        return "judgement (its subject: 'the worst thing is ...')"
    return None


def _stance(verb: Token) -> Optional[str]:
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if lemma in STANCE_VERBS and not (passive and lemma in ("expect", "estimate", "forecast", "project")):
        return "stance or wish"  # "is expected to cost $1bn" is an estimate, not the speaker's stance
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    first = any(c.lower_ in ("i", "we") for c in subj)
    if lemma in REQUEST_VERBS and (first or any(c.lower_ == "you" for c in subj)):
        return "appeal"
    if first and verb.tag_ in ("VBP", "VBZ") and (lemma in EXPERIENCE_VERBS or lemma in _COPULAS):
        return "the speaker's own view or experience"
    return None


def _simple_present(verb: Token) -> bool:
    return verb.tag_ in ("VBP", "VBZ") or (verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ in ("do", "does", "don't", "doesn't") for c in verb.children))


def _not_a_report(span: SpacySpan, verb: Token, cue: Optional[str]) -> Optional[str]:
    """Announcements, generic statements and indirect questions (never said of a stated figure)."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if verb.lemma_.lower() in DECISION_WORDS or any(c.lemma_.lower() in DECISION_WORDS for c in subj):
        return "announcement of a decision"
    if span[0].tag_ in ("WDT", "WP", "WRB") and span[0].i == span.start:
        return "indirect question"
    if verb.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and (cue or "") not in ACCUSE_VERBS:
        return "no clause (a noun phrase)"
    if _simple_present(verb) and any(c.lower_ in ("i", "we", "this", "that", "it") for c in subj):
        return "the speaker's own view, or a comment ('this affects ...')"
    if span[0].lower_ in ("every", "each", "any") and any(t.tag_ in ("VBZ", "VBP") for t in span):
        return "generic statement"
    if any(c.lower_ == "you" for c in subj):
        return "said to the listener, or of anyone ('you can't blame them')"
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if any(c.dep_ in ("ccomp", "dobj") and c.i > v.i and c.left_edge.tag_ in ("WP", "WRB") for v in verbs
           if v.lemma_.lower() in SPEECH_VERBS | EVIDENCE_VERBS | KNOWING_VERBS or v.lemma_ in _COPULAS
           for c in v.children):  # "asked how", "it is up to them how"; not "changed how waits are counted"
        return "indirect question"
    if verb.tag_ == "VB" and not subj and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "appeal (imperative)"
    return None


def not_an_assertion(doc: Doc, s: int, e: int, cue: Optional[str] = None, figure: bool = False,
                     hedged: bool = False) -> Optional[str]:
    """Why text[s:e] asserts no fact, or None when it does.  ``cue`` is the lemma of the reporting
    verb that introduced it; ``figure`` relaxes the tests that do not apply to a stated figure;
    ``hedged``: the clause is hearsay ("is believed to ..."), whose hedge is no stance."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) < 2:
        return "too short"
    text = text_of(doc)[s:e].rstrip("\"”’' ")
    if text.endswith("?"):
        return "question"
    if text.endswith("!") and not figure:
        return "exclamation"
    verb = _main_verb(span)
    if verb is not None and verb.tag_ == "VB" and verb.i == span.start and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in verb.children):
        return "appeal (imperative)"
    finite = any(t.tag_ in _FINITE for t in span) or any(t.tag_ == "VBN" and t.dep_ in ("ROOT", "ccomp", "conj")
                                                             and t.head.i < span.start for t in span)
    if not finite and not figure and (cue or "") not in ACCUSE_VERBS:
        return "no finite verb"
    if verb is None:
        return None if figure else "no verb"
    if is_prediction(span, figure):
        return "prediction"
    if hedged:
        return None
    reason = _stance(verb)
    if reason:
        return reason
    if figure:
        return None
    judged = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_ in _COPULAS and _assessment(c)]
    return _assessment(verb) or ("judgement (in a subordinate clause)" if judged else None) or \
        _not_a_report(span, verb, cue)

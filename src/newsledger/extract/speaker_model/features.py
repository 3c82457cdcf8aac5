"""Features of a (quote, candidate source) pair, from the parse, the cue, position and distance,
paragraph structure, quote continuation, salience and the vote of the rules.

:data:`FEATURES` fixes the order of the columns the shipped model was trained
on; :func:`featurize` fills one row per candidate.  Every feature is a small
pure function of the Doc, so training and inference compute the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
from spacy.tokens import Doc, Token

from ...lexicon.words import (
    DOCUMENT_NOUNS, GROUP_NOUNS, NEVER_SPEAKERS, ORG_WORDS, PRONOUNS, QUANTIFIER_SOURCES, ROLE_HEADS, SPEECH_VERBS,
)
from ...records import Quote
from ..people import People
from ..speakers import subject_of
from .candidates import Candidate, QuoteSite

__all__ = ["FEATURES", "QuoteContext", "featurize"]

_DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "poss", "appos", "conj", "attr", "compound", "ROOT")
_CUE_KINDS = ("speech", "according", "request", "other", "none")
_ENT_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_KINDS = ("name", "description", "pronoun")

FEATURES: tuple[str, ...] = (
    "null", "previous", "rule_vote", "rule_none",
    "cue_subject", "cue_agent_or_according", "inside_source_phrase", "subject_of_other_speech_verb",
    "subject_of_any_verb",
    *(f"dep_{d}" for d in _DEPS),
    "tokens_to_cue", "abs_tokens_to_cue", "same_sentence_as_cue", "before_quote", "after_quote",
    "tokens_to_quote", "sentences_to_quote", "same_paragraph",
    *(f"ent_{t}" for t in _ENT_TYPES), *(f"kind_{k}" for k in _KINDS),
    "first_person", "third_person_plural", "document_noun", "never_speaker", "group_noun", "role_noun",
    "org_word", "quantifier", "capitalised", "quoted_mention", "inside_other_quote",
    "entity_mentions", "entity_named", "entity_quotes_before", "same_entity_as_previous",
    *(f"quote_{k}" for k in ("direct", "mixed", "indirect")), *(f"cue_{k}" for k in _CUE_KINDS),
    "quote_tokens", "quote_opens_paragraph", "n_candidates",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass
class QuoteContext:
    """What the features of one quote's candidates need besides the candidate."""

    quote: Quote
    site: QuoteSite
    cue_kind: str  # one of _CUE_KINDS
    rule_token: Optional[int]  # head token of the rule system's speaker mention
    previous_entity: Optional[int]  # document entity of the previous quote's speaker
    entity_quote_counts: dict[int, int]  # speakers of earlier quotes, by document entity
    quote_spans: list[tuple[int, int]]  # token ranges of every quote in the doc


def cue_kind(doc: Doc, site: QuoteSite) -> str:
    if site.cue is None:
        return "none"
    tok = doc[site.cue]
    if tok.lower_ == "to":
        return "according"
    if tok.lemma_ in SPEECH_VERBS:
        return "speech"
    if tok.lemma_ in ("ask", "urge", "call", "demand", "implore", "appeal", "beg", "plead"):
        return "request"
    return "other"


def _in_mention(people: People, tok: int, target: Optional[Token]) -> bool:
    """The candidate and the target token belong to the same mention (or are the same token)."""
    if target is None:
        return False
    if target.i == tok:
        return True
    m = people.mention_at(tok)
    return m is not None and m.start <= target.i < m.end


def _speech_subject(tok: Token) -> tuple[bool, bool]:
    head = tok.head
    subj = tok.dep_ in ("nsubj", "nsubjpass")
    return subj and head.lemma_ in SPEECH_VERBS, subj and head.pos_ in ("VERB", "AUX")


def _set(row: np.ndarray, name: str, value: float = 1.0) -> None:
    row[INDEX[name]] = value


def _quote_features(row: np.ndarray, doc: Doc, qc: QuoteContext, n: int) -> None:
    _set(row, f"quote_{qc.quote.kind}")
    _set(row, f"cue_{qc.cue_kind}")
    _set(row, "rule_none", float(qc.rule_token is None))
    _set(row, "quote_tokens", min(qc.site.end - qc.site.start, 200))
    _set(row, "quote_opens_paragraph", float(qc.site.start - qc.site.para_start <= 1))
    _set(row, "n_candidates", n)


def _position_features(row: np.ndarray, doc: Doc, tok: Token, site: QuoteSite, sent_of: list[int]) -> None:
    if site.cue is not None:
        _set(row, "tokens_to_cue", max(-60, min(60, tok.i - site.cue)))
        _set(row, "abs_tokens_to_cue", min(60, abs(tok.i - site.cue)))
        _set(row, "same_sentence_as_cue", float(sent_of[site.cue] == sent_of[tok.i]))
    before, after = tok.i < site.start, tok.i >= site.end
    _set(row, "before_quote", float(before))
    _set(row, "after_quote", float(after))
    gap = site.start - tok.i if before else (tok.i - site.end if after else 0)
    _set(row, "tokens_to_quote", min(gap, 120))
    q_sent = sent_of[site.start] if before else sent_of[max(site.start, site.end - 1)]
    _set(row, "sentences_to_quote", min(abs(sent_of[tok.i] - q_sent), 10))
    _set(row, "same_paragraph", float(site.para_start <= tok.i < site.para_end))


def _word_features(row: np.ndarray, tok: Token, people: People) -> None:
    if tok.dep_ in _DEPS:
        _set(row, f"dep_{tok.dep_}")
    if tok.ent_type_ in _ENT_TYPES:
        _set(row, f"ent_{tok.ent_type_}")
    m = people.mention_at(tok.i)
    if m is not None:
        _set(row, f"kind_{m.kind}")
    info = PRONOUNS.get(tok.lower_)
    if info is not None:
        _set(row, "first_person", float(info[0] == 1))
        _set(row, "third_person_plural", float(info[0] == 3 and info[2] == "pl"))
    lemma = tok.lemma_.lower()
    _set(row, "document_noun", float(lemma in DOCUMENT_NOUNS))
    _set(row, "never_speaker", float(lemma in NEVER_SPEAKERS))
    _set(row, "group_noun", float(lemma in GROUP_NOUNS))
    _set(row, "role_noun", float(lemma in ROLE_HEADS))
    _set(row, "org_word", float(lemma in ORG_WORDS))
    _set(row, "quantifier", float(tok.lower_ in QUANTIFIER_SOURCES))
    _set(row, "capitalised", float(tok.text[:1].isupper() and tok.i > 0 and people.sent_of[tok.i - 1] == people.sent_of[tok.i]))
    _set(row, "quoted_mention", float(m is not None and m.quoted))


def _entity_features(row: np.ndarray, tok: Token, people: People, qc: QuoteContext) -> None:
    m = people.mention_at(tok.i)
    ent = people.entity_of(m)
    if m is not None and m.kind == "pronoun" and m.person == 3:
        ranked = people.pronoun_referents(m)
        ent = ranked[0][1] if ranked else ent
    if ent is None:
        return
    _set(row, "entity_mentions", min(len(ent.mentions), 30))
    _set(row, "entity_named", float(ent.named))
    _set(row, "entity_quotes_before", min(qc.entity_quote_counts.get(ent.index, 0), 20))
    _set(row, "same_entity_as_previous", float(ent.index == qc.previous_entity))


def _modifies(people: People, tok: Token, source: Optional[Token]) -> bool:
    """The candidate only qualifies the cue's source ("brokers in Varnsk", "the mayor of Tull"), inside its
    phrase but outside its own mention."""
    if source is None or tok.i == source.i or _in_mention(people, tok.i, source):
        return False
    return source.left_edge.i <= tok.i <= source.right_edge.i and any(a.i == source.i for a in tok.ancestors)


def featurize(doc: Doc, people: People, qc: QuoteContext, cands: list[Candidate]) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate."""
    rows = np.zeros((len(cands), len(FEATURES)), dtype=np.float32)
    cue = doc[qc.site.cue] if qc.site.cue is not None else None
    subj = subject_of(cue) if cue is not None else None
    for k, cand in enumerate(cands):
        row = rows[k]
        _quote_features(row, doc, qc, len(cands))
        if cand.token is None:
            _set(row, "null")
            continue
        tok = doc[cand.token]
        _set(row, "previous", float(cand.previous))
        if qc.rule_token is not None:
            _set(row, "rule_vote", float(tok.i == qc.rule_token or people.same_mention(tok.i, qc.rule_token)))
        _set(row, "cue_subject", float(_in_mention(people, tok.i, subj)))
        agent = cue is not None and tok.dep_ == "pobj" and cue.i in (tok.head.i, tok.head.head.i)
        _set(row, "cue_agent_or_according", float(agent))
        _set(row, "inside_source_phrase", float(_modifies(people, tok, subj)))
        speech, any_verb = _speech_subject(tok)
        _set(row, "subject_of_other_speech_verb", float(speech and (cue is None or tok.head.i != cue.i)))
        _set(row, "subject_of_any_verb", float(any_verb))
        _position_features(row, doc, tok, qc.site, people.sent_of)
        _word_features(row, tok, people)
        _set(row, "inside_other_quote", float(any(s <= tok.i < e for s, e in qc.quote_spans)))
        _entity_features(row, tok, people, qc)
    return rows

"""The reporting-cue lexicon: verbs and phrases that introduce a quote.

Cues are found with one spaCy :class:`~spacy.matcher.Matcher` per vocabulary
(built once and cached), so a document costs one C-level pass however long the
lexicon grows.  Each hit is a :class:`CueHit` whose ``head`` is the token the
dependency rules start from (the verb of "said", the "to" of "according to").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ..lexicon.words import (
    BELIEF_VERBS,
    INTENT_VERBS,
    PHRASE_CUES,
    REQUEST_VERBS,
    SPEECH_VERBS,
    TOPIC_VERBS,
)
from ._doc import per_vocab

__all__ = [
    "CueHit",
    "find_cues",
    "cue_matcher",
    "is_cue_lemma",
]

_INTENT_ONLY = INTENT_VERBS - SPEECH_VERBS - REQUEST_VERBS - BELIEF_VERBS
_TOPIC_ONLY = TOPIC_VERBS - SPEECH_VERBS - REQUEST_VERBS - BELIEF_VERBS - INTENT_VERBS


def is_cue_lemma(lemma: str) -> bool:
    return lemma in SPEECH_VERBS or lemma in REQUEST_VERBS


@dataclass(frozen=True)
class CueHit:
    """One cue occurrence: token range [start, end) and the token the rules start from."""

    start: int
    end: int
    head: int
    kind: str  # speech | request | belief | intent | topic | according | phrase

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def _build_cue_matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("speech", [[{"LEMMA": {"IN": sorted(SPEECH_VERBS)}, "POS": {"IN": ["VERB", "AUX"]}}]])
    matcher.add("request", [[{"LEMMA": {"IN": sorted(REQUEST_VERBS)}, "POS": "VERB"}]])
    matcher.add("belief", [[{"LEMMA": {"IN": sorted(BELIEF_VERBS)}, "POS": "VERB"}]])
    matcher.add("intent", [[{"LEMMA": {"IN": sorted(_INTENT_ONLY)}, "POS": "VERB"}]])
    matcher.add("topic", [[{"LEMMA": {"IN": sorted(_TOPIC_ONLY)}, "POS": "VERB"}]])
    matcher.add("according", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    for phrase in PHRASE_CUES:
        if phrase != "according to":
            matcher.add("phrase", [[{"LOWER": w} for w in phrase.split()]])
    return matcher


def cue_matcher(doc: Doc) -> Matcher:
    """The cue Matcher for this doc's vocabulary (built on first use, then cached)."""
    return per_vocab("cues", doc, _build_cue_matcher)


def find_cues(doc: Doc) -> list[CueHit]:
    """Every cue in the doc, in text order (overlapping phrase hits keep the longest)."""
    matcher = cue_matcher(doc)
    strings = doc.vocab.strings
    hits: list[CueHit] = []
    for match_id, start, end in matcher(doc):
        label = strings[match_id]
        if label in ("speech", "request", "belief", "intent", "topic"):
            hits.append(CueHit(start, end, start, label))
        elif label == "according":
            hits.append(CueHit(start, end, start + 1, "according"))
        else:
            words = [t.lower_ for t in doc[start:end]]
            head = PHRASE_CUES.get(" ".join(words), 0)
            hits.append(CueHit(start, end, start + head, "phrase"))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[CueHit] = []
    last_end = -1
    for h in hits:
        if h.start < last_end:
            continue
        out.append(h)
        last_end = h.end
    return out


def cue_at(hits: list[CueHit], token_i: int) -> Optional[CueHit]:
    for h in hits:
        if h.start <= token_i < h.end:
            return h
    return None

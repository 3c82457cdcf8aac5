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

from ._doc import per_vocab

__all__ = [
    "SPEECH_VERBS",
    "BELIEF_VERBS",
    "REQUEST_VERBS",
    "INTENT_VERBS",
    "TOPIC_VERBS",
    "TOPIC_PREPS",
    "PHRASE_CUES",
    "CueHit",
    "find_cues",
    "cue_matcher",
    "is_cue_lemma",
]

#: Verbs of saying whose clausal complement is the reported content ("said that ...").
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add announce confirm stress warn claim state explain note insist argue admit acknowledge
    deny suggest report write tweet declare reply respond continue concede contend maintain remark
    observe allege complain comment mention reveal disclose assert emphasize emphasise reiterate repeat
    predict promise vow pledge boast recall recount testify caution concur agree estimate indicate
    inform proclaim retort quip joke muse wonder question speculate hint signal conclude affirm assure
    reckon opine posit counter clarify elaborate post blog told lament acknowledge charge accuse
    admit complain shout whisper exclaim cry scream yell sneer snap fume thunder rage
    """.split()
)

#: Verbs of belief and finding whose clausal complement is an attributed proposition
#: ("polls show that ...", "she believes that ..."): PARC-style attribution, lower confidence.
BELIEF_VERBS: frozenset[str] = frozenset(
    """believe expect show find reveal indicate suggest conclude estimate acknowledge predict""".split()
) - SPEECH_VERBS

#: Verbs of intention whose infinitive is the content ("vowed to cut taxes", "plans to visit Ohio").
INTENT_VERBS: frozenset[str] = frozenset(
    """vow pledge promise want propose threaten hope intend agree offer""".split()
)

#: Verbs whose direct object is what a source put forward, PolNeAR style ("she cited the
#: unemployment figures", "he questioned the integrity of the vote").
TOPIC_VERBS: frozenset[str] = frozenset(
    """cite mention question criticize criticise discuss describe defend attack praise blame
    highlight reject endorse oppose dispute propose announce condemn denounce slam blast tout
    reference echo acknowledge point note report claim confirm deny reveal disclose admit predict
    repeat reiterate concede recall recount stress emphasize emphasise""".split()
)

#: Prepositions whose object is the content after a cue verb ("pointed to the polls", "warned
#: against hackers", "complained about the food"); "out" is the particle of "pointed out".
TOPIC_PREPS: dict[str, frozenset[str]] = {
    "point": frozenset({"to", "out"}),
    "comment": frozenset({"on"}),
    "complain": frozenset({"about", "of"}),
    "warn": frozenset({"about", "against", "of"}),
    "boast": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "write": frozenset({"about", "of"}),
    "tweet": frozenset({"about"}),
    "testify": frozenset({"about"}),
}

#: Verbs whose object + infinitive is the content ("asked the Red Cross to help").
REQUEST_VERBS: frozenset[str] = frozenset(
    "ask implore urge beg call appeal plead order instruct demand invite encourage advise request".split()
)

#: Nouns and verbs that introduce a quotation after a colon ("a quote attributed to X read:").
INTRO_WORDS: frozenset[str] = frozenset(
    "read reads quote quoted statement attribute attributed write wrote writes post posted tweet tweeted".split()
)

#: Multi-word cues matched on lower-cased text; head is the index inside the phrase.
PHRASE_CUES: dict[str, int] = {
    "according to": 1,
    "in the words of": 3,
    "quoted as saying": 2,
    "went on to say": 3,
    "went on to add": 3,
    "in a statement": 2,
}

_ALL_VERBS = sorted(SPEECH_VERBS | REQUEST_VERBS)
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

"""Speaker attribution as a spaCy component (factory ``newsledger_speakers_v1``).

Runs after the quote finder: for every quote it ranks the candidate sources
(:mod:`.candidates`, :mod:`.features`) with the trained model and resolves
the winner through the document model, so the speaker is a document entity
with its canonical name.  The quote finder's own choice is one feature among
many (``rule_vote``) and the fallback when no model is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from ...lexicon.words import DOCUMENT_NOUNS
from ...records import Quote, Speaker
from .._doc import ensure_extensions, sentence_at
from ..people import People
from ..speakers import SpeakerResolver, publisher_of, quoted_speaker
from .candidates import Candidate, QuoteSite, candidates_for, site_of
from .features import QuoteContext, cue_kind, featurize
from .model import SpeakerRanker, load_ranker

__all__ = ["SpeakerAttributor", "QuoteRows", "quote_rows", "attribute"]


@dataclass
class QuoteRows:
    """One quote's candidates and their feature rows."""

    index: int  # position of the quote in doc._.nl_quotes
    site: QuoteSite
    candidates: list[Candidate]
    rows: np.ndarray


def _source_token(doc: Doc, people: People, speaker: Optional[Speaker]) -> Optional[int]:
    if speaker is None or speaker.span is None:
        return None
    span = doc.char_span(*speaker.span, alignment_mode="expand")
    if span is None or not len(span):
        return None
    m = people.mention_at(span.root.i)
    return m.head if m is not None else span.root.i


def _entity_at(people: People, tok: Optional[int]) -> Optional[int]:
    if tok is None:
        return None
    m = people.mention_at(tok)
    return m.entity if m is not None and m.entity >= 0 else None


def quote_rows(doc: Doc, people: People, quotes: Sequence[Quote]) -> list[QuoteRows]:
    """Candidates and features of every quote, with the rule speakers as context."""
    spans = []
    for q in quotes:
        s = doc.char_span(*q.span, alignment_mode="expand")
        spans.append((s.start, s.end) if s is not None else (0, 0))
    out, counts = [], {}
    prev_tok: Optional[int] = None
    for i, q in enumerate(quotes):
        site = site_of(doc, q)
        if site is None:
            continue
        cands = candidates_for(doc, site, prev_tok)
        rule_tok = _source_token(doc, people, q.speaker)
        qc = QuoteContext(q, site, cue_kind(doc, site), rule_tok, _entity_at(people, prev_tok), dict(counts),
                          [sp for k, sp in enumerate(spans) if k != i])
        out.append(QuoteRows(i, site, cands, featurize(doc, people, qc, cands)))
        ent = _entity_at(people, rule_tok)
        if ent is not None:
            counts[ent] = counts.get(ent, 0) + 1
        if rule_tok is not None:
            prev_tok = rule_tok
    return out


def _labelled(text: str, quote: Quote) -> bool:
    sp = quote.speaker
    if sp is None or sp.span is None or quote.cue is not None:
        return False
    return text[sp.span[1]:quote.span[0]].strip() == ":" and bool(sp.mention) and sp.mention.isupper()


def _stated_by_parse(doc: Doc, people: People, rows: QuoteRows, quote: Quote) -> bool:
    """The rule speaker is the one the parse names outright: whom the cue's verb quotes ("the agency quoted
    the minister as saying"), or who issued what an impersonal cue reports ("in a statement released by
    the council, it was claimed")."""
    if rows.site.cue is None or quote.speaker is None:
        return False
    cue = doc[rows.site.cue]
    rule = _source_token(doc, people, quote.speaker)
    if rule is None:
        return False
    return any(named is not None and (rule == named.i or people.same_mention(rule, named.i))
               for named in (quoted_speaker(cue), publisher_of(cue)))


#: Below this share of the model's belief a candidate is not named as the speaker: a wrong speaker
#: costs a fact-checker more than a quote left without one.
MIN_PROBABILITY = 0.3


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def attribute(doc: Doc, people: People, quotes: list[Quote], ranker: SpeakerRanker) -> None:
    """Replace each quote's speaker by the model's best candidate, resolved through the document model."""
    table = quote_rows(doc, people, quotes)
    if not table:
        return
    scores = ranker.scores(np.vstack([t.rows for t in table]))
    resolver = SpeakerResolver(doc, people)
    text = doc.text  # spaCy joins the tokens again on every access
    pos, prev_entity = 0, None
    for t in table:
        s = scores[pos:pos + len(t.candidates)]
        pos += len(t.candidates)
        quote = quotes[t.index]
        if _labelled(text, quote) or _stated_by_parse(doc, people, t, quote):
            continue  # a transcript label ("MAYOR: ...") or "quoted X as saying" names the speaker outright
        speaker, entity, prob = _choose(doc, t, s, resolver, prev_entity)
        if speaker is None and quote.cue is None and prob < NOBODY_SURE:
            speaker, entity = _carried_over(doc, t, resolver, prev_entity)
        quote.speaker = speaker
        quote.confidence = round(prob * (0.5 if quote.unclosed else 1.0), 2)
        if entity is not None:
            people.speaker_entities[quote.id] = entity
            prev_entity = entity


def _could_speak(tok: Token, people: People) -> bool:
    """A person or body the document model knows, a name, or a document ("the letter reads")."""
    return people.mention_at(tok.i) is not None or tok.pos_ == "PROPN" or tok.lemma_.lower() in DOCUMENT_NOUNS


def _choose(doc: Doc, rows: QuoteRows, scores: np.ndarray, resolver: SpeakerResolver,
            prev_entity: Optional[int]) -> tuple[Optional[Speaker], Optional[int], float]:
    """The best candidate that resolves to a speaker, unless "nobody" or a long shot comes first."""
    probs = _softmax(scores)
    for k in np.argsort(-scores, kind="stable"):
        cand, prob = rows.candidates[int(k)], float(probs[int(k)])
        if cand.token is None or prob < MIN_PROBABILITY:
            return None, None, prob  # a long shot is worse than no answer
        if rows.site.cue is None and not _could_speak(doc[cand.token], resolver.people):
            continue  # with no verb of saying, only a person, body or document nearby can be the source
        tok = doc[cand.token]
        if _elided_subject(tok, resolver.people):
            continue
        if _in_dateline(tok):  # where the story was filed, not who spoke; the parser may hang the subject on it
            tok = next((c for c in tok.children if c.dep_ == "appos" and not _in_dateline(c)), None)
            if tok is None:
                continue
        speaker, entity = resolver.resolve(tok, prev_entity)
        if speaker is not None:
            return speaker, entity, prob
    return None, None, 0.0


def _elided_subject(tok: Token, people: People) -> bool:
    """A list item whose subject is left out ("Keeps saying she opposed the war."): the capitalised verb the parser
    took for a bare noun opening the line, root of its sentence, is no speaker."""
    line_start = tok.i == 0 or "\n" in tok.doc[tok.i - 1].text_with_ws
    verb_after = tok.dep_ == "ROOT" or (tok.dep_ == "nsubj" and tok.head.tag_ == "VBG" and tok.head.i == tok.i + 1)
    return line_start and verb_after and tok.tag_ in ("NN", "NNS") and not tok.ent_type_ \
        and people.mention_at(tok.i) is None and not any(c.dep_ in ("det", "poss", "amod") for c in tok.children)


def _in_dateline(tok: Token) -> bool:
    """A word of the place and wire service that open a line before a dash ("WASHINGTON --", "KYIV, Ukraine
    (Newswire) -"): where a story was filed, never who spoke."""
    doc, start = tok.doc, tok.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    first = doc[start]
    if tok.i - start > 12 or not (first.is_upper and first.is_alpha and len(first) > 1):
        return False
    j = start
    while j < min(len(doc), start + 14):
        t = doc[j]
        if j > start and set(t.text) <= set("-–—"):
            return start <= tok.i < j
        if t.text == "(":
            j = next((k for k in range(j + 1, min(j + 6, len(doc))) if doc[k].text == ")"), len(doc)) + 1
            continue
        if not (t.is_upper or (t.is_punct and t.text != ".") or (t.pos_ == "PROPN" and t.text[:1].isupper())):
            return False
        j += 1
    return False


#: The model's belief in "nobody" above which a quote with no cue is not carried over to the previous speaker.
NOBODY_SURE = 0.5

#: How many line breaks a quote with no cue of its own may stand from the previous speaker's mention and
#: still continue that speaker's words (the next paragraph, or the one after an interruption).
CONTINUATION_LINES = 4


def _carried_over(doc: Doc, rows: QuoteRows, resolver: SpeakerResolver,
                  prev_entity: Optional[int]) -> tuple[Optional[Speaker], Optional[int]]:
    """A quote with no cue and no likely source in sight continues the previous speaker, as news prose does,
    when that speaker was named just before it; a person the paragraph's sentence just before the quote is
    about ("Sanders named the young voters' anger as a reason. 'They are sick and tired ...'") comes first."""
    subject = _lead_in_subject(doc, rows.site, resolver.people)
    if subject is not None:
        return resolver.resolve(subject, prev_entity)
    previous = next((c for c in rows.candidates if c.previous and c.token is not None), None)
    if previous is None or previous.token >= rows.site.start:
        return None, None
    between = doc[previous.token:rows.site.start].text
    if between.count("\n") > CONTINUATION_LINES:
        return None, None
    return resolver.resolve(doc[previous.token], prev_entity)


def _lead_in_subject(doc: Doc, site: QuoteSite, people: People) -> Optional[Token]:
    """The person subject of the sentence just before a quote opening a sentence, in the same paragraph."""
    if site.start <= site.para_start or site.start < 2:
        return None
    before = sentence_at(doc, site.start - 2)  # skip the opening quotation mark
    if before.start < site.para_start or before.end > site.start:
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    mention = people.mention_at(subject.i) if subject is not None else None
    return subject if mention is not None and mention.type == "PERSON" and mention.kind == "name" else None


class SpeakerAttributor:
    """spaCy component: speakers of ``doc._.nl_quotes`` by the trained ranker; ``doc.spans['speakers']``."""

    def __init__(self, name: str = "newsledger_speakers", model: Optional[str] = None):
        self.name = name
        self.ranker = load_ranker(model)

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.nl_quotes or []
        if self.ranker is not None and doc._.nl_people is not None:
            attribute(doc, doc._.nl_people, quotes, self.ranker)
        spans, seen = [], set()
        for q in quotes:
            if q.speaker is None or not q.speaker.span:
                continue
            span = doc.char_span(*q.speaker.span, label=q.speaker.name or "", alignment_mode="expand")
            if span is not None and len(span) and (span.start, span.end, span.label_) not in seen:
                seen.add((span.start, span.end, span.label_))
                spans.append(span)
        doc.spans["speakers"] = spans
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_speakers_v1",
    assigns=["doc._.nl_quotes", "doc.spans"],
    requires=["doc._.nl_quotes", "doc._.nl_people", "token.dep", "token.pos", "doc.ents"],
    retokenizes=False,
    default_config={"model": None},
)
def make_speakers(nlp: Language, name: str, model: Optional[str]) -> SpeakerAttributor:
    return SpeakerAttributor(name, model)

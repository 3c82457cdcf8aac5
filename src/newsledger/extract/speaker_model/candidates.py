"""Candidate sources of one quote: the noun phrases that could be its speaker, and "nobody".

Candidates are the heads of nominal phrases near the quote, outside its
content: in the cue's sentence, and for a quote with no cue of its own in
the sentences around it within the paragraph; plus the previous quote's
speaker (a quote may continue one) and a null candidate (no attribution).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from ...records import Quote
from .._doc import sentence_at

__all__ = ["Candidate", "QuoteSite", "candidates_for", "site_of", "NOMINAL_DEPS", "MAX_CANDIDATES"]

NOMINAL_DEPS = frozenset("nsubj nsubjpass dobj pobj appos conj attr dative ROOT poss npadvmod oprd agent".split())
MAX_CANDIDATES = 24


@dataclass(frozen=True)
class QuoteSite:
    """Where a quote sits: its token range, its cue's head token, sentences and paragraph bounds."""

    start: int  # token range of the quote content
    end: int
    cue: Optional[int]  # head token of the cue
    sentence: Span  # the cue's sentence, else the quote's first sentence
    para_start: int  # token range of the paragraph(s) the quote spans
    para_end: int


@dataclass(frozen=True)
class Candidate:
    """One possible source: a head token, or None for "no speaker"; ``previous`` when it is the
    previous quote's speaker carried over."""

    token: Optional[int]
    previous: bool = False


def _cue_head(doc: Doc, quote: Quote) -> Optional[int]:
    if quote.cue is None:
        return None
    span = doc.char_span(*quote.cue.span, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span[0].lower_ == "according" and len(span) > 1:
        return span[1].i
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return (verbs[0] if verbs else span[0]).i


def _paragraph(doc: Doc, start: int, end: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and "\n" not in doc[lo - 1].text_with_ws:
        lo -= 1
    hi = end
    while hi < len(doc) and "\n" not in doc[hi - 1].text_with_ws:
        hi += 1
    return lo, hi


def site_of(doc: Doc, quote: Quote) -> Optional[QuoteSite]:
    span = doc.char_span(*quote.span, alignment_mode="expand")
    if span is None or not len(span):
        return None
    cue = _cue_head(doc, quote)
    sentence = sentence_at(doc, cue if cue is not None else span[0].i)
    lo, hi = _paragraph(doc, span.start, span.end)
    if cue is not None:  # "X continued:" on the line before the quote
        clo, chi = _paragraph(doc, cue, cue + 1)
        lo, hi = min(lo, clo), max(hi, chi)
    return QuoteSite(span.start, span.end, cue, sentence, lo, hi)


def _is_nominal(tok: Token) -> bool:
    if tok.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "NUM"):
        return False
    if tok.pos_ in ("DET", "NUM") and tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return tok.dep_ in NOMINAL_DEPS  # never a compound: "Kremlin" in "Kremlin spokesperson X" does not speak


def _window(doc: Doc, site: QuoteSite) -> list[Token]:
    """Tokens to look at: the cue's sentence; without a cue, also the sentences either side."""
    sents = [site.sentence]
    if site.cue is None:
        first = sentence_at(doc, site.start)
        last = sentence_at(doc, max(site.start, site.end - 1))
        if first.start > site.para_start:
            sents.append(sentence_at(doc, first.start - 1))
        if last.end < site.para_end:
            sents.append(sentence_at(doc, last.end))
        sents.append(last)
    seen, out = set(), []
    for sent in sents:
        for t in sent:
            if t.i not in seen and site.para_start <= t.i < site.para_end:
                seen.add(t.i)
                out.append(t)
    return out


def candidates_for(doc: Doc, site: QuoteSite, previous_source: Optional[int]) -> list[Candidate]:
    """The null candidate, the previous speaker (when known), and nominal heads outside the quote."""
    out = [Candidate(None)]
    if previous_source is not None:
        out.append(Candidate(previous_source, previous=True))
    near = [t for t in _window(doc, site) if not (site.start <= t.i < site.end) and _is_nominal(t)]
    anchor = site.cue if site.cue is not None else site.start
    near.sort(key=lambda t: (abs(t.i - anchor), t.i))
    for t in near[:MAX_CANDIDATES]:
        out.append(Candidate(t.i))
    return out


def positive(doc: Doc, cand: Candidate, gold_span: Optional[Sequence[int]], people=None) -> bool:
    """Training label: the candidate is the head of the gold source span, or of the same mention or document
    entity as that head (both null counts too).  A word that only qualifies the source ("brokers in
    Varnsk", "the mayor of Tull") lies inside the span but is not the source."""
    if cand.token is None:
        return gold_span is None
    if gold_span is None:
        return False
    tok = doc[cand.token]
    if not gold_span[0] <= tok.idx < gold_span[1]:
        return False
    span = doc.char_span(gold_span[0], gold_span[1], alignment_mode="expand")
    if span is None or not len(span) or people is None:
        return True
    root = span.root
    if tok.i == root.i or people.same_mention(tok.i, root.i):
        return True
    mine, theirs = people.mention_at(tok.i), people.mention_at(root.i)
    return mine is not None and theirs is not None and mine.entity >= 0 and mine.entity == theirs.entity

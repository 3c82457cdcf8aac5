"""Verification status from evidence, with an explicit link from the evidence to the claim it speaks of.

:func:`find_status_cues` finds the words that verify, dispute or hedge (pure string work).
:func:`link_evidence` reads each cue in the parse and ties it to claims, in this order:

1. **content**: the claim is the clause the cue governs ("the Pentagon confirmed that three
   soldiers died", "denied that its troops shelled the town", "falsely claimed that ...");
2. **same sentence**: the cue sits in a phrase attached to the claim ("..., a figure that could
   not be independently verified", "..., but this has not been confirmed");
3. **anaphor**: the cue's theme names the claim ("these figures", "the accusations", "the
   group's claim", "the Russian and Syrian claims", or "it"/"they" as what could not be
   verified); it is resolved among the claims of the same paragraph (before the cue) and of the
   paragraph before, by kind (figures are claims with a number), by who made them (a possessive
   or nationality), and by number (singular: the nearest; plural: all of the nearest paragraph);
4. **the accused denies**: "Russia denied stealing grain" disputes the neighbouring claims that
   accuse Russia.

A sentence that merely follows a claim ("They also opened two shelters") links to nothing.
The evidence records its words, its span, who said it (the cue's subject, the agent of
"verified by", or the speaker of the quote it stands in; None when the article says it) and
the reason for the link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from ...lexicon.words import (
    CLAIM_NOUNS, CONFIRM_VERBS, CONFIRMED_PATTERNS, DENY_VERBS, DISPUTED_PATTERNS, FIGURE_NOUNS, UNVERIFIED_PATTERNS,
)
from ...records import ClaimSource, Cue, Evidence, Quantity
from .edges import strip, text_of

__all__ = ["StatusCue", "find_status_cues", "Draft", "FAMILIES"]

#: Status -> compiled cue pattern; unverified first (a negated "confirmed" is no confirmation).
FAMILIES: list[tuple[str, re.Pattern]] = [
    ("unverified", re.compile(r"(?i)\b(?:" + "|".join(UNVERIFIED_PATTERNS) + r")\b")),
    ("disputed", re.compile(r"(?i)\b(?:" + "|".join(DISPUTED_PATTERNS) + r")\b")),
    ("confirmed", re.compile(r"(?i)(?<!not\s)(?<!n't\s)(?<!yet\sto\s)\b(?:" + "|".join(CONFIRMED_PATTERNS) + r")\b")),
]
_CLAUSE_END = re.compile(r",\s+(?:however|but|while|although|whereas|calling|saying|adding|citing|describing|"
                         r"noting|as)\b|;|\s+[–—]\s+|,\s+(?:[\w’'-]+\s+){0,3}(?:said|says|added|told)\b")
_ANAPHOR = re.compile(
    r"(?i)^\W*(?:(?:these|those|this|the|such|that|neither|none\s+of\s+(?:the|these))\s+(?:\w+\s+){0,2}(?:"
    + "|".join(sorted(CLAIM_NOUNS | FIGURE_NOUNS)) + r")\b|(?:this|it|they)\b)")
_THEME_PRONOUNS = {"it", "this", "that", "they", "these", "those", "them"}


@dataclass
class StatusCue:
    """A verification cue found in text: the status it gives and the clause that carries it."""

    status: str
    evidence: Evidence
    anaphoric: bool
    cue: tuple[int, int] = (0, 0)


def _clause_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of text[lo:hi] holding [start, end): cut at ", however", ";", ", calling" and the like."""
    cs, ce = lo, hi
    for m in _CLAUSE_END.finditer(text, lo, hi):
        if m.end() <= start:
            cs = m.end()
        elif m.start() >= end:
            ce = m.start()
            break
    return strip(text, cs, ce)


def find_status_cues(text: str, lo: int = 0, hi: Optional[int] = None) -> list[StatusCue]:
    """Verification cues in text[lo:hi] with the clause that carries each one, in text order."""
    hi = len(text) if hi is None else hi
    out: list[StatusCue] = []
    for status, rx in FAMILIES:
        for m in rx.finditer(text, lo, hi):
            if any(c.cue[0] < m.end() and m.start() < c.cue[1] for c in out):
                continue  # "could not be confirmed" is unverified only
            s, e = _clause_around(text, m.start(), m.end(), lo, hi)
            if e > s:
                out.append(StatusCue(status, Evidence(text=text[s:e], span=(s, e)), bool(_ANAPHOR.match(text[s:e])),
                                     m.span()))
    out.sort(key=lambda c: c.cue)
    return out


# ---------------------------------------------------------------------------------------------
# Claims as the linker sees them


@dataclass
class Draft:
    """A claim being built: where it is, who made it, and what the evidence step sets."""

    start: int
    end: int
    sent: int
    para: int
    kind: str
    source: Optional[ClaimSource]
    entity: Optional[int] = None
    cue_lemma: Optional[str] = None
    cue_span: Optional[tuple[int, int]] = None
    quantity: Optional[Quantity] = None
    status: str = "claimed"
    evidence: Optional[Evidence] = None
    accused: Optional[int] = None
    actor: Optional[int] = None
    countries: frozenset = field(default_factory=frozenset)
    cue: Optional[Cue] = None
    dropped: bool = False  # a denial's own restatement of an earlier claim
    latent: bool = False  # the article's own statement: a claim only once evidence speaks of it
    about: list = field(default_factory=list)  # earlier drafts its own subject refers to ("The allegations ...")


@dataclass
class _Context:
    doc: Doc
    drafts: list[Draft]
    para_of: Callable[[int], int]
    entity_at: Callable[[Token], Optional[int]]
    source_of: Callable[[Token], Optional[ClaimSource]]
    quote_speaker_at: Callable[[int], Optional[ClaimSource]]


# ---------------------------------------------------------------------------------------------
# Reading one cue in the parse


def _cue_verb(doc: Doc, s: int, e: int) -> Optional[Token]:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verbs = [t for t in span if t.lemma_.lower() in DENY_VERBS | CONFIRM_VERBS or t.pos_ == "VERB"]
    tok = verbs[-1] if verbs else span.root
    if tok.pos_ in ("ADV", "ADP", "PART") or tok.dep_ in ("advmod", "neg"):
        return tok.head
    return tok


def _theme(v: Token) -> Optional[Token]:
    """What the cue says is unverified, false or confirmed: passive subject, object, or copula subject."""
    kids = list(v.children)
    for dep in ("nsubjpass", "dobj"):
        t = next((c for c in kids if c.dep_ == dep), None)
        if t is not None:
            return t
    if v.dep_ in ("acomp", "attr") and v.head.i != v.i:
        return next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if v.dep_ == "amod" and v.head.pos_ == "NOUN":
        return v.head
    if v.pos_ == "ADJ":  # "found the claim false", "called them baseless"
        subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if v.dep_ in ("oprd", "xcomp", "ccomp", "advcl") and v.head.i != v.i:
            return next((c for c in v.head.children if c.dep_ == "dobj"), None)
    if v.lemma_ == "evidence" or v.pos_ == "NOUN":
        sup = next((c for c in v.subtree if c.lemma_ in ("support", "back", "substantiate")), None)
        return next((c for c in sup.children if c.dep_ == "dobj"), None) if sup is not None else None
    return next((c for c in kids if c.dep_ == "nsubj" and c.lower_ in _THEME_PRONOUNS), None) \
        if v.pos_ == "ADJ" else None


def _content(v: Token) -> Optional[tuple[int, int]]:
    """The clause the cue governs ('confirmed that ...', 'no evidence that ...'), as a character span."""
    for c in v.children:
        if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX") and c.i > v.i:
            toks = [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)]
            return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
    return None


def _evidence_source(ctx: _Context, v: Token, theme: Optional[Token], quoted: bool = True) -> Optional[ClaimSource]:
    head = v.head if v.dep_ in ("acomp", "xcomp", "oprd", "ccomp") and v.pos_ == "ADJ" and v.head.i != v.i else v
    if head.i == v.i and v.dep_ in ("acomp", "xcomp") and v.head.i != v.i:
        head = v.head
    for c in head.children:
        if c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return ctx.source_of(obj)
        if c.dep_ == "nsubj" and (theme is None or c.i != theme.i) and c.lower_ not in ("it", "which", "that", "there", "this"):
            return ctx.source_of(c)
    return ctx.quote_speaker_at(v.idx) if quoted else None


def _evidence_span(doc: Doc, v: Token, lo: int, hi: int, content: Optional[tuple[int, int]]) -> tuple[int, int]:
    s, e = _clause_around(text_of(doc), v.idx, v.idx + len(v.text), lo, hi)
    if content is not None and content[0] > v.idx:
        e = min(e, content[0])
        e = strip(text_of(doc), s, e)[1]
        if text_of(doc)[max(s, e - 4):e].lower().endswith("that"):
            e = strip(text_of(doc), s, e - 4)[1]
    return strip(text_of(doc), s, e)

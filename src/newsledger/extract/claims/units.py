"""Where claims can be: the stretches of an article that someone asserts, each with its source.

Five kinds of unit, found over a parsed Doc:

- ``quote``: the content of every quotation the quote finder found (``doc._.nl_quotes``), one
  unit per sentence of it; its source is the quote's resolved speaker (a document entity's
  canonical name);
- ``report``: a clause reported by a verb of saying or of evidence ("the data show that ...")
  that no quotation covers; its source is the resolved subject of the verb
  (:class:`~newsledger.extract.speakers.SpeakerResolver`);
- a claim noun's own clause ("the governor's claim that 300 homes were flooded"): a ``report`` of the noun's
  owner, else ``hearsay``, so that a verdict on the named claim has a claim to rate;
- ``hearsay``: a sentence hedged with no source ("there have been reports that", "is believed
  to", "reportedly"): unattributed, the hedge is its evidence;
- ``narration``: what the article states itself (no source); only its figures become claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from ...lexicon.words import ACCUSE_VERBS, CLAIM_NOUNS, EVIDENCE_VERBS, HEARSAY_PATTERNS, SPEECH_VERBS
from ...records import ClaimSource, Cue, Evidence, Quote, Speaker
from ..people import People
from ..spans import SpanIndex
from ..speakers import SpeakerResolver, subject_of
from .edges import strip, text_of

__all__ = ["Unit", "find_units", "source_from_speaker", "HEARSAY_RE"]

HEARSAY_RE = re.compile(r"(?i)\b(?:" + "|".join(HEARSAY_PATTERNS) + r")\b")
_REPORT_VERBS = SPEECH_VERBS | EVIDENCE_VERBS


@dataclass
class Unit:
    """A stretch someone asserts: its span, sentence, kind, source and the cue that introduced it."""

    start: int
    end: int
    sent: int
    kind: str  # quote | report | hearsay | narration
    source: Optional[ClaimSource] = None
    entity: Optional[int] = None  # document entity of the source
    cue: Optional[Cue] = None
    cue_lemma: Optional[str] = None
    quote: Optional[Quote] = None
    hedge: Optional[Evidence] = None
    accused: Optional[int] = None  # document entity the cue accuses ("accused Russia of ...")


def source_from_speaker(speaker: Optional[Speaker], quote: Optional[str] = None) -> Optional[ClaimSource]:
    """The claim source a resolved speaker gives (its canonical name; an unresolved description as written)."""
    if speaker is None:
        return None
    name = speaker.name or speaker.mention
    if not name:
        return None
    return ClaimSource(name=name, mention=speaker.mention, span=speaker.span, entity=speaker.entity, quote=quote)


def _token_at(doc: Doc, s: int, e: int) -> Optional[Token]:
    span = doc.char_span(s, e, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _accused(cue_tok: Optional[Token], people: People) -> Optional[int]:
    if cue_tok is None or cue_tok.lemma_.lower() not in ACCUSE_VERBS:
        return None
    obj = next((c for c in cue_tok.children if c.dep_ == "dobj"), None)
    m = people.mention_at(obj.i) if obj is not None else None
    return m.entity if m is not None and m.entity >= 0 else None


def _quote_units(doc: Doc, quotes: Sequence[Quote], people: People, sent_bounds: list[tuple[int, int]]) -> list[Unit]:
    out = []
    for q in quotes:
        qs, qe = q.span
        cue_tok = _token_at(doc, *q.cue.span) if q.cue is not None else None
        lemma = cue_tok.lemma_.lower() if cue_tok is not None else None
        source = source_from_speaker(q.speaker, q.id)
        entity = people.speaker_entities.get(q.id)
        for i, (s0, e0) in enumerate(sent_bounds):
            if e0 <= qs or s0 >= qe:
                continue
            s, e = strip(text_of(doc), max(s0, qs), min(e0, qe))
            if q.cue is not None and q.cue.span[0] >= e:
                s = _with_subject(doc, s, e, s0)
            if e - s >= 8:
                out.append(Unit(s, e, i, "quote", source, entity, q.cue, lemma, q, accused=_accused(cue_tok, people)))
    return out


def _with_subject(doc: Doc, s: int, e: int, s0: int) -> int:
    """A quoted clause that starts at its verb ("... is imported from Russia, according to X") takes its subject."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span) or span[0].pos_ not in ("VERB", "AUX"):
        return s
    subj = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx < s), None)
    if subj is None or subj.left_edge.idx < s0 or subj.lower_ in ("which", "who", "that"):
        return s
    return subj.left_edge.idx


def _clause_span(root: Token) -> tuple[int, int]:
    toks = [t for t in root.subtree if not (t.dep_ == "mark" and t.head.i == root.i and t.i < root.i)]
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _reported_span(tok: Token) -> Optional[tuple[int, int]]:
    """What a cue verb reports: its clause ("said that ..."), or the act it accuses someone of
    ("accused Russia of shelling the port": from the accused to the end of the act)."""
    clause = next((c for c in tok.children if c.i > tok.i and (c.dep_ == "ccomp" or (
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < c.i for m in c.subtree)))), None)
    if clause is not None:  # "said (that) ...", and "ruled on Tuesday that ..." parsed as an adverbial clause
        return _clause_span(clause)
    if tok.lemma_.lower() not in ACCUSE_VERBS:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > tok.i), None)
    if obj is None or prep is None or not any(g.dep_ == "pcomp" for g in prep.children):
        return None
    return obj.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)


def _report_units(doc: Doc, resolver: SpeakerResolver, covered: SpanIndex, sent_of: list[int]) -> list[Unit]:
    """Clauses reported by a verb of saying or evidence that no quotation covers."""
    out = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in _REPORT_VERBS | ACCUSE_VERBS:
            continue
        reported = _reported_span(tok)
        if reported is None:
            continue
        s, e = strip(text_of(doc), *reported)
        if e - s < 12 or covered.overlaps(s, e):
            continue
        subj = subject_of(tok)
        speaker, entity = resolver.resolve(subj) if subj is not None else (None, None)
        source = source_from_speaker(speaker)
        if source is None and subj is not None and subj.lower_ not in ("it", "there"):
            continue  # a subject that is nobody ("footage showed ..."): neither a source nor hearsay
        cue = Cue(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)))
        kind = "report" if source is not None else "hearsay"
        hedge = None if source is not None else Evidence(text=cue.text, span=cue.span, link="reported with no source")
        out.append(Unit(s, e, sent_of[tok.i], kind, source, entity, cue, tok.lemma_.lower(), None, hedge,
                        _accused(tok, resolver.people)))
    return out


def _named_claim_units(doc: Doc, resolver: SpeakerResolver, sent_of: list[int]) -> list[Unit]:
    """What a claim noun's own clause says ("the claims that the dam had been destroyed", "Russia's allegation
    that ..."), so that a verdict on the claims ("were false") has a claim to rate; its source is the noun's
    owner or the 'by' phrase, else nobody (hearsay)."""
    out = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CLAIM_NOUNS:
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        sent = noun.sent
        if clause is None or any(m.start() <= noun.idx < m.end() for m in HEARSAY_RE.finditer(
                text_of(doc), sent.start_char, sent.end_char)):
            continue  # "there have been reports that ...": hearsay, read with its hedge below
        s, e = strip(text_of(doc), *_clause_span(clause))
        owner = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
            (g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for g in c.children
             if g.dep_ == "pobj"), None)
        speaker, entity = resolver.resolve(owner) if owner is not None else (None, None)
        source = source_from_speaker(speaker)
        hedge = None if source is not None else Evidence(
            text=noun.text, span=(noun.idx, noun.idx + len(noun.text)), link="named as a claim, with no source")
        out.append(Unit(s, e, sent_of[noun.i], "report" if source is not None else "hearsay", source, entity,
                        hedge=hedge))
    return out


def _free_stretches(s0: int, e0: int, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    out, pos = [], s0
    for a, b in zip(starts, ends):
        if b <= s0 or a >= e0:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < e0:
        out.append((pos, e0))
    return out


def _narration_units(doc: Doc, sent_bounds: list[tuple[int, int]], taken: Sequence[tuple[int, int]],
                     skip: SpanIndex) -> list[Unit]:
    """What the sentences say outside quotations and reported clauses; hedged ones are hearsay."""
    cover = SpanIndex(list(taken))
    out = []
    for i, (s0, e0) in enumerate(sent_bounds):
        if skip and skip.overlaps(s0, e0) and skip.covering(s0):
            continue
        for a, b in _free_stretches(s0, e0, cover.starts, cover.ends):
            a, b = strip(text_of(doc), a, b)
            if b - a < 12:
                continue
            m = HEARSAY_RE.search(text_of(doc), a, b)
            if m is None:
                out.append(Unit(a, b, i, "narration"))
                continue
            hedge = Evidence(text=m.group(0), span=m.span(), link="hedged in the claim's own sentence")
            start = m.start() if re.match(r"(?i)there|amid|according", m.group(0)) else a
            out.append(Unit(start, b, i, "hearsay", hedge=hedge))
    return out


def find_units(doc: Doc, quotes: Sequence[Quote], people: People, resolver: SpeakerResolver,
               sent_bounds: list[tuple[int, int]], sent_of: list[int], skip: SpanIndex) -> list[Unit]:
    """Every unit of the doc, quotations first, then reported clauses, hearsay and narration."""
    units = _quote_units(doc, quotes, people, sent_bounds)
    covered = SpanIndex([q.span for q in quotes if q.span])
    units += _report_units(doc, resolver, covered, sent_of)
    units += _named_claim_units(doc, resolver, sent_of)
    taken = [(u.start, u.end) for u in units]
    units += _narration_units(doc, sent_bounds, taken, skip)
    return [u for u in units if not (skip and skip.overlaps(u.start, u.end) and skip.covering(u.start))]

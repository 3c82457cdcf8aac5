"""From units to claims: one claim per stated figure or per asserted clause, then status from evidence."""

from __future__ import annotations

import bisect
import re
from typing import Optional, Sequence

from spacy.tokens import Doc

from ...lexicon.words import COUNTRY_FORMS, EVIDENCE_VERBS, FORECAST_VERBS, INTENT_VERBS, REQUEST_VERBS, SPEECH_VERBS
from ...records import Claim, ClaimSource, Quote, TimeExpr
from ...text import paragraphs
from ..people import People, find_people
from ..spans import SpanIndex
from ..speakers import SpeakerResolver
from .assertion import not_an_assertion
from .figures import figure_clause, figures_in, split_by_figure, trim_clause
from .links import link_evidence
from .status import Draft, _Context
from .units import Unit, find_units, source_from_speaker
from .edges import TEXT_KEY, text_of

__all__ = ["extract_claims"]


class _Builder:
    """The claims of one doc: its units, people, paragraphs and times."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote], times: Sequence[TimeExpr], bp: Sequence[tuple[int, int]],
                 people: People):
        self.doc, self.quotes, self.people = doc, list(quotes), people
        self.times = [t for t in times if t.span]
        self.skip = SpanIndex(list(bp))
        self.resolver = SpeakerResolver(doc, people)
        sents = list(doc.sents)
        self.bounds = [(s.start_char, s.end_char) for s in sents]
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.para_starts = [s for s, _ in paragraphs(text_of(doc), list(bp))] or [0]

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    # -- one unit ---------------------------------------------------------------------------
    def drafts_of(self, u: Unit) -> list[Draft]:
        doc = self.doc
        figures = figures_in(doc, u.start, u.end, [t.span for t in self.times])
        out = []
        if u.cue_lemma in REQUEST_VERBS | INTENT_VERBS | FORECAST_VERBS:
            return []  # "urged them to send 200 tents", "vowed to cut taxes", "expects prices to fall 3%"
        if self._asks_or_exclaims(u):
            return []
        for a, b, f in split_by_figure(doc, u.start, u.end, figures):
            a, b = trim_clause(doc, *figure_clause(doc, f, a, b), keep=[f.span])
            if a < b and a <= f.span[0] and not not_an_assertion(doc, a, b, u.cue_lemma, figure=True):
                out.append(self.draft(u, a, b, f.quantity))
        if figures:
            return out
        a, b = trim_clause(doc, u.start, u.end)
        if b - a < 12 or not_an_assertion(doc, a, b, u.cue_lemma, hedged=u.kind == "hearsay"):
            return []
        if u.kind == "narration" and self._reporting_frame(a, b):
            return []
        d = self.draft(u, a, b, None)
        d.latent = u.kind == "narration"  # "The news was confirmed by ..." may make it a claim
        return [d]

    def _reporting_frame(self, a: int, b: int) -> bool:
        """What is left of a sentence round a quotation ("as he stressed that"): no statement of its own."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(span) < 4:
            return True
        root = span.root
        return root.lemma_.lower() in SPEECH_VERBS | EVIDENCE_VERBS or span[-1].pos_ in ("SCONJ", "ADP")

    def _asks_or_exclaims(self, u: Unit) -> bool:
        """The unit ends in '?' or '!' (before its closing quotation mark)."""
        end = text_of(self.doc)[u.end:u.end + 3].lstrip(" \"”’'")[:1] or text_of(self.doc)[max(0, u.end - 1):u.end]
        return end in ("?", "!") or text_of(self.doc)[u.start:u.end].rstrip("\"”’' ").endswith(("?", "!"))

    def draft(self, u: Unit, a: int, b: int, quantity) -> Draft:
        d = Draft(a, b, u.sent, self.para_of(a), u.kind, u.source, u.entity, u.cue_lemma,
                  u.cue.span if u.cue is not None else None, quantity,
                  "claimed" if u.source is not None else "unattributed", u.hedge, u.accused)
        d.actor = self._actor(a, b)
        d.countries = self._countries(u.source, u.entity)
        d.cue = u.cue
        return d

    def _actor(self, a: int, b: int) -> Optional[int]:
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span):
            return None
        subj = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return self.entity_at(subj) if subj is not None else None

    def _countries(self, source: Optional[ClaimSource], entity: Optional[int]) -> frozenset:
        words = re.findall(r"[\w.]+", " ".join(x for x in (source.name, source.mention) if x).lower()) if source else []
        keys = {COUNTRY_FORMS[w] for w in words if w in COUNTRY_FORMS}
        if entity is not None and 0 <= entity < len(self.people.entities):
            keys |= set(self.people.entities[entity].nationality)
        return frozenset(keys)

    # -- lookups the evidence linker needs ----------------------------------------------------
    def entity_at(self, tok) -> Optional[int]:
        m = self.people.mention_at(tok.i) if tok is not None else None
        return m.entity if m is not None and m.entity >= 0 else None

    def source_of(self, tok) -> Optional[ClaimSource]:
        speaker, _ = self.resolver.resolve(tok)
        return source_from_speaker(speaker)

    def quote_speaker_at(self, pos: int) -> Optional[ClaimSource]:
        q = next((q for q in self.quotes if q.span[0] <= pos < q.span[1]), None)
        return source_from_speaker(q.speaker, q.id) if q is not None else None

    def time_of(self, d: Draft) -> Optional[str]:
        dated = [t for t in self.times if t.type in ("DATE", "TIME")]
        inside = [t for t in dated if d.start <= t.span[0] and t.span[1] <= d.end]
        if inside:
            return inside[0].id
        s0, e0 = self.bounds[d.sent]
        near = [t for t in dated if s0 <= t.span[0] and t.span[1] <= e0]
        anchor = d.quantity.span[0] if d.quantity is not None and d.quantity.span else d.start
        return min(near, key=lambda t: abs(t.span[0] - anchor)).id if near else None


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        if any(min(d.end, o.end) - max(d.start, o.start) > 0.5 * min(d.end - d.start, o.end - o.start) and
               (d.quantity is None or o.quantity is None or d.quantity.span == o.quantity.span) for o in out):
            continue
        out.append(d)
    return sorted(out, key=lambda d: (d.start, d.end))


def _claim(doc: Doc, d: Draft, time: Optional[str]) -> Claim:
    status = d.status
    if status == "claimed" and d.source is None:
        status = "unattributed"
    if status == "unattributed" and d.source is not None and d.evidence is None:
        status = "claimed"
    return Claim(id="", text=text_of(doc)[d.start:d.end], span=(d.start, d.end), status=status, source=d.source,
                 cue=d.cue, quantity=d.quantity, time=time, status_evidence=d.evidence)


def extract_claims(doc: Doc, quotes: Optional[Sequence[Quote]] = None, times: Optional[Sequence[TimeExpr]] = None,
                   boilerplate: Optional[Sequence[tuple[int, int]]] = None) -> list[Claim]:
    """Every claim in a parsed Doc (quotes, times and boilerplate default to the Doc's own)."""
    if not doc.has_annotation("DEP") or not len(doc):
        return []
    quotes = [q for q in (quotes if quotes is not None else (doc._.nl_quotes or [])) if q.span]
    times = list(times if times is not None else (doc._.nl_times or []))
    bp_records = doc._.nl_boilerplate or []
    bp = list(boilerplate) if boilerplate is not None else [tuple(b.span) for b in bp_records]
    doc.user_data[TEXT_KEY] = doc.text
    try:
        return _extract(doc, quotes, times, bp, bp_records)
    finally:
        doc.user_data.pop(TEXT_KEY, None)


def _extract(doc: Doc, quotes: list[Quote], times: list[TimeExpr], bp: list, bp_records: list) -> list[Claim]:
    people = doc._.nl_people if doc._.nl_people is not None else find_people(doc, bp_records)
    b = _Builder(doc, quotes, times, bp, people)
    units = find_units(doc, quotes, people, b.resolver, b.bounds, b.sent_of, b.skip)
    drafts = _dedupe([d for u in units for d in b.drafts_of(u)])
    ctx = _Context(doc, drafts, b.para_of, b.entity_at, b.source_of, b.quote_speaker_at)
    link_evidence(ctx, b.bounds)
    claims = [_claim(doc, d, b.time_of(d)) for d in drafts if not d.dropped and (not d.latent or d.evidence)]
    for n, c in enumerate(claims, 1):
        c.id = f"c{n}"
    return claims

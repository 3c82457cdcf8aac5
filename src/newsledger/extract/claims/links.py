"""Tie each verification cue to the claims it speaks of (see :mod:`.status` for the order of the rules)."""

from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Token

from ...lexicon.words import CLAIM_NOUNS, CONFIRM_VERBS, COUNTRY_FORMS, DENY_VERBS, FIGURE_NOUNS
from ...records import Evidence, Mention
from .edges import strip, text_of
from .status import (
    _THEME_PRONOUNS, Draft, StatusCue, _Context, _content, _cue_verb, _evidence_source, _evidence_span, _theme,
    find_status_cues,
)

__all__ = ["link_evidence", "resolve_anaphor"]

_PLURAL_PRONOUNS = {"they", "these", "those", "them"}
_DEFINITE = {"the", "these", "those", "this", "that", "such", "both", "all"}


def _overlap(d: Draft, s: int, e: int) -> int:
    return min(d.end, e) - max(d.start, s)


def _is_anaphor(theme: Token) -> bool:
    if theme.lower_ in _THEME_PRONOUNS:
        return True
    if theme.lemma_.lower() not in CLAIM_NOUNS | FIGURE_NOUNS and theme.lower_ not in CLAIM_NOUNS | FIGURE_NOUNS:
        return False
    return any(c.dep_ in ("det", "poss", "predet") and (c.lower_ in _DEFINITE or c.dep_ == "poss") for c in theme.children)


def _modifiers(theme: Token) -> list[Token]:
    """Words of the anaphor that say whose claim it is: "the group's", "Russian and Syrian"."""
    out = []
    for c in theme.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her"):
            out.append(c)
        elif c.dep_ in ("amod", "compound") and (c.text[:1].isupper() or c.ent_type_ in ("NORP", "GPE", "ORG")):
            out.append(c)
            out += [g for g in c.children if g.dep_ == "conj"]
    return out


def _made_by(ctx: _Context, d: Draft, mods: Sequence[Token]) -> bool:
    for m in mods:
        ent = ctx.entity_at(m)
        if ent is not None and ent == d.entity:
            return True
        key = COUNTRY_FORMS.get(m.lower_.rstrip("'’s")) or COUNTRY_FORMS.get(m.lower_)
        if key is not None and key in d.countries:
            return True
        if d.source is not None and m.lemma_.lower() in d.source.name.lower().split():
            return True
    return False


def resolve_anaphor(ctx: _Context, theme: Token, pos: int, sent: int, para: int) -> list[Draft]:
    """The claims an anaphor ("these figures", "the group's claim", "it") denotes, nearest first in order."""
    window = [d for d in ctx.drafts if d.start < pos and d.para in (para, para - 1) and not d.start <= pos < d.end]
    if theme.lower_ in _THEME_PRONOUNS:
        window = [d for d in window if d.sent in (sent, sent - 1)]
    head = theme.lemma_.lower()
    if head in FIGURE_NOUNS or theme.lower_ in FIGURE_NOUNS:
        window = [d for d in window if d.quantity is not None]
    mods = _modifiers(theme)
    if mods:
        window = [d for d in window if _made_by(ctx, d, mods)]
    plural = theme.tag_ in ("NNS", "NNPS") or theme.lower_ in _PLURAL_PRONOUNS or \
        any(c.dep_ == "conj" for m in mods for c in m.children)
    if plural:  # the article's own statements are never "these claims"
        window = [d for d in window if not d.latent]
    if not window:
        return []
    if not plural:
        return [window[-1]]  # the nearest: a claim, or the statement just made ("The news was confirmed")
    nearest = max(d.para for d in window)
    hits = [d for d in window if d.para == nearest]
    for d in list(hits):
        hits += [a for a in d.about if a not in hits]
    return sorted(hits, key=lambda d: d.start)


def _is_nominal(theme: Token) -> bool:
    """A definite noun that may name a claimed event ("the reopening", "the closure")."""
    return theme.pos_ == "NOUN" and len(theme.lemma_) >= 4 and \
        any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in theme.children)


def _named_event(ctx: _Context, theme: Token, pos: int, para: int) -> list[Draft]:
    """The nearest claim whose verb the noun nominalises ("reopened" -> "the reopening")."""
    stem = theme.lemma_.lower()[:4]
    for d in sorted(ctx.drafts, key=lambda d: -d.start):
        if d.start >= pos or d.para not in (para, para - 1):
            continue
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is not None and root.pos_ == "VERB" and len(root.lemma_) >= 4 and root.lemma_.lower()[:4] == stem:
            return [d]
    return []


def _accused_by(ctx: _Context, v: Token, para: int) -> list[Draft]:
    """'Russia denied ...': the neighbouring claims that accuse the denier."""
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    ent = ctx.entity_at(subj) if subj is not None else None
    if ent is None:
        return []
    return [d for d in ctx.drafts if d.para in (para, para - 1) and d.entity != ent and not d.latent
            and (d.accused == ent or d.actor == ent) and not d.start <= v.idx < d.end]


def _targets(ctx: _Context, v: Token, sent: int, para: int) -> tuple[list[Draft], str, Optional[Token]]:
    content = _content(v)
    theme = _theme(v)
    if content is None and theme is not None and theme.lemma_.lower() in CLAIM_NOUNS:
        content = _content(theme)  # "rejected claims that ..."
    if content is not None:
        hits = [d for d in ctx.drafts if _overlap(d, *content) > 0.5 * (d.end - d.start)]
        own = [d for d in hits if d.cue_span is not None and d.cue_span[0] <= v.idx < d.cue_span[1]]
        earlier = _restated(ctx, content, para, v.idx) if own and v.lemma_.lower() in DENY_VERBS | CONFIRM_VERBS else []
        if earlier:
            for d in own:
                d.dropped = True  # the denial restates an earlier claim: that claim is the one disputed
            return earlier, f"the clause '{v.text}' governs restates this claim", None
        return hits, f"the claim is the clause '{v.text}' governs", None
    before = [d for d in ctx.drafts if d.sent == sent and d.end <= v.idx]
    attached = v.dep_ in ("relcl", "acl", "appos", "advcl", "conj") or (v.head.i != v.i and v.head.dep_ == "appos")
    if before and (attached or (theme is not None and theme.lower_ in ("which", "this", "it"))) and \
            (theme is None or theme.lower_ in ("which", "that", "this", "it") or _is_anaphor(theme)
             or theme.lemma_.lower() in FIGURE_NOUNS | CLAIM_NOUNS):
        if theme is not None and theme.lower_ in ("which", "that") and v.dep_ == "relcl" and v.head.pos_ == "NOUN":
            theme = v.head  # "a figure that could not be verified": the figure is the claim
        return [before[-1]], "in the claim's own sentence, attached to it", theme
    if theme is not None and _is_anaphor(theme):
        hits = resolve_anaphor(ctx, theme, v.idx, sent, para)
        where = "this paragraph" if hits and hits[-1].para == para else "the paragraph before"
        return hits, f"'{_phrase(theme)}' refers to {len(hits)} claim(s) of {where}", theme
    if theme is not None and _is_nominal(theme):
        hits = _named_event(ctx, theme, v.idx, para)
        return hits, f"'{_phrase(theme)}' names what the claim says happened", theme
    if v.lemma_.lower() in DENY_VERBS:
        return _accused_by(ctx, v, para), "denied by the party the claim accuses", None
    return [], "", None


def _content_words(doc, s: int, e: int) -> set[str]:
    span = doc.char_span(s, e, alignment_mode="expand")
    return {t.lemma_.lower()[:5] for t in span or [] if t.pos_ in ("NOUN", "PROPN", "VERB", "NUM", "ADJ")}


def _restated(ctx: _Context, content: tuple[int, int], para: int, pos: int) -> list[Draft]:
    """Earlier claims of this paragraph and the one before that say what a denial or confirmation says."""
    words = _content_words(ctx.doc, *content)
    out = []
    for d in ctx.drafts:
        if d.end > pos or d.para not in (para, para - 1) or not words:
            continue
        other = _content_words(ctx.doc, d.start, d.end)
        if other and len(words & other) >= 0.6 * min(len(words), len(other)):
            out.append(d)
    return out


def _phrase(tok: Token) -> str:
    toks = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("prep", "pobj")]
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    return tok.doc[lo:hi + 1].text


def _apply(ctx: _Context, cue: StatusCue, v: Token, targets: list[Draft], reason: str, refers: Optional[Token],
           lo: int, hi: int) -> None:
    doc = ctx.doc
    content = next(((d.start, d.end) for d in targets if d.start > v.idx and d.sent == targets[0].sent), None)
    s, e = _evidence_span(doc, v, lo, hi, content if reason.startswith("the claim is the clause") else None)
    attached = reason.startswith("in the claim's own sentence")
    if attached:
        first = refers.left_edge.idx if refers is not None and refers.pos_ == "NOUN" else v.left_edge.idx
        s = max(s, targets[0].end, first if first > targets[0].end else s)
        s, e = strip(text_of(doc), s, e)
    if e <= s:
        return
    mention = None
    if refers is not None and refers.lower_ not in ("which", "that"):
        words = _phrase(refers)
        start = refers.left_edge.idx if refers.lower_ not in _THEME_PRONOUNS else refers.idx
        if text_of(doc)[start:start + len(words)] == words:
            mention = Mention(text=words, span=(start, start + len(words)))
    source = _evidence_source(ctx, v, refers, quoted=not attached)
    ev = Evidence(text=text_of(doc)[s:e], span=(s, e), source=source, refers=mention, link=reason)
    for d in targets:
        if d.evidence is not None and d.kind != "hearsay":
            continue
        if d.latent and cue.status == "confirmed" and source is not None:
            d.source = source  # the article's own statement, confirmed by someone: theirs
        d.status, d.evidence = cue.status, ev
        d.latent = False
        if reason.startswith("the claim is the clause") and v.lemma_.lower() in DENY_VERBS and \
                d.cue_span is not None and d.cue_span[0] <= v.idx < d.cue_span[1]:
            d.source = None  # what is denied was claimed by others: the denier is the evidence's source


def link_evidence(ctx: _Context, sent_bounds: Sequence[tuple[int, int]]) -> None:
    """Set status and evidence of the drafts from every verification cue of the doc."""
    for d in ctx.drafts:
        subj = _sentence_subject(ctx, d)
        if subj is not None:
            d.about = resolve_anaphor(ctx, subj, subj.idx, d.sent, d.para)
    for i, (s0, e0) in enumerate(sent_bounds):
        for cue in find_status_cues(text_of(ctx.doc), s0, e0):
            v = _cue_verb(ctx.doc, *cue.cue)
            if v is None:
                continue
            targets, reason, refers = _targets(ctx, v, i, ctx.para_of(s0))
            if targets:
                _apply(ctx, cue, v, targets, reason, refers, s0, e0)


def _sentence_subject(ctx: _Context, d: Draft) -> Optional[Token]:
    """A definite claim noun that is the subject of the sentence a claim stands in ("The allegations, which ...")."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i >= span.start or subj.lemma_.lower() not in CLAIM_NOUNS or not _is_anaphor(subj):
        return None
    return subj

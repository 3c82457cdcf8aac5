"""The rule speaker of a quote: the subject of its cue through the parse, else the nearest name,
group noun or subject pronoun in a short stretch of text beside the quote.

The speaker model (:mod:`..speaker_model`) later ranks candidates with this rule speaker as one feature.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ...lexicon.words import GROUP_NOUNS
from ...records import Speaker
from ..cues import CueHit
from ..speakers import publisher_of, subject_of
from .context import QuoteContext, crosses_line, line_start, sentence_start

__all__ = ["speaker_for_cue", "lexical_speaker"]

def speaker_for_cue(ctx: QuoteContext, hit: CueHit, region: tuple[int, int], quote: tuple[int, int],
                    lexical: bool = True) -> Optional[Speaker]:
    """Speaker from a cue via the parse; lexical fallback inside the region when the parse fails."""
    doc = ctx.doc
    head = doc[hit.head]
    subj = subject_of(head)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ == "it":
        subj = None
    rejected = False
    if subj is not None and (ctx.boilerplate.overlaps(subj.idx, subj.idx + len(subj.text))
                             or crosses_line(ctx, subj.i, head.i)):
        subj, rejected = None, True  # the parse ran across a paragraph or boilerplate line
    if subj is not None and not (quote[0] <= subj.idx < quote[1]):
        if subj.lower_ in ("it", "that", "this", "which") and hit.kind != "according":
            agent = publisher_of(head)
            if agent is not None:
                subj = agent
        sp = ctx.resolver.from_token(subj)
        if sp is not None:
            return sp
    if subj is None and not rejected and hit.kind in ("speech", "request"):
        agent = publisher_of(head)
        if agent is not None and not (quote[0] <= agent.idx < quote[1]):
            return ctx.resolver.from_token(agent)
    if lexical or rejected:
        if rejected and region[1] - region[0] < 2:
            a = line_start(ctx.text, head.idx)
            region = (max(a, sentence_start(ctx.text, a, head.idx)), head.idx)
        return lexical_speaker(ctx, region, quote, near=head.i)
    return None


def lexical_speaker(ctx: QuoteContext, region: tuple[int, int], quote: tuple[int, int], near: Optional[int] = None,
                    first: bool = False) -> Optional[Speaker]:
    """The name run, group noun or subject pronoun in a short region outside the quote."""
    doc = ctx.doc
    toks = [i for i in ctx.tokens_in(*region) if not (quote[0] <= doc[i].idx < quote[1])]
    if not toks:
        return None
    if near is not None:
        toks.sort(key=lambda i: (abs(i - near), -i))
    elif not first:
        toks = toks[::-1]
    for i in toks:
        t = doc[i]
        if t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "DATE", "LOC") and t.text[:1].isupper():
            # climb to the last token of the run
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].idx < region[1]:
                j += 1
            return ctx.resolver.from_token(doc[j])
        if t.lower_ in ("he", "she", "they") and t.dep_ in ("nsubj", "nsubjpass"):
            return ctx.resolver.from_token(t)
        if t.lemma_ in GROUP_NOUNS and t.dep_ != "compound" and t.pos_ == "NOUN":
            return ctx.resolver.from_token(t)
    return None

"""Reported speech: indirect quotes (what a cue's verb reports, "said the pier would reopen"),
mixed ones (the same holding a quoted fragment), the two pieces around a parenthetical cue
("The pier, the mayor said, would reopen") or a mid-sentence "according to X", and a quoted
fragment under a speech or labelling verb ("called the plan 'a mirage'")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Token

from ...lexicon.words import ACCUSATION_PREPS, INTENT_VERBS, SPEECH_VERBS, TOPIC_PREPS, TOPIC_VERBS
from ...records import Cue, Speaker
from ...text.marks import Marked
from .._doc import sentence_at
from ..cues import CueHit
from ..spans import SpanIndex
from ..speakers import subject_of
from .complement import CALL_VERBS, complement
from .context import (
    WORD, FoundQuote, QuoteContext, crosses_line, cue_record, line_end, line_start, passage_span, within_line,
)
from .rule_speaker import speaker_for_cue
from .trim import kind_of, trim_content

__all__ = ["reported_quotes", "LABEL_VERBS"]

#: Prepositions that carry what was said or named ("described as 'a mirage'", "accused of 'stalling'");
#: others ("said on 'Morning Radio'", "told reporters in 'the green room'") are circumstances.
_CONTENT_PREPS = frozenset("as of about for against".split())

#: The dependents of a verb that can hold a quoted fragment it governs.
_FRAGMENT_COMPLEMENTS = ("dobj", "ccomp", "oprd", "xcomp", "prep", "attr", "dative", "advcl")

#: Verbs that take a quoted fragment as what someone said or named ("called it 'a mirage'").
LABEL_VERBS = frozenset(
    "call label describe dub brand term tweet write promise vow pledge accuse criticize criticise".split()
)

#: Who holds a stance in an aside rather than as a source: "you know", "we think", "who vowed".
_NO_HOLDERS = ("i", "you", "we", "who", "which", "that")


@dataclass
class _Scan:
    """What the reported-speech pass has found and taken so far, so that no span is quoted twice."""

    passages: SpanIndex  # every quotation-mark passage, marks included
    direct: SpanIndex  # the direct quotes
    fragment_spans: list[tuple[int, int]]  # quoted fragments inside sentences, marks excluded
    seen: set[tuple[int, int]] = field(default_factory=set)
    found: list[FoundQuote] = field(default_factory=list)
    stances: list[tuple[int, int]] = field(default_factory=list)  # (index in found, cue offset)


def reported_quotes(ctx: QuoteContext, direct: Sequence[FoundQuote], fragments: Sequence[Marked]) -> list[FoundQuote]:
    """Indirect quotes (a reporting verb's complement) and mixed ones (the same holding a quoted fragment)."""
    scan = _Scan(SpanIndex([passage_span(m) for m in ctx.marked]), SpanIndex([(f.start, f.end) for f in direct]),
                 [(m.start, m.end) for m in fragments])
    heads = [h.head for h in ctx.cues]
    for hit in ctx.cues:
        if scan.passages.covering(ctx.doc[hit.head].idx) is not None:
            continue  # a cue inside a quotation is the quoted person's own reporting
        if _nothing_said(ctx.doc[hit.head]) or _said_of_its_subject(ctx.doc[hit.head]) or \
                _question_put(ctx.doc[hit.head]):
            continue
        rng = complement(ctx.doc, hit)
        if rng is None:
            _add_parenthetical(ctx, scan, hit)
        else:
            _add_complement(ctx, scan, hit, rng, heads)
    found = _without_nested(scan.found, scan.stances)
    _add_fragments(ctx, scan, found, fragments)
    return found


#: Verbs that, governing a verb of saying, say that nothing was said ("declined to say whether ...").
_WITHHOLDING_VERBS = frozenset("decline refuse fail".split())


def _nothing_said(head: Token) -> bool:
    """'did not say whether', 'declined to say when': a cue that reports that nothing was said."""
    if any(c.dep_ == "neg" for c in head.children):
        return True
    return head.dep_ == "xcomp" and head.head.lemma_ in _WITHHOLDING_VERBS


def _said_of_its_subject(head: Token) -> bool:
    """'Nurses are reported to be planning a strike', 'he is said to have resigned': unnamed others say it of the
    subject, who said nothing (the claims read it as hearsay)."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    return passive and any(c.dep_ == "xcomp" and any(t.lower_ == "to" for t in c.children) for c in head.children)


def _question_put(head: Token) -> bool:
    """'Asked whether fuel duty would rise, an official said ...', 'the minister was asked whether ...': the
    question put to someone by unnamed askers, not anyone's words (the answer is the quote)."""
    if head.lemma_ != "ask" or head.tag_ != "VBN":
        return False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)  # "the minister was asked whether"
    bare = head.dep_ in ("advcl", "ROOT") and not any(c.dep_ in ("nsubj", "aux") for c in head.children)
    return passive or bare


def _add_parenthetical(ctx: QuoteContext, scan: _Scan, hit: CueHit) -> None:
    """A cue with no complement of its own may sit inside what it reports: each piece around it is a quote."""
    head = ctx.doc[hit.head]
    for span in filter(None, (trim_content(ctx, *piece) for piece in _parenthetical_pieces(ctx, hit))):
        if span in scan.seen or scan.direct.overlaps(*span) or not WORD.search(ctx.text[span[0] : span[1]]):
            continue
        scan.seen.add(span)
        speaker = speaker_for_cue(ctx, hit, (head.idx, head.idx), span, lexical=False)
        scan.found.append(FoundQuote(kind_of(span, scan.fragment_spans), span[0], span[1], speaker,
                                     cue_record(ctx, hit), 0.7 if speaker is not None else 0.5))


def _add_complement(ctx: QuoteContext, scan: _Scan, hit: CueHit, rng: tuple[int, int], heads: list[int]) -> None:
    """What a cue's verb reports, as a quote, unless it is taken, too short, or a stance with no holder."""
    head = ctx.doc[hit.head]
    rng = within_line(ctx, _cut_at_next_cue(ctx, hit, rng, heads), head)
    span = trim_content(ctx, *rng) if rng[1] > rng[0] else None
    if span is None or span in scan.seen or scan.direct.overlaps(*span):
        return
    if len(re.findall(r"\w+", ctx.text[span[0] : span[1]])) < 2:
        return
    stance = _attributes_a_stance_or_belief(hit, head)
    if not _content_is_reportable(ctx, hit, head, span, stance):
        return
    scan.seen.add(span)
    speaker = speaker_for_cue(ctx, hit, (head.idx, head.idx), span, lexical=False)
    if (hit.kind == "belief" or stance) and _without_a_holder(head, speaker):
        return
    conf = (0.6 if hit.kind in ("belief", "intent", "topic") else 0.75) if speaker is not None else 0.5
    scan.found.append(FoundQuote(kind_of(span, scan.fragment_spans), span[0], span[1], speaker,
                                 cue_record(ctx, hit), conf))
    if stance:
        scan.stances.append((len(scan.found) - 1, head.idx))


def _cut_at_next_cue(ctx: QuoteContext, hit: CueHit, rng: tuple[int, int], heads: list[int]) -> tuple[int, int]:
    """'added that X, noting Y': a later cue's clause inside the range is not part of X."""
    doc = ctx.doc
    for k in heads:
        if rng[0] < k < rng[1] and k > hit.head and doc[k].dep_ in ("advcl", "conj"):
            cut = doc[k].left_edge.i
            return rng[0], cut if cut > rng[0] else k
    return rng


def _attributes_a_stance_or_belief(hit: CueHit, head: Token) -> bool:
    """A belief, intention or topic, or content taken from an infinitive or object rather than a clause."""
    return hit.kind in ("belief", "intent", "topic") or (
        (head.lemma_ in INTENT_VERBS or head.lemma_ in TOPIC_VERBS or head.lemma_ in TOPIC_PREPS)
        and not any(c.dep_ == "ccomp" for c in head.children)
    )


def _content_is_reportable(ctx: QuoteContext, hit: CueHit, head: Token, span: tuple[int, int], stance: bool) -> bool:
    """Reported content needs a verb, unless it follows "according to", is a stance's topic, is called for,
    or is a charge ("charged the firm with fraud")."""
    if hit.kind == "according" or (stance and head.lemma_ not in INTENT_VERBS) or head.lemma_ in CALL_VERBS \
            or head.lemma_ in ACCUSATION_PREPS:
        return True
    return any(ctx.doc[i].pos_ in ("VERB", "AUX") for i in ctx.tokens_in(*span))


def _without_a_holder(head: Token, speaker: Optional[Speaker]) -> bool:
    """A stance is no attribution without a named holder, inside a relative clause ("who vowed to ..."),
    or in a first or second person aside ("you know ...")."""
    return speaker is None or head.dep_ == "relcl" or (speaker.mention or "").lower() in _NO_HOLDERS


def _without_nested(found: list[FoundQuote], stances: list[tuple[int, int]]) -> list[FoundQuote]:
    """A belief, intention or topic whose cue sits inside another quote's content is part of what that
    source said ("the coach said fans would expect a win"), not a quote of its own."""
    drop = {k for k, cue_at in stances if any(f.start <= cue_at < f.end for j, f in enumerate(found) if j != k)}
    return [f for k, f in enumerate(found) if k not in drop]


def _add_fragments(ctx: QuoteContext, scan: _Scan, found: list[FoundQuote], fragments: Sequence[Marked]) -> None:
    """Quoted fragments that no reported quote holds become mixed quotes of their own verb, appended to found."""
    covered = SpanIndex([(f.start, f.end) for f in found])
    for m in fragments:
        if covered.overlaps(m.start, m.end) or scan.direct.overlaps(m.start, m.end):
            continue
        f = _fragment_quote(ctx, m, scan.fragment_spans, scan.passages)
        if f is not None and (f.start, f.end) not in scan.seen and not scan.direct.overlaps(f.start, f.end):
            scan.seen.add((f.start, f.end))
            found.append(f)


def _parenthetical_pieces(ctx: QuoteContext, hit: CueHit) -> list[tuple[int, int]]:
    """'The pier, the mayor said, would reopen in June': the two pieces around a parenthetical cue."""
    if hit.kind == "according":
        return _according_pieces(ctx, hit)
    if hit.kind != "speech":
        return []
    doc = ctx.doc
    head = doc[hit.head]
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("it", "that", "this", "which", "who"):
        return []
    left = min(head.i, subj.left_edge.i)
    right = max(head.i, subj.right_edge.i)
    while left < head.i and doc[left].dep_ in ("aux", "advmod") and left != subj.left_edge.i:
        left += 1
    if left < 2 or right + 2 >= len(doc) or doc[left - 1].text != "," or doc[right + 1].text != ",":
        return []
    sent = sentence_at(head.doc, head.i)
    lo, hi = doc[left].idx, doc[right].idx
    line_lo = line_start(ctx.text, lo)
    line_hi = line_end(ctx.text, hi)
    first = (max(sent.start, ctx.token_at(line_lo) if line_lo > 0 else 0), left - 1)
    last_tok = sent.end
    while last_tok > right + 2 and doc[last_tok - 1].idx >= line_hi:
        last_tok -= 1
    second = (right + 2, last_tok)
    if first[1] - first[0] < 1 or second[1] - second[0] < 2:
        return []
    if not any(doc[i].pos_ in ("VERB", "AUX") for i in range(*second)):
        return []
    return [first, second]


def _according_pieces(ctx: QuoteContext, hit: CueHit) -> list[tuple[int, int]]:
    """'Sales fell 4 percent, according to the survey, and prices rose': the clause before a mid-sentence
    "according to X" set off by commas, and a coordinated clause after it."""
    doc = ctx.doc
    acc = doc[hit.start]
    head = doc[hit.head]
    ps, pe = acc.i, head.right_edge.i + 1
    if ps < 2 or pe >= len(doc) or doc[ps - 1].text != "," or doc[pe].text != ",":
        return []
    sent = sentence_at(acc.doc, acc.i)
    line_lo = line_start(ctx.text, acc.idx)
    first = (max(sent.start, ctx.token_at(line_lo) if line_lo > 0 else 0), ps - 1)
    pieces = []
    if first[1] - first[0] >= 3 and any(doc[i].pos_ in ("VERB", "AUX") for i in range(*first)):
        pieces.append(first)
    k = pe + 1
    if k < sent.end and doc[k].lower_ in ("and", "but", "while"):
        second = (k + 1, sent.end)
        if second[1] - second[0] >= 3 and any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(*second)) \
                and "\n" not in ctx.text[doc[k].idx : doc[sent.end - 1].idx]:
            pieces.append(second)
    return pieces


def _fragment_quote(ctx: QuoteContext, m: Marked, frag_spans: Sequence[tuple[int, int]],
                    passages: SpanIndex) -> Optional[FoundQuote]:
    """A quoted fragment under a speech or labelling verb: the verb's complement as a mixed quote."""
    doc = ctx.doc
    tok = doc[ctx.token_at(m.start)]
    verb, child = _governing_verb(tok)
    if verb is None or child.dep_ in ("nsubj", "nsubjpass") or passages.covering(verb.idx) is not None:
        return None
    if ctx.boilerplate.overlaps(verb.idx, verb.idx + 1) or crosses_line(ctx, verb.i, tok.i):
        return None
    comps = [c for c in verb.children if c.i > verb.i and c.dep_ in _FRAGMENT_COMPLEMENTS
             and (c.dep_ != "prep" or c.lower_ in _CONTENT_PREPS)]
    if not comps:
        return None
    s = min(c.left_edge.i for c in comps)
    e = max(c.right_edge.i for c in comps) + 1
    if not (doc[s].idx <= m.start and m.end <= doc[e - 1].idx + len(doc[e - 1].text) + 1):
        return None
    span = trim_content(ctx, s, e)
    if span is None:
        return None
    a, b = span
    if b < m.end:  # the content runs to the fragment's end, and its closing mark
        b = m.end + (1 if m.end < len(ctx.text) and ctx.text[m.end] in "\"”’'" else 0)
    subj = subject_of(verb)
    speaker = None
    if subj is not None and not (a <= subj.idx < b) and not crosses_line(ctx, subj.i, verb.i):
        speaker = ctx.resolver.from_token(subj)
    cue = Cue(text=verb.text, span=(verb.idx, verb.idx + len(verb.text)))
    return FoundQuote(kind_of((a, b), frag_spans), a, b, speaker, cue, 0.6 if speaker is not None else 0.4)


def _governing_verb(tok: Token) -> tuple[Optional[Token], Token]:
    """The speech or labelling verb a fragment hangs on (up to five steps up the parse), and its child on the way."""
    child = tok
    for _ in range(5):
        head = child.head
        if head.i == child.i:
            break
        if head.pos_ in ("VERB", "AUX") and (head.lemma_ in SPEECH_VERBS or head.lemma_ in LABEL_VERBS):
            return head, child
        child = head
    return None, child

"""Direct quotes: quotation-mark passages that stand as speech, each with its speaker.

A passage stands as speech when it opens a paragraph or sentence, follows a colon, or follows a
comma or cue with a capital; the rest are fragments inside a sentence, left for
:mod:`.reported`.  The speaker comes from, in order: a transcript label inside the marks, the
passage it continues from the paragraph before, a cue after it (``, she said``), a cue before it
(``She said:``), an introduction ending the previous paragraph, an earlier cue in its paragraph,
and last the direct quote just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ...lexicon.words import ACCUSATION_PREPS, INTRO_WORDS, SPEECH_VERBS
from ...records import Cue, Speaker
from ...text.marks import Marked
from .context import (
    WORD, FoundQuote, QuoteContext, cue_record, intro_cue, nearest_cue, passage_span, sentence_end, sentence_start,
)
from .rule_speaker import lexical_speaker, speaker_for_cue
from .transcript import label_speaker, stage_direction, transcript_label

__all__ = ["direct_quotes"]

_INTERRUPTED = re.compile(
    r"\s*[^\"“”\n]{0,60}?\b(?:said|says|say|added|adds|told|tells|asked|asks|continued|explained|wrote|writes)\b"
    r"[^\"“”\n]{0,30}?,\s*[\"“‘']"
)
_DASH = re.compile(r"\s*[―—–]\s*")

#: A speaker, the cue that names them (if any) and the confidence of the attribution.
_Attribution = tuple[Optional[Speaker], Optional[Cue], float]


@dataclass(frozen=True)
class _Surroundings:
    """Where a passage sits: its paragraph, and the marks of the passages on either side of it."""

    lo: int  # paragraph start
    hi: int  # paragraph end
    prev_close: int  # just past the previous passage's closing mark, else the paragraph start
    next_open: int  # the next passage's opening mark, else the paragraph end


def direct_quotes(ctx: QuoteContext, fragments_out: list[Marked]) -> list[FoundQuote]:
    """Direct quotes with speakers; passages that are fragments go to ``fragments_out``."""
    out: list[FoundQuote] = []
    prev: Optional[FoundQuote] = None
    by_para: dict[int, list[Marked]] = {}
    for m in ctx.marked:
        by_para.setdefault(m.paragraph, []).append(m)
    for m in ctx.marked:
        where = _surroundings(ctx, by_para[m.paragraph], m)
        if not _is_direct(ctx, m, where.lo, where.prev_close):
            fragments_out.append(m)
            continue
        found = _direct_quote(ctx, m, where, prev)
        if found is not None:
            out.append(found)
            prev = found
    return out


def _surroundings(ctx: QuoteContext, siblings: list[Marked], m: Marked) -> _Surroundings:
    """Cues for a passage are looked for in its paragraph, never past a neighbouring passage."""
    lo, hi = ctx.paras[m.paragraph]
    k = siblings.index(m)
    before = siblings[k - 1] if k > 0 else None
    after = siblings[k + 1] if k + 1 < len(siblings) else None
    prev_close = before.close_at + before.close_len if before is not None and before.close_at >= 0 else lo
    next_open = after.open_at if after is not None and after.open_at >= 0 else hi
    return _Surroundings(lo, hi, prev_close, next_open)


def _looks_like_title(content: str) -> bool:
    """'Ten Ways To Save', 'Rivers Run Dry.': a title or headline, not speech."""
    words = WORD.findall(content)
    long = [w for w in words if len(w) > 3]
    return 2 <= len(words) <= 10 and len(long) >= 2 and all(w[0].isupper() for w in long)


def _is_direct(ctx: QuoteContext, m: Marked, lo: int, prev_close: int) -> bool:
    """A passage that stands as speech rather than a quoted fragment inside a sentence."""
    text = ctx.text
    content = text[m.start : m.end]
    words = WORD.findall(content)
    if 1 <= len(words) < 3 and m.close_at >= 0 and content.rstrip()[-1:] == "," and _INTERRUPTED.match(
        text, m.close_at + m.close_len, min(len(text), m.close_at + 120)
    ):
        return True  # "Sadly," the coach said, "we lost ..."
    if len(words) < 3 or content.isupper() or (m.open_at >= 0 and _looks_like_title(content)):
        return m.open_at < 0 and len(words) >= 1
    if m.open_at < 0:
        return True
    before = text[lo : m.open_at].rstrip()
    if not before:
        return True
    last = before[-1]
    # an interrupted quote: "One thing," the coach said, "and another."
    if last == "," and prev_close > lo and m.open_at - prev_close < 80 and ctx.cues_in(prev_close, m.open_at):
        return True
    if last in ":.!?…" or (last in "\"”’'" and before[:-1].rstrip()[-1:] in (".", "!", "?", ",")):
        return True
    first = text[m.start]
    if last in ",—–-(" and (first.isupper() or first.isdigit() or first in "\"“‘'"):
        return True
    # directly after a cue: said "We will ..."
    tok = ctx.doc[ctx.token_at(len(before) + lo - 1)]
    if (tok.lemma_ in SPEECH_VERBS or tok.lower_ in INTRO_WORDS) and first.isupper():
        return tok.lemma_ not in ACCUSATION_PREPS  # accused "Mr X and his backers" of ...: the one accused
    # a full sentence inside the marks: ... says "Nothing is settled yet," with a cue after it
    inside = content.rstrip()
    return first.isupper() and inside[-1:] in ",?!" and len(inside.split()) >= 4


def _direct_quote(ctx: QuoteContext, m: Marked, where: _Surroundings,
                  prev: Optional[FoundQuote]) -> Optional[FoundQuote]:
    """One passage that stands as speech, with its speaker; None for a bracketed stage direction."""
    label = transcript_label(ctx.text, m.start, m.end)
    qstart = m.start
    continues = None
    if label is not None:
        speaker, cue, conf = label_speaker(ctx, label[0], label[1]), None, 0.9
        qstart = label[2]
    elif m.continued and prev is not None and prev.marked is not None and prev.marked.runs_on:
        speaker, cue, continues, conf = prev.speaker, prev.cue, prev, 0.85
    else:
        speaker, cue, conf = _attribute(ctx, m, where, prev)
    if m.unclosed:
        conf = min(conf, 0.5)
    if stage_direction(ctx.text[qstart : m.end]):
        return None
    return FoundQuote("direct", qstart, m.end, speaker, cue, conf, unclosed=m.unclosed, continues=continues,
                      paragraph=m.paragraph, marked=m)


def _attribute(ctx: QuoteContext, m: Marked, where: _Surroundings, prev: Optional[FoundQuote]) -> _Attribution:
    """The speaker of a passage with no label and no passage it runs on from: the first place that names one."""
    quote = passage_span(m)
    conf = 0.9
    speaker, cue = _speaker_after(ctx, m, quote, where.next_open)
    if speaker is None and m.open_at >= 0:
        speaker, cue = _speaker_before(ctx, m, quote, where)
    if speaker is None:
        introduced = _introduced_by_previous_paragraph(ctx, m, quote, where.lo)
        if introduced is not None:
            speaker, cue = introduced
    if speaker is None:
        earlier = _earlier_cue_in_paragraph(ctx, m, quote, where.lo)
        if earlier is not None:
            speaker, cue, conf = earlier
    if speaker is None:
        carried = _carried_from_previous_quote(ctx, m, where.lo, prev)
        if carried is not None:
            speaker, cue, conf = carried
    if speaker is None:
        conf = 0.5
    return speaker, cue, conf


def _speaker_after(ctx: QuoteContext, m: Marked, quote: tuple[int, int],
                   next_open: int) -> tuple[Optional[Speaker], Optional[Cue]]:
    """'"...," the coach said.' or a byline after a dash: the words between the closing mark and the sentence end."""
    if m.close_at < 0:
        return None, None
    text = ctx.text
    a = m.close_at + m.close_len
    b = sentence_end(text, a, next_open)
    after = text[a:b].lstrip()
    speaker = cue = None
    dash = _DASH.match(text[a:b])
    if dash and after[1:].lstrip()[:1].isupper():
        speaker, cue = _byline_after_dash(ctx, a, b, dash, quote)
    if speaker is None and _trailing_cue_fits(text[m.start : m.end].rstrip()[-1:], after) and after:
        hit = nearest_cue(ctx.cues_in(a, b), before_quote=False)
        if hit is not None:
            cue = cue_record(ctx, hit)
            speaker = speaker_for_cue(ctx, hit, (a, b), quote)
            if speaker is None:
                cue = None
    return speaker, cue


def _trailing_cue_fits(inside_end: str, after: str) -> bool:
    """A cue after the closing mark belongs to the quote when the sentence runs on, or is short."""
    return after[:1].islower() or after[:1] in (",", "—", "–", "-") or inside_end in (",", "?", "!", "—", "-") \
        or (len(after.split()) <= 5 and after[:1].isupper())


def _byline_after_dash(ctx: QuoteContext, a: int, b: int, dash: re.Match,
                       quote: tuple[int, int]) -> tuple[Optional[Speaker], Optional[Cue]]:
    """'"..." ― Jane Roe': the first name after the dash speaks, and the dash is the cue."""
    speaker = lexical_speaker(ctx, (a + dash.end(), b), quote, near=None, first=True)
    if speaker is None:
        return None, None
    d = a + dash.start() + (len(dash.group(0)) - len(dash.group(0).lstrip()))
    return speaker, Cue(text=ctx.text[d], span=(d, d + 1))


def _speaker_before(ctx: QuoteContext, m: Marked, quote: tuple[int, int],
                    where: _Surroundings) -> tuple[Optional[Speaker], Optional[Cue]]:
    """'They said:', 'X told Y:', 'said the coach, "...': a cue in the sentence before the opening mark."""
    text = ctx.text
    a = max(where.prev_close, sentence_start(text, max(where.lo, where.prev_close), m.open_at))
    before = text[a : m.open_at].rstrip()
    hits = ctx.cues_in(a, m.open_at)
    if not before or not (before[-1] in ":,—–" or hits):
        return None, None
    hit = nearest_cue(hits, before_quote=True)
    if hit is not None:
        speaker = speaker_for_cue(ctx, hit, (a, m.open_at), quote)
        return speaker, (cue_record(ctx, hit) if speaker is not None else None)
    if before[-1] == ":":
        return lexical_speaker(ctx, (a, m.open_at), quote), intro_cue(ctx, a, m.open_at)
    return None, None


def _introduced_by_previous_paragraph(ctx: QuoteContext, m: Marked, quote: tuple[int, int],
                                      lo: int) -> Optional[tuple[Optional[Speaker], Optional[Cue]]]:
    """'The coach went on:' closing one paragraph introduces the passage that opens the next."""
    text = ctx.text
    if m.open_at < 0 or text[lo : m.open_at].strip() or m.paragraph <= 0:
        return None
    plo, phi = ctx.paras[m.paragraph - 1]
    if not text[plo:phi].rstrip().endswith(":"):
        return None
    a = sentence_start(text, plo, phi - 1)
    hit = nearest_cue(ctx.cues_in(a, phi), before_quote=True)
    if hit is not None:
        return speaker_for_cue(ctx, hit, (a, phi), quote), cue_record(ctx, hit)
    return lexical_speaker(ctx, (a, phi), quote), intro_cue(ctx, a, phi)


def _earlier_cue_in_paragraph(ctx: QuoteContext, m: Marked, quote: tuple[int, int],
                              lo: int) -> Optional[_Attribution]:
    """'..., the coach said. "And then ..."': the paragraph's own last speech cue before the passage."""
    if m.open_at <= lo:
        return None
    hit = nearest_cue([h for h in ctx.cues_in(lo, m.open_at) if h.kind == "speech"], before_quote=True)
    if hit is None:
        return None
    at = ctx.doc[hit.head].idx
    speaker = speaker_for_cue(ctx, hit, (at, at), quote, lexical=False)
    return (speaker, cue_record(ctx, hit), 0.7) if speaker is not None else None


def _carried_from_previous_quote(ctx: QuoteContext, m: Marked, lo: int,
                                 prev: Optional[FoundQuote]) -> Optional[_Attribution]:
    """A passage with no cue of its own in the last direct quote's paragraph, or opening the next, is its speaker's."""
    if prev is None or prev.speaker is None:
        return None
    same_para = prev.paragraph == m.paragraph
    near_para = m.paragraph - prev.paragraph <= 1 and not ctx.text[lo : max(lo, m.open_at)].strip()
    if not (same_para or near_para):
        return None
    return prev.speaker, prev.cue, (0.75 if same_para else 0.6)

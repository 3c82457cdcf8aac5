"""Quotations: direct quotes from quote marks, mixed and indirect quotes from reporting cues.

The extraction runs in three layers, each a small pure function:

1. **Marks** (:func:`find_marked`, string only): pair straight and curly, double
   and single quotation marks paragraph by paragraph with a state machine that
   tells apostrophes from single quotes, keeps nested quotes inside their outer
   passage, runs a quote on into the next paragraph when that paragraph opens
   with a mark, and reports a quote left open at the end (``unclosed``).
2. **Direct quotes** (:func:`direct_quotes`): a passage that stands as speech (opens
   a paragraph or sentence, follows a colon, or a comma or cue with a capital)
   gets its speaker from a cue after it (``, he said``) or before it
   (``They said:``), else from the quote it continues.
3. **Indirect and mixed quotes** (:func:`reported_quotes`): the clausal complement
   of a reporting verb ("said that ...", "implored X to ...") or the clause an
   "according to X" attaches to; ``mixed`` when that clause holds a quoted fragment.

:class:`QuoteExtractor` is the spaCy component (factory ``newsledger_quotes_v1``)
writing ``doc._.nl_quotes`` and the ``quotes``, ``speakers`` and ``cues`` span groups.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..text import paragraphs
from ..text.marks import MARK_RE, Marked, find_marked
from ..records import Boilerplate, Cue, Quote, Speaker
from ._doc import boilerplate_of, ensure_extensions, sentence_at
from .cues import CueHit, find_cues
from ..lexicon.words import (
    GROUP_NOUNS, INTENT_VERBS, INTRO_WORDS, REQUEST_VERBS, SPEECH_VERBS, TOPIC_PREPS, TOPIC_VERBS,
)
from .people import People, find_people
from .speakers import SpeakerResolver, subject_of
from .spans import SpanIndex

__all__ = [
    "Marked",
    "paragraphs",
    "find_marked",
    "direct_quotes",
    "reported_quotes",
    "extract_quotes",
    "QuoteExtractor",
    "MARK_RE",
]

# ============================================================================================
# 2. Direct quotes

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Prof|Rev|Capt|vs|U\.S|U\.K|No|Inc|Corp|Co|Ltd"
    r"|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa"
    r"|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?…][\"”’'»]*(?=\s|$)")
_PUNCT_EDGE = " \t\n.,;:!?-–—…\u00a0"


def _sentence_end(text: str, a: int, b: int) -> int:
    """End (exclusive) of the first sentence-final punctuation in text[a:b], else b."""
    for m in _SENT_END.finditer(text, a, b):
        if m.group(0)[0] == "." and _ABBREV.search(text, max(a, m.start() - 6), m.start() + 1):
            continue
        return m.end()
    return b


def _sentence_start(text: str, a: int, b: int) -> int:
    """Start of the sentence that holds position b, not before a."""
    last = a
    for m in _SENT_END.finditer(text, a, b):
        if m.group(0)[0] == "." and _ABBREV.search(text, max(a, m.start() - 6), m.start() + 1):
            continue
        last = m.end()
    return last


@dataclass
class _Ctx:
    """Per-doc precomputed data shared by the extraction steps."""

    doc: Doc
    text: str
    paras: list[tuple[int, int]]
    marked: list[Marked]
    cues: list[CueHit]
    cue_chars: list[int]  # char offset of each cue's head token
    tok_starts: list[int]
    people: People
    finder: SpeakerResolver
    bp_index: SpanIndex

    def token_at(self, char: int) -> int:
        """Index of the token containing (or starting after) char offset."""
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return max(i, 0)

    def tokens_in(self, a: int, b: int) -> range:
        return range(bisect.bisect_left(self.tok_starts, a), bisect.bisect_left(self.tok_starts, b))

    def cues_in(self, a: int, b: int) -> list[CueHit]:
        lo = bisect.bisect_left(self.cue_chars, a)
        hi = bisect.bisect_left(self.cue_chars, b)
        return self.cues[lo:hi]


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    speaker: Optional[Speaker]
    cue: Optional[Cue]
    confidence: float
    unclosed: bool = False
    continues: Optional["_Found"] = None
    paragraph: int = -1
    marked: Optional[Marked] = None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


_INTERRUPTED = re.compile(
    r"\s*[^\"“”\n]{0,60}?\b(?:said|says|say|added|adds|told|tells|asked|asks|continued|explained|wrote|writes)\b"
    r"[^\"“”\n]{0,30}?,\s*[\"“‘']"
)


def _looks_like_title(content: str) -> bool:
    """'Make Your Kid a Millionaire', 'All Bets Are Off.': a title or headline, not speech."""
    words = _WORD.findall(content)
    long = [w for w in words if len(w) > 3]
    return 2 <= len(words) <= 10 and len(long) >= 2 and all(w[0].isupper() for w in long)


def _is_direct(text: str, m: Marked, lo: int, ctx: _Ctx, prev_close: int = -1) -> bool:
    """A passage that stands as speech rather than a quoted fragment inside a sentence."""
    content = text[m.start : m.end]
    words = _WORD.findall(content)
    if 1 <= len(words) < 3 and m.close_at >= 0 and content.rstrip()[-1:] == "," and _INTERRUPTED.match(
        text, m.close_at + m.close_len, min(len(text), m.close_at + 120)
    ):
        return True  # "Hopefully," the president said, "this will ..."
    if len(words) < 3 or content.isupper() or (m.open_at >= 0 and _looks_like_title(content)):
        return m.open_at < 0 and len(words) >= 1
    if m.open_at < 0:
        return True
    before = text[lo : m.open_at].rstrip()
    if not before:
        return True
    last = before[-1]
    # an interrupted quote: "A," Mr. Obama said, "and b."
    if last == "," and prev_close > lo and m.open_at - prev_close < 80 and ctx.cues_in(prev_close, m.open_at):
        return True
    if last in ":.!?…" or (last in "\"”’'" and before[:-1].rstrip()[-1:] in (".", "!", "?", ",")):
        return True
    first = text[m.start]
    if last in ",—–-(" and (first.isupper() or first.isdigit() or first in "\"“‘'"):
        return True
    # directly after a cue: said "We will ..."
    t = ctx.token_at(len(before) + lo - 1)
    tok = ctx.doc[t]
    if (tok.lemma_ in SPEECH_VERBS or tok.lower_ in INTRO_WORDS) and first.isupper():
        return True
    # a full sentence inside the marks: "... says "Nothing will change."" with a cue after it
    inside = text[m.start : m.end].rstrip()
    if first.isupper() and inside[-1:] in ",?!" and len(inside.split()) >= 4:
        return True
    return False


def _cue_record(ctx: _Ctx, hit: CueHit) -> Cue:
    doc = ctx.doc
    s = doc[hit.start].idx
    last = doc[hit.end - 1]
    e = last.idx + len(last.text)
    return Cue(text=ctx.text[s:e], span=(s, e))


def _speaker_for_cue(ctx: _Ctx, hit: CueHit, region: tuple[int, int], quote: tuple[int, int],
                     prefer: Optional[int] = None, lexical: bool = True) -> Optional[Speaker]:
    """Speaker from a cue via the parse; lexical fallback inside the region when the parse fails."""
    doc = ctx.doc
    head = doc[hit.head]
    subj = subject_of(head)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ == "it":
        subj = None
    rejected = False
    if subj is not None and (ctx.bp_index.overlaps(subj.idx, subj.idx + len(subj.text)) or _crosses_line(ctx, subj.i, head.i)):
        subj, rejected = None, True  # the parse ran across a paragraph or boilerplate line
    if subj is not None and not (quote[0] <= subj.idx < quote[1]):
        if subj.lower_ in ("it", "that", "this", "which") and hit.kind != "according":
            agent = _agent_in_sentence(doc, head)
            if agent is not None:
                subj = agent
        sp = ctx.finder.from_token(subj, prefer=prefer)
        if sp is not None:
            return sp
    if subj is None and not rejected and hit.kind in ("speech", "request"):
        agent = _agent_in_sentence(doc, head)
        if agent is not None and not (quote[0] <= agent.idx < quote[1]):
            return ctx.finder.from_token(agent, prefer=prefer)
    if lexical or rejected:
        if rejected and region[1] - region[0] < 2:
            a = _line_start(ctx.text, head.idx)
            region = (max(a, _sentence_start(ctx.text, a, head.idx)), head.idx)
        return _lexical_speaker(ctx, region, quote, near=head.i, prefer=prefer)
    return None


def _crosses_line(ctx: _Ctx, i: int, j: int) -> bool:
    a, b = (i, j) if i < j else (j, i)
    return "\n" in ctx.text[ctx.doc[a].idx : ctx.doc[b].idx]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _within_line(ctx: _Ctx, rng: tuple[int, int], head: Token) -> tuple[int, int]:
    """A reported clause never runs across a line break: a headline parsed into the next sentence stays out."""
    line = ctx.tokens_in(_line_start(ctx.text, head.idx), _line_end(ctx.text, head.idx))
    return max(rng[0], line.start), min(rng[1], line.stop)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _agent_in_sentence(doc: Doc, head: Token) -> Optional[Token]:
    """'In a notice issued by the council, it was said ...': the agent of a publishing verb speaks."""
    sent = sentence_at(head.doc, head.i)
    for t in sent:
        if t.dep_ == "agent" and t.head.i != head.i and (t.head.lemma_ in ("release", "issue", "publish", "post", "make", "attribute")):
            for g in t.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _lexical_speaker(ctx: _Ctx, region: tuple[int, int], quote: tuple[int, int], near: Optional[int] = None,
                     prefer: Optional[int] = None, first: bool = False) -> Optional[Speaker]:
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
            return ctx.finder.from_token(doc[j], prefer=prefer)
        if t.lower_ in ("he", "she", "they") and t.dep_ in ("nsubj", "nsubjpass"):
            return ctx.finder.from_token(t, prefer=prefer)
        if t.lemma_ in GROUP_NOUNS and t.dep_ not in ("compound",) and t.pos_ == "NOUN":
            return ctx.finder.from_token(t, prefer=prefer)
    return None


def _pick(hits: Sequence[CueHit], last: bool) -> Optional[CueHit]:
    hits = [h for h in hits if h.kind in ("speech", "according", "phrase") or h.kind == "request"]
    if not hits:
        return None
    return hits[-1] if last else hits[0]


def direct_quotes(ctx: _Ctx, fragments_out: list[Marked]) -> list[_Found]:
    """Direct quotes with speakers; passages that are fragments go to ``fragments_out``."""
    text, doc = ctx.text, ctx.doc
    out: list[_Found] = []
    prev: Optional[_Found] = None
    by_para: dict[int, list[Marked]] = {}
    for m in ctx.marked:
        by_para.setdefault(m.paragraph, []).append(m)
    for m in ctx.marked:
        lo, hi = ctx.paras[m.paragraph]
        siblings = by_para[m.paragraph]
        k = siblings.index(m)
        prev_close = siblings[k - 1].close_at + siblings[k - 1].close_len if k > 0 and siblings[k - 1].close_at >= 0 else lo
        if not _is_direct(text, m, lo, ctx, prev_close):
            fragments_out.append(m)
            continue
        next_open = siblings[k + 1].open_at if k + 1 < len(siblings) and siblings[k + 1].open_at >= 0 else hi
        quote = (m.open_at if m.open_at >= 0 else m.start, m.close_at + m.close_len if m.close_at >= 0 else m.end)
        speaker = cue = None
        conf = 0.9
        continues = None
        label = _transcript_label(text, m.start, m.end)
        qstart = m.start
        if label is not None:
            speaker, cue = _label_speaker(ctx, *label), None
            qstart = label[2]
        elif m.continued and prev is not None and prev.marked is not None and prev.marked.runs_on:
            speaker, cue, continues, conf = prev.speaker, prev.cue, prev, 0.85
        else:
            # after the quote: ', he said.'
            if m.close_at >= 0:
                a = m.close_at + m.close_len
                b = _sentence_end(text, a, next_open)
                inside_end = text[m.start : m.end].rstrip()[-1:]
                after = text[a:b].lstrip()
                trailing_ok = after[:1].islower() or after[:1] in (",", "—", "–", "-") or inside_end in (",", "?", "!", "—", "-") \
                    or (len(after.split()) <= 5 and after[:1].isupper())
                dash = re.match(r"\s*[―—–]\s*", text[a:b])
                if dash and after[1:].lstrip()[:1].isupper():
                    # "..." ― Steve Quinlan
                    speaker = _lexical_speaker(ctx, (a + dash.end(), b), quote, near=None, first=True)
                    if speaker is not None:
                        d = a + dash.start() + (len(dash.group(0)) - len(dash.group(0).lstrip()))
                        cue = Cue(text=text[d], span=(d, d + 1))
                if speaker is None and trailing_ok and after:
                    hit = _pick(ctx.cues_in(a, b), last=False)
                    if hit is not None and (hit.head == hit.start or True):
                        cue = _cue_record(ctx, hit)
                        speaker = _speaker_for_cue(ctx, hit, (a, b), quote)
                        if speaker is None:
                            cue = None
            # before the quote: 'They said:', 'X told Y:', 'said Caddell, "..."'
            if speaker is None and m.open_at >= 0:
                a = max(prev_close, _sentence_start(text, max(lo, prev_close), m.open_at))
                before = text[a : m.open_at].rstrip()
                if before and (before[-1] in ":,—–" or ctx.cues_in(a, m.open_at)):
                    hits = ctx.cues_in(a, m.open_at)
                    hit = _pick(hits, last=True)
                    if hit is not None:
                        cue = _cue_record(ctx, hit)
                        speaker = _speaker_for_cue(ctx, hit, (a, m.open_at), quote)
                        if speaker is None:
                            cue = None
                    elif before[-1] == ":":
                        speaker = _lexical_speaker(ctx, (a, m.open_at), quote)
                        cue = _intro_cue(ctx, a, m.open_at)
            # the previous paragraph introduced it: 'Caddell continued:'
            if speaker is None and m.open_at >= 0 and not text[lo : m.open_at].strip() and m.paragraph > 0:
                plo, phi = ctx.paras[m.paragraph - 1]
                if text[plo:phi].rstrip().endswith(":"):
                    a = _sentence_start(text, plo, phi - 1)
                    hit = _pick(ctx.cues_in(a, phi), last=True)
                    if hit is not None:
                        cue = _cue_record(ctx, hit)
                        speaker = _speaker_for_cue(ctx, hit, (a, phi), quote)
                    else:
                        speaker = _lexical_speaker(ctx, (a, phi), quote)
                        cue = _intro_cue(ctx, a, phi)
            if speaker is None and m.open_at > lo:
                # "..., Schiff said. "The other factor ..."": the paragraph's own last cue before the quote
                hit = _pick([h for h in ctx.cues_in(lo, m.open_at) if h.kind == "speech"], last=True)
                if hit is not None:
                    sp = _speaker_for_cue(ctx, hit, (hit and doc[hit.head].idx, doc[hit.head].idx), quote, lexical=False)
                    if sp is not None:
                        speaker, cue, conf = sp, _cue_record(ctx, hit), 0.7
            if speaker is None and prev is not None and prev.speaker is not None and prev.kind == "direct":
                same_para = prev.paragraph == m.paragraph
                near_para = m.paragraph - prev.paragraph <= 1 and not text[lo : max(lo, m.open_at)].strip()
                if same_para or near_para:
                    speaker, cue = prev.speaker, prev.cue
                    conf = 0.75 if same_para else 0.6
            if speaker is None:
                conf = 0.5
        if m.unclosed:
            conf = min(conf, 0.5)
        if _stage_direction(text[qstart : m.end]):
            continue
        f = _Found("direct", qstart, m.end, speaker, cue, conf, unclosed=m.unclosed, continues=continues,
                   paragraph=m.paragraph, marked=m)
        out.append(f)
        prev = f
    return out


_LABEL = re.compile(r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}):\s+(?=\S)")
_NOT_LABELS = frozenset(
    "UPDATE UPDATED EDITOR'S NOTE EDITOR’S NOTE CORRECTION BREAKING WATCH READ RELATED PHOTOS PHOTO VIDEO CLAIM "
    "FACT NOTE WARNING SOURCE SOURCES TRANSCRIPT Q A AP CNN NBC ABC CBS UPI AFP PS P.S CLARIFICATION".split()
)


def _transcript_label(text: str, a: int, b: int) -> Optional[tuple[int, int, int]]:
    """'PENCE: Well, look, ...': (label start, label end, content start) of a transcript speaker label."""
    m = _LABEL.match(text, a, b)
    if not m or len(m.group(1)) < 3 or m.group(1) in _NOT_LABELS or " ".join(m.group(1).split()[:2]) in _NOT_LABELS:
        return None
    return m.start(1), m.end(1), m.end()


def _stage_direction(content: str) -> bool:
    """'(CROSSTALK.)', '[applause]': a bracketed note in a transcript, not speech."""
    c = content.strip().rstrip(".,;:!?")
    return len(c) >= 2 and c[0] in "([" and c[-1] in ")]" and not any(ch in c[1:-1] for ch in "()[]")


def _label_speaker(ctx: _Ctx, s: int, e: int, _c: int) -> Speaker:
    label = ctx.text[s:e]
    return Speaker(name=_labelled_entity_name(ctx.people, label), mention=label, span=(s, e))


def _labelled_entity_name(people: People, label: str) -> str:
    """'PENCE' -> 'Mike Pence' when the article names one person so; else the label in title case."""
    words = [w.lower() for w in label.split()]
    for ent in people.entities:
        if ent.type == "PERSON" and any(n.lower().split()[-len(words):] == words for n in ent.names()):
            return ent.name
    return " ".join(w.capitalize() for w in label.split())


def transcript_lines(ctx: _Ctx, taken: SpanIndex) -> list[_Found]:
    """Unquoted transcript paragraphs ('WALLACE: Do you ...') as direct quotes of the labelled speaker."""
    out = []
    for pi, (lo, hi) in enumerate(ctx.paras):
        label = _transcript_label(ctx.text, lo, hi)
        if label is None or taken.overlaps(lo, hi):
            continue
        s, e = label[2], hi
        if len(_WORD.findall(ctx.text[s:e])) < 3 or _stage_direction(ctx.text[s:e]):
            continue
        out.append(_Found("direct", s, e, _label_speaker(ctx, *label), None, 0.8, paragraph=pi))
    return out


def _intro_cue(ctx: _Ctx, a: int, b: int) -> Optional[Cue]:
    for i in reversed(ctx.tokens_in(a, b)):
        t = ctx.doc[i]
        if t.lower_ in INTRO_WORDS:
            return Cue(text=t.text, span=(t.idx, t.idx + len(t.text)))
    return None


# ============================================================================================
# 3. Indirect and mixed quotes


def _complement(doc: Doc, hit: CueHit) -> Optional[tuple[int, int]]:
    """Token range [s, e) of the reported content of a cue, or None."""
    head = doc[hit.head]
    if hit.kind == "according":
        acc = doc[hit.start]
        clause = acc.head
        if clause is acc or clause.lemma_ in SPEECH_VERBS:
            return None
        while clause.dep_ in ("aux", "auxpass") and clause.head.i != clause.i:
            clause = clause.head
        ps, pe = acc.left_edge.i, head.right_edge.i + 1
        cs, ce = clause.left_edge.i, clause.right_edge.i + 1
        if ps <= cs + 1:
            s, e = pe, ce
        elif pe >= ce - 2:
            s, e = cs, ps
        else:
            return None  # in mid-clause: _parenthetical takes the pieces either side
        return (s, e) if e > s else None
    if hit.kind == "phrase":
        return None
    comps = [c for c in head.children if c.dep_ == "ccomp"]
    if head.lemma_ in ("call", "appeal", "push", "press"):
        # "called for an inquiry", "called on Congress to act"
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == head.i + 1:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                end = pobj.right_edge.i + 1
                x = next((g for g in list(head.children) + list(pobj.children) if g.dep_ in ("xcomp", "acl") and g.i > pobj.i), None)
                if c.lower_ == "on" and x is None:
                    continue
                if x is not None:
                    end = max(end, x.right_edge.i + 1)
                return pobj.left_edge.i, end
    if hit.kind == "request" or head.lemma_ in REQUEST_VERBS:
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        x = next((c for c in head.children if c.dep_ == "xcomp" and c.i > head.i), None)
        if obj is not None and x is not None and any(t.lower_ == "to" for t in x.children):
            return obj.left_edge.i, x.right_edge.i + 1
        comps = [c for c in comps if c.i > head.i]
    if hit.kind == "intent" and not any(c.i > head.i for c in comps):
        comps = []
    if not comps and head.lemma_ in TOPIC_PREPS and head.dep_ != "relcl":
        preps = TOPIC_PREPS[head.lemma_]
        for c in head.children:
            if c.i <= head.i or c.i > head.i + 3 or c.lower_ not in preps:
                continue
            if c.dep_ == "prt":  # "pointed out that ...", "pointed out the flaw"
                obj = next((g for g in head.children if g.dep_ in ("ccomp", "dobj") and g.i > c.i), None)
            elif c.dep_ == "prep":
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            else:
                continue
            if obj is not None and obj.lower_ not in PRONOUN_WORDS:
                return obj.left_edge.i, obj.right_edge.i + 1
        if hit.kind == "topic":
            return None
    if not comps and (hit.kind == "topic" or head.lemma_ in TOPIC_VERBS) and head.dep_ != "relcl" and (
        any(c.dep_ == "nsubj" for c in head.children)
        or (head.dep_ == "conj" and head.tag_ != "VBG" and any(c.dep_ == "nsubj" for c in head.head.children))
    ):  # a source of its own: "defending the cities" with a borrowed subject is an activity
        # "cited the jobless figures as proof": the object (and its "as" phrase) is the content
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i > head.i), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.lower_ not in PRONOUN_WORDS:
            e = obj.right_edge.i + 1
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "as" and c.i >= e:
                    e = c.right_edge.i + 1
            return obj.left_edge.i, e
        return None
    if not comps and head.lemma_ in INTENT_VERBS:
        # "vowed to cut taxes", "wants Congress to act": the infinitive (with its object) is the content
        x = next((c for c in head.children if c.dep_ == "xcomp" and c.i > head.i
                  and any(t.lower_ == "to" and t.dep_ == "aux" for t in c.children)), None)
        if x is not None:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative") and c.i < x.i), None)
            return (obj.left_edge.i if obj is not None else x.left_edge.i), x.right_edge.i + 1
    if not comps:
        return None
    right = [c for c in comps if c.i > head.i]
    comp = right[0] if right else comps[-1]
    if comp.pos_ not in ("VERB", "AUX") and not any(t.dep_ in ("nsubj", "nsubjpass") for t in comp.children):
        return None
    s, e = comp.left_edge.i, comp.right_edge.i + 1
    if comp.i < head.i:
        e = min(e, head.i)
    elif s <= head.i:  # "which the agency says the army used": a fronted relative word is not the content
        s = head.i + 1
    return s, e


_LEAD_MARK = {"that", "whether", "if"}
PRONOUN_WORDS = frozenset("it this that these those them him her me us you what which who whom".split())


def _trim_content(ctx: _Ctx, s: int, e: int) -> Optional[tuple[int, int]]:
    doc, text = ctx.doc, ctx.text
    while s < e and (doc[s].is_punct and doc[s].text not in "\"“‘'" or (doc[s].lower_ in _LEAD_MARK and doc[s].dep_ == "mark")):
        s += 1
    while e > s and ((doc[e - 1].is_punct and doc[e - 1].text not in "\"”’'") or doc[e - 1].pos_ == "CCONJ"
                     or doc[e - 1].is_space):
        e -= 1
    if e - s < 2:
        return None
    a = doc[s].idx
    b = doc[e - 1].idx + len(doc[e - 1].text)
    a, b = _trim_marks(text, a, b)
    inner = text[a:b]
    if b < len(text) and text[b] in "\"”’'" and _unbalanced(inner, text[b]):
        b += 1  # the closing mark of a fragment that ends the content hangs on the main verb
    if b - a < 3:
        return None
    return a, b


def _unbalanced(inner: str, close: str) -> bool:
    if close in "\"”":
        return (inner.count('"') % 2 == 1) or inner.count("“") > inner.count("”")
    opens = len(re.findall(r"(?<!\w)[‘']", inner))
    closes = len(re.findall(r"[’'](?!\w)", inner))
    return opens > closes


def _trim_marks(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop outer whitespace/punctuation and outer marks that do not pair inside the span."""
    for _ in range(4):
        while a < b and text[a] in _PUNCT_EDGE:
            a += 1
        while b > a and text[b - 1] in _PUNCT_EDGE:
            b -= 1
        changed = False
        if a < b and text[a] in "\"“‘'":
            inner = text[a + 1 : b]
            closes = sum(inner.count(c) for c in "\"”")
            if (text[a] in "\"“" and closes == 0) or (text[a] in "‘'" and not re.search(r"[’'](?!\w)", inner)):
                a += 1
                changed = True
        if b > a and text[b - 1] in "\"”’'":
            inner = text[a : b - 1]
            opens = sum(inner.count(c) for c in "\"“")
            if (text[b - 1] in "\"”" and opens == 0) or (text[b - 1] in "’'" and not re.search(r"(?<!\w)[‘']", inner)):
                b -= 1
                changed = True
        if not changed:
            break
    return a, b


def _kind_of(span: tuple[int, int], frag_spans: Sequence[tuple[int, int]]) -> str:
    a, b = span
    for fs, fe in frag_spans:
        if fs < b and a < fe:
            return "direct" if fs <= a + 1 and fe >= b - 1 else "mixed"
    return "indirect"


def _parenthetical(ctx: _Ctx, hit: CueHit) -> list[tuple[int, int]]:
    """'The new bridge, the mayor said, would open in May': the two pieces around a parenthetical cue."""
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
    lo, hi = ctx.doc[left].idx, ctx.doc[right].idx
    line_lo = _line_start(ctx.text, lo)
    line_hi = ctx.text.find("\n", hi)
    line_hi = len(ctx.text) if line_hi < 0 else line_hi
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


def _according_pieces(ctx: _Ctx, hit: CueHit) -> list[tuple[int, int]]:
    """'The top tier paid 25 percent, according to the budget office, and the rest paid 69 percent':
    the clause before a mid-sentence "according to X" set off by commas, and a coordinated clause after it."""
    doc = ctx.doc
    acc = doc[hit.start]
    head = doc[hit.head]
    ps, pe = acc.i, head.right_edge.i + 1
    if ps < 2 or pe >= len(doc) or doc[ps - 1].text != "," or doc[pe].text != ",":
        return []
    sent = sentence_at(acc.doc, acc.i)
    line_lo = _line_start(ctx.text, acc.idx)
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


def _without_nested(found: list[_Found], broad: list[tuple[int, int]]) -> list[_Found]:
    """A belief, intention or topic whose cue sits inside another quote's content is part of what that
    source said ("X said investors would want to see a plan"), not a quote of its own."""
    drop = {k for k, cue_at in broad if any(f.start <= cue_at < f.end for j, f in enumerate(found) if j != k)}
    return [f for k, f in enumerate(found) if k not in drop]


def reported_quotes(ctx: _Ctx, direct: Sequence[_Found], fragments: Sequence[Marked]) -> list[_Found]:
    """Indirect quotes (a reporting verb's complement) and mixed ones (the same holding a quoted fragment)."""
    doc = ctx.doc
    passages = SpanIndex([(m.open_at if m.open_at >= 0 else m.start, (m.close_at + m.close_len) if m.close_at >= 0 else m.end)
                          for m in ctx.marked])
    direct_idx = SpanIndex([(f.start, f.end) for f in direct])
    frag_spans = [(m.start, m.end) for m in fragments]
    out: list[_Found] = []
    seen: set[tuple[int, int]] = set()
    nested: list[tuple[int, int]] = []  # (index in out, cue offset) of beliefs, intentions and topics
    heads = [h.head for h in ctx.cues]
    for hit in ctx.cues:
        head = doc[hit.head]
        if passages.covering(head.idx) is not None:
            continue  # a cue inside a quotation is the quoted person's own reporting
        rng = _complement(doc, hit)
        if rng is None:
            for piece in _parenthetical(ctx, hit):
                span = _trim_content(ctx, *piece)
                if span is None or span in seen or direct_idx.overlaps(*span):
                    continue
                if len(_WORD.findall(ctx.text[span[0]:span[1]])) < 1:
                    continue
                seen.add(span)
                speaker = _speaker_for_cue(ctx, hit, (head.idx, head.idx), span, lexical=False)
                kind = _kind_of(span, frag_spans)
                out.append(_Found(kind, span[0], span[1], speaker, _cue_record(ctx, hit), 0.7 if speaker else 0.5))
            continue
        for k in heads:  # "added that X, saying Y": the next cue's clause is not part of X
            if rng[0] < k < rng[1] and k > hit.head and doc[k].dep_ in ("advcl", "conj"):
                cut = doc[k].left_edge.i
                rng = (rng[0], cut if cut > rng[0] else k)
                break
        rng = _within_line(ctx, rng, head)
        span = _trim_content(ctx, *rng) if rng[1] > rng[0] else None
        if span is None or span in seen:
            continue
        a, b = span
        if direct_idx.overlaps(a, b):
            continue
        words = re.findall(r"\w+", ctx.text[a:b])
        if len(words) < 2:
            continue
        broad = hit.kind in ("belief", "intent", "topic") or (
            (head.lemma_ in INTENT_VERBS or head.lemma_ in TOPIC_VERBS or head.lemma_ in TOPIC_PREPS)
            and not any(c.dep_ == "ccomp" for c in head.children)
        )  # content from an infinitive, object or prepositional object rather than a clause
        if hit.kind != "according" and not (broad and head.lemma_ not in INTENT_VERBS) and doc[hit.head].lemma_ not in ("call", "appeal", "push", "press") and not any(
            doc[i].pos_ in ("VERB", "AUX") for i in ctx.tokens_in(a, b)
        ):
            continue
        seen.add(span)
        kind = _kind_of(span, frag_spans)
        speaker = _speaker_for_cue(ctx, hit, (doc[hit.head].idx, doc[hit.head].idx), (a, b), lexical=False)
        if hit.kind != "according" and speaker is None:
            subj = subject_of(head)
            if subj is None:
                speaker = None
        if (hit.kind == "belief" or broad) and (
            speaker is None or head.dep_ == "relcl"
            or (speaker.mention or "").lower() in ("i", "you", "we", "who", "which", "that")
        ):
            # a belief, finding or intention with no holder is not an attribution, nor is one in a
            # relative clause ("who pledged to ...") or a first or second person aside ("you know ...")
            continue
        conf = (0.6 if hit.kind in ("belief", "intent", "topic") else 0.75) if speaker is not None else 0.5
        out.append(_Found(kind, a, b, speaker, _cue_record(ctx, hit), conf, paragraph=-1))
        if broad:
            nested.append((len(out) - 1, head.idx))
    out = _without_nested(out, nested)
    covered = SpanIndex([(f.start, f.end) for f in out])
    for m in fragments:
        if covered.overlaps(m.start, m.end) or direct_idx.overlaps(m.start, m.end):
            continue
        f = _fragment_quote(ctx, m, frag_spans, passages)
        if f is not None and (f.start, f.end) not in seen and not direct_idx.overlaps(f.start, f.end):
            seen.add((f.start, f.end))
            out.append(f)
    return out


#: Prepositions that carry what was said or named ("described as 'a con'", "accused of 'lying'");
#: others ("said on 'Meet the Press'", "told reporters in 'the spin room'") are circumstances.
_CONTENT_PREPS = frozenset("as of about for against".split())

#: Verbs that take a quoted fragment as what someone said or named ("called it 'a con'").
LABEL_VERBS = frozenset("call label describe dub brand term tweet write promise vow pledge accuse criticize criticise".split())


def _fragment_quote(ctx: _Ctx, m: Marked, frag_spans, passages: SpanIndex) -> Optional[_Found]:
    """A quoted fragment under a speech or labelling verb: the verb's complement as a mixed quote."""
    doc = ctx.doc
    tok = doc[ctx.token_at(m.start)]
    verb = None
    child = tok
    for _ in range(5):
        head = child.head
        if head.i == child.i:
            break
        if head.pos_ in ("VERB", "AUX") and (head.lemma_ in SPEECH_VERBS or head.lemma_ in LABEL_VERBS):
            verb = head
            break
        child = head
    if verb is None or child.dep_ in ("nsubj", "nsubjpass") or passages.covering(verb.idx) is not None:
        return None
    if ctx.bp_index.overlaps(verb.idx, verb.idx + 1) or _crosses_line(ctx, verb.i, tok.i):
        return None
    comps = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "ccomp", "oprd", "xcomp", "prep", "attr", "dative", "advcl")
             and (c.dep_ != "prep" or c.lower_ in _CONTENT_PREPS)]
    if not comps:
        return None
    s = min(c.left_edge.i for c in comps)
    e = max(c.right_edge.i for c in comps) + 1
    if not (doc[s].idx <= m.start and m.end <= doc[e - 1].idx + len(doc[e - 1].text) + 1):
        return None
    span = _trim_content(ctx, s, e)
    if span is None:
        return None
    a, b = span
    if b < m.end:
        b = m.end
        while b < len(ctx.text) and ctx.text[b] in "\"”’'":
            b += 1
            break
    subj = subject_of(verb)
    speaker = None
    if subj is not None and not (a <= subj.idx < b) and not _crosses_line(ctx, subj.i, verb.i):
        speaker = ctx.finder.from_token(subj)
    kind = _kind_of((a, b), frag_spans)
    cue = Cue(text=verb.text, span=(verb.idx, verb.idx + len(verb.text)))
    return _Found(kind, a, b, speaker, cue, 0.6 if speaker else 0.4)


# ============================================================================================
# The whole extraction and the component


def extract_quotes(doc: Doc, boilerplate: Optional[Sequence[Boilerplate]] = None) -> list[Quote]:
    """Every quote in the doc, in text order, ids q1, q2, ..."""
    text = doc.text
    if boilerplate is None:
        boilerplate = boilerplate_of(doc)
    bp_spans = [tuple(b.span) for b in boilerplate]
    bp_index = SpanIndex(bp_spans)  # type: ignore[arg-type]
    paras = paragraphs(text, bp_spans)  # type: ignore[arg-type]
    marked = [m for m in find_marked(text, paras) if not bp_index.overlaps(m.start, m.end)]
    cues = [h for h in find_cues(doc) if not bp_index.overlaps(doc[h.head].idx, doc[h.head].idx + 1)]
    tok_starts = doc.to_array("IDX").tolist() if len(doc) else []
    people = doc._.nl_people if doc._.nl_people is not None else find_people(doc, boilerplate)
    ctx = _Ctx(doc, text, paras, marked, cues, [doc[h.head].idx for h in cues], tok_starts, people,
               SpeakerResolver(doc, people), bp_index)
    fragments: list[Marked] = []
    found = direct_quotes(ctx, fragments)
    found += reported_quotes(ctx, found, fragments)
    found += transcript_lines(ctx, SpanIndex([(m.open_at if m.open_at >= 0 else m.start, m.end) for m in marked]))
    found = [f for f in found if not bp_index.overlaps(f.start, f.end)]
    found.sort(key=lambda f: (f.start, f.end))
    ids = {id(f): f"q{i + 1}" for i, f in enumerate(found)}
    quotes = []
    for f in found:
        quotes.append(
            Quote(
                id=ids[id(f)],
                kind=f.kind,
                text=text[f.start : f.end],
                span=(f.start, f.end),
                speaker=f.speaker,
                cue=f.cue,
                continues=ids.get(id(f.continues)) if f.continues is not None else None,
                confidence=round(f.confidence, 2),
                unclosed=f.unclosed,
            )
        )
    return quotes


class QuoteExtractor:
    """spaCy component: ``doc._.nl_quotes`` plus the ``quotes``, ``speakers`` and ``cues`` span groups."""

    def __init__(self, name: str = "newsledger_quotes"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        quotes = extract_quotes(doc)
        doc._.nl_quotes = quotes
        doc.spans["quotes"] = _spans(doc, [(q.span, q.kind) for q in quotes])
        doc.spans["speakers"] = _spans(
            doc, [(q.speaker.span, q.speaker.name or "") for q in quotes if q.speaker is not None and q.speaker.span]
        )
        doc.spans["cues"] = _spans(doc, [(q.cue.span, "cue") for q in quotes if q.cue is not None])
        return doc


def _spans(doc: Doc, items: Sequence[tuple[tuple[int, int], str]]):
    out = []
    seen = set()
    for (s, e), label in items:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None and len(span) and (span.start, span.end, label) not in seen:
            seen.add((span.start, span.end, label))
            out.append(span)
    return out


ensure_extensions()


@Language.factory(
    "newsledger_quotes_v1",
    assigns=["doc._.nl_quotes", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.head", "doc.ents", "doc.sents"],
    retokenizes=False,
)
def make_quotes(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor(name)

"""Check-worthy factual claims: what is claimed, by whom, how much, and what is known of its truth.

The core is :func:`extract_claims` (a parsed Doc in, ``records.Claim`` out);
the spaCy component ``newsledger_claims_v1`` writes ``doc._.nl_claims`` and
``doc.spans["claims"]``.  It reads ``doc._.nl_quotes`` and ``doc._.nl_times``
when earlier components set them and works without them.

A claim is one of:

- a clause reported from a named source: "X claims/said/reported that …",
  "according to X, …", "it was claimed that …" (the source named elsewhere in
  the sentence, e.g. "in a statement released by X");
- a sentence inside a quotation that states a quantity ("There are thousands of
  …"): the claim of the quote's speaker;
- "There have been reports of …" (unattributed);
- a narrative statement of fact with a quantity and nothing to attribute it to
  (unattributed).

Opinions, appeals, predictions (will / would / could …) and questions are left
out.  Status: ``claimed`` when attributed, ``unattributed`` otherwise, changed
by cues in the same sentence or, for anaphoric cues ("These figures have not
been verified …"), in the next one: ``unverified``, ``disputed``,
``confirmed``.  ``status_evidence`` holds the words that justify it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Claim, ClaimSource, Cue, Evidence, Quantity, Quote, TimeExpr
from ._doc import ensure_extensions
from .quantities import find_quantities
from .spans import SpanIndex, char_spans

__all__ = ["extract_claims", "find_status_cues", "ClaimExtractor", "REPORT_VERBS"]

#: Lemmas of verbs that report a claim when they govern a clause.
REPORT_VERBS = {"say", "claim", "report", "state", "tell", "allege", "insist", "estimate", "add",
                "reveal", "assert", "maintain", "confirm", "deny", "admit", "acknowledge", "write", "post",
                "tweet", "indicate", "suggest", "show", "believe", "conclude", "note"}
_DISPUTE_VERBS = {"deny", "dispute", "reject", "refute"}
_CONFIRM_VERBS = {"confirm"}

#: Words that make a clause check-worthy without a number: casualties, damage, military action.
_KEYWORDS = {
    "kill", "die", "dead", "death", "wound", "injure", "injury", "casualty", "capture", "captured", "destroy",
    "damage", "shell", "shelling", "bomb", "bombing", "strike", "missile", "rocket", "attack", "invade",
    "invasion", "troop", "soldier", "army", "military", "force", "tank", "aircraft", "helicopter", "advance",
    "resistance", "surrender", "prisoner", "refugee", "flee", "evacuate", "civilian", "body", "arrest",
    "detain", "shoot", "fire", "explosion", "seize", "occupy", "retreat", "sanction", "weapon", "platoon",
}
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "’ll", "wo", "ca"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}

_UNVERIFIED = re.compile(
    r"(?i)\b(?:(?:could|can|has|have|had|was|were|is|are|did|do|does)(?:\s+not|n['’]t)\s+(?:yet\s+)?(?:been\s+|be\s+)?"
    r"(?:independently\s+)?(?:verif(?:ied|y)|confirm(?:ed)?)"
    r"|(?:unable|impossible)\s+to\s+(?:independently\s+)?(?:verify|confirm)|unverified|unconfirmed(?!\s+reports)"
    r"|not\s+(?:been\s+)?independently\s+(?:verified|confirmed)|cannot\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:ied|y)|confirm(?:ed)?)"
    r"|there\s+(?:was|is|has\s+been)\s+no\s+(?:independent\s+)?(?:confirmation|verification))")
_CONFIRMED = re.compile(
    r"(?i)\b(?:(?<!not\s)(?<!n't\s)independently\s+(?:verified|confirmed)|(?<!not\s)(?:verified|confirmed)\s+by)\b")
_DISPUTED = re.compile(r"(?i)\b(?:denied|denies|deny|rejected|rejects|disputed|disputes|dismissed\s+(?:the|these|this|those|as)"
                       r"|refuted|refutes|contradicted|contradicts|contested|contests|false\s+claims?)\b")
_UNATTRIBUTED = re.compile(
    r"(?i)\b(?:according\s+to\s+(?:unconfirmed\s+|some\s+|media\s+|local\s+|unverified\s+)?reports|reportedly"
    r"|there\s+(?:have|has|had)\s+been\s+(?:unconfirmed\s+)?reports|there\s+(?:are|were|is|was)\s+(?:unconfirmed\s+)?reports"
    r"|reports\s+(?:suggest|say|said|indicate|claim)|it\s+is\s+(?:understood|believed|thought|reported))\b")
_ANAPHOR = re.compile(
    r"(?i)^\W*(?:these|those|this|the|such|that|neither|none\s+of\s+(?:the|these))\s+(?:figures?|claims?|numbers?|reports?|"
    r"accounts?|statistics|estimates?|allegations?|information|casualty\s+figures|tolls?|death\s+tolls?)\b|^\W*(?:this|it|they)\b")
_THERE_REPORTS = re.compile(r"(?i)\bthere\s+(?:have|has|had)\s+been\s+(?:unconfirmed\s+)?reports?\s+(?:of|that)\b"
                            r"|\bthere\s+(?:are|were|is|was)\s+(?:unconfirmed\s+)?reports?\s+(?:of|that)\b")
_APPEAL = re.compile(r"(?i)^\W*(?:we|i)\s+(?:ask|call|urge|appeal|want|hope|think|believe|demand|need|request)\b|^\W*(?:please|let)\b")
_CLAUSE_END = re.compile(r",\s+(?:however|but|while|although|whereas)\b|;|,\s+as\s+well\s+as\b|\s+[–—]\s+"
                         r"|,\s+(?:[\w’'-]+\s+){0,3}(?:said|says|added|told)\b")


@dataclass
class _Status:
    status: str
    evidence: Evidence
    anaphoric: bool


def _clause_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of text[lo:hi] holding [start, end): cut at ", however", ";" and the like."""
    cs, ce = lo, hi
    for m in _CLAUSE_END.finditer(text, lo, hi):
        if m.end() <= start:
            cs = m.end()
        elif m.start() >= end:
            ce = m.start()
            break
    return _strip(text, cs, ce)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "\"“”'‘’,;:–—-("):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?\"“”'‘’–—-)"):
        e -= 1
    return s, e


def find_status_cues(text: str, lo: int = 0, hi: Optional[int] = None) -> list[_Status]:
    """Verification cues in text[lo:hi] with the clause that carries each one."""
    hi = len(text) if hi is None else hi
    out = []
    for rx, status in ((_UNVERIFIED, "unverified"), (_DISPUTED, "disputed"), (_CONFIRMED, "confirmed"),
                       (_UNATTRIBUTED, "unattributed")):
        for m in rx.finditer(text, lo, hi):
            s, e = _clause_around(text, m.start(), m.end(), lo, hi)
            if e <= s:
                continue
            out.append(_Status(status, Evidence(text=text[s:e], span=(s, e)), bool(_ANAPHOR.match(text[s:e]))))
    return out


def _has_modal(root: Token) -> bool:
    for c in root.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
            return True
        if c.lower_ == "going" and any(g.lower_ == "to" for g in c.children):
            return True
    if root.lower_ in _MODALS:
        return True
    return False


def _checkworthy(span: SpacySpan, has_quantity: bool) -> bool:
    if has_quantity:
        return True
    return any(t.lemma_.lower() in _KEYWORDS or t.lower_ in _KEYWORDS for t in span)


_CLAUSE_DEPS = ("relcl", "acl", "appos", "punct", "prep")


def _in_phrase(t: Token, head: Token) -> bool:
    """Whether ``t`` belongs to the compact phrase of ``head``: no clause, apposition or PP on its path up."""
    while t.i != head.i:
        if t.dep_ in _CLAUSE_DEPS:
            return False
        t = t.head
    return True


def _source_name(tok: Token) -> tuple[str, str, tuple[int, int]]:
    """(name, mention, span) of a source token's noun phrase, without a leading determiner.

    A role with a name in apposition ("Solvany's harbour master, Captain Jonas Vardy") is
    named by the apposition, and the mention covers both.
    """
    toks = [t for t in tok.subtree if _in_phrase(t, tok)]
    doc = tok.doc
    span = doc[min(t.i for t in toks):max(t.i for t in toks) + 1]
    while len(span) > 1 and span[0].dep_ == "det":
        span = span[1:]
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > tok.i), None)
    if appos is None or tok.pos_ == "PROPN":
        return span.text, span.text, (span.start_char, span.end_char)
    named = [t for t in appos.subtree if _in_phrase(t, appos)]
    name = doc[min(t.i for t in named):max(t.i for t in named) + 1]
    mention = doc[span.start:name.end]
    return name.text, mention.text, (mention.start_char, mention.end_char)


class _Builder:
    def __init__(self, doc: Doc, quotes: Sequence[Quote], times: Sequence[TimeExpr], skip: SpanIndex):
        self.doc = doc
        self.text = doc.text
        self.quotes = [q for q in quotes if q.span]
        self.times = list(times)
        self.skip = skip
        self.claims: list[tuple[Claim, int]] = []  # claim, sentence index
        self.taken: list[tuple[int, int]] = []

    def quote_at(self, start: int, end: int) -> Optional[Quote]:
        best = None
        for q in self.quotes:
            qs, qe = q.span
            ov = min(qe, end) - max(qs, start)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, q)
        return best[1] if best else None

    def add(self, sent_i: int, s: int, e: int, status: str, source: Optional[ClaimSource], cue: Optional[Cue],
            evidence: Optional[Evidence] = None) -> None:
        s, e = _strip(self.text, s, e)
        lead = re.match(r"(?i)that\s+", self.text[s:e])
        if lead:
            s += lead.end()
        if "\n" in self.text[s:e]:  # never across paragraphs (headlines, datelines): keep the line with a number
            lines, pos = [], s
            for part in self.text[s:e].split("\n"):
                lines.append((pos, pos + len(part)))
                pos += len(part) + 1
            with_num = [ln for ln in lines if self.has_quantity(*ln)]
            s, e = _strip(self.text, *(with_num[-1] if with_num else max(lines, key=lambda ln: ln[1] - ln[0])))
        if e - s < 12 or (self.skip and self.skip.overlaps(s, e)):
            return
        if any(s < te and ts < e and (min(e, te) - max(s, ts)) > 0.5 * (e - s) for ts, te in self.taken):
            return
        text = self.text[s:e]
        excl = [(t.span[0] - s, t.span[1] - s) for t in self.times if t.span[0] >= s and t.span[1] <= e]
        qty = None
        for qm in find_quantities(text, excl):
            q = qm.quantity
            if q.value == 1 and q.bound == "exact" and not re.search(r"\d", q.text):
                continue
            qty = Quantity(value=q.value, text=q.text, unit=q.unit, counts=q.counts, bound=q.bound)
            break
        time = next((t.id for t in self.times if t.span[0] >= s and t.span[1] <= e), None)
        claim = Claim(id="", text=text, span=(s, e), status=status, source=source, cue=cue, quantity=qty,
                      time=time, status_evidence=evidence)
        self.claims.append((claim, sent_i))
        self.taken.append((s, e))

    def has_quantity(self, s: int, e: int) -> bool:
        text = self.text[s:e]
        excl = [(t.span[0] - s, t.span[1] - s) for t in self.times if t.span[0] >= s and t.span[1] <= e]
        return any(not (q.quantity.value == 1 and not re.search(r"\d", q.quantity.text))
                   for q in find_quantities(text, excl))

    # -- sources ----------------------------------------------------------
    def source_for(self, tok: Optional[Token], sent: SpacySpan, claim_span: tuple[int, int]) -> Optional[ClaimSource]:
        q = self.quote_at(*claim_span)
        if tok is not None:
            name, mention, span = _source_name(tok)
            if tok.lower_ in _PRONOUNS or tok.lower_ == "it":
                if q is not None and q.speaker is not None and q.speaker.name:
                    return ClaimSource(name=q.speaker.name, mention=mention, span=span, quote=q.id)
                if tok.lower_ == "it":
                    return self.named_in(sent)
                ref = self.antecedent(tok)
                return ClaimSource(name=ref or name, mention=mention, span=span, quote=q.id if q else None)
            if q is not None and q.speaker is not None and q.speaker.name:
                return ClaimSource(name=q.speaker.name, mention=mention, span=span, quote=q.id)
            return ClaimSource(name=name, mention=mention, span=span)
        if q is not None and q.speaker is not None and q.speaker.name:
            return ClaimSource(name=q.speaker.name, mention=q.speaker.mention, span=q.speaker.span, quote=q.id)
        return self.named_in(sent)

    def named_in(self, sent: SpacySpan) -> Optional[ClaimSource]:
        """A source named anywhere in the sentence: 'by X', 'from X' after a statement, an ORG/PERSON subject."""
        for t in sent:
            if t.dep_ in ("agent",) or (t.lower_ in ("by", "from") and t.head.lemma_ in ("release", "issue", "publish", "statement", "report")):
                objs = [c for c in t.children if c.dep_ == "pobj"]
                if objs:
                    name, mention, span = _source_name(objs[0])
                    return ClaimSource(name=name, mention=mention, span=span)
        return None

    def antecedent(self, tok: Token) -> Optional[str]:
        ents = [e for e in self.doc.ents if e.end <= tok.i and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
        want = ("PERSON",) if tok.lower_ in ("he", "she") else ("ORG", "GPE", "NORP", "PERSON")
        for e in reversed(ents):
            if e.label_ in want:
                return e.text
        return None


def _report_clauses(sent: SpacySpan):
    """(reporting verb, subject token or None, clause root) for 'X said that …' constructions."""
    for tok in sent:
        if tok.lemma_.lower() not in REPORT_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        ccomps = [c for c in tok.children if c.dep_ == "ccomp"]
        right = [c for c in ccomps if c.i > tok.i]
        clause = right[0] if right else (ccomps[0] if ccomps else None)
        if clause is None:
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        yield tok, subj, clause


def _clause_span(root: Token) -> tuple[int, int]:
    toks = [t for t in root.subtree]
    first = min(toks, key=lambda t: t.i)
    if first.dep_ == "mark" and first.head is root:
        toks = [t for t in toks if t.i != first.i]
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t.text) for t in toks)
    return s, e


def extract_claims(doc: Doc, quotes: Optional[Sequence[Quote]] = None, times: Optional[Sequence[TimeExpr]] = None,
                   boilerplate: Optional[Sequence[tuple[int, int]]] = None) -> list[Claim]:
    """Every check-worthy claim in a parsed Doc (quotes, times and boilerplate default to the Doc's own)."""
    text = doc.text
    quotes = list(quotes if quotes is not None else (doc._.nl_quotes or []))
    times = list(times if times is not None else (doc._.nl_times or []))
    if boilerplate is None:
        boilerplate = [b.span for b in (doc._.nl_boilerplate or [])]
    skip = SpanIndex(list(boilerplate))
    b = _Builder(doc, quotes, times, skip)
    if not (doc.has_annotation("DEP") or doc.has_annotation("SENT_START")):
        return []
    sents = list(doc.sents)
    cues_by_sent: list[list[_Status]] = []
    for i, sent in enumerate(sents):
        s0, e0 = sent.start_char, sent.end_char
        cues_by_sent.append(find_status_cues(text, s0, e0))
        if skip and skip.overlaps(s0, e0) and skip.covering(s0) == skip.covering(max(s0, e0 - 1)) and skip.covering(s0):
            continue
        # "There have been reports of …"
        m = _THERE_REPORTS.search(text, s0, e0)
        if m and b.quote_at(m.start(), m.end()) is None:
            cs, ce = _clause_around(text, m.start(), m.end(), s0, e0)
            cs = m.start()
            b.add(i, cs, ce, "unattributed", None, Cue(text=m.group(0), span=m.span()),
                  Evidence(text=text[m.start():m.end() - len(m.group(0).split()[-1]) - 1].rstrip(),
                           span=(m.start(), m.end() - len(m.group(0).split()[-1]) - 1)))
            continue
        # "according to X, …"
        acc = re.search(r"(?i)\baccording\s+to\s+", text[s0:e0])
        if acc:
            a_s = s0 + acc.start()
            tok = doc.char_span(s0 + acc.end(), e0, alignment_mode="expand")
            pobj = None
            if tok is not None and len(tok):
                to_tok = doc[tok.start - 1] if tok.start > 0 else None
                pobj = next((c for c in (to_tok.children if to_tok is not None else []) if c.dep_ == "pobj"), tok[0])
            if pobj is not None and not re.match(r"(?i)(?:unconfirmed\s+|some\s+|media\s+|local\s+)?reports\b", text[s0 + acc.end():]):
                src_end = max(t.idx + len(t.text) for t in pobj.subtree)
                if a_s - s0 < 5:  # leading: the claim is what follows the comma
                    comma = text.find(",", src_end, e0)
                    cs, ce = (comma + 1 if comma >= 0 else src_end), e0
                else:
                    cs, ce = s0, a_s
                inner = [r for r in _report_clauses(sent) if r[2].idx >= cs]
                if inner:
                    cs, ce = _clause_span(inner[0][2])
                span_c = doc.char_span(*_strip(text, cs, ce), alignment_mode="expand")
                if span_c is not None and len(span_c) and not _has_modal(span_c.root) and \
                        _checkworthy(span_c, b.has_quantity(cs, ce)):
                    src = b.source_for(pobj, sent, (cs, ce))
                    b.add(i, cs, ce, "claimed", src, Cue(text=text[a_s:s0 + acc.end()].strip(), span=_strip(text, a_s, s0 + acc.end())))
                    continue
        done = False
        for verb, subj, clause in _report_clauses(sent):
            cs, ce = _clause_span(clause)
            qq = b.quote_at(cs, ce)
            if qq is not None and qq.kind == "direct" and \
                    min(qq.span[1], ce) - max(qq.span[0], cs) > 0.6 * (ce - cs):
                continue  # a direct quote: handled sentence by sentence below
            span_c = doc.char_span(cs, ce, alignment_mode="expand")
            if span_c is None or not len(span_c) or _has_modal(clause) or _has_modal(verb):
                continue
            has_q = b.has_quantity(cs, ce)
            if not _checkworthy(span_c, has_q):
                continue
            csubj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if not has_q and csubj is not None and csubj.lower_ in ("he", "she", "i", "we", "they") and \
                    subj is not None and subj.lower_ not in ("it",):
                continue  # the speaker reporting their own doings or plans
            if not has_q and verb.lemma_ in ("add", "believe", "suggest", "note", "conclude", "indicate"):
                continue
            if subj is not None and subj.lower_ in ("i", "we", "you"):
                continue
            src = b.source_for(subj, sent, (cs, ce))
            status = "disputed" if verb.lemma_ in _DISPUTE_VERBS else ("claimed" if src else "unattributed")
            ev = Evidence(text=verb.text, span=(verb.idx, verb.idx + len(verb.text))) if status == "disputed" else None
            b.add(i, cs, ce, status, src, Cue(text=verb.text, span=(verb.idx, verb.idx + len(verb.text))), ev)
            done = True
        if done:
            continue
        # sentences (or their parts) inside a quotation: claims of the speaker when they state a quantity
        q = b.quote_at(s0, e0)
        if q is not None:
            qs, qe = max(q.span[0], s0), min(q.span[1], e0)
            qs, qe = _strip(text, qs, qe)
            part = doc.char_span(qs, qe, alignment_mode="expand")
            if part is None or not len(part) or _APPEAL.match(text[qs:qe]) or text[qs:qe].rstrip().endswith("?"):
                continue
            if not b.has_quantity(qs, qe) or _has_modal(part.root) or any(t.lower_ in _MODALS for t in part):
                continue
            src = b.source_for(None, sent, (qs, qe))
            b.add(i, qs, qe, "claimed" if src else "unattributed", src, q.cue)
            continue
        if _in_quote_marks(text, s0, e0):
            continue
        # narrative statement of fact with a quantity
        if b.has_quantity(s0, e0) and not _has_modal(sent.root) and sent.root.pos_ in ("VERB", "AUX") and \
                not any(t.lower_ in _MODALS for t in sent) and not text[s0:e0].rstrip().endswith("?"):
            subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if subj is not None and subj.lower_ in ("i", "we", "you"):
                continue
            if not _quantity_outside_times(b, s0, e0):
                continue
            src = b.named_in(sent)
            b.add(i, s0, e0, "claimed" if src else "unattributed", src, None)
    # statuses from cues: same sentence, or the previous one for anaphoric cues
    out = []
    for claim, i in b.claims:
        if claim.status_evidence is None:
            for cue in cues_by_sent[i]:
                if cue.anaphoric and i > 0:
                    continue
                if cue.status == "unattributed" and claim.source is not None:
                    continue
                if cue.status == "unattributed" and claim.status != "unattributed":
                    continue
                claim.status, claim.status_evidence = cue.status, cue.evidence
                break
            if i + 1 < len(cues_by_sent):
                for cue in cues_by_sent[i + 1]:
                    if cue.anaphoric and cue.status != "unattributed":
                        claim.status, claim.status_evidence = cue.status, cue.evidence
                        break
        out.append(claim)
    out.sort(key=lambda c: c.span)
    for n, c in enumerate(out, 1):
        c.id = f"c{n}"
    return out


def _quantity_outside_times(b: _Builder, s: int, e: int) -> bool:
    return b.has_quantity(s, e)


def _in_quote_marks(text: str, s: int, e: int) -> bool:
    """Without a quotes component: is this sentence inside quotation marks?"""
    line_start = text.rfind("\n", 0, s) + 1
    before = text[line_start:s]
    opens = len(re.findall(r"[“\"]", before)) + len(re.findall(r"(?:^|\s)'", before))
    closes = len(re.findall(r"[”]", before)) + len(re.findall(r"'(?:\s|$|[,.])", before))
    lead = text[s:s + 2]
    return (opens > closes) or lead[:1] in "“\"'‘"


# ---------------------------------------------------------------------------
# spaCy component


class ClaimExtractor:
    def __init__(self, name: str = "newsledger_claims"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        claims = extract_claims(doc)
        doc._.nl_claims = claims
        doc.spans["claims"] = char_spans(doc, claims, label=lambda c: c.status)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_claims_v1",
    assigns=["doc._.nl_claims", "doc.spans"],
    requires=["doc.sents"],
    retokenizes=False,
)
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor(name)

"""Stated figures in a parsed Doc: which numbers are figures, what each counts, and the part of a
clause that states each one.

The string parser (:mod:`newsledger.extract.quantities`) reads values, units and bounds; this
step adds what only the parse knows: a number inside a name ("the 3 Amigos"), an age in
apposition ("Ivanov, 48,"), a measure used to classify ("the 85kg category", "155mm shells"),
a count that only describes ("one of its 12 ministers", "the two sides"); the noun phrase a
figure counts ("civilians killed"); and where a clause stating several figures splits into one
claim per figure ("91 rescuers were killed and more than 340 injured").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from ...records import Quantity, Span
from ..quantities import find_quantities
from .edges import edges, strip, text_of

__all__ = ["Figure", "figures_in", "split_by_figure", "counted", "trim_clause", "figure_clause"]

_NAME_ENTS = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "LOC", "GPE"}
_DESCRIBING_DETS = {"the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "both"}
_SEPARABLE = {"conj", "appos", "prep", "relcl", "advcl", "xcomp", "acl", "npadvmod", "ccomp", "parataxis", "pcomp"}


@dataclass
class Figure:
    """A stated figure: its quantity (span absolute in the text) and the token that carries its number."""

    quantity: Quantity
    span: Span
    anchor: Token


def _anchor(doc: Doc, s: int, e: int) -> Optional[Token]:
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    nums = [t for t in span if t.like_num or t.pos_ == "NUM" or t.tag_ == "CD"]
    return nums[-1] if nums else span.root


def _describes(tok: Token, value: float) -> bool:
    """A number the sentence uses to describe, not to state: a name, an age, a class, a known set."""
    head = tok.head
    if tok.dep_ in ("nummod", "compound", "quantmod") and head.pos_ in ("PROPN", "NOUN") and head.text[:1].isupper() \
            and head.i > 0 and head.ent_type_ in _NAME_ENTS:
        return True  # "the 3 Amigos"
    if tok.ent_type_ in _NAME_ENTS and tok.ent_type_ != "GPE":
        return True
    if tok.dep_ in ("appos", "npadvmod") and (head.ent_type_ == "PERSON" or _between_commas(tok)):
        return True  # "Ivanov, 48,", "the patient, 72, died": an age
    of = head if head.lower_ == "of" else head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if of is not None and of.head.lower_ in ("one", "each", "any", "none") and of.head.i < tok.i:
        return True  # "one of its 12 ministers", "one of five permanent members"
    if tok.lower_ == "one" and tok.dep_ not in ("nummod", "quantmod", "compound") and any(
            c.dep_ in ("det", "amod", "poss") for c in tok.children):
        return True  # "this one will not either", "the last one": a pronoun, not a count ("one had died" is)
    if value <= 12 and tok.i > 0 and tok.doc[tok.i - 1].lower_ in _DESCRIBING_DETS | {"'s", "’s"}:
        return True  # "the two sides", "its three children": a set already known
    return False


def _between_commas(tok: Token) -> bool:
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "," and doc[tok.i + 1].text in (",", ")") \
        and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i


def _classifies(q: Quantity, anchor: Token) -> bool:
    """'the 85kg category', '155mm shells': a measure (not money) before the noun it classifies."""
    if q.unit is None or q.unit.isupper() or q.unit in ("percent", "percentage points"):
        return False
    end = q.span[1] if q.span else anchor.idx + len(anchor.text)
    tok = anchor
    while tok.head.i != tok.i and tok.head.idx < end and tok.head.idx >= (q.span[0] if q.span else anchor.idx):
        tok = tok.head  # up to the last word of the figure ("85" -> "kg")
    head = tok.head
    return tok.dep_ in ("nummod", "compound", "amod", "nmod") and head.idx >= end and head.pos_ in ("NOUN", "PROPN") \
        and head.i - tok.i <= 5


def figures_in(doc: Doc, s: int, e: int, exclude: Sequence[Span] = ()) -> list[Figure]:
    """The stated figures of text[s:e], with absolute spans; ``exclude`` holds spans that are no figures (times)."""
    text = text_of(doc)[s:e]
    local = [(max(0, a - s), min(e, b) - s) for a, b in exclude if a < e and s < b]
    out = []
    for m in find_quantities(text, local):
        a, b = m.span[0] + s, m.span[1] + s
        anchor = _anchor(doc, a, b)
        if anchor is None:
            continue
        q = m.quantity
        q = Quantity(value=q.value, text=q.text, unit=q.unit, bound=q.bound, high=q.high, span=(a, b))
        if _describes(anchor, q.value) or _classifies(q, anchor):
            continue
        q.counts = counted(anchor) or m.quantity.counts
        out.append(Figure(q, (a, b), anchor))
    return out


# ---------------------------------------------------------------------------------------------
# What a figure counts


def counted(tok: Token) -> Optional[str]:
    """The noun phrase a number counts, with the event it undergoes ("civilians killed")."""
    noun = tok
    subject = tok  # the word whose verb says what happened to what is counted
    if tok.dep_ in ("nummod", "quantmod", "compound") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
        noun = tok.head
        while noun.pos_ == "NUM" and noun.head.i != noun.i and noun.dep_ in ("nummod", "compound", "quantmod"):
            noun = noun.head
        subject = noun
    if noun.pos_ == "NUM" or noun.lower_ in ("%", "percent"):
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            return None
        noun = obj
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "NOUN", "PROPN")
            and not c.like_num]
    start = min([noun.i] + [m.i for m in mods])
    phrase = noun.doc[start:noun.i + 1].text
    verb = subject.head
    if subject.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_ not in ("be", "have"):
        phrase += " " + verb.text
    return phrase


# ---------------------------------------------------------------------------------------------
# One claim per figure


def trim_clause(doc: Doc, s: int, e: int, keep: Sequence[Span] = ()) -> tuple[int, int]:
    """The clause without a leading adverbial ('With this package, ...') or a trailing comment
    (', which ...', ', meaning ...', ', but ...') that holds none of the ``keep`` spans."""
    text = text_of(doc)
    s, e = strip(text, s, e)
    lo = min((a for a, _ in keep), default=e)
    hi = max((b for _, b in keep), default=s)
    lead = re.match(r"(?:(?:In|On|At|By|With|Besides|Since|After|Before|During|Despite|For|Under|As|Produced|"
                    r"Launched|Asked|Speaking|According)\b[^,;]{0,80}?),\s+", text[s:lo])
    if lead and "that " not in lead.group(0):
        s += lead.end()
    for m in re.finditer(r",\s+an?\s+\w+(?:\s+\w+)?\s+(?:that|which)\b|"
                         r",\s+(?:which|who|whose|meaning|adding|saying|calling|but|while|although|though|"
                         r"whereas|prompting|leaving|making|bringing|raising|as\s+well\s+as)\b|;\s|\s[–—]\s", text[hi:e]):
        if m.group(0).startswith(",") and not _runs_to_end(doc, hi + m.end() - 1, e):
            continue  # "X, who finished fourth, has been killed": the clause goes on after the comment
        e = hi + m.start()
        break
    return strip(text, s, e)


def _runs_to_end(doc: Doc, pos: int, e: int) -> bool:
    """Whether the phrase starting at ``pos`` (after a comma) reaches the end of the clause [.., e)."""
    span = doc.char_span(pos, e, alignment_mode="expand")
    if span is None or not len(span):
        return True
    t = span[0]
    while t.head.i != t.i and span.start <= t.head.i < span.end:
        t = t.head
    words = [w for w in span if not w.is_punct]
    return not words or t.right_edge.i >= words[-1].i


def _climb(tok: Token, others: Sequence[Token], lo: int, hi: int) -> Token:
    """The highest ancestor of ``tok`` inside [lo, hi) whose subtree holds none of ``others``."""
    h = tok
    while h.head.i != h.i and lo <= h.head.idx < hi:
        up = h.head
        if any(up.left_edge.i <= o.i <= up.right_edge.i for o in others):
            break
        h = up
    return h


def split_by_figure(doc: Doc, s: int, e: int, figures: Sequence[Figure]) -> list[tuple[int, int, Figure]]:
    """Split the clause text[s:e] into one stretch per figure (a separable phrase each, the rest for the main one)."""
    if len(figures) <= 1:
        return [(s, e, f) for f in figures]
    text = text_of(doc)
    pieces: list[tuple[int, int, Figure]] = []
    main: list[Figure] = []
    for f in figures:
        others = [g.anchor for g in figures if g is not f]
        h = _climb(f.anchor, others, s, e)
        if h.dep_ in _SEPARABLE and h.head.i != h.i and (h.dep_ != "prep" or h.head.pos_ in ("NOUN", "PROPN", "NUM")):
            a = max(s, h.left_edge.idx)
            b = min(e, h.right_edge.idx + len(h.right_edge.text))
            pieces.append((a, b, f))
        else:
            main.append(f)
    taken = sorted((a, b) for a, b, _ in pieces)
    for f in main:
        a, b = s, e
        for ps, pe in taken:
            if pe <= f.span[0]:
                a = max(a, pe)
            elif ps >= f.span[1]:
                b = min(b, ps)
        pieces.append((a, b, f))
    out = []
    for a, b, f in sorted(pieces, key=lambda p: p[2].span):
        a, b = edges(text, a, b)
        if a < b and a <= f.span[0] and f.span[1] <= b:
            out.append((a, b, f))
    return _cut_shared(text, out)


def _cut_shared(text: str, pieces: list[tuple[int, int, Figure]]) -> list[tuple[int, int, Figure]]:
    """Two figures left in one stretch are cut at the last comma, semicolon or 'and' between them."""
    out = list(pieces)
    for i in range(len(out) - 1):
        (a1, b1, f1), (a2, b2, f2) = out[i], out[i + 1]
        if (a1, b1) != (a2, b2):
            continue
        gap = text[f1.span[1]:f2.span[0]]
        cut = max((m.start() for m in re.finditer(r",|;|\s(?:and|or|but|while)\s", gap)), default=None)
        if cut is None:
            continue
        mid = f1.span[1] + cut
        out[i] = (a1, edges(text, a1, mid)[1], f1)
        out[i + 1] = (edges(text, mid, b2)[0], b2, f2)
    return out


def figure_clause(doc: Doc, f: Figure, s: int, e: int) -> tuple[int, int]:
    """The coordinated or adverbial clause with a tense of its own in text[s:e] that states the figure."""
    v = f.anchor
    while v.head.i != v.i and v.pos_ not in ("VERB", "AUX"):
        v = v.head
    own_tense = v.dep_ in ("conj", "parataxis") or (v.dep_ == "advcl" and v.tag_ in ("VBD", "VBZ", "VBP"))
    if v.pos_ not in ("VERB", "AUX") or not own_tense or not s <= v.head.idx < e:
        return s, e  # a clause of its own: "..., but 3,000 crossed", "as he signed a $95bn bill"
    toks = [t for t in v.subtree if not (t.head.i == v.i and t.dep_ in ("conj", "cc") and t.i > v.i)]
    a = max(s, min(t.idx for t in toks))
    b = min(e, max(t.idx + len(t.text) for t in toks if t.i <= v.i or t.head.i != v.i or t.dep_ not in ("conj", "cc")))
    return edges(text_of(doc), a, b) if a < b else (s, e)

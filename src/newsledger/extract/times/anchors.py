"""Times anchored on events: "the day before the vote", "the tenth day of the siege".

An event is keyed by its trigger (the verb or event noun, to a derivational stem so
that "evacuated" and "the evacuation" meet) and its arguments (subject and object
names).  Two mentions are one event when their stems meet and their arguments do
not clash, or when their arguments are the same two names ("the army crossed the
border" / "the army entered the border region" stay apart; "Rome besieged Veii" /
"Rome encircled Veii" are one).

The article dates an event in three general ways, read from the parse:

- a time expression attached to the event's verb or noun ("the strike began five
  days ago", "the flood on Monday", "since launching the offensive two weeks ago");
- a time expression that *is* an ordinal day of it ("Sunday was the tenth day of
  the siege", "today marks the third day since the dam failed");
- ``known_events`` given by the caller.

Without a date the value stays "XXXX-XX-XX" and the anchor names the event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ...lexicon.words import EVENT_TYPE_OF, ordinal_value
from .candidates import Candidate
from .context import Context
from .dates import duration, fmt, number, shift

__all__ = ["event_key", "EventKey", "same_event", "learn_from_attachment", "learn_from_ordinal", "ANCHORED"]

#: Verbs of beginning and going on: the event is their subject or object, not themselves.
_ASPECTUAL = {"begin", "began", "begun", "start", "started", "launch", "launched", "launching", "commence",
              "commenced", "open", "opened", "resume", "resumed", "continue", "continued", "end", "ended", "mark",
              "marked", "marks", "break", "broke", "erupt", "erupted", "get", "got", "go", "went", "take", "took",
              "starts", "begins", "launches", "commences", "opens", "ends"}
_STOP = {"the", "a", "an", "their", "its", "his", "her", "our", "of", "was", "were", "had", "has", "have", "been",
         "first", "this", "that", "they", "it", "is", "be", "by", "on", "in", "to", "and", "day", "days"}
_SUFFIXES = ("ations", "ation", "itions", "ition", "sions", "sion", "tions", "tion", "ments", "ment", "ings", "ing",
             "ied", "ies", "ed", "es", "s", "e", "al")


def _stem(word: str) -> str:
    w = word.lower().strip("’'")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _stems_meet(a: str, b: str) -> bool:
    """Derivational relatives: "invad"/"invas", "evacuat"/"evacuat", "collid"/"collis"."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 1


@dataclass(frozen=True)
class EventKey:
    """An event mention reduced to what identifies it: trigger stem, subject and object names, and the event type
    the events component gives the trigger (``kind``, from the one trigger lexicon; "" when it has none)."""

    stem: str
    subject: str = ""
    object: str = ""
    kind: str = ""

    def __str__(self) -> str:
        args = ",".join(a for a in (self.subject, self.object) if a)
        return f"{self.stem}({args})" if args else self.stem


def same_event(a: "EventKey | str", b: "EventKey | str") -> bool:
    """Do two event mentions (keys, or phrases read without a parse) name one event?"""
    a = _key_from_words(a) if isinstance(a, str) else a
    b = _key_from_words(b) if isinstance(b, str) else b
    if _stems_meet(a.stem, b.stem):
        return not ((a.subject and b.subject and a.subject != b.subject) or (a.object and b.object and a.object != b.object))
    if a.kind and b.kind and a.kind != b.kind:
        return False  # "the army attacked the town" / "the army evacuated the town": two events, as in the ledger
    return bool(a.subject and a.object) and (a.subject, a.object) == (b.subject, b.object)


_KIND_BY_STEM: dict[str, str] = {}


def _kind(word: str) -> str:
    """The event type of a trigger word by its stem ("attacked" -> attack, "evacuation" -> evacuation)."""
    if not _KIND_BY_STEM:
        for lemma, etype in EVENT_TYPE_OF.items():
            _KIND_BY_STEM.setdefault(_stem(lemma), etype)
    stem = _stem(word)
    return next((k for st, k in _KIND_BY_STEM.items() if _stems_meet(st, stem)), "")


def _key_from_words(phrase: str) -> EventKey:
    """The key of an event phrase read without a parse: "Rome besieged Veii", "the evacuation began"."""
    words = re.findall(r"[A-Za-z’'-]+", phrase or "")
    content = [w for w in words if w.lower() not in _STOP and w.lower() not in _ASPECTUAL]
    if not content:
        return EventKey(_stem(words[-1]) if words else "")
    for i, w in enumerate(content):
        if i and i < len(content) - 1 and re.fullmatch(r"[a-z]+(?:ed|ded|ted)", w) and content[0][:1].isupper():
            return EventKey(_stem(w), content[i - 1].lower(), content[i + 1].lower(), kind=_kind(w))
        if i and re.fullmatch(r"[a-z]+ed", w) and content[0][:1].isupper():
            return EventKey(_stem(w), content[i - 1].lower(), kind=_kind(w))
    verbs = [w for w in content if re.fullmatch(r"[a-z]{3,}ed", w)]
    if verbs:
        return EventKey(_stem(verbs[0]), kind=_kind(verbs[0]))
    nouns = [w for w in content if not w[:1].isupper()] or content
    return EventKey(_stem(nouns[-1]), kind=_kind(nouns[-1]))


def event_key(phrase: str) -> str:
    """A readable key for an event phrase: trigger stem and arguments ("evacuat", "besieg(rome,veii)")."""
    return str(_key_from_words(phrase))


def _name(tok: Optional[Token]) -> str:
    if tok is None:
        return ""
    compound = [t for t in tok.lefts if t.dep_ == "compound"]
    return " ".join(t.lower_ for t in [*compound, tok]) if tok.pos_ in ("PROPN", "NOUN") else ""


def _key_from_token(tok: Token) -> EventKey:
    """The event a verb or event noun names; an aspectual verb passes to its subject or object."""
    if tok.lemma_.lower() in _ASPECTUAL or tok.lower_ in _ASPECTUAL:
        inner = next((t for t in tok.children if t.dep_ in ("dobj", "xcomp", "nsubjpass")), None) or \
            next((t for t in tok.children if t.dep_ == "nsubj" and t.pos_ == "NOUN"), None)
        if inner is not None and inner is not tok:
            return _key_from_token(inner)
    if tok.pos_ in ("VERB", "AUX"):
        subj = next((t for t in tok.children if t.dep_ == "nsubj"), None)
        obj = next((t for t in tok.children if t.dep_ in ("dobj", "nsubjpass")), None)
        return EventKey(_stem(tok.lemma_), _name(subj) if subj is not None and subj.pos_ == "PROPN" else "",
                        _name(obj) if obj is not None and obj.pos_ == "PROPN" else "", kind=_kind(tok.lemma_))
    return EventKey(_stem(tok.lemma_ or tok.text), kind=_kind(tok.lemma_ or tok.text))


def _key_of_span(ctx: Context, start: int, end: int, phrase: str) -> EventKey:
    if ctx.doc is not None:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verbs = [t for t in span if t.pos_ == "VERB" and t.lemma_.lower() not in _ASPECTUAL]
            if verbs:
                return _key_from_token(verbs[0])
            root = span.root
            if root.pos_ in ("VERB", "AUX") and root.lemma_.lower() in _ASPECTUAL:
                return _key_from_token(root)
            nouns = [t for t in span if t.pos_ == "NOUN"]
            if nouns:
                return EventKey(_stem(nouns[-1].lemma_), kind=_kind(nouns[-1].lemma_))
    return _key_from_words(phrase)


def _record(ctx: Context, key: EventKey, date: dt.date, phrase: str) -> None:
    ctx.events.setdefault(key, (date, phrase))


def event_date(ctx: Context, key: EventKey) -> Optional[tuple[dt.date, str]]:
    """The date of the event ``key`` (directly, or through a mention with the same arguments)."""
    for table in (ctx.events, ctx.known):
        for k, v in table.items():
            if same_event(key, k):
                return v
    for mention in ctx.mentions:  # "the blockade" ~ "X blockaded Y" ~ "X encircled Y" (dated)
        if same_event(key, mention) and mention.subject and mention.object:
            for k, v in ctx.events.items():
                if same_event(mention, k):
                    return v
    return None


# ---------------------------------------------------------------------------
# Learning event dates from the parse


def learn_from_attachment(ctx: Context, c: Candidate) -> None:
    """A day attached to an event verb or noun dates it ("the strike began five days ago", "the flood on Monday")."""
    if ctx.doc is None or c.date is None or c.grain != "day":
        return
    span = ctx.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or not len(span):
        return
    head = span.root.head
    for _ in range(2):
        if head.dep_ == "prep":
            head = head.head
    if head.pos_ in ("VERB", "NOUN") and not (span.start <= head.i < span.end):
        _record(ctx, _key_from_token(head), c.date, head.text)


def learn_from_ordinal(ctx: Context, c: Candidate, n: int, phrase_key: EventKey) -> bool:
    """"Sunday was the tenth day of the siege": the subject's day is day ``n`` of the event."""
    subject = _subject_time(ctx, c)
    if subject is None or subject.date is None or subject.grain != "day":
        return False
    ctx.set_date(c, subject.date, "day", subject.anchor)
    _record(ctx, phrase_key, subject.date - dt.timedelta(days=n - 1), ctx.text[c.start:c.end])
    return True


_COPULA = re.compile(r"(?i)^\s*(?:is|was|marks|marked|will\s+be|became|becomes)\s+$")


def _subject_time(ctx: Context, c: Candidate) -> Optional[Candidate]:
    s, _ = ctx.sentence_of(c.start)
    earlier = [t for t in ctx.resolved if s <= t.start and t.end <= c.start]
    if not earlier:
        return None
    subject = earlier[-1]
    if _COPULA.match(ctx.text[subject.end:c.start]):
        return subject
    return None


# ---------------------------------------------------------------------------
# Resolving event-anchored expressions


def resolve_event_ordinal(ctx: Context, c: Candidate) -> None:
    g = c.groups
    n = ordinal_value(g["ord"]) or 1
    unit = g["unit"].lower()
    phrase = g["event"]
    c.anchor = "event:" + phrase
    if unit != "day":
        c.type, c.value = "DURATION", duration(n, unit)
        return
    key = _key_of_span(ctx, c.end - len(phrase), c.end, phrase)
    known = event_date(ctx, key)
    if known:
        ctx.set_date(c, known[0] + dt.timedelta(days=n - 1), "day")
        return
    if learn_from_ordinal(ctx, c, n, key):
        return
    c.value = "XXXX-XX-XX"


def resolve_event_offset(ctx: Context, c: Candidate) -> None:
    g = c.groups
    phrase = g["event"]
    unit = (g.get("unit1") or g.get("unit") or "day").lower()
    n = 1 if "unit1" in g else number(g.get("num"))
    sign = -1 if g["dir"].lower() in ("before", "prior to") else 1
    c.anchor = "event:" + phrase
    known = _dated_by_its_words(ctx, c, phrase) or event_date(ctx, _key_of_span(ctx, c.end - len(phrase), c.end, phrase))
    if known and n is not None:
        d, grain = shift(known[0], sign * n, unit)
        c.date, c.grain, c.value = d, grain, fmt(d, grain)
        return
    if "unit1" not in g:  # "five years after its launch": keep the duration, the event is unknown
        m = re.match(r"\S+(?:\s+\S+)*?\s+(?:day|week|month|year)s?", ctx.text[c.start:c.end], re.I)
        if m:
            c.end = c.start + m.end()
            c.type, c.value, c.anchor = "DURATION", duration(n, unit), None
            return
    c.value = "XXXX-XX-XX"


def _dated_by_its_words(ctx: Context, c: Candidate, phrase: str) -> Optional[tuple[dt.date, str]]:
    """"the day before Monday's vote": an event phrase that opens with its own day."""
    from .candidates import scan
    from ..spans import SpanIndex

    start = c.end - len(phrase)
    inner = [t for t in scan(phrase, SpanIndex([])) if t.start == 0 and t.kind in ("weekday", "date")]
    if not inner or not re.match(r"['’]s\b", phrase[inner[0].end:inner[0].end + 3]):
        return None
    inner[0].start, inner[0].end = inner[0].start + start, inner[0].end + start
    ctx.resolve(inner[0])
    return (inner[0].date, phrase) if inner[0].date is not None and inner[0].grain == "day" else None


def record_mention(ctx: Context, c: Candidate) -> None:
    """An event named in a time expression is remembered, dated or not ("since Rome besieged Veii")."""
    if "event" in c.groups:
        phrase = c.groups["event"]
        ctx.mentions.append(_key_of_span(ctx, c.end - len(phrase), c.end, phrase))


ANCHORED = {"event_ordinal": resolve_event_ordinal, "event_offset": resolve_event_offset}


def known_keys(known: dict[str, str]) -> dict[EventKey, tuple[dt.date, str]]:
    from .dates import parse_day

    out = {}
    for name, value in (known or {}).items():
        d = parse_day(value)
        if d is not None:
            out[_key_from_words(name)] = (d, name)
    return out


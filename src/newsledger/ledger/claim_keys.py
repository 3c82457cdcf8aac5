"""What identifies a claim across articles: its key, its day, who states it (its side) and its figure's bounds.

Pure functions of one record, never of the store or of other articles, so the claim ledger built on them
depends on the set of articles alone.

- A claim stating a figure is keyed by **what it counts**: the counted phrase of ``quantity.counts``, each word
  folded to one form ("41 civilians killed" and "41 civilians died" are both ``civilian killed``: see
  ``COUNT_WORDS``), the figure's **unit** (none for a count, ``USD``, ``percent``...) and the **place** it
  happened (the place of an event the figure belongs to, else a name after "in", "at", "near"... that the
  article names, else a place named inside the claim): ``f:civilian killed||tarvik``.  Figures in different
  units are different claims; figures that disagree are *not*: that is what the ledger shows as contested.
  A count of one word with no place ("600 people", "71 wounded") says too little of which count it is to be
  compared with others: it is not keyed and stands alone.
- A claim without a figure is keyed by **its wording**: the set of its content words (folded, plurals made
  singular, numbers kept), hashed: ``t:3f9a…``.  Word order, case, punctuation and small words do not matter,
  so a claim repeated verbatim (or nearly) by another outlet has the same key.  Fewer than three content
  words say too little to compare: such a claim is not keyed and stands alone.
- Its **day** is the claim's own date when its time expression names a day not after the publication
  (a date announced for later says when something will happen, not when the figure holds), else the
  article's publication day; as a day number (``date.toordinal``), so windows are sums.
- Its **side** is who states it: the source's name as an organisation key (``Kestria's health ministry`` and
  ``the Kestrian health ministry`` are one side), else the outlet (publisher) for the article's own words.
- Its figure's **bounds** (``low``, ``high``): exact ``[v, v]``; approximate ``±10 %``; "at least" ``[v, ∞)``;
  "as many as" ``(-∞, v]``; a range ``[v, high]``.  Two figures whose bounds do not meet disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Optional

from ..lexicon.names import fold, org_key, place_key
from ..lexicon.words import CLAIM_STOP_WORDS, COUNT_WORDS, PLACE_PREPOSITIONS
from ..records import Claim, Quantity, Record

__all__ = ["claim_features", "claim_key", "claim_day", "claim_side", "claim_place", "figure_bounds", "count_words",
           "wording", "APPROXIMATE", "NO_END", "describe_key", "day_text"]

#: How far an approximate figure ("about 5,000") reaches either way.
APPROXIMATE = 0.10
#: The open end of a bound ("at least 12" has no upper end).
NO_END = 1e300
#: Fewest content words a claim without a figure needs to be compared by its wording.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*")
_PLACES = ("GPE", "LOC", "FAC")


def _singular(word: str) -> str:
    if word in COUNT_WORDS:
        return COUNT_WORDS[word]
    if word[:1].isdigit():
        return word.replace(",", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def count_words(counts: str, place: Optional[str] = None) -> list[str]:
    """What a figure counts as folded words: "Civilians killed" -> ["civilian", "killed"]; the place's own
    words and small words are left out ("Tarvik residents" counts residents, in Tarvik; "them hit": hit)."""
    skip = (set(place.split()) if place else set()) | CLAIM_STOP_WORDS
    return [_singular(w) for w in _WORD.findall(fold(counts)) if w not in skip]


def wording(text: str) -> list[str]:
    """The content words of a claim, folded and made singular, sorted, each once."""
    return sorted({_singular(w) for w in _WORD.findall(fold(text)) if w not in CLAIM_STOP_WORDS})


def claim_place(claim: Claim, record: Record) -> Optional[str]:
    """Where the claim says it happened, as a place key (None when it says nowhere)."""
    start, end = claim.span
    fig = claim.quantity.span if claim.quantity is not None and claim.quantity.span else claim.span
    for ev in sorted(record.events, key=lambda v: v.span):
        if ev.place and ev.span[0] < fig[1] and fig[0] < ev.span[1]:
            return place_key(ev.place)
    names = None
    for m in re.finditer(r"\b(\w+)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)", claim.text):
        if m.group(1).lower() not in PLACE_PREPOSITIONS:
            continue
        if names is None:
            names = {fold(n) for e in record.entities for n in [e.name, *e.aliases, *(m.text for m in e.mentions)]}
        if fold(m.group(2)) in names:
            return place_key(m.group(2))
    inside = sorted((m.span[0], e.name) for e in record.entities if e.type in _PLACES for m in e.mentions
                    if start <= m.span[0] and m.span[1] <= end)
    return place_key(inside[0][1]) if inside else None


def claim_key(claim: Claim, record: Record) -> Optional[str]:
    """The key a claim is compared by across articles (see the module docstring), or None: it stands alone."""
    q = claim.quantity
    if q is not None:
        if not q.counts:
            return None  # a figure with nothing said of what it counts
        place = claim_place(claim, record)
        what = count_words(q.counts, place)
        if len(what) < 2 and not place:
            return None  # "600 people", "71 wounded": nothing says which, so nothing to compare it by
        return f"f:{' '.join(what)}|{q.unit or ''}|{place or ''}" if what else None
    words = wording(claim.text)
    if len(words) < MIN_WORDS:
        return None
    return "t:" + hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:16]


def _iso_day(value: Optional[str]) -> Optional[dt.date]:
    if not value or not re.match(r"\d{4}-\d\d-\d\d", value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def claim_day(claim: Claim, record: Record) -> Optional[int]:
    """The claim's day number: its own date (not after publication), else the publication day, else None."""
    published = _iso_day(record.published)
    own = _iso_day(next((t.value for t in record.times if t.id == claim.time), None)) if claim.time else None
    day = own if own is not None and (published is None or own <= published) else published
    return day.toordinal() if day is not None else None


def day_text(day: Optional[int]) -> Optional[str]:
    """A day number as YYYY-MM-DD."""
    return dt.date.fromordinal(day).isoformat() if day else None


def claim_side(claim: Claim, record: Record) -> str:
    """Who states the claim: ``s:`` and the source's organisation key, else ``p:`` and the outlet."""
    if claim.source is not None and claim.source.name:
        words = org_key(claim.source.name)
        return "s:" + ("|".join(sorted(words)) if words else fold(claim.source.name))
    if record.publisher:
        return "p:" + fold(record.publisher)
    return "a:" + record.id


def figure_bounds(q: Optional[Quantity]) -> tuple[Optional[float], Optional[float]]:
    """The lowest and highest value a figure allows, from its bound (None, None without a figure)."""
    if q is None:
        return None, None
    low, high = q.value, q.high if q.high is not None else q.value
    if q.bound == "approximate":
        low, high = low - abs(low) * APPROXIMATE, high + abs(high) * APPROXIMATE
    elif q.bound == "lower":
        high = NO_END
    elif q.bound == "upper":
        low = -NO_END
    return low, high


def claim_features(claim: Claim, record: Record) -> tuple:
    """(key, day, side, low, high) of a claim, as the claims table stores them."""
    return (claim_key(claim, record), claim_day(claim, record), claim_side(claim, record),
            *figure_bounds(claim.quantity))


def describe_key(key: Optional[str]) -> dict:
    """What a key says, for people: ``kind`` (figure, wording, alone), and for a figure ``what``, ``unit``, ``place``."""
    if key and key.startswith("f:"):
        what, unit, place = key[2:].split("|", 2)
        return {"kind": "figure", "what": what, "unit": unit or None, "place": place.title() if place else None}
    if key and key.startswith("t:"):
        return {"kind": "wording", "what": None, "unit": None, "place": None}
    return {"kind": "alone", "what": None, "unit": None, "place": None}

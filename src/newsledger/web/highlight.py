"""The highlighted article body: every extracted span drawn as an underline, from escaped segments.

In the manner of displaCy's span view, overlapping spans are drawn as stacked
underlines: each span gets a *slot* (its level under the text) that no span
overlapping it has, and keeps it along its whole length.  The text is cut at
every span boundary, at whitespace (so a segment never wraps inside itself) and
at newlines; each segment is escaped with ``markupsafe.escape`` and carries one
underline element per span covering it.  Nothing from the article is ever
emitted unescaped, attribute values included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from markupsafe import Markup, escape

from ..records import Record

__all__ = ["LAYERS", "DEFAULT_LAYERS", "Mark", "marks_for", "assign_slots", "segments", "render_body", "MAX_SLOTS",
           "speaker_legend", "claims_in_quotes", "PALETTE_SIZE", "OTHERS"]

#: Layers in legend order: (key, label).
LAYERS: list[tuple[str, str]] = [
    ("quote", "Quotes"),
    ("speaker", "Speakers"),
    ("cue", "Cues"),
    ("claim", "Claims"),
    ("time", "Times"),
    ("entity", "Entities"),
]
#: Layers shown when the page opens (the others are one click away).
DEFAULT_LAYERS = ("quote", "speaker")
#: Underline levels drawn; deeper overlaps share the last level.
MAX_SLOTS = 8
#: Speaker colours (``c0`` ... in the stylesheet).  An article with more speakers gives its most quoted
#: ``PALETTE_SIZE - 1`` a colour each and draws the others in one grey (``co``), named so in the legend.
PALETTE_SIZE = 12
OTHERS = "co"


@dataclass
class Mark:
    layer: str
    start: int
    end: int
    label: str  # shown in the segment's tooltip
    item: str  # id of the item (quote id for quotes, speakers and cues)
    css: str = ""  # extra class (quote kind, claim status, entity type)
    slot: int = 0


def _label(*parts: Optional[str]) -> str:
    return " ".join(p for p in parts if p)


def _speaker_key(quote) -> Optional[str]:
    s = quote.speaker
    if s is None or not s.name:
        return None
    return f"e:{s.entity}" if s.entity else "n:" + " ".join(s.name.lower().split())


def speaker_legend(record: Record, links: Optional[dict] = None) -> list[dict]:
    """One entry per speaker of the article, in order of first quote: its colour class, name, role, quotes.

    Every speaker has a colour of its own, unless the article has more speakers than colours: then the
    most quoted keep theirs and the rest share the grey ``OTHERS``.  ``links`` maps the article's
    entity ids to ledger ids (for a link to the speaker's page).
    """
    legend: dict[str, dict] = {}
    for q in record.quotes:
        key = _speaker_key(q)
        if key is None:
            continue
        if key not in legend:
            entity = q.speaker.entity
            legend[key] = {"key": key, "colour": OTHERS, "name": q.speaker.name, "role": q.speaker.role,
                           "ledger": (links or {}).get(entity) if entity else None, "quotes": 0}
        legend[key]["quotes"] += 1
    entries = list(legend.values())
    coloured = entries if len(entries) <= PALETTE_SIZE else sorted(
        entries, key=lambda e: -e["quotes"])[:PALETTE_SIZE - 1]  # stable: ties keep the order of first quote
    chosen = {e["key"] for e in coloured}
    for n, e in enumerate(e for e in entries if e["key"] in chosen):  # colours in order of first quote
        e["colour"] = f"c{n}"
    return entries


def _colours(record: Record) -> dict[str, str]:
    """Quote id -> its speaker's colour class (``cu`` for an unknown speaker)."""
    by_key = {e["key"]: e["colour"] for e in speaker_legend(record)}
    return {q.id: by_key.get(_speaker_key(q), "cu") for q in record.quotes}


def marks_for(record: Record) -> list[Mark]:
    """One Mark per highlighted span of the record (quotes, speakers, cues, claims, times, entity mentions)."""
    n = len(record.text)
    marks: list[Mark] = []
    colours = _colours(record)

    def add(layer, span, label, item, css=""):
        if span and 0 <= span[0] < span[1] <= n:
            marks.append(Mark(layer, span[0], span[1], label, item, css))

    for q in record.quotes:
        speaker = q.speaker.name if q.speaker and q.speaker.name else "unknown speaker"
        add("quote", q.span, f"{q.kind} quote {q.id} by {speaker}", q.id, f"k-{q.kind} {colours[q.id]}")
        if q.speaker and q.speaker.span:
            add("speaker", q.speaker.span, f"speaker of {q.id}: {speaker}", q.id, colours[q.id])
        if q.cue and q.cue.span:
            add("cue", q.cue.span, f"cue of {q.id}: {q.cue.text}", q.id)
    for c in record.claims:
        add("claim", c.span, _label(f"{c.status} claim {c.id}", f"by {c.source.name}" if c.source else None),
            c.id, f"st-{c.status}")
    for t in record.times:
        add("time", t.span, _label(f"{t.type} {t.id}", f"= {t.value}" if t.value else None), t.id)
    for e in record.entities:
        for m in e.mentions:
            add("entity", m.span, f"{e.type} {e.name}", e.id, f"t-{e.type}")
    # a speaker mention is also an entity mention: keep both, they are different layers
    return marks


def assign_slots(marks: list[Mark]) -> int:
    """Give each mark the lowest level free along its whole length; returns how many levels are used."""
    active: list[Mark] = []
    used = 0
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start), m.layer)):
        active = [a for a in active if a.end > m.start]
        taken = {a.slot for a in active}
        slot = 0
        while slot in taken:
            slot += 1
        m.slot = slot
        used = max(used, slot + 1)
        active.append(m)
    return used


_BREAK = re.compile(r"\S+\s*|\s+")


def segments(text: str, marks: list[Mark], boilerplate: list[tuple[int, int]] = ()) -> list[tuple[str, list[Mark], bool]]:
    """``(text, marks covering it, in boilerplate)`` pieces that concatenate back to ``text``."""
    n = len(text)
    cuts = {0, n}
    for m in marks:
        cuts.add(m.start)
        cuts.add(m.end)
    for s, e in boilerplate:
        cuts.add(s)
        cuts.add(e)
    # word-sized pieces: an underline never wraps inside a piece; a newline is a piece of its own
    cuts.update(mt.end() for mt in _BREAK.finditer(text))
    i = text.find("\n")
    while i >= 0:
        cuts.add(i)
        cuts.add(i + 1)
        i = text.find("\n", i + 1)
    points = sorted(c for c in cuts if 0 <= c <= n)
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    bp = sorted(boilerplate)
    out = []
    active: list[Mark] = []
    slot = lambda m: m.slot  # noqa: E731
    for a, b in zip(points, points[1:]):
        if active:
            active = [m for m in active if m.end > a]
        started = starts.get(a)
        if started:
            active = active + started
        in_bp = any(s <= a and b <= e for s, e in bp) if bp else False
        out.append((text[a:b], sorted(active, key=slot) if len(active) > 1 else list(active), in_bp))
    return out


def render_body(record: Record) -> Markup:
    """The article text as HTML: escaped segments with stacked underlines, quotes linking to their details."""
    marks = marks_for(record)
    levels = assign_slots(marks)
    parts: list[str] = [f'<div class="body levels-{min(levels, MAX_SLOTS)}">']
    # consecutive pieces mostly share their marks: build each distinct wrapper once
    wrappers: dict[tuple, tuple[str, str]] = {}
    for piece, covering, in_bp in segments(record.text, marks, [tuple(b.span) for b in record.boilerplate]):
        if piece == "\n":
            parts.append("\n")
            continue
        if not covering and not in_bp:
            parts.append(str(escape(piece)))
            continue
        key = (in_bp, *map(id, covering))
        wrap = wrappers.get(key)
        if wrap is None:
            wrap = wrappers[key] = _wrapper(covering, in_bp)
        parts.append(wrap[0])
        parts.append(str(escape(piece)))
        parts.append(wrap[1])
    parts.append("</div>")
    return Markup("".join(parts))


def _wrapper(covering: list[Mark], in_bp: bool) -> tuple[str, str]:
    """The opening and closing markup around one piece: classes, the quote it opens, what it belongs to."""
    classes = ["seg"] + (["bp"] if in_bp else []) + sorted({f"has-{m.layer}" for m in covering})
    # nested quotes: a click opens the innermost one covering the piece
    quote = min((m for m in covering if m.layer == "quote"), key=lambda m: m.end - m.start, default=None)
    if quote is not None:
        classes.append(next(c for c in quote.css.split() if c.startswith("c")))
    belongs = {"speaker-of": "speaker", "cue-of": "cue", "claim": "claim"}
    data = "".join(
        f' data-{attr}="{escape(" ".join(sorted({m.item for m in covering if m.layer == layer})))}"'
        for attr, layer in belongs.items() if any(m.layer == layer for m in covering))
    title = "; ".join(m.label for m in covering)
    lines = "".join(
        f'<span class="ul l-{m.layer} {escape(m.css)} s{min(m.slot, MAX_SLOTS - 1)}"></span>' for m in covering)
    tag = "a" if quote else "span"
    href = f' href="#quote-{escape(quote.item)}" data-quote="{escape(quote.item)}"' if quote else ""
    title_attr = f' title="{escape(title)}"' if title else ""
    return f'<{tag} class="{" ".join(classes)}"{href}{data}{title_attr}>', f"{lines}</{tag}>"


def claims_in_quotes(record: Record) -> dict[str, list[str]]:
    """Quote id -> ids of the claims that overlap it (selected together with the quote)."""
    out: dict[str, list[str]] = {}
    for q in record.quotes:
        out[q.id] = [c.id for c in record.claims if c.span[0] < q.span[1] and q.span[0] < c.span[1]]
    return out

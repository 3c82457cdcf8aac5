"""Server-side SVG charts (no JavaScript, no external library): quotes over time, the timeline, and a ledger
claim's figure over time.

Every piece of text that reaches the SVG (labels, tooltips, links) is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Optional

from markupsafe import Markup, escape

__all__ = ["quotes_chart", "timeline_chart", "figure_chart", "figure_legend", "SIDE_COLOURS"]

#: Sources drawn in a colour of their own on a figure chart (the rest share grey, ``s-other``).
SIDE_COLOURS = 6


def _day(s: str) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(s[:10])
    except (TypeError, ValueError):
        return None


def _buckets(counts: list[tuple[dt.date, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Per day when the dates span under ~3 months, else per month; gaps filled with zeros."""
    first, last = counts[0][0], counts[-1][0]
    if (last - first).days <= 92:
        out, d, by = [], first, dict(counts)
        while d <= last:
            out.append((d.isoformat(), by.get(d, 0)))
            d += dt.timedelta(days=1)
        return "day", out
    by_month: dict[str, int] = {}
    for d, n in counts:
        by_month[d.strftime("%Y-%m")] = by_month.get(d.strftime("%Y-%m"), 0) + n
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        key = f"{y:04d}-{m:02d}"
        out.append((key, by_month.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return "month", out


def quotes_chart(rows: list[dict], width: int = 640, height: int = 140) -> Markup:
    """A bar chart of quotes per day (or month) from ``[{"day": ..., "quotes": n}]``."""
    counts = [(d, int(r["quotes"])) for r in rows if (d := _day(r["day"]))]
    if not counts:
        return Markup('<p class="muted">No dated quotes.</p>')
    counts.sort()
    unit, bars = _buckets(counts)
    top = max(n for _, n in bars) or 1
    pad_l, pad_b, pad_t = 28, 22, 8
    plot_w, plot_h = width - pad_l - 8, height - pad_b - pad_t
    bw = plot_w / len(bars)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="Quotes per {unit}" xmlns="http://www.w3.org/2000/svg">',
           f'<line class="axis" x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 8}" y2="{pad_t + plot_h}"/>',
           f'<text class="tick" x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end">{top}</text>',
           f'<text class="tick" x="{pad_l - 4}" y="{pad_t + plot_h}" text-anchor="end">0</text>']
    for i, (key, n) in enumerate(bars):
        h = plot_h * n / top
        x = pad_l + i * bw
        out.append(f'<rect class="bar" x="{x + bw * 0.1:.1f}" y="{pad_t + plot_h - h:.1f}" width="{max(bw * 0.8, 1):.1f}" '
                   f'height="{h:.1f}"><title>{escape(key)}: {n} quote{"s" if n != 1 else ""}</title></rect>')
    step = max(1, len(bars) // 6)
    for i in range(0, len(bars), step):
        out.append(f'<text class="tick" x="{pad_l + i * bw + bw / 2:.1f}" y="{height - 6}" text-anchor="middle">'
                   f'{escape(bars[i][0])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def timeline_chart(items: list[dict], width: int = 900, lane_h: int = 26) -> Markup:
    """Events and claims as marks on a date axis, one lane per kind; each mark links to its row below."""
    dated = [(d, it) for it in items if (d := _day(it["date"]))]
    if not dated:
        return Markup('<p class="muted">Nothing dated in this range.</p>')
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    span = max((last - first).days, 1)
    pad_l, pad_r, top = 70, 44, 10
    lanes = ["event", "claim"]
    height = top + lane_h * len(lanes) + 34
    plot_w = width - pad_l - pad_r
    out = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="group" aria-label="Timeline: one mark per dated event or claim, each a link to it" xmlns="http://www.w3.org/2000/svg">']
    axis_y = top + lane_h * len(lanes) + 4
    for i, lane in enumerate(lanes):
        y = top + lane_h * i + lane_h / 2
        out.append(f'<text class="lane" x="4" y="{y + 4:.0f}">{lane}s</text>'
                   f'<line class="grid" x1="{pad_l}" y1="{y:.0f}" x2="{width - pad_r}" y2="{y:.0f}"/>')
    out.append(f'<line class="axis" x1="{pad_l}" y1="{axis_y}" x2="{width - pad_r}" y2="{axis_y}"/>')
    ticks = 6 if span >= 6 else span
    for t in range(ticks + 1):
        d = first + dt.timedelta(days=round(span * t / ticks))
        x = pad_l + plot_w * (d - first).days / span
        out.append(f'<line class="axis" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}"/>'
                   f'<text class="tick" x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{d.isoformat()}</text>')
    for n, it in enumerate(items):
        d = _day(it["date"])
        if d is None:
            continue
        x = pad_l + plot_w * (d - first).days / span if span else pad_l + plot_w / 2
        lane = lanes.index(it["kind"]) if it["kind"] in lanes else 0
        y = top + lane_h * lane + lane_h / 2
        cls = f'mark {escape(it["kind"])} st-{escape(it.get("status") or "none")}'
        tip = escape(f'{it["date"]} {it["what"]}: {it["text"][:160]}')
        shape = (f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="6"/>' if it["kind"] == "event" else
                 f'<rect class="{cls}" x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
                 f'transform="rotate(45 {x:.1f} {y:.1f})"/>')
        out.append(f'<a href="#item-{n}"><title>{tip}</title>{shape}</a>')
    out.append("</svg>")
    return Markup("".join(out))


def _sides(points: list[dict]) -> dict[str, tuple[str, str]]:
    """side -> (css class, name) for the chart and its legend, in order of first report; the most reported
    ``SIDE_COLOURS`` sides get a colour each."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for p in points:
        counts[p["side"]] = counts.get(p["side"], 0) + 1
        names.setdefault(p["side"], p["source"] or "unknown")
    coloured = sorted(counts, key=lambda k: (-counts[k], list(counts).index(k)))[:SIDE_COLOURS]
    return {k: (f"s{coloured.index(k)}" if k in coloured else "s-other", names[k]) for k in counts}


def _figure_marks(p: dict, x: float, y, cls: str) -> str:
    """One report: a dot at its figure, a bar to the upper end of a range, an arrow for an open bound."""
    cy = y(p["value"])
    tip = escape(f'{p["date"]} {p["source"]}: {_figure_tip(p)}')
    extra = ""
    if p["high"] is not None:
        extra = f'<line class="range {cls}" x1="{x:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y(p["high"]):.1f}"/>'
    elif p["bound"] in ("lower", "upper"):
        d = -14 if p["bound"] == "lower" else 14
        extra = (f'<path class="bound {cls}" d="M{x:.1f} {cy:.1f} L{x:.1f} {cy + d:.1f} M{x - 4:.1f} {cy + d * 0.6:.1f} '
                 f'L{x:.1f} {cy + d:.1f} L{x + 4:.1f} {cy + d * 0.6:.1f}"/>')
    shape = "rect" if p["bound"] == "approximate" else "circle"
    dot = (f'<circle class="dot {cls}" cx="{x:.1f}" cy="{cy:.1f}" r="5"/>' if shape == "circle" else
           f'<rect class="dot {cls}" x="{x - 4.5:.1f}" y="{cy - 4.5:.1f}" width="9" height="9"/>')
    return f'<g class="report"><title>{tip}</title>{extra}{dot}</g>'


def _figure_tip(p: dict) -> str:
    v = f'{p["value"]:,.0f}' if float(p["value"]).is_integer() else f'{p["value"]:,.4g}'
    hi = f'–{p["high"]:,.0f}' if p["high"] is not None else ""
    return {"lower": "at least ", "upper": "at most ", "approximate": "about "}.get(p["bound"] or "", "") + v + hi


def _nice_top(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten at or above ``v`` (the top of a value axis)."""
    if v <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(v))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= v)


def figure_chart(points: list[dict], width: int = 860, height: int = 230) -> Markup:
    """A ledger claim's figures over time from :func:`newsledger.store.queries.claim_figures`: one dot per report
    (a square when approximate, a bar to the upper end of a range, an arrow up for "at least" and down for "at
    most"), one colour per source, each source's reports joined by a line (its history)."""
    pts = [(d, p) for p in points if (d := _day(p["date"])) is not None and p["value"] is not None]
    if not pts:
        return Markup('<p class="muted">No dated figures.</p>')
    first, last = min(d for d, _ in pts), max(d for d, _ in pts)
    pad = dt.timedelta(days=max(1, (last - first).days // 20))  # no report on the chart's edge
    lo, span = first - pad, (last - first + 2 * pad).days
    top = _nice_top(max(max(p["value"], p["high"] or 0, p["high_bound"] or 0) for _, p in pts) * 1.1)
    pad_l, pad_r, pad_t, pad_b = 60, 36, 12, 28
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b

    def x(d: dt.date) -> float:
        return pad_l + plot_w * (d - lo).days / span

    def y(v: float) -> float:
        return pad_t + plot_h - plot_h * max(min(v, top), 0) / top

    sides = _sides([p for _, p in pts])
    label = f"The figure over time: {len(pts)} reports from {len(sides)} sources, {first} to {last}"
    out = [f'<svg class="chart figures" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>',
           f'<line class="axis" x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - pad_r}" y2="{pad_t + plot_h}"/>',
           f'<line class="axis" x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{pad_t + plot_h}"/>',
           f'<text class="tick" x="{pad_l - 6}" y="{pad_t + 8}" text-anchor="end">{top:,.0f}</text>',
           f'<text class="tick" x="{pad_l - 6}" y="{pad_t + plot_h}" text-anchor="end">0</text>']
    for d in sorted({first, last, first + (last - first) / 2}):
        out.append(f'<text class="tick" x="{x(d):.1f}" y="{height - 8}" text-anchor="middle">{d.isoformat()}</text>')
    for side, (cls, _) in sides.items():
        line = [f"{x(d):.1f},{y(p['value']):.1f}" for d, p in pts if p["side"] == side]
        if len(line) > 1:
            out.append(f'<polyline class="history {cls}" points="{" ".join(line)}"/>')
    out += [_figure_marks(p, x(d), y, sides[p["side"]][0]) for d, p in pts]
    out.append("</svg>")
    return Markup("".join(out))


def figure_legend(points: list[dict]) -> list[dict]:
    """The legend of :func:`figure_chart`: ``[{"class", "source"}]`` in the chart's colours."""
    return [{"class": cls, "source": name} for cls, name in _sides(points).values()]

"""Server-side SVG charts (no JavaScript, no external library): quotes over time and the timeline.

Every piece of text that reaches the SVG (labels, tooltips, links) is escaped.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from markupsafe import Markup, escape

__all__ = ["quotes_chart", "timeline_chart"]


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

"""Server-side SVG line and bar charts.

Charts are plain inline SVG built on the server, so the patient page prints and saves
to PDF exactly as it looks on screen, with no JavaScript. Each chart carries a
text alternative (`<title>`/`<desc>`) and a threshold line where a measure has one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

PALETTE = ("#1f5fa8", "#c2571a", "#2e7d32", "#7b3fa0", "#8a6d00")


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[datetime, float]]


@dataclass(frozen=True)
class Threshold:
    value: float
    label: str


@dataclass(frozen=True)
class ChartSpec:
    title: str
    y_min: float
    y_max: float
    series: Sequence[Series]
    y_step: float = 1.0
    thresholds: Sequence[Threshold] = field(default_factory=tuple)
    width: int = 640
    height: int = 220


MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 36, 12, 28, 40


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def line_chart(spec: ChartSpec) -> str:
    """An SVG document fragment for `spec` (empty-state text when there are no points)."""
    points = [p for s in spec.series for p in s.points]
    w, h = spec.width, spec.height
    plot_w, plot_h = w - MARGIN_LEFT - MARGIN_RIGHT, h - MARGIN_TOP - MARGIN_BOTTOM
    title = escape(spec.title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'role="img" class="chart" aria-labelledby="t-{id(spec)}">',
        f'<title id="t-{id(spec)}">{title}</title>',
        f'<text x="{MARGIN_LEFT}" y="16" class="chart-title">{title}</text>',
    ]
    if not points:
        parts.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle" class="chart-empty">'
                     "No answers recorded yet</text></svg>")
        return "".join(parts)

    times = [p[0].timestamp() for p in points]
    t0, t1 = min(times), max(times)
    span = (t1 - t0) or 1.0

    def x_of(at: datetime) -> float:
        if t1 == t0:
            return MARGIN_LEFT + plot_w / 2
        return MARGIN_LEFT + (at.timestamp() - t0) / span * plot_w

    def y_of(value: float) -> float:
        clamped = min(max(value, spec.y_min), spec.y_max)
        return MARGIN_TOP + plot_h - (clamped - spec.y_min) / (spec.y_max - spec.y_min) * plot_h

    desc = []
    tick = spec.y_min
    while tick <= spec.y_max + 1e-9:
        y = y_of(tick)
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="grid"/>')
        parts.append(f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
                     f"{_fmt(tick)}</text>")
        tick += spec.y_step
    for threshold in spec.thresholds:
        y = y_of(threshold.value)
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="threshold"/>')
        parts.append(f'<text x="{MARGIN_LEFT + plot_w}" y="{y - 4:.1f}" text-anchor="end" '
                     f'class="threshold-label">{escape(threshold.label)}</text>')
    first, last = min(p[0] for p in points), max(p[0] for p in points)
    base = MARGIN_TOP + plot_h + 16
    parts.append(f'<text x="{MARGIN_LEFT}" y="{base}" class="axis">{first:%d %b %Y}</text>')
    if last != first:
        parts.append(f'<text x="{MARGIN_LEFT + plot_w}" y="{base}" text-anchor="end" class="axis">'
                     f"{last:%d %b %Y}</text>")

    legend_x = MARGIN_LEFT
    for index, series in enumerate(spec.series):
        colour = PALETTE[index % len(PALETTE)]
        ordered = sorted(series.points, key=lambda p: p[0])
        if not ordered:
            continue
        coords = " ".join(f"{x_of(at):.1f},{y_of(value):.1f}" for at, value in ordered)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for at, value in ordered:
            parts.append(
                f'<circle cx="{x_of(at):.1f}" cy="{y_of(value):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(series.label)}: {_fmt(value)} on {at:%d %b %Y}</title></circle>"
            )
        label = escape(series.label[:40])
        parts.append(f'<rect x="{legend_x}" y="{h - 12}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 14}" y="{h - 3}" class="legend">{label}</text>')
        legend_x += 24 + 7 * len(series.label[:40])
        desc.append(f"{series.label}: latest {_fmt(ordered[-1][1])} on {ordered[-1][0]:%d %b %Y}, "
                    f"{len(ordered)} answers")
    parts.insert(2, f"<desc>{escape('; '.join(desc))}</desc>")
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class BarSpec:
    """Bars with category labels (weeks since start, change bins): counts or shares."""

    title: str
    labels: Sequence[str]
    values: Sequence[float | None]  # None: no data for that bar (drawn as a gap, said in the text)
    y_max: float
    value_format: str = "{:g}"  # e.g. "{:.0%}" for shares
    caption: str = ""  # under the axis: what the labels are
    width: int = 640
    height: int = 220


def bar_chart(spec: BarSpec) -> str:
    """An SVG bar chart; each bar has a tooltip and the `<desc>` lists every value."""
    w, h = spec.width, spec.height
    plot_w, plot_h = w - MARGIN_LEFT - MARGIN_RIGHT, h - MARGIN_TOP - MARGIN_BOTTOM
    title = escape(spec.title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'role="img" class="chart bar-chart" aria-labelledby="t-{id(spec)}">',
        f'<title id="t-{id(spec)}">{title}</title>',
        f'<text x="{MARGIN_LEFT}" y="16" class="chart-title">{title}</text>',
    ]
    if not spec.labels or all(v is None for v in spec.values):
        parts.append(f'<text x="{w / 2}" y="{h / 2}" text-anchor="middle" class="chart-empty">'
                     "No data for this period</text></svg>")
        return "".join(parts)
    y_max = spec.y_max or 1.0

    def y_of(value: float) -> float:
        return MARGIN_TOP + plot_h - min(max(value, 0.0), y_max) / y_max * plot_h

    for tick in (0.0, y_max / 2, y_max):
        y = y_of(tick)
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="grid"/>')
        parts.append(f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
                     f"{escape(spec.value_format.format(tick))}</text>")
    slot = plot_w / len(spec.labels)
    bar_w = max(2.0, slot * 0.7)
    every = max(1, math.ceil(len(spec.labels) / 16))  # at most 16 axis labels
    desc = []
    for index, (label, value) in enumerate(zip(spec.labels, spec.values, strict=True)):
        x = MARGIN_LEFT + index * slot + (slot - bar_w) / 2
        shown = "no data" if value is None else spec.value_format.format(value)
        desc.append(f"{label}: {shown}")
        if value is not None:
            y = y_of(value)
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                         f'height="{MARGIN_TOP + plot_h - y:.1f}" fill="{PALETTE[0]}">'
                         f"<title>{escape(label)}: {escape(shown)}</title></rect>")
        if index % every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{MARGIN_TOP + plot_h + 14}" text-anchor="middle" '
                         f'class="axis">{escape(label)}</text>')
    if spec.caption:
        parts.append(f'<text x="{MARGIN_LEFT + plot_w / 2}" y="{h - 4}" text-anchor="middle" '
                     f'class="legend">{escape(spec.caption)}</text>')
    parts.insert(2, f"<desc>{escape('; '.join(desc))}</desc>")
    parts.append("</svg>")
    return "".join(parts)

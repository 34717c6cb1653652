"""Server-side SVG line and bar charts.

Charts are plain inline SVG built on the server, so the patient page prints and saves
to PDF exactly as it looks on screen, with no JavaScript. Each chart carries a
text alternative (`<title>`/`<desc>`) and a threshold line where a measure has one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from html import escape
from statistics import fmean

PALETTE = ("#1f5fa8", "#c2571a", "#2e7d32", "#7b3fa0", "#8a6d00")
# Lines that coincide stay distinguishable: each series has its own dash and width.
DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 2")
WIDTHS = (4.5, 2.5, 2.0, 2.0, 2.0)
MIN_SPAN_S = 86_400.0  # the x-axis covers at least a day: ratings seconds apart share one spot


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
    zone: tzinfo = timezone.utc  # the clinic's: dates on the axis and in tooltips
    group_by_day: bool = False  # one point per series and local day (the day's mean)


def group_by_day(points: Sequence[tuple[datetime, float]], zone: tzinfo
                 ) -> list[tuple[datetime, float, int]]:
    """Points of the same local day as one: (the day's last time, the mean, how many)."""
    days: dict[object, list[tuple[datetime, float]]] = {}
    for at, value in sorted(points, key=lambda p: p[0]):
        days.setdefault(at.astimezone(zone).date(), []).append((at, value))
    return [(group[-1][0], fmean(v for _, v in group), len(group)) for group in days.values()]


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

    zone = spec.zone
    times = [p[0].timestamp() for p in points]
    t0, t1 = min(times), max(times)
    if t1 - t0 < MIN_SPAN_S:  # placed by time: a few seconds apart is one spot, in the middle
        middle = (t0 + t1) / 2
        t0, t1 = middle - MIN_SPAN_S / 2, middle + MIN_SPAN_S / 2
    span = t1 - t0

    def x_of(at: datetime) -> float:
        return MARGIN_LEFT + (at.timestamp() - t0) / span * plot_w

    def day(at: datetime) -> str:
        return f"{at.astimezone(zone):%d %b %Y}"

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
    if day(last) == day(first):
        parts.append(f'<text x="{x_of(first):.1f}" y="{base}" text-anchor="middle" class="axis">'
                     f"{day(first)}</text>")
    else:
        parts.append(f'<text x="{x_of(first):.1f}" y="{base}" class="axis">{day(first)}</text>')
        parts.append(f'<text x="{x_of(last):.1f}" y="{base}" text-anchor="end" class="axis">'
                     f"{day(last)}</text>")

    legend_x = MARGIN_LEFT
    for index, series in enumerate(spec.series):
        colour = PALETTE[index % len(PALETTE)]
        if spec.group_by_day:
            ordered = group_by_day(series.points, zone)
        else:
            ordered = [(at, value, 1) for at, value in sorted(series.points, key=lambda p: p[0])]
        if not ordered:
            continue
        dash = DASHES[index % len(DASHES)]
        style = f' stroke-dasharray="{dash}"' if dash else ""
        width = WIDTHS[index % len(WIDTHS)]
        coords = " ".join(f"{x_of(at):.1f},{y_of(value):.1f}" for at, value, _ in ordered)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}"'
                     f'{style}/>')
        for at, value, count in ordered:
            several = f" (mean of {count} that day)" if count > 1 else ""
            parts.append(
                f'<circle cx="{x_of(at):.1f}" cy="{y_of(value):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(series.label)}: {_fmt(value)} on {day(at)}{several}</title></circle>"
            )
        label = escape(series.label[:40])
        parts.append(f'<line x1="{legend_x}" x2="{legend_x + 18}" y1="{h - 7}" y2="{h - 7}" '
                     f'stroke="{colour}" stroke-width="{min(width, 3.5)}"{style}/>')
        parts.append(f'<text x="{legend_x + 22}" y="{h - 3}" class="legend">{label}</text>')
        legend_x += 32 + 7 * len(series.label[:40])
        desc.append(f"{series.label}: latest {_fmt(ordered[-1][1])} on {day(ordered[-1][0])}, "
                    f"{sum(count for _, _, count in ordered)} answers")
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
    empty_text: str = "No data for this period"  # why there are no bars, in the page's words


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
                     f"{escape(spec.empty_text)}</text></svg>")
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

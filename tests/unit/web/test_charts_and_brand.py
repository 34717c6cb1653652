"""Chart placement on the clinic's clock (bot/web/charts.py), the clinic's colours checked
for contrast (bot/clinic.py), the theme and manifest served to the chat page (bot/web/brand.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.clinic import build_clinic
from bot.web import brand


def test_clinic_colours_are_checked_for_contrast(tmp_path: Path) -> None:
    from bot.clinic import contrast_ratio

    assert round(contrast_ratio("#ffbf47", "#ffffff"), 2) == 1.64  # the old focus ring
    assert build_clinic({"brand_colour": "#6a1b6e"}).brand_colour == "#6a1b6e"
    with pytest.raises(ValueError, match="contrast"):
        build_clinic({"brand_colour": "#7fb3e0"})
    with pytest.raises(ValueError, match="contrast"):
        build_clinic({"brand_colour": "#0f5e9c", "brand_text_colour": "#333333"})
    with pytest.raises(ValueError, match="colour like"):
        build_clinic({"brand_colour": "blue"})
    with pytest.raises(ValueError, match="not found"):
        build_clinic({"logo": "missing.png"}, tmp_path)


def test_charts_use_the_clinic_zone_and_group_a_day() -> None:
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    from bot.web import charts

    at = datetime(2026, 3, 1, 20, 30, tzinfo=timezone.utc)  # 2 March 09:30 in Auckland
    burst = [charts.Series(name, [(at + timedelta(milliseconds=3 * i), 4 + i)])
             for i, name in enumerate(("gardening", "walking", "sleep"))]
    svg = charts.line_chart(charts.ChartSpec("PSFS", 0, 10, burst, zone=ZoneInfo("Pacific/Auckland"),
                                             group_by_day=True))
    xs = set(re.findall(r'<circle cx="([\d.]+)"', svg))
    assert len(xs) == 1  # stored 6 ms apart: one spot, not spread over the axis
    assert "02 Mar 2026" in svg and "01 Mar 2026" not in svg
    later = (at + timedelta(hours=1), 4), (at + timedelta(days=3), 6)
    same_day = [charts.Series("gardening", [(at, 2), *later])]
    svg = charts.line_chart(charts.ChartSpec("PSFS", 0, 10, same_day, zone=ZoneInfo("Pacific/Auckland"),
                                             group_by_day=True))
    assert svg.count("<circle") == 2 and "gardening: 3 on 02 Mar 2026 (mean of 2 that day)" in svg


def test_theme_and_manifest_carry_the_clinic() -> None:
    clinic = build_clinic({"name": "Riverside Pain Service", "brand_colour": "#6a1b6e"})
    assert "--accent: #6a1b6e;" in brand.theme_css(clinic)
    manifest = brand.manifest(clinic)
    assert manifest["name"].startswith("Riverside Pain Service") and manifest["theme_color"] == "#6a1b6e"
    static = Path(brand.STATIC_DIR)
    for icon in manifest["icons"]:
        assert (static / icon["src"].removeprefix("/chat/static/")).is_file()

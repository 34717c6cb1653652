"""The clinic overview page and its CSV export (figures: bot.services.clinic_overview).

Leads (admins) see the whole clinic and can narrow it to one clinician's patients; a
plain clinician sees the same page for their own patients only, and asking for anyone
else's answers 403. Every view and export is written to the audit log."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

from markupsafe import Markup
from sanic.exceptions import Forbidden
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.services import clinic_overview as ov
from bot.services import read_models
from bot.web import auth, charts
from bot.web.dashboard import routes
from bot.web.dashboard.routes import blueprint, off_loop, render

PRESETS: dict[str, tuple[str, int]] = {
    "4w": ("Last 4 weeks", 4),
    "12w": ("Last 12 weeks", 12),
    "26w": ("Last 26 weeks", 26),
    "52w": ("Last 52 weeks", 52),
}
DEFAULT_PRESET = "12w"


class BadFilter(ValueError):
    """A filter the form cannot produce (bad dates, unknown preset): answered with 400."""


def _parse_filters(args: dict) -> tuple[ov.Period, str, int | None]:
    zone = routes._zone()
    today = datetime.now(timezone.utc).astimezone(zone).date()
    preset = args.get("period") or DEFAULT_PRESET
    if preset in PRESETS and (args.get("from") or args.get("to")):
        # Without JavaScript the dates can be edited while a preset is still chosen: dates that
        # differ from the preset's own mean the person wants those dates.
        chosen = ov.Period.last_weeks(PRESETS[preset][1], zone, today)
        if (args.get("from"), args.get("to")) != (chosen.start.isoformat(), chosen.end.isoformat()):
            preset = "custom"
    if preset == "custom":
        try:
            start = date.fromisoformat(args.get("from") or "")
            end = date.fromisoformat(args.get("to") or "")
        except ValueError as error:
            raise BadFilter("Choose both dates of a custom period.") from error
        if end > today:
            raise BadFilter("A period cannot end after today.")
        try:
            period = ov.Period(start, end, zone)
        except ValueError as error:
            raise BadFilter(str(error).capitalize() + ".") from error
    elif preset in PRESETS:
        period = ov.Period.last_weeks(PRESETS[preset][1], zone, today)
    else:
        raise BadFilter("Unknown period.")
    raw = (args.get("clinician") or "").strip()
    if raw and not raw.isdigit():
        raise BadFilter("Unknown clinician.")
    return period, preset, int(raw) if raw else None


def _load(request: Request) -> tuple[ov.Period, str, int | None, ov.Scope]:
    args = {key: request.args.get(key) for key in ("period", "from", "to", "clinician")}
    period, preset, clinician_filter = _parse_filters(args)
    try:
        scope = ov.scope_for(request.ctx.clinician, clinician_filter)
    except PermissionError as error:
        raise Forbidden("You can see the overview of your own patients only.") from error
    return period, preset, clinician_filter, scope


def _display(figure: ov.Figure) -> str:
    """How the page shows a value: shares as percentages, hours to one decimal."""
    value = figure.value
    if value is None:
        return "-"
    if "share" in figure.metric or "rate" in figure.metric:
        return f"{round(value * 100)}%"
    if "hours" in figure.metric:
        return f"{value:.1f} h"
    if figure.metric == "median_change":
        return f"{value:+.2f}"
    return str(value)


def _charts(overview: ov.Overview) -> dict[str, Markup]:
    zone = overview.period.zone
    at = lambda day: datetime.combine(day, datetime.min.time(), zone)  # noqa: E731
    weeks = overview.weeks
    step = _step(max([1] + [max(w.enrolled, w.sent) for w in weeks]))
    top = step * math.ceil(max([1] + [max(w.enrolled, w.sent) for w in weeks]) / step)
    engagement = charts.line_chart(charts.ChartSpec(
        "Engagement per week (by the week's first day)", 0, top,
        [charts.Series("Enrolled patients", [(at(w.start), w.enrolled) for w in weeks]),
         charts.Series("Active patients", [(at(w.start), w.active) for w in weeks]),
         charts.Series("Check-ins sent", [(at(w.start), w.sent) for w in weeks]),
         charts.Series("Check-ins answered", [(at(w.start), w.answered) for w in weeks])],
        y_step=step, zone=zone,
    ))
    drop_off = charts.bar_chart(charts.BarSpec(
        "Still engaged, by week since start", [str(d.week) for d in overview.drop_off],
        [d.share for d in overview.drop_off], 1.0, "{:.0%}", caption="week since start (0 = first week)",
        empty_text=_drop_off_empty(overview.cohort)))
    peg = charts.bar_chart(charts.BarSpec(
        "PEG change, first to latest (patients)", [label for label, _ in overview.peg.bins],
        [count if overview.peg.patients else None for _, count in overview.peg.bins],
        max([1] + [count for _, count in overview.peg.bins]), "{:g}",
        caption="change in PEG points (lower is better)",
        empty_text="No patient has 2 or more PEG answers in this period"))
    return {"engagement": Markup(engagement), "drop_off": Markup(drop_off), "peg": Markup(peg)}


def _drop_off_empty(cohort: int) -> str:
    """Agrees with the count above the chart: patients who started, none with a whole week yet."""
    if not cohort:
        return "No patient started in this period"
    started = "1 patient started" if cohort == 1 else f"{cohort} patients started"
    return f"{started}; no first week has ended yet"


def _step(top: int) -> float:
    """Grid lines every 1, 2, 5, 10, ... so that a chart has at most about 6 of them."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 6:
            return float(step)
    return float(top)


async def _refuse(request: Request, error: BadFilter) -> HTTPResponse:
    """The form again with what was wrong, and a fresh 12-week period to start from."""
    today = datetime.now(timezone.utc).astimezone(routes._zone()).date()
    clinicians = await off_loop(read_models.overview_filter_choices, request.ctx.clinician)
    return render(request, "overview.html", status=400, error=str(error), overview=None,
                  presets=PRESETS, preset="custom", clinicians=clinicians, clinician_filter=None,
                  start=today - timedelta(days=7 * PRESETS[DEFAULT_PRESET][1] - 1), end=today,
                  query="")


@blueprint.get("/dashboard/overview")
@auth.login_required
async def overview_page(request: Request) -> HTTPResponse:
    viewer = request.ctx.clinician
    try:
        period, preset, clinician_filter, scope = _load(request)
    except BadFilter as error:
        return await _refuse(request, error)
    page = await off_loop(read_models.clinic_overview, viewer, scope, period, "view_overview")
    return render(
        request, "overview.html", error=None, overview=page.overview,
        figures={f.key: f for f in page.figures},
        scope_label=page.scope_label, presets=PRESETS, preset=preset, clinicians=page.clinicians,
        clinician_filter=clinician_filter, start=period.start, end=period.end,
        query=request.query_string, charts=_charts(page.overview), display=_display,
    )


@blueprint.get("/dashboard/overview.csv")
@auth.login_required
async def overview_csv(request: Request) -> HTTPResponse:
    try:
        period, _preset, _filter, scope = _load(request)
    except BadFilter as error:
        return await _refuse(request, error)
    page = await off_loop(read_models.clinic_overview, request.ctx.clinician, scope, period,
                          "export_overview_csv")
    return routes._download(ov.to_csv(page.overview, page.scope_label), "text/csv; charset=utf-8",
                            f"pacer-clinic-overview-{period.start}-{period.end}.csv")

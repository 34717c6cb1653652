"""Dashboard routes. Every patient URL checks the assignment in the query and answers
404 for a patient who is not the clinician's (no hint that the id exists); every view
of a patient's record is written to the audit log in the same transaction."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sanic import Blueprint
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse, html, raw, redirect

from bot.clinic import ClinicConfig, load_clinic
from bot.services import dashboard as queries
from bot.services import dashboard_actions as actions
from bot.services import read_models, summaries
from bot.web import auth, charts

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
blueprint = Blueprint("dashboard")
blueprint.static("/dashboard/static", str(HERE / "static"), name="static")
# Failed sign-ins slow the account's next attempt down (never lock it); 20 per client
# address in 15 minutes refuse that address (bot.web.auth).
email_throttle = auth.LoginThrottle()
address_limiter = auth.LoginRateLimiter(limit=20)
PAUSE_CHOICES = (7, 14, 28)
PAGE_SIZE = 100
RECENT_SESSIONS = 5
CLINIC_CACHE_S = 30.0
_clinic_cache: dict[str, Any] = {"at": -CLINIC_CACHE_S, "value": None}

_env = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _clinic() -> ClinicConfig:
    """The clinic settings, re-read at most every 30 s (they come from a file and the environment)."""
    now = time.monotonic()
    if now - _clinic_cache["at"] > CLINIC_CACHE_S:
        _clinic_cache.update(at=now, value=load_clinic())
    return _clinic_cache["value"]


def _zone() -> ZoneInfo:
    try:
        return _clinic().zone
    except Exception:  # noqa: BLE001 - a bad time zone must not take the dashboard down
        return ZoneInfo("UTC")


def _when(value: datetime | None, fmt: str = "%d %b %Y %H:%M") -> str:
    if value is None:
        return "-"
    return value.astimezone(_env.globals["zone"]).strftime(fmt)


def _ago(value: datetime | None) -> str:
    if value is None:
        return "never"
    days = (datetime.now(timezone.utc) - value).days
    return "today" if days <= 0 else ("yesterday" if days == 1 else f"{days} days ago")


_env.globals["zone"] = ZoneInfo("UTC")
_env.filters["when"] = _when
_env.filters["day"] = lambda value: _when(value, "%d %b %Y")
_env.filters["ago"] = _ago
_env.filters["pct"] = lambda value: "-" if value is None else f"{round(value * 100)}%"
_env.filters["channel"] = queries.channel_words


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
    web_session = auth.current_session(request)
    _env.globals["zone"] = _zone()
    body = _env.get_template(template).render(
        csrf_token=web_session.csrf,
        clinician=getattr(request.ctx, "clinician", None),
        clinic=_clinic(),
        **context,
    )
    response = html(body, status=status)
    response.headers["Cache-Control"] = "no-store"  # patient data never sits in a shared cache
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if getattr(request.ctx, "session_is_new", False):
        auth.set_session_cookie(request, response, web_session)
    return response


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/dashboard") and not target.startswith("//"):
        return target
    return "/dashboard/"


async def off_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking service call (database, files) in a worker thread, off Sanic's event loop.
    A patient who is not the clinician's answers 404, whichever call found it out."""
    try:
        return await asyncio.to_thread(function, *args, **kwargs)
    except read_models.NotAssigned as error:
        raise NotFound("No such patient in your list.") from error


# --- sign-in ------------------------------------------------------------------------------------------


@blueprint.get("/dashboard/login")
async def login_form(request: Request) -> HTTPResponse:
    return render(request, "login.html", next=_safe_next(request.args.get("next")), error=None)


@blueprint.post("/dashboard/login")
async def login(request: Request) -> HTTPResponse:
    auth.check_csrf(request)
    email = auth.normalise_email(request.form.get("email", ""))
    password = request.form.get("password", "")
    target = _safe_next(request.form.get("next"))
    address = auth.client_address(request)
    if address_limiter.blocked(address):
        return render(request, "login.html", status=429, next=target,
                      error="Too many failed sign-ins. Wait 15 minutes and try again.")
    delay = email_throttle.delay_s(email)
    if delay:
        await asyncio.sleep(delay)
    clinician = await asyncio.to_thread(auth.authenticate, email, password)
    if clinician is None:
        email_throttle.record_failure(email)
        address_limiter.record_failure(address)
        return render(request, "login.html", status=401, next=target, error="Email or password is wrong.")
    email_throttle.reset(email)
    response = redirect(target, status=303)
    auth.set_session_cookie(request, response, auth.new_session(clinician.id, auth.session_epoch(clinician)))
    return response


@blueprint.post("/dashboard/logout")
@auth.login_required
async def logout(request: Request) -> HTTPResponse:
    await off_loop(auth.sign_out_everywhere, request.ctx.clinician.id)
    response = redirect("/dashboard/login", status=303)
    auth.clear_session_cookie(response)
    return response


# --- patient list -------------------------------------------------------------------------------------


@blueprint.get("/dashboard/")
@auth.login_required
async def patient_list(request: Request) -> HTTPResponse:
    search = (request.args.get("q") or "")[:80]
    flag = request.args.get("flag") or ""
    if flag not in ("", "safety", "missed", "peg", "request", "phq4", "paused"):
        flag = ""
    page = max(1, int(request.args.get("page") or 1)) if (request.args.get("page") or "1").isdigit() else 1
    found = await off_loop(read_models.patient_list, request.ctx.clinician.id, search, flag, page, PAGE_SIZE)
    return render(request, "list.html", rows=found.rows, total=found.total, page=found.page,
                  pages=found.pages, first=found.first, search=search, flag=flag,
                  invitations=found.invitations, channels=found.channels)


@blueprint.post("/dashboard/invitations")
@auth.login_required
async def new_invitation(request: Request) -> HTTPResponse:
    await off_loop(actions.create_invitation, request.ctx.clinician)
    return redirect("/dashboard/#invitations", status=303)


# --- patient page -------------------------------------------------------------------------------------


def _psfs_chart(activities: list) -> str:
    series = [
        charts.Series(goal.activity, [(r.rated_at, r.score) for r in goal.ratings])
        for goal in activities if goal.active
    ]
    return charts.line_chart(charts.ChartSpec("PSFS ability (0 unable - 10 as before)", 0, 10, series,
                                              y_step=2, zone=_zone(), group_by_day=True))


def _phq4_chart(points: list[queries.Phq4Point]) -> str:
    series = [
        charts.Series("PHQ-2 (mood)", [(p.at, p.phq2) for p in points]),
        charts.Series("GAD-2 (anxiety)", [(p.at, p.gad2) for p in points]),
    ]
    return charts.line_chart(charts.ChartSpec(
        "PHQ-4 subscales (0-6)", 0, 6, series, thresholds=[charts.Threshold(3, "follow-up at 3+")],
        zone=_zone(), group_by_day=True))


def _peg_chart(points: list[queries.PegPoint]) -> str:
    series = [
        charts.Series("PEG score", [(p.at, p.score) for p in points]),
        charts.Series("Pain", [(p.at, p.pain) for p in points]),
        charts.Series("Enjoyment", [(p.at, p.enjoyment) for p in points]),
        charts.Series("Activity", [(p.at, p.activity) for p in points]),
    ]
    return charts.line_chart(charts.ChartSpec("PEG-3 (0 best - 10 worst)", 0, 10, series, y_step=2,
                                              zone=_zone(), group_by_day=True))


@blueprint.get("/dashboard/patients/<patient_id:int>")
@auth.login_required
async def patient_page(request: Request, patient_id: int) -> HTTPResponse:
    context = await off_loop(read_models.patient_record, request.ctx.clinician, patient_id, RECENT_SESSIONS)
    return render(request, "patient.html", **context,
                  psfs_chart=Markup(_psfs_chart(context["activities"])),
                  phq4_chart=Markup(_phq4_chart(context["phq4"])),
                  peg_chart=Markup(_peg_chart(context["peg"])),
                  now=datetime.now(timezone.utc), pause_choices=PAUSE_CHOICES,
                  form_error=request.args.get("error"))


@blueprint.post("/dashboard/patients/<patient_id:int>/safety/<event_id:int>/acknowledge")
@auth.login_required
async def acknowledge(request: Request, patient_id: int, event_id: int) -> HTTPResponse:
    await off_loop(actions.acknowledge_safety, request.ctx.clinician, patient_id, event_id)
    return redirect(f"/dashboard/patients/{patient_id}#safety", status=303)


@blueprint.post("/dashboard/patients/<patient_id:int>/requests/<request_id:int>/handled")
@auth.login_required
async def request_handled(request: Request, patient_id: int, request_id: int) -> HTTPResponse:
    await off_loop(actions.mark_request_handled, request.ctx.clinician, patient_id, request_id)
    return redirect(f"/dashboard/patients/{patient_id}#requests", status=303)


@blueprint.post("/dashboard/patients/<patient_id:int>/checkins")
@auth.login_required
async def pause_checkins(request: Request, patient_id: int) -> HTTPResponse:
    choice = request.form.get("pause_days", "")
    days = None if choice == "resume" else int(choice) if choice.isdigit() else -1
    if days is not None and days not in PAUSE_CHOICES:
        return html("Choose how long to pause check-ins.", status=400)
    if not await off_loop(actions.pause_checkins, request.ctx.clinician, patient_id, days):
        return _back(patient_id, "checkins",
                     "The patient stopped check-ins themselves; only they can restart them.")
    return redirect(f"/dashboard/patients/{patient_id}#checkins", status=303)


# --- shared decisions: notes and proposed goals ------------------------------------------------------


def _back(patient_id: int, anchor: str, error: str | None = None) -> HTTPResponse:
    query = f"?error={quote(error)}" if error else ""
    return redirect(f"/dashboard/patients/{patient_id}{query}#{anchor}", status=303)


@blueprint.post("/dashboard/patients/<patient_id:int>/reference")
@auth.login_required
async def set_reference(request: Request, patient_id: int) -> HTTPResponse:
    """The clinic's own reference (record number): how the clinic finds the patient in its systems."""
    reference = " ".join((request.form.get("clinic_reference") or "").split())[:40] or None
    await off_loop(actions.set_clinic_reference, request.ctx.clinician, patient_id, reference)
    return redirect(f"/dashboard/patients/{patient_id}", status=303)


@blueprint.post("/dashboard/patients/<patient_id:int>/notes")
@auth.login_required
async def write_note(request: Request, patient_id: int) -> HTTPResponse:
    try:
        await off_loop(actions.write_note, request.ctx.clinician, patient_id,
                       request.form.get("body", ""), request.form.get("delivery", ""))
    except ValueError as error:
        return _back(patient_id, "notes", str(error))
    return _back(patient_id, "notes")


@blueprint.post("/dashboard/patients/<patient_id:int>/notes/<note_id:int>/withdraw")
@auth.login_required
async def withdraw_note(request: Request, patient_id: int, note_id: int) -> HTTPResponse:
    await off_loop(actions.withdraw_note, request.ctx.clinician, patient_id, note_id)
    return _back(patient_id, "notes")


def _days(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError("Days per week must be a number from 1 to 7.")
    return int(text)


@blueprint.post("/dashboard/patients/<patient_id:int>/proposals")
@auth.login_required
async def propose_goal(request: Request, patient_id: int) -> HTTPResponse:
    form = request.form
    try:
        await off_loop(
            actions.propose_goal, request.ctx.clinician, patient_id,
            form.get("kind", ""), form.get("what", ""),
            how_much=form.get("how_much"), when=form.get("when"), days_per_week=_days(form.get("days")),
            rationale=form.get("rationale"),
        )
    except ValueError as error:
        return _back(patient_id, "proposals", str(error))
    return _back(patient_id, "proposals")


@blueprint.post("/dashboard/patients/<patient_id:int>/proposals/<proposal_id:int>/withdraw")
@auth.login_required
async def withdraw_proposal(request: Request, patient_id: int, proposal_id: int) -> HTTPResponse:
    await off_loop(actions.withdraw_proposal, request.ctx.clinician, patient_id, proposal_id)
    return _back(patient_id, "proposals")


# --- conversations ------------------------------------------------------------------------------------


def _parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@blueprint.get("/dashboard/patients/<patient_id:int>/conversations")
@auth.login_required
async def conversations(request: Request, patient_id: int) -> HTTPResponse:
    zone = _zone()
    start_day = _parse_day(request.args.get("from"))
    end_day = _parse_day(request.args.get("to"))
    start = datetime.combine(start_day, dtime(), zone) if start_day else None
    end = datetime.combine(end_day + timedelta(days=1), dtime(), zone) if end_day else None
    page = await off_loop(read_models.conversations, request.ctx.clinician, patient_id, start, end,
                          f"{start_day or ''}..{end_day or ''}")
    return render(request, "conversations.html", patient=page.patient, sessions=page.sessions,
                  period_lines=page.period_lines, start_day=start_day, end_day=end_day)


@blueprint.get("/dashboard/patients/<patient_id:int>/transcript")
@auth.login_required
async def transcript(request: Request, patient_id: int) -> HTTPResponse:
    conversation_id = request.args.get("c") or ""
    highlight = {int(part) for part in (request.args.get("hl") or "").split(",") if part.isdigit()}
    try:
        patient, events = await off_loop(read_models.transcript, request.ctx.clinician, patient_id,
                                         conversation_id)
    except NotFound:
        raise
    except LookupError as error:
        raise NotFound("No such conversation for this patient.") from error
    return render(request, "transcript.html", patient=patient, events=events, highlight=highlight,
                  conversation_id=conversation_id)


# --- exports ------------------------------------------------------------------------------------------


def _download(body: str, content_type: str, filename: str) -> HTTPResponse:
    return raw(body.encode(), content_type=content_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@blueprint.get("/dashboard/patients/<patient_id:int>/export.csv")
@auth.login_required
async def export_csv(request: Request, patient_id: int) -> HTTPResponse:
    body = await off_loop(read_models.measures_csv, request.ctx.clinician, patient_id)
    return _download(body, "text/csv; charset=utf-8", f"pacer-patient-{patient_id}-measures.csv")


@blueprint.get("/dashboard/patients/<patient_id:int>/export.fhir.json")
@auth.login_required
async def export_fhir(request: Request, patient_id: int) -> HTTPResponse:
    body = await off_loop(read_models.fhir_bundle, request.ctx.clinician, patient_id)
    return _download(body, "application/fhir+json", f"pacer-patient-{patient_id}.fhir.json")


# --- admin --------------------------------------------------------------------------------------------


ADMIN_MESSAGES = {
    "added": "Clinician added. Give them their email and password; they can sign in now.",
    "deactivated": "Clinician deactivated: they are signed out and cannot sign in.",
    "reactivated": "Clinician reactivated.",
    "assigned": "Patient assigned.",
}


def _admin_back(done: str | None = None, error: str | None = None, anchor: str = "") -> HTTPResponse:
    query = f"?done={done}" if done else (f"?error={quote(error)}" if error else "")
    return redirect(f"/dashboard/admin{query}{anchor}", status=303)


@blueprint.get("/dashboard/admin")
@auth.admin_required
async def admin_page(request: Request) -> HTTPResponse:
    search = (request.args.get("q") or "")[:80]
    page = await off_loop(read_models.admin_page, search)
    return render(request, "admin.html", clinicians=page.clinicians, unlinked=page.unlinked,
                  caseloads=page.caseloads, unassigned=page.unassigned,
                  unassigned_channels=page.unassigned_channels,
                  search=search, message=ADMIN_MESSAGES.get(request.args.get("done") or ""),
                  error=(request.args.get("error") or "")[:200] or None)


@blueprint.post("/dashboard/admin/clinicians")
@auth.admin_required
async def admin_add_clinician(request: Request) -> HTTPResponse:
    form = request.form
    role = "admin" if form.get("role") == "admin" else "clinician"
    try:
        clinician_id = await off_loop(auth.create_clinician, form.get("email", ""),
                                      form.get("display_name", ""), form.get("password", ""), role=role)
    except ValueError as error:
        return _admin_back(error=str(error), anchor="#clinicians")
    await off_loop(actions.audit_clinician_added, request.ctx.clinician, clinician_id, role)
    return _admin_back("added", anchor="#clinicians")


@blueprint.post("/dashboard/admin/clinicians/<clinician_id:int>/active")
@auth.admin_required
async def admin_set_active(request: Request, clinician_id: int) -> HTTPResponse:
    active = request.form.get("active") == "1"
    if clinician_id == request.ctx.clinician.id and not active:
        return _admin_back(error="You cannot deactivate your own account.", anchor="#clinicians")
    try:
        await off_loop(actions.set_clinician_active, request.ctx.clinician, clinician_id, active)
    except LookupError as error:
        raise NotFound("No such clinician.") from error
    return _admin_back("reactivated" if active else "deactivated", anchor="#clinicians")


@blueprint.post("/dashboard/admin/assign")
@auth.admin_required
async def admin_assign(request: Request) -> HTTPResponse:
    try:
        clinician_id = int(request.form.get("clinician_id", ""))
        patient_id = int(request.form.get("patient_id", ""))
        await off_loop(actions.assign_patient, request.ctx.clinician, clinician_id, patient_id)
    except (ValueError, LookupError) as error:
        return _admin_back(error=f"Could not assign: {error}", anchor="#unassigned")
    return _admin_back("assigned", anchor="#unassigned")


@blueprint.post("/dashboard/admin/safety/<event_id:int>/acknowledge")
@auth.admin_required
async def admin_acknowledge(request: Request, event_id: int) -> HTTPResponse:
    try:
        await off_loop(actions.acknowledge_unlinked_safety, request.ctx.clinician, event_id)
    except LookupError as error:
        raise NotFound("No such unlinked safety event.") from error
    return redirect("/dashboard/admin", status=303)


# --- links in clinic alerts (bot.safety.alerts.event_link uses the public URL without /dashboard) ------


@blueprint.get("/patients/<patient_id:int>")
async def alert_patient_link(request: Request, patient_id: int) -> HTTPResponse:
    return redirect(f"/dashboard/patients/{patient_id}#safety", status=302)


@blueprint.get("/safety/<event_id:int>")
@auth.login_required
async def alert_event_link(request: Request, event_id: int) -> HTTPResponse:
    patient_id = await off_loop(read_models.safety_event_location, request.ctx.clinician, event_id)
    if patient_id is not None:
        return redirect(f"/dashboard/patients/{patient_id}#safety-{event_id}", status=302)
    if request.ctx.clinician.role == "admin":
        return redirect("/dashboard/admin#unlinked", status=302)
    raise NotFound("No such safety event in your list.")


def transcript_link(patient_id: int, line: summaries.SummaryLine) -> str:
    ids = ",".join(str(i) for i in line.event_ids)
    anchor = f"#e{line.event_ids[0]}" if line.event_ids else ""
    return (f"/dashboard/patients/{patient_id}/transcript?c={quote(line.conversation_id or '', safe='')}"
            f"&hl={ids}{anchor}")


_env.globals["transcript_link"] = transcript_link

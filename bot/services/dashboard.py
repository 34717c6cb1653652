"""Dashboard queries: who needs a clinician, and what each patient's record holds.

Every function takes an open Session and the signed-in clinician's id, and only
ever returns patients assigned to that clinician: access control lives in the
queries, not only in the routes. Each section of the patient page has its own
query function so that new record types (check-ins, PEG, problem solving, flare
plans) plug in as new functions and template includes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import Select

from bot.coaching.peg import PegResult as Peg
from bot.coaching.peg import compare as peg_compare
from bot.coaching.phq4 import FLAG_THRESHOLD, Phq4
from bot.services import opt_out
from bot.services.clinician_notes import NOTE_KIND
from bot.store.models import (
    ActionPlan,
    AuditLog,
    ChannelIdentity,
    CheckinDelivery,
    CheckinSchedule,
    Clinician,
    FlareEpisode,
    FlarePlanRecord,
    FunctionalGoal,
    InvitationCode,
    Patient,
    PatientAssignment,
    PatientRequest,
    PatientValue,
    PegResult,
    Phq4Result,
    ProblemSolvingRecord,
    SafetyEvent,
    utcnow,
)

INVITATION_LIFETIME = timedelta(days=30)
INVITATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
INVITATION_LENGTH = 8
PLAN_OUTCOME_CREDIT = {"completed": 1.0, "partial": 0.5, "missed": 0.0}
# A check-in counts as missed when it failed to send, or was sent and not answered within a
# day; only deliveries due in the last fortnight count, so an old gap does not flag forever.
MISSED_WINDOW = timedelta(days=14)
ANSWER_GRACE = timedelta(days=1)
WORSENING_PEG = 1.0  # latest PEG score this much above the previous one (Krebs 2009: ~1 point)


# --- access -------------------------------------------------------------------------------------------


def assigned_ids(clinician_id: int) -> Select:
    """The ids of the patients assigned to a clinician, as a subquery for `.in_()` filters."""
    return select(PatientAssignment.patient_id).where(PatientAssignment.clinician_id == clinician_id)


def assigned_patient(session: Session, clinician_id: int, patient_id: int) -> Patient | None:
    """The patient if assigned to this clinician; None otherwise (the route answers 404)."""
    stmt = (
        select(Patient)
        .join(PatientAssignment, PatientAssignment.patient_id == Patient.id)
        .where(Patient.id == patient_id, PatientAssignment.clinician_id == clinician_id)
    )
    return session.execute(stmt).scalars().first()


def assign(session: Session, clinician_id: int, patient_id: int, source: str = "admin") -> bool:
    """Assign a patient to a clinician; False if already assigned."""
    if session.get(Patient, patient_id) is None:
        raise LookupError(f"no patient {patient_id}")
    if session.get(Clinician, clinician_id) is None:
        raise LookupError(f"no clinician {clinician_id}")
    exists = session.execute(
        select(PatientAssignment.id).where(
            PatientAssignment.clinician_id == clinician_id, PatientAssignment.patient_id == patient_id
        )
    ).first()
    if exists:
        return False
    session.add(PatientAssignment(clinician_id=clinician_id, patient_id=patient_id, source=source))
    session.flush()
    return True


def create_invitation(session: Session, clinician_id: int, now: datetime | None = None) -> InvitationCode:
    if session.get(Clinician, clinician_id) is None:
        raise LookupError(f"no clinician {clinician_id}")
    now = now or utcnow()
    code = ""
    while not all(any(ch.isdigit() for ch in half) for half in (code[:4], code[4:])):
        # Each half holds a digit, so a code is never mistaken for a word in chat.
        code = "".join(secrets.choice(INVITATION_ALPHABET) for _ in range(INVITATION_LENGTH))
    row = InvitationCode(code=code, clinician_id=clinician_id, created_at=now,
                         expires_at=now + INVITATION_LIFETIME)
    session.add(row)
    session.flush()
    return row


def normalise_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def redeem_invitation(session: Session, patient: Patient, code_text: str) -> Clinician | None:
    """Assign `patient` to the clinician behind an unused, unexpired code; None if no such code."""
    code = normalise_code(code_text)
    if len(code) != INVITATION_LENGTH:
        return None
    row = session.execute(select(InvitationCode).where(InvitationCode.code == code)).scalars().first()
    now = utcnow()
    if row is None or row.used_at is not None or row.expires_at < now:
        return None
    row.used_at = now
    row.used_by_patient_id = patient.id
    assign(session, row.clinician_id, patient.id, source="invitation")
    return session.get(Clinician, row.clinician_id)


def record_audit(
    session: Session, clinician: Clinician, action: str, patient_id: int | None, detail: str | None = None
) -> None:
    session.add(AuditLog(clinician_id=clinician.id, clinician_email=clinician.email,
                         patient_id=patient_id, action=action, detail=(detail or None) and detail[:300]))


def audit_entries(session: Session, patient_id: int, limit: int = 50) -> list[AuditLog]:
    stmt = (
        select(AuditLog)
        .where(AuditLog.patient_id == patient_id)
        .order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


# --- patient list -------------------------------------------------------------------------------------


@dataclass
class PatientRow:
    id: int
    name: str
    last_contact: datetime | None
    open_safety: int
    open_requests: int
    plan_adherence: float | None  # 0..1 over reviewed plans; None when no plan was reviewed yet
    active_plans: int
    phq4_follow_up: bool
    paused_until: datetime | None
    missed_checkins: int = 0
    last_checkin: datetime | None = None  # last answered check-in
    peg_latest: float | None = None
    peg_previous: float | None = None
    flags: list[str] = field(default_factory=list)
    clinic_reference: str | None = None

    @property
    def peg_trend(self) -> str | None:
        """'better' | 'worse' | 'same' | 'first'; None without any PEG answer."""
        if self.peg_latest is None:
            return None
        if self.peg_previous is None:
            return "first"
        delta = self.peg_latest - self.peg_previous
        return "worse" if delta >= WORSENING_PEG else ("better" if delta <= -WORSENING_PEG else "same")

    @property
    def priority(self) -> tuple:
        """Sort key: open safety events, missed check-ins, worsening PEG, then open requests,
        PHQ-4 follow-up and longest without contact."""
        last = self.last_contact.timestamp() if self.last_contact else 0.0
        return (-self.open_safety, -int(self.missed_checkins > 0), -int(self.peg_trend == "worse"),
                -self.open_requests, -int(self.phq4_follow_up), last, self.id)


def plan_adherence(plans: list[tuple[str, str | None]]) -> float | None:
    """Share of reviewed plans carried out: done counts 1, partly 0.5, missed 0 (status, outcome)."""
    credits = []
    for status, outcome in plans:
        if status == "done":
            credits.append(1.0)
        elif outcome in PLAN_OUTCOME_CREDIT:
            credits.append(PLAN_OUTCOME_CREDIT[outcome])
    return sum(credits) / len(credits) if credits else None


def patient_list(
    session: Session, clinician_id: int, search: str = "", flag: str = ""
) -> list[PatientRow]:
    """Patients assigned to the clinician, most in need first.
    `flag`: safety|missed|peg|request|phq4|paused."""
    assigned = assigned_ids(clinician_id)
    open_safety = (
        select(SafetyEvent.patient_id, func.count(SafetyEvent.id).label("n"))
        .where(SafetyEvent.acknowledged_at.is_(None), SafetyEvent.patient_id.in_(assigned))
        .group_by(SafetyEvent.patient_id)
        .subquery()
    )
    open_requests = (
        select(PatientRequest.patient_id, func.count(PatientRequest.id).label("n"))
        .where(PatientRequest.handled_at.is_(None), PatientRequest.kind == "talk_to_person",
               PatientRequest.patient_id.in_(assigned))
        .group_by(PatientRequest.patient_id)
        .subquery()
    )
    stmt = (
        select(Patient.id, Patient.display_name, Patient.last_seen_at, Patient.checkins_paused_until,
               func.coalesce(open_safety.c.n, 0), func.coalesce(open_requests.c.n, 0),
               Patient.clinic_reference)
        .where(Patient.id.in_(assigned))
        .outerjoin(open_safety, open_safety.c.patient_id == Patient.id)
        .outerjoin(open_requests, open_requests.c.patient_id == Patient.id)
    )
    stmt = _search(stmt, search)
    rows = session.execute(stmt).all()
    plan_stats: dict[int, tuple[int, float, int]] = {}
    latest_phq: dict[int, tuple[int, int, int, int]] = {}
    if rows:
        credit = case(
            (ActionPlan.status == "done", 1.0),
            *((ActionPlan.outcome_note == note, value) for note, value in PLAN_OUTCOME_CREDIT.items()),
            else_=None,
        )
        for pid, n_active, credit_sum, credited in session.execute(
            select(ActionPlan.patient_id, func.sum(case((ActionPlan.status == "active", 1), else_=0)),
                   func.sum(credit), func.count(credit))
            .where(ActionPlan.patient_id.in_(assigned))
            .group_by(ActionPlan.patient_id)
        ):
            plan_stats[pid] = (n_active or 0, credit_sum or 0.0, credited or 0)
        newest = (
            select(func.max(Phq4Result.id).label("last_id"))
            .where(Phq4Result.patient_id.in_(assigned))
            .group_by(Phq4Result.patient_id)
            .subquery()
        )
        for pid, interest, down, nervous, worry in session.execute(
            select(Phq4Result.patient_id, Phq4Result.interest, Phq4Result.down, Phq4Result.nervous,
                   Phq4Result.worry).join(newest, newest.c.last_id == Phq4Result.id)
        ):
            latest_phq[pid] = (interest, down, nervous, worry)
    now = utcnow()
    missed: dict[int, int] = {}
    last_checkin: dict[int, datetime] = {}
    pegs: dict[int, list[float]] = {}
    if rows:
        since = now - MISSED_WINDOW
        unanswered = or_(
            CheckinDelivery.status == "failed",
            and_(CheckinDelivery.status == "sent", CheckinDelivery.answered_at.is_(None),
                 CheckinDelivery.due_at < now - ANSWER_GRACE),
        )
        for pid, n in session.execute(
            select(CheckinDelivery.patient_id, func.count(CheckinDelivery.id))
            .where(CheckinDelivery.patient_id.in_(assigned), CheckinDelivery.due_at >= since, unanswered,
                   CheckinDelivery.kind != NOTE_KIND)
            .group_by(CheckinDelivery.patient_id)
        ):
            missed[pid] = n
        for pid, at in session.execute(
            select(CheckinDelivery.patient_id, func.max(CheckinDelivery.answered_at))
            .where(CheckinDelivery.patient_id.in_(assigned), CheckinDelivery.answered_at.is_not(None))
            .group_by(CheckinDelivery.patient_id)
        ):
            last_checkin[pid] = at
        # The two newest PEG answers per patient (window function: one query for the whole list).
        ranked = (
            select(PegResult.patient_id, PegResult.pain, PegResult.enjoyment, PegResult.activity,
                   func.row_number().over(partition_by=PegResult.patient_id,
                                          order_by=(PegResult.created_at.desc(), PegResult.id.desc()))
                   .label("rank"))
            .where(PegResult.patient_id.in_(assigned))
            .subquery()
        )
        for pid, pain, enjoyment, activity, _rank in session.execute(
            select(ranked).where(ranked.c.rank <= 2).order_by(ranked.c.patient_id, ranked.c.rank)
        ):
            pegs.setdefault(pid, []).append(Peg(pain, enjoyment, activity).score)
    out = []
    for pid, name, last_seen, paused, n_safety, n_requests, reference in rows:
        phq = latest_phq.get(pid)
        follow_up = bool(phq and (phq[0] + phq[1] >= FLAG_THRESHOLD or phq[2] + phq[3] >= FLAG_THRESHOLD))
        n_active, credit_sum, credited = plan_stats.get(pid, (0, 0.0, 0))
        row = PatientRow(
            id=pid, name=name or f"Patient {pid}", last_contact=last_seen, open_safety=n_safety,
            open_requests=n_requests, plan_adherence=credit_sum / credited if credited else None,
            active_plans=n_active,
            phq4_follow_up=follow_up, paused_until=paused if paused and paused > now else None,
            missed_checkins=missed.get(pid, 0), last_checkin=last_checkin.get(pid),
            clinic_reference=reference,
        )
        scores = pegs.get(pid, [])
        if scores:
            row.peg_latest = scores[0]
            row.peg_previous = scores[1] if len(scores) > 1 else None
        if n_safety:
            row.flags.append("safety")
        if row.missed_checkins:
            row.flags.append("missed")
        if row.peg_trend == "worse":
            row.flags.append("peg")
        if n_requests:
            row.flags.append("request")
        if follow_up:
            row.flags.append("phq4")
        if row.paused_until:
            row.flags.append("paused")
        out.append(row)
    if flag:
        out = [row for row in out if flag in row.flags]
    out.sort(key=lambda row: row.priority)
    return out


# --- patient page sections ----------------------------------------------------------------------------


def patient_values(session: Session, patient_id: int) -> list[PatientValue]:
    stmt = (
        select(PatientValue)
        .where(PatientValue.patient_id == patient_id)
        .order_by(PatientValue.active.desc(), PatientValue.created_at, PatientValue.id)
    )
    return list(session.execute(stmt).scalars())


def psfs_activities(session: Session, patient_id: int) -> list[FunctionalGoal]:
    """PSFS activities (active first) with their ratings, oldest rating first."""
    stmt = (
        select(FunctionalGoal)
        .options(selectinload(FunctionalGoal.ratings))
        .where(FunctionalGoal.patient_id == patient_id)
        .order_by(FunctionalGoal.active.desc(), FunctionalGoal.created_at, FunctionalGoal.id)
    )
    return list(session.execute(stmt).scalars())


def action_plans(session: Session, patient_id: int) -> tuple[list[ActionPlan], list[ActionPlan]]:
    """(current, past) action plans, newest first."""
    stmt = (
        select(ActionPlan)
        .where(ActionPlan.patient_id == patient_id)
        .order_by(ActionPlan.created_at.desc(), ActionPlan.id.desc())
    )
    plans = list(session.execute(stmt).scalars())
    return [p for p in plans if p.status == "active"], [p for p in plans if p.status != "active"]


def patient_safety_events(session: Session, patient_id: int) -> list[SafetyEvent]:
    """Open events first, then acknowledged ones; newest first within each."""
    stmt = (
        select(SafetyEvent)
        .where(SafetyEvent.patient_id == patient_id)
        .order_by(SafetyEvent.acknowledged_at.is_not(None), SafetyEvent.created_at.desc(),
                  SafetyEvent.id.desc())
    )
    return list(session.execute(stmt).scalars())


def talk_requests(session: Session, patient_id: int) -> list[PatientRequest]:
    stmt = (
        select(PatientRequest)
        .where(PatientRequest.patient_id == patient_id)
        .order_by(PatientRequest.handled_at.is_not(None), PatientRequest.created_at.desc())
    )
    return list(session.execute(stmt).scalars())


@dataclass(frozen=True)
class Phq4Point:
    at: datetime
    phq2: int
    gad2: int
    follow_up: bool


def phq4_history(session: Session, patient_id: int) -> list[Phq4Point]:
    stmt = (
        select(Phq4Result)
        .where(Phq4Result.patient_id == patient_id)
        .order_by(Phq4Result.created_at, Phq4Result.id)
    )
    points = []
    for row in session.execute(stmt).scalars():
        result = Phq4(row.interest, row.down, row.nervous, row.worry)
        points.append(Phq4Point(row.created_at, result.phq2, result.gad2, result.needs_follow_up))
    return points


@dataclass(frozen=True)
class CheckinHistory:
    schedule: CheckinSchedule | None
    deliveries: list[CheckinDelivery]
    paused_until: datetime | None  # the later of the schedule's and the clinician's pause, if in the future


def checkin_history(session: Session, patient: Patient, limit: int = 60) -> CheckinHistory:
    """The schedule (next due, paused) and the newest deliveries with their status and outcome."""
    schedule = session.execute(
        select(CheckinSchedule).where(CheckinSchedule.patient_id == patient.id)
    ).scalars().first()
    deliveries = list(session.execute(
        select(CheckinDelivery)
        .where(CheckinDelivery.patient_id == patient.id, CheckinDelivery.kind != NOTE_KIND)
        .order_by(CheckinDelivery.due_at.desc(), CheckinDelivery.id.desc())
        .limit(limit)
    ).scalars())
    now = utcnow()
    pauses = [p for p in (patient.checkins_paused_until, schedule and schedule.paused_until) if p]
    pauses = [p for p in pauses if p > now]
    return CheckinHistory(schedule, deliveries, max(pauses) if pauses else None)


@dataclass(frozen=True)
class PegPoint:
    at: datetime
    pain: int
    enjoyment: int
    activity: int

    @property
    def score(self) -> float:
        return Peg(self.pain, self.enjoyment, self.activity).score


def peg_history(session: Session, patient_id: int) -> list[PegPoint]:
    """PEG-3 answers, oldest first."""
    stmt = (
        select(PegResult.created_at, PegResult.pain, PegResult.enjoyment, PegResult.activity)
        .where(PegResult.patient_id == patient_id)
        .order_by(PegResult.created_at, PegResult.id)
    )
    return [PegPoint(at, pain, enjoyment, activity)
            for at, pain, enjoyment, activity in session.execute(stmt)]


def peg_trend(points: list[PegPoint]) -> str | None:
    """The latest answer compared with the one before (bot.coaching.peg.compare)."""
    if not points:
        return None
    previous = points[-2] if len(points) > 1 else None
    to_peg = lambda p: Peg(p.pain, p.enjoyment, p.activity)  # noqa: E731
    return peg_compare(to_peg(previous) if previous else None, to_peg(points[-1]))


def problem_solving(session: Session, patient_id: int) -> list[ProblemSolvingRecord]:
    """Problem-solving records, newest first, in the patient's own words."""
    stmt = (
        select(ProblemSolvingRecord)
        .where(ProblemSolvingRecord.patient_id == patient_id)
        .order_by(ProblemSolvingRecord.created_at.desc(), ProblemSolvingRecord.id.desc())
    )
    return list(session.execute(stmt).scalars())


FLARE_SECTIONS = (
    ("warning_signs", "Early warning signs"),
    ("what_helps", "What helps"),
    ("drop_postpone", "What to drop or postpone"),
    ("who_to_tell", "Who to tell"),
    ("seek_care", "When to seek care"),
)


def flare_plan(session: Session, patient_id: int) -> FlarePlanRecord | None:
    return session.execute(
        select(FlarePlanRecord).where(FlarePlanRecord.patient_id == patient_id)
    ).scalars().first()


def flare_episodes(session: Session, patient_id: int, limit: int = 10) -> list[FlareEpisode]:
    stmt = (
        select(FlareEpisode)
        .where(FlareEpisode.patient_id == patient_id)
        .order_by(FlareEpisode.started_at.desc(), FlareEpisode.id.desc())
        .limit(limit)
    )
    return list(session.execute(stmt).scalars())


def conversation_ids(session: Session, patient_id: int) -> list[str]:
    stmt = (
        select(ChannelIdentity.conversation_id)
        .where(ChannelIdentity.patient_id == patient_id)
        .order_by(ChannelIdentity.created_at, ChannelIdentity.id)
    )
    return list(session.execute(stmt).scalars())


def acknowledge_event(session: Session, patient_id: int, event_id: int, clinician: Clinician) -> bool:
    """Acknowledge one of this patient's open safety events; False if there is no such open event."""
    event = session.execute(
        select(SafetyEvent).where(and_(SafetyEvent.id == event_id, SafetyEvent.patient_id == patient_id))
    ).scalars().first()
    if event is None or event.acknowledged_at is not None:
        return False
    event.acknowledged_at = utcnow()
    event.acknowledged_by = clinician.display_name
    return True


def mark_request_handled(session: Session, patient_id: int, request_id: int) -> bool:
    request = session.execute(
        select(PatientRequest).where(PatientRequest.id == request_id, PatientRequest.patient_id == patient_id)
    ).scalars().first()
    if request is None or request.handled_at is not None:
        return False
    request.handled_at = utcnow()
    return True


def set_checkins_paused(session: Session, patient: Patient, days: int | None, clinician: Clinician) -> bool:
    """Pause check-ins for `days` (None resumes them) through the one pause rule
    (bot.services.opt_out.set_pause); False when the patient stopped them themselves."""
    if days is not None and not 1 <= days <= 365:
        raise ValueError("pause between 1 and 365 days")
    until = utcnow() + timedelta(days=days) if days is not None else None
    return opt_out.set_pause(session, patient, until, clinician.display_name)


# --- how a clinic recognises a patient ----------------------------------------------------------------

# Rasa's channel names in the words a clinic uses.
CHANNEL_WORDS = {
    "socketio": "web chat",
    "rest": "web chat",
    "telegram": "Telegram",
    "sms": "text message",
    "twilio": "text message",
}


def channel_words(channel: str | None) -> str:
    """'socketio' -> 'web chat'; an unknown channel keeps its name."""
    return CHANNEL_WORDS.get(channel or "", channel or "unknown")


@dataclass(frozen=True)
class LinkedDevice:
    channel: str  # in plain words
    detail: str  # which one, without showing a full number or id
    added: datetime
    last_used: datetime | None
    preferred: bool


def _device_detail(identity: ChannelIdentity, phone: str | None) -> str:
    if identity.channel in ("sms", "twilio"):
        number = phone if identity.conversation_id.startswith("+") else identity.conversation_id
        return f"phone ending {number[-3:]}" if number else "phone"
    if identity.channel == "telegram":
        return "Telegram account"
    return f"browser {identity.conversation_id[:4]}…"


def linked_devices(session: Session, patient: Patient) -> list[LinkedDevice]:
    """Every conversation (browser, phone, Telegram account) linked to the patient, last used first."""
    identities = session.execute(
        select(ChannelIdentity).where(ChannelIdentity.patient_id == patient.id)
    ).scalars().all()
    devices = [
        LinkedDevice(channel_words(i.channel),
                     _device_detail(i, patient.phone_number)
                     + (f" (not reachable: {i.unreachable_reason})" if i.unreachable_at else ""),
                     i.created_at,
                     i.last_used_at, bool(i.preferred))
        for i in identities
    ]
    return sorted(devices, key=lambda d: (d.last_used or d.added), reverse=True)


def channels_by_patient(session: Session, patient_ids: list[int]) -> dict[int, list[str]]:
    """The channels each patient uses, in plain words and without repeats; one that refused
    messages for good says so (bot.services.identities.mark_unreachable)."""
    found: dict[int, list[str]] = {pid: [] for pid in patient_ids}
    if not patient_ids:
        return found
    for pid, channel, unreachable_at in session.execute(
        select(ChannelIdentity.patient_id, ChannelIdentity.channel, ChannelIdentity.unreachable_at)
        .where(ChannelIdentity.patient_id.in_(patient_ids)).order_by(ChannelIdentity.id)
    ):
        # Refused for good (blocked, unsubscribed): check-ins no longer go there.
        words = channel_words(channel) + (" (not reachable)" if unreachable_at else "")
        if words not in found[pid]:
            found[pid].append(words)
    return found


def unassigned_consented(session: Session, search: str = "", limit: int = 100) -> list[Patient]:
    """Patients who consented but are on nobody's list (an admin assigns them), newest first."""
    stmt = (
        select(Patient)
        .where(Patient.consent_status == "given",
               ~Patient.id.in_(select(PatientAssignment.patient_id)))
        .order_by(Patient.created_at.desc(), Patient.id.desc())
        .limit(limit)
    )
    return list(session.execute(_search(stmt, search)).scalars())


def _search(stmt: Select, search: str) -> Select:
    """Patients whose name or clinic reference contains `search`, or whose Pacer number it is."""
    needle = search.strip()
    if not needle:
        return stmt
    conditions = [Patient.display_name.ilike(f"%{needle}%"), Patient.clinic_reference.ilike(f"%{needle}%")]
    if needle.isdigit():
        conditions.append(Patient.id == int(needle))
    return stmt.where(or_(*conditions))


def clinician_caseloads(session: Session) -> dict[int, int]:
    """How many patients each clinician has."""
    return dict(session.execute(
        select(PatientAssignment.clinician_id, func.count(PatientAssignment.id))
        .group_by(PatientAssignment.clinician_id)
    ).all())

"""Booster check-in use cases for the Rasa actions and the `pacer checkins` commands.

No Rasa imports. Each function is one short transaction. The schedule maths lives in
`bot.coaching.checkin_schedule`, PEG scoring in `bot.coaching.peg`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, true, update
from sqlalchemy.orm import Session

from bot.clinic import default_timezone
from bot.coaching.checkin_schedule import (
    DEFAULT_QUIET,
    SchedulePrefs,
    as_utc,
    hhmm,
    localize,
    next_occurrence,
    outside_quiet_hours,
    prefs_of,
    snooze_until,
)
from bot.coaching.checkin_text import describe_local
from bot.coaching.flare_plan import next_day_due
from bot.coaching.peg import PegResult, compare
from bot.services import regions
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import (
    CheckinDelivery,
    CheckinSchedule,
    SchedulerHeartbeat,
    utcnow,
)
from bot.store.models import (
    PegResult as PegRow,
)

PSFS_RERATE_EVERY = timedelta(days=28)  # "every few weeks": once a month at a check-in
OVERDUE_WARNING = timedelta(minutes=10)
FLARE_FOLLOWUP_KIND = "flare_followup"  # a delivery that asks the flare follow-up, not a check-in


@dataclass(frozen=True)
class ScheduleView:
    patient_id: int
    status: str
    timezone: str
    next_due_at: datetime | None
    prefs: SchedulePrefs
    paused_until: datetime | None

    @property
    def next_text(self) -> str:
        if self.status != "active" or self.next_due_at is None:
            return "not scheduled"
        return describe_local(self.next_due_at, self.timezone)

    @property
    def summary(self) -> str:
        prefs = self.prefs
        how = {"taper": "weekly for six weeks, then less often", "weekly": "every week",
               "fortnightly": "every two weeks", "monthly": "once a month"}[prefs.frequency]
        day = "" if prefs.weekday is None else f" on {date(2024, 1, 1 + prefs.weekday):%A}s"
        at = datetime.combine(date.today(), prefs.at).strftime("%I:%M%p").lstrip("0").lower()
        quiet = ""
        if prefs.quiet:
            quiet = f", never between {hhmm(prefs.quiet.start)} and {hhmm(prefs.quiet.end)}"
        return f"check-ins {how}{day} at {at} {prefs.timezone} time{quiet}"


def _view(schedule: CheckinSchedule) -> ScheduleView:
    return ScheduleView(
        patient_id=schedule.patient_id,
        status=schedule.status,
        timezone=schedule.timezone,
        next_due_at=as_utc(schedule.next_due_at) if schedule.next_due_at else None,
        prefs=prefs_of(schedule),
        paused_until=as_utc(schedule.paused_until) if schedule.paused_until else None,
    )


def _schedule_for(session, patient_id: int) -> CheckinSchedule | None:  # noqa: ANN001
    return session.execute(
        select(CheckinSchedule).where(CheckinSchedule.patient_id == patient_id)
    ).scalars().first()


def _reschedule(schedule: CheckinSchedule, now: datetime) -> None:
    """Recompute the next due time after `now` (respecting a pause) from the current index."""
    if schedule.status != "active":
        schedule.next_due_at = None
        return
    index, due = next_occurrence(
        prefs_of(schedule), schedule.anchor_at, after=now, from_index=schedule.next_index,
        paused_until=schedule.paused_until,
    )
    schedule.next_index, schedule.next_due_at = index, due


def _create(session, patient_id: int, now: datetime, timezone: str | None = None) -> CheckinSchedule:  # noqa: ANN001
    schedule = CheckinSchedule(
        patient_id=patient_id, timezone=timezone or default_timezone(), local_time="10:00",
        frequency="taper", quiet_start=hhmm(DEFAULT_QUIET.start), quiet_end=hhmm(DEFAULT_QUIET.end),
        status="active", anchor_at=as_utc(now), next_index=1, checkins_done=0,
    )
    session.add(schedule)
    _reschedule(schedule, now)
    session.flush()
    return schedule


def ensure_schedule(conversation_id: str, now: datetime | None = None) -> ScheduleView | None:
    """The patient's schedule, creating the default taper (clinic zone) the first time.
    None for someone without consent: nothing is scheduled for them."""
    now = as_utc(now or utcnow())
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        schedule = _schedule_for(session, patient.id) or _create(session, patient.id, now)
        return _view(schedule)


def get_schedule(conversation_id: str) -> ScheduleView | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return None
        schedule = _schedule_for(session, patient.id)
        return _view(schedule) if schedule else None


def update_preferences(
    conversation_id: str,
    *,
    timezone: str | None = None,
    at: time | None = None,
    weekday: int | None = None,
    frequency: str | None = None,
    quiet: tuple[time, time] | None = None,
    restart: bool = False,
    quiet_off: bool = False,
    now: datetime | None = None,
) -> ScheduleView | None:
    """Apply what the patient asked for; a new frequency restarts the count from today."""
    now = as_utc(now or utcnow())
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        schedule = _schedule_for(session, patient.id) or _create(session, patient.id, now, timezone)
        if timezone:
            schedule.timezone = timezone
            regions.set_region_from_zone(session, patient, timezone)  # "I'm in Perth": 000, not 111
        if at is not None:
            schedule.local_time = hhmm(at)
        if quiet is not None:
            schedule.quiet_start, schedule.quiet_end = hhmm(quiet[0]), hhmm(quiet[1])
        if quiet_off:  # "any time is fine"
            schedule.quiet_start = schedule.quiet_end = None
        if weekday is not None:
            schedule.weekday = weekday  # occurrences snap to it; the count goes on
        if frequency is not None and frequency != schedule.frequency:
            schedule.frequency = frequency  # a new rhythm starts from today
            schedule.anchor_at, schedule.next_index = now, 1
        if restart:
            schedule.status, schedule.paused_until = "active", None
        prefs_of(schedule)  # validates the combination before it is saved
        _reschedule(schedule, now)
        return _view(schedule)


def pause_until(conversation_id: str, back_on: date, now: datetime | None = None) -> ScheduleView | None:
    """Pause until the start of `back_on` in the patient's zone (their own choice)."""
    now = as_utc(now or utcnow())
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        schedule = _schedule_for(session, patient.id) or _create(session, patient.id, now)
        schedule.status = "active"
        schedule.paused_until = localize(back_on, time(0, 0), prefs_of(schedule).zone)
        _reschedule(schedule, now)
        _cancel_pending(session, patient.id, "paused by the patient")
        return _view(schedule)


def stop(conversation_id: str) -> bool:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return False
        schedule = _schedule_for(session, patient.id)
        if schedule is not None:
            schedule.status, schedule.next_due_at = "stopped", None
        _cancel_pending(session, patient.id, "stopped by the patient")
        return True


def _cancel_pending(session, patient_id: int, reason: str) -> None:  # noqa: ANN001
    session.execute(
        update(CheckinDelivery)
        .where(CheckinDelivery.patient_id == patient_id, CheckinDelivery.status == "pending")
        .values(status="cancelled", last_error=reason)
    )


def queue_checkin(patient_id: int, due_at: datetime, kind: str = "booster") -> int:
    """A one-off delivery (snooze, next-day follow-up after a flare, operator). Idempotent per
    (patient, due time): queuing the same time twice returns the same delivery."""
    with session_scope() as session:
        return add_delivery(session, patient_id, due_at, kind)


def add_delivery(session: Session, patient_id: int, due_at: datetime, kind: str = "booster") -> int:
    """`queue_checkin` inside the caller's transaction."""
    due_at = as_utc(due_at)
    existing = session.execute(
        select(CheckinDelivery).where(
            CheckinDelivery.patient_id == patient_id, CheckinDelivery.due_at == due_at
        )
    ).scalars().first()
    if existing is not None:
        return existing.id
    delivery = CheckinDelivery(
        patient_id=patient_id, due_at=due_at, kind=kind, status="pending", next_attempt_at=due_at,
        attempts=0, deferrals=0,
    )
    session.add(delivery)
    session.flush()
    return delivery.id


def queue_flare_followup(session: Session, patient_id: int, now: datetime) -> datetime:
    """Queue the "how is the flare today?" push for the next local morning; returns when.

    The patient's zone and quiet hours come from their check-in schedule (the clinic's zone
    and the default quiet hours without one; no schedule is created). The scheduler pushes
    it (kind `flare_followup`); the same question is asked in a session only if the push
    has not happened (bot.services.followups: whichever comes first takes it)."""
    schedule = _schedule_for(session, patient_id)
    prefs = prefs_of(schedule) if schedule else SchedulePrefs(default_timezone(), quiet=DEFAULT_QUIET)
    due = outside_quiet_hours(next_day_due(as_utc(now), prefs.zone), prefs)
    add_delivery(session, patient_id, due, kind=FLARE_FOLLOWUP_KIND)
    return due


@dataclass(frozen=True)
class CheckinStart:
    delivery_id: int
    name: str | None
    plan_id: int | None
    plan_text: str | None
    psfs_activities: list[str]
    kind: str
    redelivered: bool = False  # opened again: the turn that first opened it was never saved


def receive(delivery_id: int, conversation_id: str, now: datetime | None = None,
            redeliver: bool = False) -> CheckinStart | None:
    """Record that the check-in reached the conversation. Returns None for a repeat (the
    same delivery id again) or a delivery that does not belong to this conversation: the
    caller then says nothing. The conditional UPDATE is the deduplication.

    `redeliver=True`: the caller has checked the conversation's committed tracker and the
    check-in is not in it, so an earlier receipt belonged to a turn that never committed
    (a rasa replica died after the action ran, before it saved the tracker). The check-in
    is then opened again instead of being lost."""
    from bot.services.goals import _plan_view

    now = as_utc(now or utcnow())
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return None
        earlier = session.execute(
            select(CheckinDelivery.received_at).where(CheckinDelivery.id == delivery_id)
        ).scalar() if redeliver else None
        first = session.execute(
            update(CheckinDelivery)
            .where(CheckinDelivery.id == delivery_id, CheckinDelivery.patient_id == patient.id,
                   true() if redeliver else CheckinDelivery.received_at.is_(None))
            .values(received_at=now, conversation_id=conversation_id)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not first:
            return None
        kind = session.get(CheckinDelivery, delivery_id).kind
        plans = repo.active_plans(session, patient)
        plan = _plan_view(plans[0]) if plans else None
        due_psfs = []
        for goal in repo.active_functional_goals(session, patient)[:3]:
            last = max((as_utc(r.rated_at) for r in goal.ratings), default=None)
            if last is None or now - last >= PSFS_RERATE_EVERY:
                due_psfs.append(goal.activity)
        return CheckinStart(
            delivery_id=delivery_id, name=patient.display_name,
            plan_id=plan.id if plan else None, plan_text=plan.text if plan else None,
            psfs_activities=due_psfs, kind=kind, redelivered=earlier is not None,
        )


@dataclass(frozen=True)
class CheckinSaved:
    peg_score: float | None
    peg_previous: float | None
    peg_trend: str | None
    next_text: str


def save_checkin(
    conversation_id: str,
    delivery_id: int | None,
    outcome: str | None,
    note: str | None,
    peg: PegResult | None,
    psfs: list[tuple[str, int]],
    plan_id: int | None,
    renew_confidence: int | None,
    now: datetime | None = None,
) -> CheckinSaved:
    """Store the answers: outcome on the delivery and plan, PEG-3, PSFS re-ratings, renewal."""
    from bot.services.goals import save_activities

    now = as_utc(now or utcnow())
    previous = None
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            raise PermissionError("no consent on record: nothing may be stored")
        delivery = session.get(CheckinDelivery, delivery_id) if delivery_id else None
        if delivery is not None and delivery.patient_id == patient.id:
            delivery.answered_at, delivery.outcome, delivery.note = now, outcome, (note or None)
        plan = repo.get_plan(session, patient, plan_id) if plan_id else None
        if plan is not None and outcome:
            repo.review_plan(plan, f"{outcome}: {note}" if note else outcome)
            if renew_confidence is not None:
                plan.confidence = renew_confidence
        if peg is not None:
            last = session.execute(
                select(PegRow).where(PegRow.patient_id == patient.id)
                .order_by(PegRow.created_at.desc(), PegRow.id.desc()).limit(1)
            ).scalars().first()
            if last is not None:
                previous = PegResult(last.pain, last.enjoyment, last.activity)
            session.add(PegRow(patient_id=patient.id, delivery_id=delivery.id if delivery else None,
                               pain=peg.pain, enjoyment=peg.enjoyment, activity=peg.activity, created_at=now))
        schedule = _schedule_for(session, patient.id)
        if schedule is not None:
            schedule.checkins_done = (schedule.checkins_done or 0) + 1
        next_text = _view(schedule).next_text if schedule else "not scheduled"
    if psfs:
        save_activities(conversation_id, psfs)
    return CheckinSaved(
        peg_score=peg.score if peg else None,
        peg_previous=previous.score if previous else None,
        peg_trend=compare(previous, peg) if peg else None,
        next_text=next_text,
    )


def snooze(
    conversation_id: str, delivery_id: int | None, choice: str, now: datetime | None = None
) -> str | None:
    """'later' or 'tomorrow': a new delivery at that time; the current one is marked snoozed."""
    now = as_utc(now or utcnow())
    view = ensure_schedule(conversation_id, now)
    if view is None:
        return None
    when = snooze_until(choice, now, view.prefs)
    with session_scope() as session:
        if delivery_id:
            delivery = session.get(CheckinDelivery, delivery_id)
            if delivery is not None and delivery.patient_id == view.patient_id:
                delivery.status, delivery.answered_at = "snoozed", now
    queue_checkin(view.patient_id, when, kind="snoozed")
    return describe_local(when, view.timezone)


# --- operator views -------------------------------------------------------------------


def list_schedules() -> list[ScheduleView]:
    with session_scope() as session:
        rows = session.execute(select(CheckinSchedule).order_by(CheckinSchedule.next_due_at)).scalars()
        return [_view(row) for row in rows]


def due_at(moment: datetime) -> list[tuple[int, datetime, str]]:
    """(patient id, due time, source) for everything that would be due at `moment`:
    pending deliveries and schedules whose next occurrence has come."""
    moment = as_utc(moment)
    with session_scope() as session:
        pending = session.execute(
            select(CheckinDelivery.patient_id, CheckinDelivery.next_attempt_at, CheckinDelivery.kind)
            .where(CheckinDelivery.status.in_(("pending", "sending")),
                   CheckinDelivery.next_attempt_at <= moment)
        ).all()
        scheduled = session.execute(
            select(CheckinSchedule.patient_id, CheckinSchedule.next_due_at).where(
                CheckinSchedule.status == "active", CheckinSchedule.next_due_at <= moment
            )
        ).all()
    rows = [(p, as_utc(t), f"delivery:{k}") for p, t, k in pending]
    rows += [(p, as_utc(t), "schedule") for p, t in scheduled]
    return sorted(rows, key=lambda row: row[1])


@dataclass(frozen=True)
class Status:
    heartbeat_at: datetime | None
    heartbeat_age: timedelta | None
    counts: dict[str, int]
    overdue: int
    deferred: int
    failing: int
    oldest_overdue: datetime | None
    last_error: str | None

    def warnings(self, interval_s: float = 5.0) -> list[str]:
        found = []
        if self.heartbeat_at is None:
            found.append("the scheduler has never run (no heartbeat)")
        elif self.heartbeat_age > timedelta(seconds=max(60, interval_s * 6)):
            age = int(self.heartbeat_age.total_seconds())
            found.append(f"the scheduler's last heartbeat was {age} s ago")
        if self.overdue:
            found.append(
                f"{self.overdue} check-in(s) due more than {int(OVERDUE_WARNING.total_seconds() // 60)} min "
                f"ago were not sent (oldest due {self.oldest_overdue:%Y-%m-%d %H:%M} UTC)"
            )
        if self.failing:
            found.append(f"{self.failing} check-in(s) failing to send (retrying or given up)")
        if self.last_error:
            found.append(f"last sweep error: {self.last_error}")
        return found


def status(now: datetime | None = None) -> Status:
    now = as_utc(now or utcnow())
    with session_scope() as session:
        counts = dict(
            session.execute(
                select(CheckinDelivery.status, func.count()).group_by(CheckinDelivery.status)
            ).all()
        )
        late = now - OVERDUE_WARNING
        # due a while ago and not sent; a row deferred for a reason (form, crisis...) is not late
        overdue_rows = session.execute(
            select(func.count(), func.min(CheckinDelivery.due_at)).where(
                CheckinDelivery.status.in_(("pending", "sending")),
                CheckinDelivery.due_at <= late,
                (CheckinDelivery.defer_reason.is_(None)) | (CheckinDelivery.next_attempt_at <= late),
            )
        ).one()
        late_schedules = session.execute(
            select(func.count(), func.min(CheckinSchedule.next_due_at)).where(
                CheckinSchedule.status == "active", CheckinSchedule.next_due_at <= late
            )
        ).one()
        deferred = session.execute(
            select(func.count()).where(
                CheckinDelivery.status == "pending", CheckinDelivery.defer_reason.is_not(None),
                CheckinDelivery.next_attempt_at > now,
            )
        ).scalar_one()
        failing = session.execute(
            select(func.count()).where(
                (CheckinDelivery.status == "failed")
                | ((CheckinDelivery.status == "pending") & (CheckinDelivery.attempts > 0))
            )
        ).scalar_one()
        beat = session.execute(
            select(SchedulerHeartbeat).order_by(SchedulerHeartbeat.beat_at.desc()).limit(1)
        ).scalars().first()
    oldest = [as_utc(t) for t in (overdue_rows[1], late_schedules[1]) if t is not None]
    beat_at = as_utc(beat.beat_at) if beat and beat.beat_at else None
    return Status(
        heartbeat_at=beat_at,
        heartbeat_age=(now - beat_at) if beat_at else None,
        counts=counts,
        overdue=overdue_rows[0] + late_schedules[0],
        deferred=deferred,
        failing=failing,
        oldest_overdue=min(oldest) if oldest else None,
        last_error=beat.last_error if beat else None,
    )

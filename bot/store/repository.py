"""Use-case level reads and writes. Every function takes an open Session; the
caller owns the transaction (see `bot.store.db.session_scope`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.store.models import (
    ActionPlan,
    ChannelIdentity,
    ConsentEvent,
    FlareEpisode,
    FlarePlanRecord,
    Followup,
    FunctionalGoal,
    Patient,
    PatientValue,
    ProblemSolvingRecord,
    PsfsRating,
    SafetyEvent,
    utcnow,
)

CONSENT_WORDING_VERSION = "2026-11"
OPEN_PLAN_STATUSES = ("active",)


def find_patient(session: Session, conversation_id: str) -> Patient | None:
    """The patient behind a Rasa conversation id, or None for a stranger."""
    stmt = (
        select(Patient)
        .join(ChannelIdentity)
        .where(ChannelIdentity.conversation_id == conversation_id)
    )
    return session.execute(stmt).scalars().first()


def get_or_create_patient(session: Session, conversation_id: str, channel: str = "rest") -> Patient:
    patient = find_patient(session, conversation_id)
    if patient is not None:
        return patient
    patient = Patient()
    patient.identities.append(ChannelIdentity(conversation_id=conversation_id, channel=channel))
    session.add(patient)
    session.flush()
    return patient


def touch(session: Session, patient: Patient, conversation_id: str, channel: str | None) -> None:
    """Record that the patient was just in touch (and through which channel)."""
    now = utcnow()
    patient.last_seen_at = now
    for identity in patient.identities:
        if identity.conversation_id == conversation_id:
            identity.last_used_at = now
            # They wrote on it, so it reaches them again (e.g. they unblocked the bot).
            identity.unreachable_at = identity.unreachable_reason = None
            if channel:
                identity.channel = channel


def record_consent(session: Session, patient: Patient, decision: str) -> None:
    if decision not in ("given", "refused", "withdrawn"):
        raise ValueError(f"unknown consent decision {decision!r}")
    now = utcnow()
    patient.consent_status = decision
    patient.consent_at = now
    session.add(
        ConsentEvent(
            patient=patient,
            decision=decision,
            wording_version=CONSENT_WORDING_VERSION,
            created_at=now,
        )
    )


def has_consented(patient: Patient | None) -> bool:
    return patient is not None and patient.consent_status == "given"


def set_display_name(patient: Patient, name: str) -> None:
    patient.display_name = name.strip()[:80]


def add_value(session: Session, patient: Patient, text: str) -> PatientValue:
    value = PatientValue(patient=patient, text=text.strip())
    session.add(value)
    session.flush()
    return value


def active_values(session: Session, patient: Patient) -> list[PatientValue]:
    stmt = (
        select(PatientValue)
        .where(PatientValue.patient_id == patient.id, PatientValue.active.is_(True))
        .order_by(PatientValue.created_at, PatientValue.id)
    )
    return list(session.execute(stmt).scalars())


def add_functional_goal(
    session: Session, patient: Patient, activity: str, score: int, at: datetime | None = None
) -> FunctionalGoal:
    if not 0 <= score <= 10:
        raise ValueError("PSFS scores run from 0 to 10")
    goal = FunctionalGoal(patient=patient, activity=activity.strip()[:200])
    goal.ratings.append(PsfsRating(score=score, rated_at=at or utcnow()))
    session.add(goal)
    session.flush()
    return goal


def rate_functional_goal(
    session: Session, goal: FunctionalGoal, score: int, at: datetime | None = None
) -> PsfsRating:
    if not 0 <= score <= 10:
        raise ValueError("PSFS scores run from 0 to 10")
    rating = PsfsRating(goal=goal, score=score, rated_at=at or utcnow())
    session.add(rating)
    session.flush()
    return rating


def active_functional_goals(session: Session, patient: Patient) -> list[FunctionalGoal]:
    stmt = (
        select(FunctionalGoal)
        .options(selectinload(FunctionalGoal.ratings))
        .where(FunctionalGoal.patient_id == patient.id, FunctionalGoal.active.is_(True))
        .order_by(FunctionalGoal.created_at, FunctionalGoal.id)
    )
    return list(session.execute(stmt).scalars())


@dataclass(frozen=True)
class NewPlan:
    what: str
    how_much: str | None
    when: str | None
    days_per_week: int | None
    confidence: int | None


def create_plan(
    session: Session,
    patient: Patient,
    plan: NewPlan,
    functional_goal: FunctionalGoal | None = None,
    replaces: ActionPlan | None = None,
) -> ActionPlan:
    """Save a confirmed plan; a plan it replaces is closed as `replaced`."""
    if replaces is not None:
        close_plan(replaces, "replaced")
    row = ActionPlan(
        patient=patient,
        functional_goal_id=functional_goal.id if functional_goal else None,
        what=plan.what.strip()[:300],
        how_much=plan.how_much,
        when_text=plan.when,
        days_per_week=plan.days_per_week,
        confidence=plan.confidence,
        status="active",
    )
    session.add(row)
    session.flush()
    return row


def active_plans(session: Session, patient: Patient) -> list[ActionPlan]:
    stmt = (
        select(ActionPlan)
        .where(ActionPlan.patient_id == patient.id, ActionPlan.status.in_(OPEN_PLAN_STATUSES))
        .order_by(ActionPlan.created_at.desc(), ActionPlan.id.desc())
    )
    return list(session.execute(stmt).scalars())


def get_plan(session: Session, patient: Patient, plan_id: int) -> ActionPlan | None:
    """A plan of this patient only: never another person's by id."""
    stmt = select(ActionPlan).where(ActionPlan.id == plan_id, ActionPlan.patient_id == patient.id)
    return session.execute(stmt).scalars().first()


def latest_plan_for(
    session: Session, patient: Patient, what: str, exclude_id: int | None = None
) -> ActionPlan | None:
    """The most recent plan (any status) whose activity matches `what`, for pacing."""
    needle = what.strip().lower()
    stmt = (
        select(ActionPlan)
        .where(ActionPlan.patient_id == patient.id, ActionPlan.id != (exclude_id or -1))
        .order_by(ActionPlan.created_at.desc(), ActionPlan.id.desc())
    )
    for plan in session.execute(stmt).scalars():
        text = plan.what.lower()
        if needle in text or text in needle:
            return plan
    return None


def close_plan(plan: ActionPlan, status: str, note: str | None = None) -> None:
    if status not in ("done", "dropped", "replaced"):
        raise ValueError(f"unknown plan status {status!r}")
    now = utcnow()
    plan.status = status
    plan.closed_at = now
    plan.reviewed_at = now
    if note:
        plan.outcome_note = note


def review_plan(plan: ActionPlan, note: str) -> None:
    plan.reviewed_at = utcnow()
    plan.outcome_note = note


def safety_events(
    session: Session, patient_id: int | None = None, open_only: bool = False
) -> list[SafetyEvent]:
    """Safety events, newest first: the clinician dashboard shows open ones first."""
    stmt = select(SafetyEvent)
    if patient_id is not None:
        stmt = stmt.where(SafetyEvent.patient_id == patient_id)
    if open_only:
        stmt = stmt.where(SafetyEvent.acknowledged_at.is_(None))
    stmt = stmt.order_by(SafetyEvent.created_at.desc(), SafetyEvent.id.desc())
    return list(session.execute(stmt).scalars())


# --- problem solving, flare plans and follow-ups (issue 4) ---------------------------


def add_problem_solving(session: Session, patient: Patient, **values: object) -> ProblemSolvingRecord:
    record = ProblemSolvingRecord(patient_id=patient.id, **values)
    session.add(record)
    session.flush()
    return record


def problem_solving_records(session: Session, patient: Patient) -> list[ProblemSolvingRecord]:
    stmt = (
        select(ProblemSolvingRecord)
        .where(ProblemSolvingRecord.patient_id == patient.id)
        .order_by(ProblemSolvingRecord.created_at.desc(), ProblemSolvingRecord.id.desc())
    )
    return list(session.execute(stmt).scalars())


def get_problem_solving(session: Session, patient: Patient, record_id: int) -> ProblemSolvingRecord | None:
    stmt = select(ProblemSolvingRecord).where(
        ProblemSolvingRecord.id == record_id, ProblemSolvingRecord.patient_id == patient.id
    )
    return session.execute(stmt).scalars().first()


def get_flare_plan(session: Session, patient: Patient) -> FlarePlanRecord | None:
    stmt = select(FlarePlanRecord).where(FlarePlanRecord.patient_id == patient.id)
    return session.execute(stmt).scalars().first()


def save_flare_plan(session: Session, patient: Patient, sections: dict[str, str | None]) -> FlarePlanRecord:
    """Create or update the patient's one flare plan; only the sections given change."""
    record = get_flare_plan(session, patient)
    if record is None:
        record = FlarePlanRecord(patient_id=patient.id)
        session.add(record)
    for key, text in sections.items():
        if key not in FLARE_SECTIONS:
            raise ValueError(f"unknown flare plan section {key!r}")
        setattr(record, key, text)
    record.updated_at = utcnow()
    session.flush()
    return record


FLARE_SECTIONS = ("warning_signs", "what_helps", "drop_postpone", "who_to_tell", "seek_care")


def add_flare_episode(
    session: Session, patient: Patient, red_flag: bool, plan_source: str | None
) -> FlareEpisode:
    episode = FlareEpisode(patient_id=patient.id, red_flag=red_flag, plan_source=plan_source)
    session.add(episode)
    session.flush()
    return episode


def add_followup(
    session: Session, patient: Patient, kind: str, due_at: datetime, ref_id: int | None = None
) -> Followup:
    followup = Followup(patient_id=patient.id, kind=kind, due_at=due_at, ref_id=ref_id)
    session.add(followup)
    session.flush()
    return followup


def due_followups(session: Session, now: datetime, patient: Patient | None = None) -> list[Followup]:
    """Follow-ups due and not yet delivered, oldest first (the scheduler claims these)."""
    stmt = select(Followup).where(Followup.delivered_at.is_(None), Followup.due_at <= now)
    if patient is not None:
        stmt = stmt.where(Followup.patient_id == patient.id)
    return list(session.execute(stmt.order_by(Followup.due_at, Followup.id)).scalars())


def open_followups(session: Session, patient: Patient) -> list[Followup]:
    """Delivered but not answered yet, newest first."""
    stmt = (
        select(Followup)
        .where(Followup.patient_id == patient.id, Followup.delivered_at.is_not(None),
               Followup.answered_at.is_(None))
        .order_by(Followup.delivered_at.desc(), Followup.id.desc())
    )
    return list(session.execute(stmt).scalars())


def followups_for(session: Session, patient: Patient) -> list[Followup]:
    stmt = select(Followup).where(Followup.patient_id == patient.id).order_by(Followup.id)
    return list(session.execute(stmt).scalars())

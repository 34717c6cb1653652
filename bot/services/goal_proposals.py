"""Goals a clinician proposes (an action plan or a PSFS activity). Pacer presents the
oldest open one at the patient's next contact as the clinician's suggestion; the patient
accepts, changes or declines it, and the outcome, what they ended up with and their
reason are stored for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.coaching.action_plan import PlanDraft, describe_plan
from bot.coaching.checkin_schedule import as_utc
from bot.coaching.shared_decisions import Proposal, activity_outcome, plan_outcome
from bot.services.clinician_notes import author_label
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ActionPlan, Clinician, GoalProposal, Patient, utcnow

KINDS = ("action_plan", "psfs")
OPEN = ("pending", "presented")
OUTCOMES = ("accepted", "changed", "declined")


@dataclass(frozen=True)
class ProposalView:
    id: int
    kind: str
    author_name: str
    text: str  # how Pacer says it
    rationale: str | None
    proposal: Proposal


def _view(row: GoalProposal) -> ProposalView:
    proposal = Proposal(row.kind, row.what, row.how_much, row.when_text, row.days_per_week)
    return ProposalView(row.id, row.kind, row.author_name, proposal.describe(), row.rationale, proposal)


def create(session: Session, patient: Patient, clinician: Clinician, kind: str, what: str,
           how_much: str | None = None, when: str | None = None, days_per_week: int | None = None,
           rationale: str | None = None, now: datetime | None = None) -> GoalProposal:
    """Validate and store a proposal; a plan needs what, and at least how much or how often."""
    what = (what or "").strip()
    if kind not in KINDS:
        raise ValueError("Choose an action plan or a PSFS activity.")
    if not 2 <= len(what) <= 200:
        raise ValueError("Say what the activity is (2 to 200 characters).")
    if days_per_week is not None and not 1 <= days_per_week <= 7:
        raise ValueError("Days per week must be between 1 and 7.")
    if kind == "psfs":
        how_much = when = None
        days_per_week = None
    row = GoalProposal(
        patient_id=patient.id, clinician_id=clinician.id, author_name=author_label(clinician), kind=kind,
        what=what, how_much=(how_much or "").strip()[:100] or None,
        when_text=(when or "").strip()[:200] or None,
        days_per_week=days_per_week, rationale=(rationale or "").strip()[:500] or None, status="pending",
        created_at=as_utc(now or utcnow()),
    )
    session.add(row)
    session.flush()
    return row


def withdraw(session: Session, patient: Patient, proposal_id: int) -> bool:
    row = session.get(GoalProposal, proposal_id)
    if row is None or row.patient_id != patient.id or row.status not in OPEN:
        return False
    row.status = "withdrawn"
    return True


def _open_rows(session: Session, patient: Patient) -> list[GoalProposal]:
    return list(session.execute(
        select(GoalProposal).where(GoalProposal.patient_id == patient.id, GoalProposal.status.in_(OPEN))
        .order_by(GoalProposal.id)
    ).scalars())


def has_open(conversation_id: str) -> bool:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return repo.has_consented(patient) and bool(_open_rows(session, patient))


def present_next(conversation_id: str, now: datetime | None = None) -> ProposalView | None:
    """The oldest open proposal, marked presented (again, if the patient let it pass)."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        rows = _open_rows(session, patient)
        if not rows:
            return None
        rows[0].status = "presented"
        rows[0].presented_at = rows[0].presented_at or as_utc(now or utcnow())
        return _view(rows[0])


def _own_open(session: Session, conversation_id: str, proposal_id: int) -> GoalProposal | None:
    patient = repo.find_patient(session, conversation_id)
    row = session.get(GoalProposal, proposal_id) if patient is not None else None
    if row is None or row.patient_id != patient.id or row.status not in OPEN:
        return None
    return row


def get_open(conversation_id: str, proposal_id: int) -> ProposalView | None:
    with session_scope() as session:
        row = _own_open(session, conversation_id, proposal_id)
        return _view(row) if row else None


def resolve_with_plan(conversation_id: str, proposal_id: int, plan_id: int, final: PlanDraft,
                      now: datetime | None = None) -> str | None:
    """Link the saved plan; accepted when unchanged, changed otherwise. Returns the outcome."""
    with session_scope() as session:
        row = _own_open(session, conversation_id, proposal_id)
        if row is None or session.get(ActionPlan, plan_id) is None:
            return None
        outcome = plan_outcome(_view(row).proposal, final)
        row.status, row.responded_at = outcome, as_utc(now or utcnow())
        row.action_plan_id, row.final_text = plan_id, describe_plan(final)[:400]
        return outcome


def resolve_with_activity(conversation_id: str, proposal_id: int, activity: str, score: int,
                          now: datetime | None = None) -> str | None:
    """Add (or re-rate) the PSFS activity with today's score and link it."""
    now = as_utc(now or utcnow())
    with session_scope() as session:
        row = _own_open(session, conversation_id, proposal_id)
        if row is None:
            return None
        patient = session.get(Patient, row.patient_id)
        goal = next((g for g in repo.active_functional_goals(session, patient)
                     if g.activity.lower() == activity.lower()), None)
        if goal is None:
            goal = repo.add_functional_goal(session, patient, activity, score)
        else:
            repo.rate_functional_goal(session, goal, score)
        outcome = activity_outcome(_view(row).proposal, activity)
        row.status, row.responded_at = outcome, now
        row.functional_goal_id, row.final_text = goal.id, f"{activity} (ability {score}/10)"[:400]
        return outcome


def decline(conversation_id: str, proposal_id: int, now: datetime | None = None) -> ProposalView | None:
    with session_scope() as session:
        row = _own_open(session, conversation_id, proposal_id)
        if row is None:
            return None
        row.status, row.responded_at = "declined", as_utc(now or utcnow())
        return _view(row)


def save_reason(conversation_id: str, proposal_id: int, reason: str | None) -> bool:
    """The patient's words on why (any outcome); kept for the clinician."""
    if not reason:
        return False
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        row = session.get(GoalProposal, proposal_id) if patient is not None else None
        if row is None or row.patient_id != patient.id:
            return False
        row.patient_reason = reason
        return True


def for_patient(session: Session, patient_id: int) -> list[GoalProposal]:
    return list(session.execute(
        select(GoalProposal).where(GoalProposal.patient_id == patient_id).order_by(GoalProposal.id.desc())
    ).scalars())

"""Follow-up questions Pacer owes a person (tomorrow's flare check, the review of a
problem-solving plan). The scheduler pushes the flare question the next local morning
(bot.services.checkins.queue_flare_followup); whichever comes first, that push or the
person's next conversation, takes it (`take_due`), so it is asked once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import FlareEpisode, Followup, ProblemSolvingRecord, utcnow

FLARE_OUTCOMES = ("better", "same", "worse")
REVIEW_OUTCOMES = ("worked", "partly", "not_worked", "accepted")


@dataclass(frozen=True)
class FollowupView:
    id: int
    kind: str  # flare | problem_solving
    ref_id: int | None
    due_at: datetime
    problem: str | None = None  # problem_solving: the person's words
    chosen: str | None = None
    plan_text: str | None = None


def _view(session, followup: Followup) -> FollowupView:  # noqa: ANN001 - Session
    problem = chosen = plan_text = None
    if followup.kind == "problem_solving" and followup.ref_id:
        record = session.get(ProblemSolvingRecord, followup.ref_id)
        if record is not None:
            problem, chosen, plan_text = record.problem_text, record.chosen_idea, record.plan_text
    return FollowupView(followup.id, followup.kind, followup.ref_id, followup.due_at, problem, chosen,
                        plan_text)


def take_due(
    conversation_id: str, now: datetime | None = None, kind: str | None = None
) -> FollowupView | None:
    """The oldest due, undelivered follow-up of this person (of `kind`), marked delivered now:
    asked once, whether the scheduler's push or the next session comes first."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        due = [f for f in repo.due_followups(session, now, patient) if kind is None or f.kind == kind]
        if not due:
            return None
        due[0].delivered_at = now
        return _view(session, due[0])


def open_question(conversation_id: str, kind: str | None = None) -> FollowupView | None:
    """The latest delivered, unanswered follow-up (what an answer now refers to)."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return None
        for followup in repo.open_followups(session, patient):
            if kind is None or followup.kind == kind:
                return _view(session, followup)
        return None


def answer(conversation_id: str, followup_id: int, outcome: str) -> bool:
    """Store the answer on the follow-up and on what it follows up."""
    if outcome not in FLARE_OUTCOMES + REVIEW_OUTCOMES:
        raise ValueError(f"unknown follow-up answer {outcome!r}")
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        followup = session.get(Followup, followup_id)
        if patient is None or followup is None or followup.patient_id != patient.id:
            return False
        followup.answered_at = utcnow()
        followup.answer = outcome
        if followup.kind == "flare" and followup.ref_id:
            episode = session.get(FlareEpisode, followup.ref_id)
            if episode is not None:
                episode.outcome = outcome
        if followup.kind == "problem_solving" and followup.ref_id:
            record = session.get(ProblemSolvingRecord, followup.ref_id)
            if record is not None:
                record.outcome = outcome
                record.reviewed_at = utcnow()
        return True


def pending(conversation_id: str) -> list[Followup]:
    """All follow-ups of this person (tests and the clinician view)."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        rows = repo.followups_for(session, patient) if patient else []
        session.expunge_all()
        return rows

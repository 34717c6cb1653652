"""Problem-solving use cases: store a session in the person's own words, turn the chosen
idea into an action plan, and review it at the next check-in (Lorig, CDSMP)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.coaching.action_plan import PlanDraft, parse_plan
from bot.coaching.barriers import detect_barriers
from bot.coaching.problem_solving import Idea
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ProblemSolvingRecord, utcnow

REVIEW_AFTER = timedelta(days=7)  # the next weekly check-in (Devan et al.: boosters)


@dataclass(frozen=True)
class ProblemView:
    id: int
    problem: str
    ideas: list[Idea]
    chosen: str | None
    plan_text: str | None
    confidence: int | None
    outcome: str | None
    tried: list[str] = field(default_factory=list)
    action_plan_id: int | None = None
    created_at: datetime | None = None


def _view(record: ProblemSolvingRecord) -> ProblemView:
    return ProblemView(
        id=record.id,
        problem=record.problem_text,
        ideas=[Idea(i["text"], i.get("source", "own")) for i in record.ideas or []],
        chosen=record.chosen_idea,
        plan_text=record.plan_text,
        confidence=record.confidence,
        outcome=record.outcome,
        tried=list(record.tried_ideas or []),
        action_plan_id=record.action_plan_id,
        created_at=record.created_at,
    )


def plan_draft(plan_text: str, chosen: str) -> PlanDraft:
    """The plan as an action plan; the chosen idea stands in for a missing "what"."""
    draft = parse_plan(plan_text)
    return PlanDraft(
        what=draft.what or chosen[:300],
        how_much=draft.how_much,
        when=draft.when,
        days_per_week=draft.days_per_week,
    )


def save(
    conversation_id: str,
    problem: str,
    ideas: list[Idea],
    chosen: Idea,
    plan_text: str,
    confidence: int | None,
    origin: str = "request",
    origin_plan_id: int | None = None,
    now: datetime | None = None,
) -> ProblemView | None:
    """Store the session, add its plan to the active plans and schedule the review.
    Returns None when the person has not consented (nothing is stored)."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        draft = plan_draft(plan_text, chosen.text)
        action_plan = repo.create_plan(
            session,
            patient,
            repo.NewPlan(draft.what, draft.how_much, draft.when, draft.days_per_week, confidence),
        )
        origin_plan = repo.get_plan(session, patient, origin_plan_id) if origin_plan_id else None
        record = repo.add_problem_solving(
            session,
            patient,
            origin=origin,
            origin_plan_id=origin_plan.id if origin_plan else None,
            problem_text=problem.strip(),
            barriers=detect_barriers(problem),
            ideas=[idea.as_dict() for idea in ideas],
            chosen_idea=chosen.text,
            tried_ideas=[chosen.text],
            plan_text=plan_text.strip(),
            confidence=confidence,
            action_plan_id=action_plan.id,
        )
        repo.add_followup(session, patient, "problem_solving", now + REVIEW_AFTER, ref_id=record.id)
        return _view(record)


def records(conversation_id: str) -> list[ProblemView]:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return [_view(r) for r in repo.problem_solving_records(session, patient)] if patient else []


def get(conversation_id: str, record_id: int) -> ProblemView | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        record = repo.get_problem_solving(session, patient, record_id) if patient else None
        return _view(record) if record else None


def record_review(conversation_id: str, record_id: int, outcome: str, note: str | None = None) -> None:
    """How the chosen idea went: worked | partly | not_worked | accepted."""
    if outcome not in ("worked", "partly", "not_worked", "accepted"):
        raise ValueError(f"unknown outcome {outcome!r}")
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        record = repo.get_problem_solving(session, patient, record_id) if patient else None
        if record is not None:
            record.outcome = outcome
            record.outcome_note = (note or "")[:500] or record.outcome_note
            record.reviewed_at = utcnow()

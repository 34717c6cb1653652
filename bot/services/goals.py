"""Goal-setting use cases: consent, values, PSFS activities and action plans.

Each function opens one short transaction. Rasa actions call these with the
conversation id; nothing here knows about Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bot.coaching.action_plan import PlanDraft, describe_plan
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ActionPlan


@dataclass(frozen=True)
class PlanView:
    id: int
    what: str
    how_much: str | None
    when: str | None
    days_per_week: int | None
    confidence: int | None
    status: str

    @property
    def draft(self) -> PlanDraft:
        return PlanDraft(
            what=self.what, how_much=self.how_much, when=self.when, days_per_week=self.days_per_week
        )

    @property
    def text(self) -> str:
        return describe_plan(self.draft)


@dataclass(frozen=True)
class ActivityView:
    activity: str
    ratings: list[tuple[int, datetime]]

    @property
    def first_score(self) -> int:
        return self.ratings[0][0]

    @property
    def latest_score(self) -> int:
        return self.ratings[-1][0]


@dataclass(frozen=True)
class PatientState:
    known: bool
    consent_status: str | None = None
    name: str | None = None
    values: list[str] = field(default_factory=list)
    activities: list[ActivityView] = field(default_factory=list)
    active_plans: list[PlanView] = field(default_factory=list)

    @property
    def consented(self) -> bool:
        return self.consent_status == "given"


def _plan_view(plan: ActionPlan) -> PlanView:
    return PlanView(
        id=plan.id,
        what=plan.what,
        how_much=plan.how_much,
        when=plan.when_text,
        days_per_week=plan.days_per_week,
        confidence=plan.confidence,
        status=plan.status,
    )


def get_state(conversation_id: str) -> PatientState:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return PatientState(known=False)
        activities = [
            ActivityView(
                activity=goal.activity,
                ratings=[(rating.score, rating.rated_at) for rating in goal.ratings],
            )
            for goal in repo.active_functional_goals(session, patient)
            if goal.ratings
        ]
        return PatientState(
            known=True,
            consent_status=patient.consent_status,
            name=patient.display_name,
            values=[value.text for value in repo.active_values(session, patient)],
            activities=activities,
            active_plans=[_plan_view(plan) for plan in repo.active_plans(session, patient)],
        )


def note_contact(conversation_id: str, channel: str | None) -> None:
    """Update last-contact time for a known patient; strangers are not stored."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is not None:
            repo.touch(session, patient, conversation_id, channel)


def record_consent(
    conversation_id: str, decision: str, channel: str = "rest", name: str | None = None
) -> None:
    """Store the decision. On refusal only the refusal is kept (no name)."""
    with session_scope() as session:
        patient = repo.get_or_create_patient(session, conversation_id, channel)
        repo.record_consent(session, patient, decision)
        if decision == "given" and name:
            repo.set_display_name(patient, name)


def _consented_patient(session, conversation_id: str):  # noqa: ANN001, ANN202 - internal
    patient = repo.find_patient(session, conversation_id)
    if not repo.has_consented(patient):
        raise PermissionError("no consent on record: nothing may be stored")
    return patient


def save_value(conversation_id: str, text: str) -> None:
    with session_scope() as session:
        repo.add_value(session, _consented_patient(session, conversation_id), text)


def save_activities(conversation_id: str, rated: list[tuple[str, int]]) -> None:
    with session_scope() as session:
        patient = _consented_patient(session, conversation_id)
        existing = {goal.activity.lower(): goal for goal in repo.active_functional_goals(session, patient)}
        for activity, score in rated:
            goal = existing.get(activity.lower())
            if goal is not None:
                repo.rate_functional_goal(session, goal, score)
            else:
                repo.add_functional_goal(session, patient, activity, score)


_STOP = {"with", "the", "and", "for", "from", "into", "than", "that", "this", "some", "back", "time",
         "going", "able", "more", "less", "about", "around", "minutes", "days"}


def _stems(text: str) -> set[str]:
    """Crude stems of content words, so "walking the dog" matches "walk to the shops"."""
    stems = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if len(word) <= 3 or word in _STOP:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        if word.endswith("e") and len(word) > 3:
            word = word[:-1]  # drive/driv(ing), dance/danc(ing)
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]  # swimm(ing) -> swim, runn(ing) -> run
        stems.add(word)
    return stems


def _matching_goal(goals, what: str):  # noqa: ANN001, ANN202 - internal
    wanted = _stems(what)
    for goal in goals:
        if goal.activity.lower() in what.lower() or wanted & _stems(goal.activity):
            return goal
    return None


def save_plan(
    conversation_id: str, draft: PlanDraft, confidence: int | None, replaces_id: int | None = None
) -> PlanView:
    """Save a confirmed plan, linked to the PSFS activity it works towards if any."""
    if not draft.what:
        raise ValueError("a plan needs at least what the person will do")
    with session_scope() as session:
        patient = _consented_patient(session, conversation_id)
        replaces = repo.get_plan(session, patient, replaces_id) if replaces_id else None
        goal = _matching_goal(repo.active_functional_goals(session, patient), draft.what)
        row = repo.create_plan(
            session,
            patient,
            repo.NewPlan(
                what=draft.what,
                how_much=draft.how_much,
                when=draft.when,
                days_per_week=draft.days_per_week,
                confidence=confidence,
            ),
            functional_goal=goal,
            replaces=replaces,
        )
        return _plan_view(row)


def previous_plan(conversation_id: str, what: str, exclude_id: int | None = None) -> PlanDraft | None:
    """The last plan for a similar activity, the baseline for pacing advice."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return None
        plan = repo.latest_plan_for(session, patient, what, exclude_id=exclude_id)
        return _plan_view(plan).draft if plan else None


def ability_for(conversation_id: str, what: str) -> int | None:
    """Latest PSFS score of the activity the plan works towards, if one matches."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return None
        goal = _matching_goal(repo.active_functional_goals(session, patient), what)
        return goal.ratings[-1].score if goal and goal.ratings else None


def get_plan(conversation_id: str, plan_id: int) -> PlanView | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        plan = repo.get_plan(session, patient, plan_id) if patient else None
        return _plan_view(plan) if plan else None


def close_plan(conversation_id: str, plan_id: int, status: str, note: str | None = None) -> PlanView | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        plan = repo.get_plan(session, patient, plan_id) if patient else None
        if plan is None or plan.status != "active":
            return None
        repo.close_plan(plan, status, note)
        return _plan_view(plan)


def review_plan(conversation_id: str, plan_id: int, note: str) -> PlanView | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        plan = repo.get_plan(session, patient, plan_id) if patient else None
        if plan is None:
            return None
        repo.review_plan(plan, note)
        return _plan_view(plan)

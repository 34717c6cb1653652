"""Goal-setting use cases (bot/services/goals.py) against a real migrated SQLite file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from bot.coaching.action_plan import PlanDraft
from bot.services import goals
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ActionPlan, FunctionalGoal, Patient, PsfsRating

pytestmark = pytest.mark.usefixtures("database_url")

WALK = PlanDraft(what="walk to the letterbox", how_much="10 minutes", when="after lunch", days_per_week=4)


def consented(conversation_id: str = "conv", name: str | None = "Sarah") -> str:
    goals.record_consent(conversation_id, "given", name=name)
    return conversation_id


def plan_row(plan_id: int) -> ActionPlan:
    with session_scope() as session:
        return session.get(ActionPlan, plan_id)


def goal_id_of(activity: str, conversation_id: str = "conv") -> int:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return session.execute(
            select(FunctionalGoal.id).where(
                FunctionalGoal.patient_id == patient.id, FunctionalGoal.activity == activity
            )
        ).scalar_one()


def count(model: type) -> int:
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


# ---------------------------------------------------------------------- state


def test_a_stranger_is_unknown_and_nothing_is_stored() -> None:
    state = goals.get_state("nobody")
    assert state == goals.PatientState(known=False)
    assert not state.consented
    goals.note_contact("nobody", "telegram")  # strangers are never stored by a contact
    assert count(Patient) == 0


def test_refusal_keeps_only_the_refusal() -> None:
    goals.record_consent("conv", "refused", name="Sarah")
    state = goals.get_state("conv")
    assert state.known
    assert state.consent_status == "refused"
    assert not state.consented
    assert state.name is None
    assert (state.values, state.activities, state.active_plans) == ([], [], [])


def test_consented_state_holds_name_values_activities_and_plans() -> None:
    conv = consented(name="  Aroha ")
    goals.save_value(conv, "time with the mokopuna")
    goals.save_activities(conv, [("walking the dog", 3), ("gardening", 5)])
    saved = goals.save_plan(conv, WALK, confidence=8)
    state = goals.get_state(conv)
    assert state.consented
    assert state.name == "Aroha"
    assert state.values == ["time with the mokopuna"]
    assert [(a.activity, a.first_score, a.latest_score) for a in state.activities] == [
        ("walking the dog", 3, 3),
        ("gardening", 5, 5),
    ]
    assert state.active_plans == [saved]
    assert saved.text == "walk to the letterbox for 10 minutes after lunch, on 4 days this week"
    assert (saved.confidence, saved.status) == (8, "active")


def test_consent_after_an_earlier_refusal() -> None:
    goals.record_consent("conv", "refused")
    goals.record_consent("conv", "given", name="Mike")
    state = goals.get_state("conv")
    assert state.consented
    assert state.name == "Mike"
    assert count(Patient) == 1


# -------------------------------------------------------------------- consent


SAVES: dict[str, Callable[[str], object]] = {
    "value": lambda conv: goals.save_value(conv, "family"),
    "activities": lambda conv: goals.save_activities(conv, [("gardening", 4)]),
    "plan": lambda conv: goals.save_plan(conv, WALK, confidence=8),
}


@pytest.mark.parametrize("save", SAVES.values(), ids=SAVES.keys())
@pytest.mark.parametrize("decision", [None, "refused", "withdrawn"])
def test_nothing_is_saved_without_consent(save: Callable[[str], object], decision: str | None) -> None:
    if decision:
        goals.record_consent("conv", decision)
    with pytest.raises(PermissionError):
        save("conv")
    state = goals.get_state("conv")
    assert (state.values, state.activities, state.active_plans) == ([], [], [])
    assert count(ActionPlan) == 0


def test_a_plan_needs_an_activity() -> None:
    conv = consented()
    with pytest.raises(ValueError):
        goals.save_plan(conv, PlanDraft(how_much="10 minutes"), confidence=8)
    assert count(ActionPlan) == 0


# ----------------------------------------------------------------- activities


@pytest.mark.parametrize("again", ["walking the dog", "Walking The Dog", "WALKING THE DOG"])
def test_save_activities_rerates_an_existing_activity(again: str) -> None:
    conv = consented()
    goals.save_activities(conv, [("walking the dog", 3), ("gardening", 6)])
    goals.save_activities(conv, [(again, 6)])
    state = goals.get_state(conv)
    assert [a.activity for a in state.activities] == ["walking the dog", "gardening"]
    walking = state.activities[0]
    assert [score for score, _ in walking.ratings] == [3, 6]
    assert (walking.first_score, walking.latest_score) == (3, 6)
    assert count(FunctionalGoal) == 2
    assert count(PsfsRating) == 3


def test_save_activities_adds_new_ones_next_to_old_ones() -> None:
    conv = consented()
    goals.save_activities(conv, [("gardening", 6)])
    goals.save_activities(conv, [("driving", 2), ("gardening", 7)])
    state = goals.get_state(conv)
    assert {a.activity: [s for s, _ in a.ratings] for a in state.activities} == {
        "gardening": [6, 7],
        "driving": [2],
    }


def test_save_activities_refuses_impossible_scores_and_saves_nothing() -> None:
    conv = consented()
    with pytest.raises(ValueError):
        goals.save_activities(conv, [("gardening", 5), ("driving", 12)])
    assert goals.get_state(conv).activities == []


# ---------------------------------------------------------------------- plans


@pytest.mark.parametrize(
    ("activity", "plan_what"),
    [
        ("walking the dog", "walk to the letterbox"),
        ("walking the dog", "Walking the dog round the block"),
        ("gardening", "weed the garden"),
        ("hanging out the washing", "hang out one load of washing"),
        ("vacuuming", "vacuum the lounge"),
        pytest.param(
            "swimming",
            "swim 10 laps",
        ),
        pytest.param(
            "driving",
            "drive to the shops",
        ),
    ],
)
def test_save_plan_links_to_the_matching_psfs_activity(activity: str, plan_what: str) -> None:
    conv = consented()
    goals.save_activities(conv, [("sitting through a film", 2), (activity, 4)])
    plan = goals.save_plan(conv, PlanDraft(what=plan_what, how_much="10 minutes"), confidence=8)
    assert plan_row(plan.id).functional_goal_id == goal_id_of(activity)
    assert goals.ability_for(conv, plan_what) == 4


@pytest.mark.parametrize(
    ("activity", "plan_what"),
    [
        ("gardening", "walk to the letterbox"),
        ("sitting through a film", "gentle stretches"),
        ("driving", "swim 10 laps"),
        ("getting in and out of the car", "yoga"),
    ],
)
def test_save_plan_does_not_link_unrelated_activities(activity: str, plan_what: str) -> None:
    conv = consented()
    goals.save_activities(conv, [(activity, 4)])
    plan = goals.save_plan(conv, PlanDraft(what=plan_what), confidence=8)
    assert plan_row(plan.id).functional_goal_id is None
    assert goals.ability_for(conv, plan_what) is None


def test_ability_for_uses_the_latest_rating() -> None:
    conv = consented()
    goals.save_activities(conv, [("walking the dog", 3)])
    goals.save_activities(conv, [("walking the dog", 6)])
    assert goals.ability_for(conv, "walk to the park") == 6
    assert goals.ability_for("stranger", "walk to the park") is None


def test_save_plan_with_replaces_id_replaces_the_old_plan() -> None:
    conv = consented()
    old = goals.save_plan(conv, WALK, confidence=5)
    new = goals.save_plan(conv, PlanDraft(what="walk to the letterbox", how_much="5 minutes"), 8, old.id)
    assert plan_row(old.id).status == "replaced"
    assert [p.id for p in goals.get_state(conv).active_plans] == [new.id]


def test_previous_plan_is_the_last_similar_plan_in_any_status() -> None:
    conv = consented()
    first = goals.save_plan(conv, WALK, confidence=8)
    goals.close_plan(conv, first.id, "done")
    goals.save_plan(conv, PlanDraft(what="gentle stretches", how_much="5 minutes"), confidence=9)
    assert goals.previous_plan(conv, "walk to the letterbox") == WALK
    assert goals.previous_plan(conv, "walk to the letterbox", exclude_id=first.id) is None
    assert goals.previous_plan(conv, "swimming") is None
    assert goals.previous_plan("stranger", "walk to the letterbox") is None


def test_get_plan_and_review_plan() -> None:
    conv = consented()
    plan = goals.save_plan(conv, WALK, confidence=8)
    assert goals.get_plan(conv, plan.id) == plan
    reviewed = goals.review_plan(conv, plan.id, "partial")
    assert reviewed.status == "active"
    assert plan_row(plan.id).outcome_note == "partial"
    assert goals.get_plan(conv, 12345) is None
    assert goals.review_plan(conv, 12345, "missed") is None


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_close_plan_closes_once(status: str) -> None:
    conv = consented()
    plan = goals.save_plan(conv, WALK, confidence=8)
    closed = goals.close_plan(conv, plan.id, status, note="completed")
    assert closed is not None and closed.status == status
    assert goals.get_state(conv).active_plans == []
    # a plan that is no longer active can't be closed again
    assert goals.close_plan(conv, plan.id, "dropped") is None
    assert plan_row(plan.id).status == status


def test_close_plan_for_unknown_plan_or_person_returns_none() -> None:
    conv = consented()
    plan = goals.save_plan(conv, WALK, confidence=8)
    assert goals.close_plan(conv, plan.id + 100, "done") is None
    assert goals.close_plan("stranger", plan.id, "done") is None
    assert plan_row(plan.id).status == "active"


# ------------------------------------------------------------------ isolation


def test_two_patients_never_see_or_change_each_others_data() -> None:
    alice, bob = consented("alice", "Alice"), consented("bob", "Bob")
    goals.save_value(alice, "painting")
    goals.save_value(bob, "fishing")
    goals.save_activities(alice, [("walking the dog", 3)])
    goals.save_activities(bob, [("walking the dog", 8)])
    alice_plan = goals.save_plan(alice, WALK, confidence=8)
    bob_plan = goals.save_plan(bob, PlanDraft(what="walk to the beach", how_much="30 minutes"), confidence=9)

    a, b = goals.get_state("alice"), goals.get_state("bob")
    assert (a.name, a.values, [p.id for p in a.active_plans]) == ("Alice", ["painting"], [alice_plan.id])
    assert (b.name, b.values, [p.id for p in b.active_plans]) == ("Bob", ["fishing"], [bob_plan.id])
    assert [s for s, _ in a.activities[0].ratings] == [3]
    assert goals.ability_for(alice, "walk") == 3
    assert goals.ability_for(bob, "walk") == 8

    # Another person's plan id is invisible and untouchable.
    assert goals.get_plan(alice, bob_plan.id) is None
    assert goals.close_plan(alice, bob_plan.id, "dropped") is None
    assert goals.review_plan(alice, bob_plan.id, "missed") is None
    assert goals.previous_plan(alice, "walk to the beach") is None
    # ...and replacing it by id does nothing to it.
    goals.save_plan(alice, WALK, confidence=8, replaces_id=bob_plan.id)
    assert plan_row(bob_plan.id).status == "active"
    assert plan_row(bob_plan.id).outcome_note is None
    # Alice's new plan is linked to her own goal, not Bob's identical one.
    alice_goal = goal_id_of("walking the dog", "alice")
    assert plan_row(alice_plan.id).functional_goal_id == alice_goal

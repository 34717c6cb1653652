"""Pacer's real Rasa actions (rasa_sdk) against a real migrated SQLite database.

Trackers are built the way the action server receives them from Rasa: every
domain slot present, the latest parse in `latest_message`, and for forms the
slot candidates Rasa extracted from the latest message as `slot` events after
the `user` event (FormValidationAction validates only those).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.common import PLAN_FLOW_SLOTS
from actions.goal_setting import ActionSavePlan, ValidatePlanForm
from actions.onboarding import ActionFinishOnboarding, ActionGreet
from actions.plans import (
    FORM_SLOTS,
    ActionAskDropPlan,
    ActionCancelFlow,
    ActionDropPlan,
    ActionReportProgress,
    ActionShowPlans,
)
from actions.shared_decisions import NOTE_SLOTS, PROPOSAL_SLOTS
from bot.coaching.action_plan import PlanDraft
from bot.services import goals
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ActionPlan, ChannelIdentity

pytestmark = pytest.mark.usefixtures("database_url")

CONV = "telegram-1001"
LETTERBOX = "walk to the letterbox and back"
FULL_PLAN = {
    "plan_what": LETTERBOX,
    "plan_how_much": "10 minutes",
    "plan_when": "after lunch",
    "plan_how_often": "4",
}
LETTERBOX_TEXT = "walk to the letterbox and back for 10 minutes after lunch, on 4 days this week"


# -------------------------------------------------------------------- helpers


def make_tracker(
    domain: dict[str, Any],
    *,
    text: str = "",
    intent: str | None = "inform",
    entities: Iterable[dict[str, Any]] = (),
    slots: dict[str, Any] | None = None,
    answered: dict[str, Any] | None = None,
    form: str | None = None,
    sender_id: str = CONV,
    channel: str = "telegram",
) -> Tracker:
    """A tracker as Rasa sends it. `answered` are the slot candidates of this turn."""
    entity_list = [{"start": 0, "end": 0, "extractor": "test", **e} for e in entities]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9} if intent else {},
        "entities": entity_list,
    }
    values = {name: None for name in domain["slots"]}
    values["requested_slot"] = None
    values.update(slots or {})
    values.update(answered or {})
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest, "input_channel": channel},
    ]
    events += [{"event": "slot", "name": name, "value": value} for name, value in (answered or {}).items()]
    return Tracker(
        sender_id,
        values,
        latest,
        events,
        False,
        None,
        {"name": form} if form else {},
        "action_listen",
    )


def form_turn(
    domain: dict[str, Any],
    asked: str,
    text: str,
    *,
    intent: str = "inform",
    entities: Iterable[dict[str, Any]] = (),
    slots: dict[str, Any] | None = None,
) -> Tracker:
    """The person answers the plan form's question `asked` with `text` (from_text mapping)."""
    return make_tracker(
        domain,
        text=text,
        intent=intent,
        entities=entities,
        slots={**(slots or {}), "requested_slot": asked},
        answered={asked: text},
        form="plan_form",
    )


def run(action: Action, tracker: Tracker, domain: dict[str, Any]) -> tuple[list[dict], dict[str, Any]]:
    """Run an action; returns (bot messages, {slot: value} of the SlotSet events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return dispatcher.messages, slot_sets(events)


def run_events(action: Action, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
    return asyncio.run(action.run(CollectingDispatcher(), tracker, domain))


def slot_sets(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(messages: list[dict]) -> list[str]:
    return [m["response"] for m in messages]


def message(messages: list[dict], response: str) -> dict:
    (found,) = [m for m in messages if m["response"] == response]
    return found


def consented_patient(
    name: str = "Sarah",
    *,
    sender_id: str = CONV,
    activities: list[tuple[str, int]] | None = None,
    values: Iterable[str] = (),
) -> str:
    goals.record_consent(sender_id, "given", channel="telegram", name=name)
    for value in values:
        goals.save_value(sender_id, value)
    if activities:
        goals.save_activities(sender_id, activities)
    return sender_id


def save_plan(what: str = LETTERBOX, sender_id: str = CONV, confidence: int = 8) -> goals.PlanView:
    draft = PlanDraft(what=what, how_much="10 minutes", when="after lunch", days_per_week=4)
    return goals.save_plan(sender_id, draft, confidence)


def plan_rows(sender_id: str = CONV) -> list[ActionPlan]:
    with session_scope() as session:
        patient = repo.find_patient(session, sender_id)
        if patient is None:
            return []
        return list(
            session.execute(
                select(ActionPlan).where(ActionPlan.patient_id == patient.id).order_by(ActionPlan.id)
            ).scalars()
        )


# ----------------------------------------------------------------- onboarding


def test_greet_introduces_pacer_to_a_new_person(domain: dict[str, Any]) -> None:
    messages, slots = run(ActionGreet(), make_tracker(domain, text="hi", intent="greet"), domain)
    assert responses(messages) == ["utter_intro"]
    assert slots == {"next_step": "onboarding"}
    assert goals.get_state(CONV).known is False  # nothing stored before consent


def test_greet_treats_someone_who_refused_as_new(domain: dict[str, Any]) -> None:
    goals.record_consent(CONV, "refused")
    messages, slots = run(ActionGreet(), make_tracker(domain, text="hi", intent="greet"), domain)
    assert responses(messages) == ["utter_intro"]
    assert slots == {"next_step": "onboarding"}


def test_greet_welcomes_back_by_name_with_the_current_plan(domain: dict[str, Any]) -> None:
    goals.record_consent(CONV, "given", channel="rest", name="Sarah")
    save_plan()
    tracker = make_tracker(domain, text="kia ora", intent="greet", channel="telegram")
    messages, slots = run(ActionGreet(), tracker, domain)
    assert responses(messages) == ["utter_welcome_back", "utter_current_plan", "utter_what_next"]
    assert message(messages, "utter_welcome_back")["patient_name"] == "Sarah"
    assert message(messages, "utter_current_plan")["plan_text"] == LETTERBOX_TEXT
    assert slots == {"next_step": None, "patient_name": "Sarah"}
    with session_scope() as session:
        identity = session.execute(
            select(ChannelIdentity).where(ChannelIdentity.conversation_id == CONV)
        ).scalar_one()
        assert identity.channel == "telegram"
        assert identity.last_used_at is not None
        assert identity.patient.last_seen_at is not None


def test_greet_shows_at_most_three_plans(domain: dict[str, Any]) -> None:
    consented_patient()
    for what in ("walk", "swim", "stretch", "yoga"):
        save_plan(what)
    messages, _ = run(ActionGreet(), make_tracker(domain, text="hi", intent="greet"), domain)
    shown = [m["plan_text"] for m in messages if m["response"] == "utter_current_plan"]
    assert [text.split(" for ")[0] for text in shown] == ["do yoga", "stretch", "swim"]


def test_finish_onboarding_with_consent_stores_the_person(domain: dict[str, Any]) -> None:
    tracker = make_tracker(domain, text="Sarah", slots={"consent": "given", "patient_name": "Sarah"})
    messages, slots = run(ActionFinishOnboarding(), tracker, domain)
    assert responses(messages) == ["utter_welcome_name"]
    assert message(messages, "utter_welcome_name")["patient_name"] == "Sarah"
    assert slots == {"consent": None, "next_step": "values"}
    state = goals.get_state(CONV)
    assert (state.consent_status, state.name) == ("given", "Sarah")
    with session_scope() as session:
        patient = repo.find_patient(session, CONV)
        assert [e.decision for e in patient.consent_events] == ["given"]
        assert patient.identities[0].channel == "telegram"


def test_finish_onboarding_after_refusal_stores_only_the_refusal(domain: dict[str, Any]) -> None:
    tracker = make_tracker(
        domain, text="no", intent="deny", slots={"consent": "refused", "patient_name": "Sarah"}
    )
    messages, slots = run(ActionFinishOnboarding(), tracker, domain)
    assert responses(messages) == ["utter_consent_refused"]
    assert slots == {"consent": None, "patient_name": None, "next_step": None}
    state = goals.get_state(CONV)
    assert (state.consent_status, state.name) == ("refused", None)
    with pytest.raises(PermissionError):
        goals.save_value(CONV, "family")


# ------------------------------------------------------------------ plan form


def test_whole_plan_in_one_message_fills_all_four_parts(domain: dict[str, Any]) -> None:
    tracker = form_turn(
        domain, "plan_what", "walk to the letterbox and back, 10 minutes, after lunch, 4 days"
    )
    messages, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {**FULL_PLAN, "requested_slot": "plan_confirmed"}
    assert messages == []


@pytest.mark.parametrize(
    ("asked", "text", "expected"),
    [
        (
            "plan_what",
            "gentle stretches",
            {"plan_what": "gentle stretches", "requested_slot": "plan_how_much"},
        ),
        ("plan_how_much", "10", {"plan_how_much": "10 minutes", "requested_slot": "plan_when"}),
        ("plan_when", "in the arvo", {"plan_when": "in the afternoon", "requested_slot": "plan_how_often"}),
        ("plan_how_often", "every day", {"plan_how_often": "7", "requested_slot": "plan_confirmed"}),
    ],
)
def test_each_part_answered_on_its_own(
    domain: dict[str, Any], asked: str, text: str, expected: dict[str, Any]
) -> None:
    order = list(FULL_PLAN)
    filled = {slot: FULL_PLAN[slot] for slot in order[: order.index(asked)]}  # parts asked before
    _, slots = run(ValidatePlanForm(), form_turn(domain, asked, text, slots=filled), domain)
    assert slots == expected


def test_unsure_about_what_offers_the_persons_own_activities(domain: dict[str, Any]) -> None:
    consented_patient(activities=[("walking the dog", 3), ("gardening", 5)])
    messages, slots = run(ValidatePlanForm(), form_turn(domain, "plan_what", "not sure"), domain)
    assert slots == {"plan_what": None, "requested_slot": "plan_what", "ask_attempts": "plan_what:1"}
    ideas = message(messages, "utter_plan_ideas")
    assert [b["payload"] for b in ideas["buttons"]] == ["walking the dog", "gardening"]


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("make it 2 days", {"plan_how_often": "2"}),
        ("actually 5 minutes instead", {"plan_how_much": "5 minutes"}),
        ("after dinner instead", {"plan_when": "after dinner"}),
        ("no, 2 days", {"plan_how_often": "2"}),
        ("scratch that, 3 days", {"plan_how_often": "3"}),
        pytest.param(
            "change it to mornings",
            {"plan_when": "in the morning"},
        ),
        pytest.param(
            "can we do 5 minutes instead",
            {"plan_how_much": "5 minutes"},
        ),
    ],
)
def test_correction_at_the_confirm_step_changes_only_that_part(
    domain: dict[str, Any], text: str, changed: dict[str, Any]
) -> None:
    tracker = form_turn(domain, "plan_confirmed", text, intent="change_plan", slots=FULL_PLAN)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots.pop("plan_what", LETTERBOX) == LETTERBOX  # the activity is never overwritten
    assert slots == {**changed, "plan_confirmed": None, "requested_slot": "plan_confirmed"}


def test_change_of_mind_about_the_activity_at_the_confirm_step(domain: dict[str, Any]) -> None:
    tracker = form_turn(domain, "plan_confirmed", "actually swimming instead", slots=FULL_PLAN)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_what": "swimming", "plan_confirmed": None, "requested_slot": "plan_confirmed"}


@pytest.mark.parametrize("text", ["yes thats right", "yep", "Yes, that's right", "perfect"])
def test_yes_at_the_confirm_step_confirms(domain: dict[str, Any], text: str) -> None:
    tracker = form_turn(domain, "plan_confirmed", text, intent="affirm", slots=FULL_PLAN)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_confirmed": True, "requested_slot": "plan_confidence"}


def test_no_at_the_confirm_step_asks_what_to_change(domain: dict[str, Any]) -> None:
    tracker = form_turn(domain, "plan_confirmed", "/deny", intent="deny", slots=FULL_PLAN)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_confirmed": False, "requested_slot": "plan_change"}


def test_plan_change_button_clears_the_chosen_part(domain: dict[str, Any]) -> None:
    tracker = form_turn(
        domain,
        "plan_change",
        '/inform{"plan_field":"when"}',
        entities=[{"entity": "plan_field", "value": "when"}],
        slots={**FULL_PLAN, "plan_confirmed": False},
    )
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {
        "plan_when": None,
        "plan_change": None,
        "plan_confirmed": None,
        "requested_slot": "plan_when",
    }


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [
        (
            None,
            [
                "plan_what",
                "plan_how_much",
                "plan_when",
                "plan_how_often",
                "plan_confirmed",
                "plan_confidence",
            ],
        ),
        (
            8,
            [
                "plan_what",
                "plan_how_much",
                "plan_when",
                "plan_how_often",
                "plan_confirmed",
                "plan_confidence",
            ],
        ),
        (
            7,
            [
                "plan_what",
                "plan_how_much",
                "plan_when",
                "plan_how_often",
                "plan_confirmed",
                "plan_confidence",
            ],
        ),
        (
            6,
            [
                "plan_what",
                "plan_how_much",
                "plan_when",
                "plan_how_often",
                "plan_confirmed",
                "plan_confidence",
                "plan_revision",
            ],
        ),
        (
            "4",
            [
                "plan_what",
                "plan_how_much",
                "plan_when",
                "plan_how_often",
                "plan_confirmed",
                "plan_confidence",
                "plan_revision",
            ],
        ),
    ],
)
def test_required_slots_add_revision_below_7(
    domain: dict[str, Any], confidence: Any, expected: list[str]
) -> None:
    tracker = make_tracker(domain, slots={**FULL_PLAN, "plan_confirmed": True, "plan_confidence": confidence})
    form = ValidatePlanForm()
    required = asyncio.run(
        form.required_slots(form.domain_slots(domain), CollectingDispatcher(), tracker, domain)
    )
    assert required == expected


def test_required_slots_ask_what_to_change_after_a_no(domain: dict[str, Any]) -> None:
    tracker = make_tracker(domain, slots={**FULL_PLAN, "plan_confirmed": False})
    form = ValidatePlanForm()
    required = asyncio.run(form.required_slots([], CollectingDispatcher(), tracker, domain))
    assert required.index("plan_change") == required.index("plan_confirmed") - 1


@pytest.mark.parametrize(
    ("text", "score", "next_slot"),
    [("4", 4, "plan_revision"), ("about a 6", 6, "plan_revision"), ("8", 8, None), ("7/10", 7, None)],
)
def test_confidence_answer(domain: dict[str, Any], text: str, score: int, next_slot: str | None) -> None:
    tracker = form_turn(domain, "plan_confidence", text, slots={**FULL_PLAN, "plan_confirmed": True})
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_confidence": score, "plan_revision": None, "requested_slot": next_slot}


def test_confidence_that_is_not_a_number_is_asked_again(domain: dict[str, Any]) -> None:
    tracker = form_turn(
        domain, "plan_confidence", "hmm hard to say", slots={**FULL_PLAN, "plan_confirmed": True}
    )
    messages, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_confidence": None, "requested_slot": "plan_confidence",
                     "ask_attempts": "plan_confidence:1"}  # the next ask comes with an example
    assert responses(messages) == ["utter_confidence_unclear"]


LOW_CONFIDENCE = {**FULL_PLAN, "plan_confirmed": True, "plan_confidence": 4.0}


@pytest.mark.parametrize(
    ("option", "changed"),
    [
        ("0", {"plan_how_much": "5 minutes"}),
        ("1", {"plan_how_often": "3"}),
        ("2", {"plan_how_much": "5 minutes", "plan_how_often": "3"}),
    ],
)
def test_revision_button_applies_the_smaller_plan(
    domain: dict[str, Any], option: str, changed: dict[str, Any]
) -> None:
    tracker = form_turn(
        domain,
        "plan_revision",
        f'/inform{{"plan_option":"{option}"}}',
        entities=[{"entity": "plan_option", "value": option}],
        slots=LOW_CONFIDENCE,
    )
    _, slots = run(ValidatePlanForm(), tracker, domain)
    plan = {slot: slots.get(slot, value) for slot, value in FULL_PLAN.items()}
    assert plan == {**FULL_PLAN, **changed}
    assert slots["plan_confidence"] is None  # the smaller plan is rated afresh
    assert slots["plan_revision"] is None
    assert slots["requested_slot"] == "plan_confidence"


@pytest.mark.parametrize(
    ("text", "entities", "intent"),
    [
        ('/inform{"plan_option":"keep"}', [{"entity": "plan_option", "value": "keep"}], "inform"),
        ("keep it as it is", [], "inform"),
        ("no", [], "deny"),
    ],
)
def test_keeping_a_low_confidence_plan(
    domain: dict[str, Any], text: str, entities: list[dict[str, Any]], intent: str
) -> None:
    tracker = form_turn(domain, "plan_revision", text, entities=entities, intent=intent, slots=LOW_CONFIDENCE)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_revision": "kept", "requested_slot": None}


def test_revision_by_ordinal_words(domain: dict[str, Any]) -> None:
    tracker = form_turn(domain, "plan_revision", "the second one please", slots=LOW_CONFIDENCE)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots["plan_how_often"] == "3"
    assert slots.get("plan_how_much", "10 minutes") == "10 minutes"
    assert slots["requested_slot"] == "plan_confidence"


# ---------------------------------------------------------------- saving plans


def test_save_plan_stores_the_plan_and_resets_the_flow(domain: dict[str, Any]) -> None:
    consented_patient(activities=[("walking the dog", 3)])
    tracker = make_tracker(
        domain,
        slots={
            **FULL_PLAN,
            "plan_confirmed": True,
            "plan_confidence": 8.0,
            "pacing_offered": True,
            "patient_name": "Sarah",
            "next_step": "plan",
        },
    )
    messages, slots = run(ActionSavePlan(), tracker, domain)
    assert responses(messages) == ["utter_plan_saved"]
    assert message(messages, "utter_plan_saved")["plan_text"] == LETTERBOX_TEXT
    assert slots == {**dict.fromkeys(PLAN_FLOW_SLOTS), "next_step": None}
    assert "patient_name" not in slots
    (row,) = plan_rows()
    assert (row.what, row.how_much, row.when_text, row.days_per_week, row.confidence, row.status) == (
        LETTERBOX,
        "10 minutes",
        "after lunch",
        4,
        8,
        "active",
    )
    assert row.functional_goal_id is not None  # linked to "walking the dog"


def test_save_low_confidence_plan_that_was_kept(domain: dict[str, Any]) -> None:
    consented_patient()
    tracker = make_tracker(domain, slots={**LOW_CONFIDENCE, "plan_revision": "kept"})
    messages, _ = run(ActionSavePlan(), tracker, domain)
    assert responses(messages) == ["utter_plan_saved", "utter_plan_saved_low_confidence"]
    assert [row.confidence for row in plan_rows()] == [4]


def test_save_plan_replacing_an_old_plan(domain: dict[str, Any]) -> None:
    consented_patient()
    old = save_plan()
    tracker = make_tracker(
        domain,
        slots={
            **FULL_PLAN,
            "plan_how_much": "5 minutes",
            "plan_confidence": 9.0,
            "replacing_plan_id": float(old.id),
        },
    )
    run(ActionSavePlan(), tracker, domain)
    rows = plan_rows()
    assert [(r.id == old.id, r.status, r.how_much) for r in rows] == [
        (True, "replaced", "10 minutes"),
        (False, "active", "5 minutes"),
    ]


def test_save_plan_without_an_activity_saves_nothing(domain: dict[str, Any]) -> None:
    consented_patient()
    tracker = make_tracker(domain, slots={"plan_how_much": "10 minutes", "plan_confidence": 8.0})
    messages, slots = run(ActionSavePlan(), tracker, domain)
    assert responses(messages) == ["utter_flow_cancelled"]
    assert slots["plan_how_much"] is None
    assert plan_rows() == []


# ------------------------------------------------------------ showing plans


def test_show_plans_lists_values_plans_and_psfs_scores(domain: dict[str, Any]) -> None:
    consented_patient(
        values=["time with the grandkids"], activities=[("walking the dog", 3), ("gardening", 5)]
    )
    goals.save_activities(CONV, [("walking the dog", 6)])
    plan = save_plan()
    messages, slots = run(
        ActionShowPlans(), make_tracker(domain, text="show my plans", intent="show_plans"), domain
    )
    assert slots == {}
    assert responses(messages) == [
        "utter_your_values",
        "utter_plans_header",
        "utter_plan_options",
        "utter_psfs_summary",
    ]
    assert message(messages, "utter_your_values")["values_text"] == "time with the grandkids"
    assert message(messages, "utter_plans_header")["plans_text"] == f"• {LETTERBOX_TEXT} (confidence 8/10)"
    payloads = [b["payload"] for b in message(messages, "utter_plan_options")["buttons"]]
    assert payloads == [
        f'/report_progress{{"plan_id":"{plan.id}","outcome":"done"}}',
        f'/change_plan{{"plan_id":"{plan.id}"}}',
        f'/drop_plan{{"plan_id":"{plan.id}"}}',
    ]
    lines = message(messages, "utter_psfs_summary")["psfs_text"].splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("• walking the dog: 6/10 (up 3 since ")
    assert lines[1].startswith("• gardening: 5/10 (first rating")


def test_show_plans_without_plans(domain: dict[str, Any]) -> None:
    consented_patient()
    messages, _ = run(ActionShowPlans(), make_tracker(domain, intent="show_plans"), domain)
    assert responses(messages) == ["utter_no_plans"]


def test_show_plans_for_someone_not_set_up(domain: dict[str, Any]) -> None:
    messages, _ = run(ActionShowPlans(), make_tracker(domain, intent="show_plans"), domain)
    assert responses(messages) == ["utter_not_set_up"]


def test_show_plans_never_shows_someone_elses_plan(domain: dict[str, Any]) -> None:
    consented_patient("Bob", sender_id="bob")
    save_plan("swim at the pools", sender_id="bob")
    consented_patient()
    messages, _ = run(ActionShowPlans(), make_tracker(domain, intent="show_plans"), domain)
    assert responses(messages) == ["utter_no_plans"]


# ------------------------------------------------------- done, drop, cancel


def test_plan_done_closes_the_only_active_plan(domain: dict[str, Any]) -> None:
    consented_patient()
    plan = save_plan()
    tracker = make_tracker(domain, text="I did it!", intent="report_progress")
    messages, slots = run(ActionReportProgress(), tracker, domain)
    assert responses(messages) == ["utter_plan_done", "utter_offer_next_plan"]
    assert message(messages, "utter_plan_done")["plan_what"] == LETTERBOX
    assert slots == {"pending_plan_id": None, "progress_outcome": "done"}
    (row,) = plan_rows()
    assert (row.id, row.status, row.outcome_note) == (plan.id, "done", "completed")
    assert row.closed_at is not None


def test_plan_done_button_closes_the_chosen_plan(domain: dict[str, Any]) -> None:
    consented_patient()
    walk, swim = save_plan("walk"), save_plan("swim")
    tracker = make_tracker(
        domain,
        text=f'/report_progress{{"plan_id":"{swim.id}","outcome":"done"}}',
        intent="report_progress",
        entities=[{"entity": "plan_id", "value": str(swim.id)}, {"entity": "outcome", "value": "done"}],
    )
    run(ActionReportProgress(), tracker, domain)
    assert {row.what: row.status for row in plan_rows()} == {"walk": "active", "swim": "done"}
    assert walk.id != swim.id


def test_plan_done_with_several_plans_asks_which(domain: dict[str, Any]) -> None:
    consented_patient()
    save_plan("walk")
    save_plan("swim")
    messages, _ = run(
        ActionReportProgress(), make_tracker(domain, text="done", intent="report_progress"), domain
    )
    assert responses(messages) == ["utter_which_plan"]
    assert [b["title"] for b in message(messages, "utter_which_plan")["buttons"]] == ["swim", "walk"]
    assert {row.status for row in plan_rows()} == {"active"}


def test_missed_week_in_their_own_words_is_reviewed_not_closed(domain: dict[str, Any]) -> None:
    consented_patient()
    plan = save_plan()
    tracker = make_tracker(domain, text="didnt manage any of it, back was awful", intent="report_progress")
    messages, slots = run(ActionReportProgress(), tracker, domain)
    assert responses(messages) == ["utter_progress_missed", "utter_offer_adjust"]
    assert slots == {"pending_plan_id": plan.id, "progress_outcome": "missed"}
    (row,) = plan_rows()
    assert row.status == "active"
    assert row.reviewed_at is not None


def test_unclear_report_asks_how_much_with_buttons(domain: dict[str, Any]) -> None:
    consented_patient()
    plan = save_plan()
    tracker = make_tracker(domain, text="about my walking plan", intent="report_progress")
    messages, slots = run(ActionReportProgress(), tracker, domain)
    assert responses(messages) == ["utter_ask_progress_outcome"]
    payloads = [b["payload"] for b in message(messages, "utter_ask_progress_outcome")["buttons"]]
    assert payloads == [
        f'/report_progress{{"plan_id":"{plan.id}","outcome":"{outcome}"}}'
        for outcome in ("done", "partial", "missed")
    ]
    assert slots == {"progress_outcome": None, "pending_plan_id": plan.id}
    assert [row.status for row in plan_rows()] == ["active"]


def test_plan_done_ignores_another_persons_plan_id(domain: dict[str, Any]) -> None:
    consented_patient("Bob", sender_id="bob")
    bobs = save_plan("swim", sender_id="bob")
    consented_patient()
    tracker = make_tracker(
        domain, intent="report_progress", entities=[{"entity": "plan_id", "value": str(bobs.id)}]
    )
    messages, _ = run(ActionReportProgress(), tracker, domain)
    assert responses(messages) == ["utter_no_plans"]
    assert [row.status for row in plan_rows("bob")] == ["active"]


def test_ask_drop_then_drop(domain: dict[str, Any]) -> None:
    consented_patient()
    keep, drop = save_plan("walk"), save_plan("swim")
    ask = make_tracker(
        domain,
        text=f'/drop_plan{{"plan_id":"{drop.id}"}}',
        intent="drop_plan",
        entities=[{"entity": "plan_id", "value": str(drop.id)}],
    )
    messages, slots = run(ActionAskDropPlan(), ask, domain)
    assert responses(messages) == ["utter_confirm_drop"]
    assert message(messages, "utter_confirm_drop")["plan_what"] == "swim"
    assert slots == {"pending_plan_id": drop.id}
    assert {row.what: row.status for row in plan_rows()} == {"walk": "active", "swim": "active"}

    confirm = make_tracker(domain, text="yes", intent="affirm", slots={"pending_plan_id": float(drop.id)})
    messages, slots = run(ActionDropPlan(), confirm, domain)
    assert responses(messages) == ["utter_plan_dropped"]
    assert slots == {"pending_plan_id": None}
    assert {row.what: row.status for row in plan_rows()} == {"walk": "active", "swim": "dropped"}
    assert keep.id != drop.id

    # Dropping it again (a double tap on the button) changes nothing.
    messages, _ = run(ActionDropPlan(), confirm, domain)
    assert responses(messages) == ["utter_nothing_to_drop"]


def test_drop_plan_without_a_pending_plan(domain: dict[str, Any]) -> None:
    consented_patient()
    save_plan()
    messages, slots = run(ActionDropPlan(), make_tracker(domain, intent="affirm"), domain)
    assert responses(messages) == ["utter_nothing_to_drop"]
    assert [row.status for row in plan_rows()] == ["active"]


def test_drop_plan_cannot_drop_another_persons_plan(domain: dict[str, Any]) -> None:
    consented_patient("Bob", sender_id="bob")
    bobs = save_plan("swim", sender_id="bob")
    consented_patient()
    tracker = make_tracker(domain, intent="affirm", slots={"pending_plan_id": float(bobs.id)})
    messages, _ = run(ActionDropPlan(), tracker, domain)
    assert responses(messages) == ["utter_nothing_to_drop"]
    assert [row.status for row in plan_rows("bob")] == ["active"]


def test_cancel_flow_leaves_the_form_and_keeps_the_name(domain: dict[str, Any]) -> None:
    tracker = make_tracker(
        domain,
        text="stop",
        intent="cancel",
        slots={**FULL_PLAN, "patient_name": "Sarah", "requested_slot": "plan_confirmed", "psfs_count": 2.0},
        form="plan_form",
    )
    events = run_events(ActionCancelFlow(), tracker, domain)
    loops = [e for e in events if e["event"] == "active_loop"]
    assert loops == [{"event": "active_loop", "timestamp": None, "name": None}]
    slots = slot_sets(events)
    assert "patient_name" not in slots
    assert all(value is None for value in slots.values())
    shared = {*PROPOSAL_SLOTS, *NOTE_SLOTS, "note_route"}  # a note reply or a clinician's proposal
    assert set(FORM_SLOTS) | {"requested_slot", "next_step", "pending_plan_id"} | shared == set(slots)
    assert set(PLAN_FLOW_SLOTS) <= set(slots)


# ------------------------------------------- one answer parser (issue 14)


def test_an_amount_at_the_activity_question_is_kept_and_only_the_activity_asked(
    domain: dict[str, Any],
) -> None:
    tracker = form_turn(domain, "plan_what", "half an hour a go")
    messages, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_how_much": "30 minutes", "plan_what": None, "requested_slot": "plan_what"}
    assert message(messages, "utter_plan_part_kept")["kept_text"] == "30 minutes"


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("nope, 5 minutes not 10 lol", {"plan_how_much": "5 minutes"}),
        ("ugh no i didnt want 4 days, 2 days is heaps", {"plan_how_often": "2"}),
        ("actually sat and sun would suit me better", {"plan_how_often": "2",
                                                      "plan_when": "after lunch at the weekend"}),
        ("hmm make it friday not tuesday", {"plan_how_often": "2",
                                            "plan_when": "after lunch on Monday and Friday"}),
    ],
)
def test_a_correction_changes_one_part_without_chatter_or_ruled_out_parts(
    domain: dict[str, Any], text: str, changed: dict[str, Any]
) -> None:
    plan = {**FULL_PLAN, "plan_when": "after lunch on Monday and Tuesday", "plan_how_often": "2"} if (
        "tuesday" in text) else FULL_PLAN
    tracker = form_turn(domain, "plan_confirmed", text, intent="deny", slots=plan)
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {**changed, "plan_confirmed": None, "requested_slot": "plan_confirmed"}


def test_a_shrug_at_the_activity_question_is_not_stored(domain: dict[str, Any]) -> None:
    tracker = form_turn(domain, "plan_what", "meh whatever")
    _, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots.get("plan_what") is None


def test_a_long_story_at_the_activity_question_asks_for_the_short_version(domain: dict[str, Any]) -> None:
    story = ("well it's complicated, my physio wants me moving more and my daughter keeps on at me about it, "
             "and honestly most days the pain is so up and down that I never know what I'll manage, "
             "some weeks are fine and some are a write off")
    tracker = form_turn(domain, "plan_what", story)
    messages, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots.get("plan_what") is None
    assert "utter_plan_ask_short" in responses(messages)


def test_a_boom_and_bust_story_is_heard_not_stored(domain: dict[str, Any]) -> None:
    tracker = form_turn(domain, "plan_how_much", "not sure, last time i did an hour i was laid up for 2 days",
                        slots={"plan_what": LETTERBOX})
    messages, slots = run(ValidatePlanForm(), tracker, domain)
    assert slots == {"plan_how_much": None, "requested_slot": "plan_how_much"}
    assert responses(messages)[0] == "utter_heard_boom_bust"


def test_a_proposed_activity_is_not_rated_from_the_button_that_opened_it(domain: dict[str, Any]) -> None:
    """The opening action clears the rating in the turn of the button; the button's payload
    ('..."proposal_id":"1"}') once became a rating of 1/10 nobody gave."""
    from actions.shared_decisions import ValidateProposalPsfsForm

    payload = '/proposal_answer{"proposal_choice":"change","proposal_id":"1"}'
    opening = make_tracker(domain, text=payload, intent="proposal_answer",
                           answered={"proposal_psfs_score": None}, form="proposal_psfs_form")
    events = run_events(ValidateProposalPsfsForm(), opening, domain)
    assert {"event": "slot", "name": "proposal_psfs_score", "value": None, "timestamp": None} in events

    asked = make_tracker(domain, text="about a 4 i reckon", slots={"requested_slot": "proposal_psfs_score"},
                         answered={"proposal_psfs_score": "about a 4 i reckon"}, form="proposal_psfs_form")
    events = run_events(ValidateProposalPsfsForm(), asked, domain)
    assert {"event": "slot", "name": "proposal_psfs_score", "value": 4, "timestamp": None} in events

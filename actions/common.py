"""Helpers shared by Pacer's Rasa actions."""

from __future__ import annotations

import json
import logging
from functools import cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import training
from bot.coaching.action_plan import PlanDraft
from bot.services import goals

logger = logging.getLogger(__name__)

# Slots of the plan form, in the order the form asks them.
PLAN_FIELD_SLOTS = {
    "what": "plan_what",
    "how_much": "plan_how_much",
    "when": "plan_when",
    "how_often": "plan_how_often",
}
#: What a flow keeps besides its form's answers (ids, counters, what was offered), by form:
#: cleared together with the answers when the flow ends or is cancelled (``flow_slots``).
FLOW_STATE_SLOTS: dict[str, tuple[str, ...]] = {
    "psfs_form": ("psfs_count", "psfs_activity_0", "psfs_activity_1", "psfs_activity_2"),
    "plan_form": ("pacing_offered", "replacing_plan_id"),
    "problem_form": ("ps_ideas", "ps_revised", "ps_origin_plan_id"),
    "flare_plan_form": ("fp_editing",),
    "flare_form": ("flare_step",),
    "checkin_form": ("checkin_delivery_id", "checkin_plan_text", "checkin_snoozed", "checkin_note",
                     "checkin_psfs_activity_0", "checkin_psfs_activity_1", "checkin_psfs_activity_2"),
    "proposal_psfs_form": ("proposal_id", "proposal_kind", "proposal_choice", "proposal_route",
                           "proposal_author"),
    "note_reply_form": ("note_id", "note_author"),
}


@cache
def form_slots(*forms: str) -> tuple[str, ...]:
    """The slots the named forms ask for, in asking order, as the domain declares them
    (domain/*.yml, the files the model is trained from): a slot added to a form is reset
    with it. An unknown form raises KeyError rather than resetting nothing."""
    declared = training.domain_dict()["forms"]
    return tuple(slot for form in forms for slot in declared[form]["required_slots"])


@cache
def response_texts(*responses: str) -> frozenset[str]:
    """Every text variant of the named responses, as the domain files declare them (rasa
    sends the domain only to the validation actions: endpoints.yml, enable_selective_domain)."""
    declared = training.domain_dict()["responses"]
    return frozenset(variant.get("text") for name in responses for variant in declared.get(name, []))


def flow_slots(*forms: str) -> tuple[str, ...]:
    """Everything the flows of the named forms hold: the answers and the bookkeeping."""
    return tuple(slot for form in forms for slot in (*form_slots(form), *FLOW_STATE_SLOTS.get(form, ())))


PLAN_FLOW_SLOTS = flow_slots("plan_form")
NOT_AN_ANSWER_INTENTS = {"greet", "goodbye", "thank", "out_of_scope", "show_plans"}


def payload(intent: str, **entities: object) -> str:
    """A button payload that names the intent and carries entities (Rasa's `/intent{json}` form).

    Every button that sends an intent is built here, so the JSON is always valid (quotes in
    a value are escaped) and entity values are strings, as Rasa's slot mappings read them."""
    clean = {key: str(value) for key, value in entities.items() if value is not None}
    return f"/{intent}{json.dumps(clean, separators=(',', ':'))}" if clean else f"/{intent}"


def button(title: str, intent: str, **entities: object) -> dict[str, str]:
    """A button that sends `intent` with `entities`, whatever the patient's channel."""
    return {"title": title, "payload": payload(intent, **entities)}


def reply_button(title: str, text: str | None = None) -> dict[str, str]:
    """A button that types an answer for the patient (`text`, else the title): read by NLU
    and the form's validator like anything they type ("10", "a short walk")."""
    return {"title": title, "payload": title if text is None else text}


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_entity(tracker: Tracker, entity: str) -> str | None:
    value = next(tracker.get_latest_entity_values(entity), None)
    return None if value is None else str(value)


def channel_of(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


def as_int(value: Any) -> int | None:
    try:
        return None if value is None else int(float(value))
    except (TypeError, ValueError):
        return None


def _days(value: Any) -> int | None:
    days = as_int(value)
    return days if days is not None and 1 <= days <= 7 else None


def draft_from_slots(tracker: Tracker, overrides: dict[str, Any] | None = None) -> PlanDraft:
    """The plan as the form holds it, with this turn's validated values on top."""
    values = {slot: tracker.get_slot(slot) for slot in PLAN_FIELD_SLOTS.values()}
    values.update(overrides or {})
    return draft_from_values(values)


def draft_from_values(values: dict[str, Any]) -> PlanDraft:
    """A plan from plan-form slot values (missing ones stay empty)."""
    values = {slot: values.get(slot) for slot in PLAN_FIELD_SLOTS.values()}
    return PlanDraft(
        what=values["plan_what"] or None,
        how_much=values["plan_how_much"] or None,
        when=values["plan_when"] or None,
        days_per_week=_days(values["plan_how_often"]),
    )


def slots_from_draft(draft: PlanDraft, only_set: bool = True) -> dict[str, Any]:
    slots = {
        "plan_what": draft.what,
        "plan_how_much": draft.how_much,
        "plan_when": draft.when,
        "plan_how_often": None if draft.days_per_week is None else str(draft.days_per_week),
    }
    return {k: v for k, v in slots.items() if v is not None} if only_set else slots


def prefilled(tracker: Tracker, slot: str) -> bool:
    """Set by the action that opened the form (a clinician's proposal, a plan being changed),
    not typed as an answer: nothing was asked yet, so the message that opened the form
    ("yeah ok I'll give that a go") is no answer to any part and must not overwrite it."""
    return tracker.get_slot("requested_slot") is None and tracker.get_slot(slot) is not None


def consented_state(tracker: Tracker, dispatcher: CollectingDispatcher) -> goals.PatientState | None:
    """The patient's stored state, or None after telling someone who has not set up (given
    consent) yet that this needs them to: the guard every coaching flow starts with."""
    state = goals.get_state(tracker.sender_id)
    if not state.consented:
        dispatcher.utter_message(response="utter_not_set_up")
        return None
    return state

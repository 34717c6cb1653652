"""Distress support: validate, offer PHQ-4, a guided breathing exercise, a pleasant activity."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import as_int, latest_text
from actions.digressions import GuardedFormValidation
from bot.clinic import contact_line, load_clinic
from bot.coaching.phq4 import ITEMS, Phq4, parse_item
from bot.coaching.resources import need_for_distress
from bot.services import resources, wellbeing

PHQ_SLOTS = tuple(f"phq_{item}" for item in ITEMS)
# Slow breathing with a longer out-breath, as taught in pain programmes
# (Hestmann et al., seed 001: relaxation, stretching, breathing).
BREATHING_STEPS = 5


class ActionDistressSupport(Action):
    def name(self) -> str:
        return "action_distress_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_distress_validate")
        # The clinic's groups and services join the options when one fits what they said.
        need = need_for_distress(latest_text(tracker))
        if resources.preview(tracker.sender_id, need):
            dispatcher.utter_message(response="utter_distress_options_resources")
        else:
            dispatcher.utter_message(response="utter_distress_options")
        return []


class ValidatePhq4Form(GuardedFormValidation):
    def name(self) -> str:
        return "validate_phq4_form"

    def _item(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        score = parse_item(latest_text(tracker))
        if score is None:
            dispatcher.utter_message(response="utter_phq_unclear")
        return {slot: score}

    def validate_phq_interest(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._item("phq_interest", dispatcher, tracker)

    def validate_phq_down(self, value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._item("phq_down", dispatcher, tracker)

    def validate_phq_nervous(self, value: Any, dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._item("phq_nervous", dispatcher, tracker)

    def validate_phq_worry(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._item("phq_worry", dispatcher, tracker)


class ActionSavePhq4(Action):
    """Store the answers and give the result first; rules then offer matching resources."""

    def name(self) -> str:
        return "action_save_phq4"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        scores = [as_int(tracker.get_slot(slot)) for slot in PHQ_SLOTS]
        reset = [SlotSet(slot, None) for slot in PHQ_SLOTS]
        if any(score is None for score in scores):
            return reset
        result = Phq4(*scores)
        stored = wellbeing.save_phq4(tracker.sender_id, result)
        if result.needs_follow_up:
            dispatcher.utter_message(
                response="utter_phq_follow_up", clinic_line=contact_line(load_clinic())
            )
        else:
            dispatcher.utter_message(response="utter_phq_thanks")
        if not stored:
            dispatcher.utter_message(response="utter_phq_not_stored")
        return reset


class ActionBreathingStep(Action):
    """One step per message, so the person sets the pace (and Rasa's per-turn limit holds)."""

    def name(self) -> str:
        return "action_breathing_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        step = (as_int(tracker.get_slot("breathing_step")) or 0) + 1
        dispatcher.utter_message(response=f"utter_breathing_{step}")
        if step >= BREATHING_STEPS:
            return [SlotSet("breathing_step", None)]
        return [SlotSet("breathing_step", step)]


class ActionPleasantActivity(Action):
    def name(self) -> str:
        return "action_pleasant_activity"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_pleasant_activity")
        dispatcher.utter_message(response="utter_pleasant_plan_offer")
        return []

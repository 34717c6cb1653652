"""Flare-up plans written in advance (edited one section at a time) and support during
a flare: a red-flag screen, then the person's own plan (or a default) one step per
message, and a next-day follow-up question."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    NOT_AN_ANSWER_INTENTS,
    as_int,
    button,
    channel_of,
    consented_state,
    flow_slots,
    latest_entity,
    latest_intent,
    latest_text,
)
from actions.digressions import ActionOfferResume, GuardedFormValidation
from actions.education import answer_question_in_form
from bot.clinic import contact_line, load_clinic
from bot.coaching import safety_lexicon
from bot.coaching.flare_plan import (
    SECTION_KEYS,
    SECTIONS,
    SEEK_CARE_DEFAULT,
    FlarePlan,
    describe,
    has_a_warning_sign,
    has_no_warning_signs,
    parse_helps,
    section_from_text,
    skips_section,
    walkthrough,
    wants_suggested,
    wants_to_stop,
)
from bot.services import flare, goals, safety

FP_SLOTS = flow_slots("flare_plan_form")
FLARE_SLOTS = flow_slots("flare_form")
SKIPPED = "(skipped)"
# Red flags during a flare are the emergency kind (cauda equina, progressive weakness,
# infection, trauma): NICE NG59; GIRFT National Suspected Cauda Equina Pathway 2023.
SCREEN_CATEGORY = "flare_screen"


def _section_buttons() -> list[dict[str, str]]:
    return [
        button(section.label.split(",")[0], "make_flare_plan", flare_section=section.key)
        for section in SECTIONS
    ]


# --- writing and editing the plan ---------------------------------------------------


class ActionStartFlarePlan(Action):
    """New plan: all five sections. Existing plan: show it and edit the section named."""

    def name(self) -> str:
        return "action_start_flare_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = consented_state(tracker, dispatcher)
        if state is None:
            return [SlotSet("coaching_step", None)]
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        plan = flare.get_plan(tracker.sender_id) or FlarePlan()
        section = latest_entity(tracker, "flare_section")
        if section not in SECTION_KEYS:
            section = section_from_text(latest_text(tracker)) if plan.filled else None
        events: list[EventType] = [SlotSet(f"fp_{key}", plan.get(key)) for key in SECTION_KEYS]
        if section is not None:
            events += [SlotSet(f"fp_{section}", None), SlotSet("fp_editing", section)]
            return events + [SlotSet("coaching_step", "flare_plan")]
        if plan.complete:
            dispatcher.utter_message(response="utter_flare_plan_current", flare_plan_text=describe(plan))
            dispatcher.utter_message(response="utter_ask_flare_section", buttons=_section_buttons())
            return [SlotSet("coaching_step", None)]
        if plan.filled:
            dispatcher.utter_message(response="utter_flare_plan_current", flare_plan_text=describe(plan))
        else:
            dispatcher.utter_message(response="utter_flare_plan_intro")
        return events + [SlotSet("fp_editing", None), SlotSet("coaching_step", "flare_plan")]


class ValidateFlarePlanForm(GuardedFormValidation):
    def name(self) -> str:
        return "validate_flare_plan_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        editing = tracker.get_slot("fp_editing")
        return [f"fp_{editing}"] if editing in SECTION_KEYS else list(domain_slots)

    def _section(self, key: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        slot = f"fp_{key}"
        if tracker.get_slot("requested_slot") != slot:
            return {}  # prefilled from the stored plan
        if answer_question_in_form(dispatcher, tracker):
            return {slot: None}
        text = latest_text(tracker).strip()
        intent = latest_intent(tracker)
        if skips_section(text):
            return {slot: SKIPPED}
        if key == "seek_care" and (intent == "affirm" or wants_suggested(text)):
            return {slot: SEEK_CARE_DEFAULT}
        if len(text) < 2 or text.startswith("/") or intent in NOT_AN_ANSWER_INTENTS:
            dispatcher.utter_message(response="utter_fp_unclear")
            return {slot: None}
        return {slot: parse_helps(text) if key == "what_helps" else text[:600]}

    def validate_fp_warning_signs(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._section("warning_signs", tracker, dispatcher)

    def validate_fp_what_helps(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._section("what_helps", tracker, dispatcher)

    def validate_fp_drop_postpone(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._section("drop_postpone", tracker, dispatcher)

    def validate_fp_who_to_tell(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._section("who_to_tell", tracker, dispatcher)

    def validate_fp_seek_care(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return self._section("seek_care", tracker, dispatcher)


class ActionSaveFlarePlan(Action):
    def name(self) -> str:
        return "action_save_flare_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        editing = tracker.get_slot("fp_editing")
        keys = [editing] if editing in SECTION_KEYS else list(SECTION_KEYS)
        sections = {}
        for key in keys:
            value = tracker.get_slot(f"fp_{key}")
            sections[key] = None if value in (None, SKIPPED) else value
        reset = [SlotSet(slot, None) for slot in FP_SLOTS] + [SlotSet("coaching_step", None)]
        if all(tracker.get_slot(f"fp_{key}") is None for key in keys):
            # nothing was answered (the form's events were lost to an action-server error):
            # never report a save that did not happen
            dispatcher.utter_message(response="utter_flare_plan_not_stored")
            return reset
        saved = flare.save_sections(tracker.sender_id, sections)
        if saved is None:
            dispatcher.utter_message(response="utter_flare_plan_not_stored")
        elif editing in SECTION_KEYS:
            dispatcher.utter_message(response="utter_flare_section_saved", flare_plan_text=describe(saved))
        else:
            dispatcher.utter_message(response="utter_flare_plan_saved", flare_plan_text=describe(saved))
        return reset


# --- during a flare -------------------------------------------------------------------


class ActionStartFlare(Action):
    def name(self) -> str:
        return "action_start_flare"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        dispatcher.utter_message(response="utter_flare_empathy")
        return [SlotSet(slot, None) for slot in FLARE_SLOTS] + [SlotSet("flare_step", 0)]


def _steps(conversation_id: str) -> tuple[list[str], str]:
    return walkthrough(flare.get_plan(conversation_id))


class ValidateFlareForm(GuardedFormValidation):
    no_is_an_answer = ("flare_screen", "flare_next")
    def name(self) -> str:
        return "validate_flare_form"

    def validate_flare_screen(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "flare_screen":
            return {}  # the "I'm in a flare" message itself is not an answer
        if answer_question_in_form(dispatcher, tracker):
            return {"flare_screen": None}
        text = latest_text(tracker)
        intent = latest_intent(tracker)
        if intent == "cancel":
            dispatcher.utter_message(response="utter_flare_stopped")
            return {"flare_screen": "skipped", "flare_next": "stopped"}
        if intent == "affirm" or (intent != "deny" and has_a_warning_sign(text)):
            self._red_flag(dispatcher, tracker, text)
            return {"flare_screen": "red_flag", "flare_next": "stopped"}
        if intent == "deny" or has_no_warning_signs(text):
            _, source = _steps(tracker.sender_id)
            own = source == "own"
            dispatcher.utter_message(response="utter_flare_own_plan" if own else "utter_flare_default_plan")
            return {"flare_screen": "clear"}
        dispatcher.utter_message(response="utter_flare_screen_unclear",
                                 buttons=[button("None of these", "deny"),
                                          button("Yes, one of these", "affirm")])
        return {"flare_screen": None}

    @staticmethod
    def _red_flag(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> None:
        """Same record, alert and advice as the safety layer's red-flag reply."""
        match = safety_lexicon.classify(text)
        category = match.category if match.level == safety_lexicon.RED_FLAG else SCREEN_CATEGORY
        safety.record_safety_event(tracker.sender_id, "red_flag", "flare.screen", category, text)
        clinic = load_clinic()
        contacts = safety.region_contacts(tracker.sender_id, clinic)
        advice = contacts.medical_advice()
        dispatcher.utter_message(
            response="utter_red_flag_emergency",
            emergency=contacts.emergency,
            advice_line=f"You can also call {advice} for advice." if advice else "",
            clinic_line=contact_line(clinic),
        )

    def validate_flare_next(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "flare_next":
            return {}
        if answer_question_in_form(dispatcher, tracker):
            return {"flare_next": None}  # the same step is shown again
        text = latest_text(tracker)
        if latest_intent(tracker) in ("cancel", "deny") or wants_to_stop(text):
            dispatcher.utter_message(response="utter_flare_stopped")
            return {"flare_next": "stopped"}
        steps, _ = _steps(tracker.sender_id)
        step = (as_int(tracker.get_slot("flare_step")) or 0) + 1
        if step >= len(steps) - 1:
            dispatcher.utter_message(response="utter_flare_last_step", step_text=steps[-1])
            return {"flare_next": "done", "flare_step": len(steps)}
        return {"flare_next": None, "flare_step": step}


class ActionAskFlareNext(Action):
    """One step per message, so the person sets the pace (Rasa's 10-actions-per-turn limit)."""

    def name(self) -> str:
        return "action_ask_flare_next"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        steps, _ = _steps(tracker.sender_id)
        step = min(as_int(tracker.get_slot("flare_step")) or 0, len(steps) - 1)
        dispatcher.utter_message(response="utter_flare_step", step_text=steps[step])
        return []


class ActionFlareDone(Action):
    """Record the flare, schedule tomorrow's question, offer to write their own plan."""

    def name(self) -> str:
        return "action_flare_done"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        red_flag = tracker.get_slot("flare_screen") == "red_flag"
        _, source = _steps(tracker.sender_id)
        plan_source = "none" if red_flag else source
        episode = flare.start_episode(tracker.sender_id, red_flag, plan_source)
        if episode is None:
            dispatcher.utter_message(response="utter_flare_followup_not_stored")
        elif not red_flag:
            dispatcher.utter_message(response="utter_flare_followup_scheduled")
        if red_flag:
            pass
        elif tracker.get_slot("paused_form"):  # help came first; now what the flare interrupted
            await ActionOfferResume().run(dispatcher, tracker, domain)
        elif episode is not None and source == "default":
            dispatcher.utter_message(response="utter_offer_flare_plan")
        return [SlotSet(slot, None) for slot in FLARE_SLOTS]

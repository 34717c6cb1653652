"""Crisis, red-flag and "talk to a person" handling. Deterministic, and it always wins:
the safety net forces the intent, every form ignores these intents, and these
actions end whatever loop was active (without wiping the conversation)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, latest_text
from actions.digressions import GuardedFormValidation
from bot.clinic import contact_line, load_clinic
from bot.coaching.safety_lexicon import red_flag_screen_symptoms
from bot.coaching.safety_replies import wants_to_go_on
from bot.safety.contacts import RegionContacts
from bot.services import safety

END_LOOP: list[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]


def end_loop(tracker: Tracker) -> list[EventType]:
    """Safety ends any form; the interrupted one is kept on hold ("paused_form") with its
    answers, so "carry on" after the person is safe goes back to the same question."""
    interrupted = (tracker.active_loop or {}).get("name")
    on_hold = [SlotSet("paused_form", interrupted)] if interrupted and interrupted != "safety_form" else []
    return on_hold + END_LOOP
MAX_UNANSWERED = 2


def safety_info(tracker: Tracker) -> dict[str, str]:
    """What the safety net decided (level, rule, category); a classifier guess otherwise."""
    info = (tracker.latest_message or {}).get("safety") or {}
    if not info and latest_intent(tracker) == "crisis":
        return {"level": "crisis_check", "rule": "classifier.crisis", "category": ""}
    if not info and latest_intent(tracker) == "red_flag":
        return {"level": "red_flag_screen", "rule": "classifier.red_flag", "category": ""}
    return info


def crisis_lines(contacts: RegionContacts) -> str:
    """The region's crisis lines as a bulleted list, for every reply that shows them."""
    return "\n".join(f"• {line}" for line in contacts.crisis_lines())


def crisis_reply(dispatcher: CollectingDispatcher, tracker: Tracker, response: str) -> None:
    clinic = load_clinic()
    contacts = safety.region_contacts(tracker.sender_id, clinic)
    dispatcher.utter_message(
        response=response,
        emergency=contacts.emergency,
        crisis_lines=crisis_lines(contacts),
        clinic_line=contact_line(clinic),
    )
    if (safety_info(tracker) or {}).get("language"):
        # A crisis phrase in another language: contacts first, then say why Pacer answers in English.
        dispatcher.utter_message(response="utter_english_only_after_crisis")


def red_flag_advice(dispatcher: CollectingDispatcher, tracker: Tracker, category: str) -> None:
    """Urgent medical review (emergency for the categories below), then "your clinic knows"."""
    clinic = load_clinic()
    contacts = safety.region_contacts(tracker.sender_id, clinic)
    advice = contacts.medical_advice()
    dispatcher.utter_message(
        response="utter_red_flag_emergency" if category in EMERGENCY_CATEGORIES else "utter_red_flag",
        emergency=contacts.emergency,
        advice_line=f"You can also call {advice} for advice." if advice else "",
        clinic_line=contact_line(clinic),
    )
    dispatcher.utter_message(response="utter_offer_continue")


class ActionSafetyResponse(Action):
    """Full crisis reply, the gentle check question, or care for someone else at risk."""

    def name(self) -> str:
        return "action_safety_response"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        info = safety_info(tracker)
        level = info.get("level", "crisis_check")
        rule = info.get("rule", "unknown")
        safety.record_safety_event(
            tracker.sender_id, level, rule, info.get("category"), latest_text(tracker)
        )
        if level == "crisis":
            crisis_reply(dispatcher, tracker, "utter_crisis")
            stage = "crisis"
        elif level == "crisis_third_person":
            crisis_reply(dispatcher, tracker, "utter_crisis_third_person")
            stage = None
        else:
            stage = "check"  # the safety form asks the check question
        return end_loop(tracker) + [SlotSet("safety_stage", stage), SlotSet("safety_unanswered", 0)]


class ValidateSafetyForm(GuardedFormValidation):
    """Stay with the person until they say they are safe or ask to go on."""
    no_is_an_answer = ("safety_answer",)

    def name(self) -> str:
        return "validate_safety_form"

    def validate_safety_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "safety_answer":
            return {}  # the message that opened safety mode is not an answer
        intent = latest_intent(tracker)
        text = latest_text(tracker).lower()
        stage = tracker.get_slot("safety_stage")
        going_on = intent == "cancel" or wants_to_go_on(text)
        if stage == "check":
            if intent == "affirm":
                safety.record_safety_event(
                    tracker.sender_id, "crisis", "check.confirmed", "", latest_text(tracker)
                )
                crisis_reply(dispatcher, tracker, "utter_crisis")
                return {"safety_answer": None, "safety_stage": "crisis", "safety_unanswered": 0}
            if intent == "deny" or going_on:
                dispatcher.utter_message(response="utter_check_all_clear")
                return {"safety_answer": "no_thoughts"}
        else:
            if intent == "affirm" or "i'm safe" in text or "im safe" in text:
                dispatcher.utter_message(response="utter_safe_now")
                return {"safety_answer": "safe"}
            if intent == "deny":
                crisis_reply(dispatcher, tracker, "utter_not_safe")
                return {"safety_answer": None, "safety_unanswered": 0}
            if going_on:
                dispatcher.utter_message(response="utter_go_on_after_crisis")
                return {"safety_answer": "go_on"}
        unanswered = int(tracker.get_slot("safety_unanswered") or 0) + 1
        if unanswered > MAX_UNANSWERED:
            dispatcher.utter_message(response="utter_release_safety_mode")
            return {"safety_answer": "released"}
        dispatcher.utter_message(response="utter_safety_reflect")
        return {"safety_answer": None, "safety_unanswered": unanswered}


class ActionAskSafetyAnswer(Action):
    """The question safety mode waits on: the check question, or "are you safe now?"."""

    def name(self) -> str:
        return "action_ask_safety_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("safety_stage") == "check":
            # Any crisis reading shows the region's contacts, the check question included.
            contacts = safety.region_contacts(tracker.sender_id)
            dispatcher.utter_message(response="utter_crisis_check", crisis_lines=crisis_lines(contacts))
        else:
            dispatcher.utter_message(response="utter_are_you_safe")
        return []


class ActionSafetyClose(Action):
    def name(self) -> str:
        return "action_safety_close"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [
            SlotSet("safety_stage", None),
            SlotSet("safety_answer", None),
            SlotSet("safety_unanswered", None),
        ]


class ActionRedFlagResponse(Action):
    """Red flags screen before they alert. One sign in free text: the short screening
    question, recorded without an alert (safety mode waits for the answer). An
    unambiguous message, or a second red-flag message while screening: urgent medical
    review (emergency for suspected cauda equina), recorded and alerted."""

    def name(self) -> str:
        return "action_red_flag_response"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        info = safety_info(tracker)
        pending = tracker.get_slot("red_flag_category")  # a screening question is open
        category = info.get("category") or (pending if pending != GENERAL else "") or ""
        rule = info.get("rule", "unknown")
        if info.get("level") == "red_flag_screen" and pending is None:
            # Recorded for the clinician, but no alert until the patient confirms a symptom.
            safety.record_safety_event(
                tracker.sender_id, "red_flag_screen", rule, category, latest_text(tracker)
            )
            symptoms = red_flag_screen_symptoms(category)
            dispatcher.utter_message(response="utter_red_flag_screen", symptoms=symptoms)
            return end_loop(tracker) + [SlotSet("red_flag_category", category or GENERAL)]
        # Unambiguous, or a second red-flag message while the screening question is open.
        safety.record_safety_event(tracker.sender_id, "red_flag", rule, category, latest_text(tracker))
        red_flag_advice(dispatcher, tracker, category)
        return end_loop(tracker) + [SlotSet("red_flag_category", None)]


class ActionRedFlagScreenAnswer(Action):
    """Yes or no right after action_red_flag_response. To the screening question: "yes"
    is a confirmed red flag (advice, and now the clinic is alerted), "no" is reassurance
    with what to watch for. After advice (no question open): acknowledge, nothing more.

    The open question is the unfeaturized `red_flag_category` slot, not `safety_stage`:
    every form's red-flag rule ends with action_red_flag_response, and a featurized slot
    set there would have to appear in each of those rules."""

    def name(self) -> str:
        return "action_red_flag_screen_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        pending = tracker.get_slot("red_flag_category")
        if pending is None:
            dispatcher.utter_message(response="utter_red_flag_acknowledged")
            return []
        category = "" if pending == GENERAL else pending
        if latest_intent(tracker) == "affirm":
            safety.record_safety_event(
                tracker.sender_id, "red_flag", "screen.confirmed", category, latest_text(tracker)
            )
            red_flag_advice(dispatcher, tracker, category)
        else:
            contacts = safety.region_contacts(tracker.sender_id)
            dispatcher.utter_message(response="utter_red_flag_screen_clear", emergency=contacts.emergency)
        return [SlotSet("red_flag_category", None)]


GENERAL = "general"  # screening for a classifier guess: no category known
# Categories where the advice is "go to emergency now" rather than "same-day review".
EMERGENCY_CATEGORIES = {"cauda_equina", "chest_pain", "neuro_deficit", "stroke", "trauma", "dvt"}


class ActionTalkToPerson(Action):
    def name(self) -> str:
        return "action_talk_to_person"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        safety.record_request(tracker.sender_id, "talk_to_person")
        clinic = load_clinic()
        contacts = safety.region_contacts(tracker.sender_id, clinic)
        dispatcher.utter_message(
            response="utter_talk_to_person", clinic_line=contact_line(clinic), emergency=contacts.emergency
        )
        return []


class ActionSafetyDigression(Action):
    """Inside safety mode nothing else takes over: a flare, distress or another flow is
    acknowledged in one line and the safety question comes back (the rule runs the safety
    form again)."""

    def name(self) -> str:
        return "action_safety_digression"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if latest_intent(tracker) == "report_flare":
            dispatcher.utter_message(response="utter_safety_first_flare")
        else:
            dispatcher.utter_message(response="utter_safety_first")
        return []


class ActionSafetyGoOn(Action):
    """"Stop" or "carry on" inside safety mode: the crisis contacts again, then safety mode
    ends (and "carry on" goes back to the form that safety interrupted)."""

    def name(self) -> str:
        return "action_safety_go_on"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        crisis_reply(dispatcher, tracker, "utter_go_on_with_contacts")
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("safety_stage", None),
                SlotSet("safety_answer", None), SlotSet("safety_unanswered", None),
                SlotSet("ask_attempts", None), SlotSet("pending_answer", None)]

"""First contact: who Pacer is, consent in plain words, the person's name."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, FollowupAction, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import channel_of, latest_intent, latest_text
from actions.digressions import GuardedFormValidation
from actions.followups import ask_due_followup
from actions.shared_decisions import deliver_notes
from bot.coaching.names import extract_name
from bot.services import clinician_notes, goal_proposals, goals

CARRIED_SLOTS = ("patient_name",)


class ActionSessionStart(Action):
    """Start each session from the database, so a restart loses nothing."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        state = goals.get_state(tracker.sender_id)
        if state.consented and state.name:
            events.append(SlotSet("patient_name", state.name))
        if state.consented:  # a question Pacer owes them (flare follow-up, problem-solving review)
            deliver_notes(dispatcher, clinician_notes.take_at_session_start(tracker.sender_id))
            events += ask_due_followup(dispatcher, tracker.sender_id)
        events.append(ActionExecuted("action_listen"))
        return events


def next_step_for(state: goals.PatientState) -> str:
    if not state.consented:
        return "onboarding"
    if not state.values:
        return "values"
    if not state.activities:
        return "psfs"
    return "plan"


class ActionGreet(Action):
    """New people get the introduction and consent; returning people their plan."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = goals.get_state(tracker.sender_id)
        if not state.consented:
            dispatcher.utter_message(response="utter_intro")
            return [SlotSet("next_step", "onboarding")]
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        name = state.name or "there"
        dispatcher.utter_message(response="utter_welcome_back", patient_name=name)
        for plan in state.active_plans[:3]:
            dispatcher.utter_message(response="utter_current_plan", plan_text=plan.text)
        events: list[EventType] = [SlotSet("next_step", None), SlotSet("patient_name", state.name)]
        if goal_proposals.has_open(tracker.sender_id):  # their clinician's suggestion comes first
            return events + [FollowupAction("action_present_proposal")]
        dispatcher.utter_message(response="utter_what_next")
        return events


class ActionStartGoalSetting(Action):
    """Route to the first missing step: consent, values, PSFS activities, then a plan."""

    def name(self) -> str:
        return "action_start_goal_setting"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = goals.get_state(tracker.sender_id)
        step = next_step_for(state)
        if step == "onboarding":
            dispatcher.utter_message(response="utter_intro")
            return [SlotSet("next_step", step)]
        goals.note_contact(tracker.sender_id, channel_of(tracker))
        if step == "plan" and goal_proposals.has_open(tracker.sender_id):
            dispatcher.utter_message(response="utter_proposal_before_plan")
            return [SlotSet("next_step", None), FollowupAction("action_present_proposal")]
        if step == "plan" and state.active_plans:
            dispatcher.utter_message(
                response="utter_adding_plan", plan_text=state.active_plans[0].text
            )
        return [SlotSet("next_step", step)]


class ValidateOnboardingForm(GuardedFormValidation):
    no_is_an_answer = ("consent",)
    skippable = ("patient_name",)

    def name(self) -> str:
        return "validate_onboarding_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("consent") == "refused":
            return []
        return domain_slots

    def validate_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "consent":
            return {}  # not an answer to the consent question
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {"consent": "given"}
        if intent == "deny":
            return {"consent": "refused"}
        dispatcher.utter_message(response="utter_consent_unclear")
        return {"consent": None}

    def validate_patient_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        name = extract_name(latest_text(tracker))
        if name is None and tracker.get_slot("requested_slot") == "patient_name":
            dispatcher.utter_message(response="utter_name_unclear")
        return {"patient_name": name}


class ActionFinishOnboarding(Action):
    def name(self) -> str:
        return "action_finish_onboarding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("consent") != "given":
            goals.record_consent(tracker.sender_id, "refused", channel_of(tracker))
            dispatcher.utter_message(response="utter_consent_refused")
            return [SlotSet("consent", None), SlotSet("patient_name", None), SlotSet("next_step", None)]
        name = tracker.get_slot("patient_name") or None  # "" when they skipped the name
        goals.record_consent(tracker.sender_id, "given", channel_of(tracker), name=name)
        if name:
            dispatcher.utter_message(response="utter_welcome_name", patient_name=name)
        else:
            dispatcher.utter_message(response="utter_welcome_no_name")
        state = goals.get_state(tracker.sender_id)
        return [SlotSet("consent", None), SlotSet("next_step", next_step_for(state))]

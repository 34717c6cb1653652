"""A patient joins their clinician's dashboard list by typing the invitation code."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_text
from bot.nlu.invitation_codes import find_code
from bot.services import clinic_codes

__all__ = ["ActionEnterClinicCode", "find_code"]


class ActionEnterClinicCode(Action):
    def name(self) -> str:
        return "action_enter_clinic_code"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        code = find_code(latest_text(tracker))
        if code is None:
            dispatcher.utter_message(response="utter_clinic_code_missing")
            return []
        outcome = clinic_codes.join_clinician(tracker.sender_id, code)
        if outcome.status == "not_set_up":
            dispatcher.utter_message(response="utter_clinic_code_needs_consent")
        elif outcome.status == "joined":
            dispatcher.utter_message(response="utter_clinic_code_joined", clinician=outcome.clinician_name)
        else:
            dispatcher.utter_message(response="utter_clinic_code_invalid")
        return []

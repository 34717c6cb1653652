"""A patient joins their clinician's dashboard list by typing the invitation code."""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_text
from bot.services import clinic_codes

# Codes are two groups of 4 letters and digits, each with a digit (bot.services.dashboard);
# people add a space or a dash between the groups when they copy them.
CODE_PATTERN = re.compile(r"(?=\b([A-Za-z0-9]{4})[\s-]?([A-Za-z0-9]{4})\b)")


def find_code(text: str) -> str | None:
    """The first code-shaped run (so ordinary words are never taken for a code)."""
    for match in CODE_PATTERN.finditer(text or ""):
        halves = match.group(1), match.group(2)
        if all(any(ch.isdigit() for ch in half) for half in halves):
            return "".join(halves).upper()
    return None


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

"""Linking another device or channel to the same patient with a short one-time code."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.services import identities


class ActionGiveLinkCode(Action):
    """A code to enter on the other device; only someone who has set up Pacer gets one."""

    def name(self) -> str:
        return "action_give_link_code"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        issued = identities.issue_link_code(tracker.sender_id)
        if issued is None:
            dispatcher.utter_message(response="utter_link_code_not_set_up")
            return []
        spaced = f"{issued.code[:3]} {issued.code[3:]}"
        dispatcher.utter_message(response="utter_link_code", code=spaced, minutes=issued.minutes)
        dispatcher.utter_message(response="utter_link_code_how", code=issued.code)
        return []

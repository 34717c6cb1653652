"""Data rights in chat: what is stored, a copy, and erasure (after confirmation)."""

from __future__ import annotations

from datetime import datetime, timezone

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.clinic import contact_line, load_clinic
from bot.services import privacy, safety


class ActionDataSummary(Action):
    def name(self) -> str:
        return "action_data_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        counts = privacy.summary(tracker.sender_id)
        if not any(value for key, value in counts.items() if key != "name") and not counts["name"]:
            dispatcher.utter_message(response="utter_data_nothing")
            return []
        dispatcher.utter_message(
            response="utter_data_summary",
            name=counts["name"] or "not given",
            values=counts["values"],
            activities=counts["activities"],
            plans=counts["plans"],
            phq4=counts["phq4"],
        )
        return []


class ActionDataCopy(Action):
    def name(self) -> str:
        return "action_data_copy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        safety.record_request(tracker.sender_id, "data_copy")
        dispatcher.utter_message(response="utter_data_copy", clinic_line=contact_line(load_clinic()))
        return []


class ActionEraseData(Action):
    """Queue the erasure: it runs after this turn has been saved (see bot.services.privacy)."""

    def name(self) -> str:
        return "action_erase_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        due = privacy.request_erasure(tracker.sender_id)
        if due is not None and due > datetime.now(timezone.utc):
            dispatcher.utter_message(
                response="utter_erasure_held",
                days=load_clinic().retention_days,
                date=due.strftime("%-d %B %Y"),
            )
        else:
            dispatcher.utter_message(response="utter_erasure_done")
        return []

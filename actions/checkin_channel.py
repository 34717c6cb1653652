"""Choosing which way check-ins reach the patient ("send my check-ins by text", "check in
with me here"). The rule of where a check-in goes lives in `bot.services.identities`."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_entity, latest_text
from actions.digressions import ActionOfferResume
from bot.coaching.checkin_channels import CHANNEL_NAMES, HERE, named_channel
from bot.services import identities


class ActionChooseCheckinChannel(Action):
    """Set the channel a button or the message names; ask with buttons when it names none."""

    def name(self) -> str:
        return "action_choose_checkin_channel"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        wanted = latest_entity(tracker, "checkin_channel") or named_channel(latest_text(tracker))
        if wanted not in (*CHANNEL_NAMES, HERE):
            dispatcher.utter_message(response="utter_ask_checkin_channel")
            return []
        choice = identities.choose_checkin_channel(tracker.sender_id, None if wanted == HERE else wanted)
        if choice.status == "not_set_up":
            dispatcher.utter_message(response="utter_not_set_up")
            return []
        if choice.status == "not_linked":  # its buttons say what next; no second question
            dispatcher.utter_message(response="utter_checkin_channel_not_linked",
                                     channel_name=CHANNEL_NAMES[wanted])
            return []
        if wanted == HERE or choice.kind is None:
            dispatcher.utter_message(response="utter_checkin_channel_here")
        else:
            dispatcher.utter_message(response="utter_checkin_channel_set", channel_name=CHANNEL_NAMES[wanted])
        # Asked inside a form: that form is on hold (a pausing digression); offer it back.
        return await ActionOfferResume().run(dispatcher, tracker, domain)

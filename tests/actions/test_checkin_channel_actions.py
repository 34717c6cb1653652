"""Choosing which way check-ins come (actions/checkin_channel.py), against a real migrated database."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.checkin_channel import ActionChooseCheckinChannel
from bot.services import goals, identities
from bot.store import repository as repo
from bot.store.db import session_scope

pytestmark = pytest.mark.usefixtures("database_url")


def say(domain: dict[str, Any], text: str, sender: str, channel: str | None = None,
        **slots: Any) -> list[dict]:
    entities = [{"entity": "checkin_channel", "value": channel}] if channel else []
    latest = {"text": text, "intent": {"name": "choose_checkin_channel", "confidence": 0.9},
              "entities": entities}
    values = {name: None for name in domain["slots"]} | slots
    events = [{"event": "action", "name": "action_listen"},
              {"event": "user", "text": text, "parse_data": latest, "input_channel": "telegram"}]
    tracker = Tracker(sender, values, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionChooseCheckinChannel().run(dispatcher, tracker, domain))
    return dispatcher.messages


def destination(conversation_id: str) -> identities.Destination | None:
    with session_scope() as session:
        patient_id = repo.find_patient(session, conversation_id).id
    return identities.checkin_destination(patient_id)


def linked_patient() -> None:
    goals.record_consent("tg:31", "given", "telegram", name="Hemi")
    code = identities.issue_link_code("tg:31").code
    identities.redeem_link_code(code, "+64215550101", "sms")
    identities.note_contact("tg:31", "telegram")


def test_typed_channel_that_is_linked_is_chosen(domain: dict[str, Any]) -> None:
    linked_patient()
    [message] = say(domain, "honestly txt msgs work better for me for the check ins", "tg:31")
    assert message["response"] == "utter_checkin_channel_set" and message["channel_name"] == "text message"
    assert destination("tg:31") == identities.Destination("+64215550101", "sms")


def test_here_is_the_conversation_written_in(domain: dict[str, Any]) -> None:
    linked_patient()
    identities.choose_checkin_channel("tg:31", "sms")
    [message] = say(domain, "Right here", "tg:31", channel="here")
    assert message["response"] == "utter_checkin_channel_here"
    assert destination("tg:31") == identities.Destination("tg:31", "telegram")


def test_a_channel_not_linked_is_explained_and_nothing_changes(domain: dict[str, Any]) -> None:
    linked_patient()
    [message] = say(domain, "On the web chat", "tg:31", channel="web")
    assert message["response"] == "utter_checkin_channel_not_linked"
    assert message["channel_name"] == "the web chat"
    assert destination("tg:31") == identities.Destination("tg:31", "telegram")  # still the last used


def test_no_channel_named_is_asked_with_buttons(domain: dict[str, Any]) -> None:
    linked_patient()
    [message] = say(domain, "can the check ins come a different way", "tg:31")
    assert message["response"] == "utter_ask_checkin_channel"
    assert all(variant["buttons"] for variant in domain["responses"]["utter_ask_checkin_channel"])


def test_someone_not_set_up_is_told_so(domain: dict[str, Any]) -> None:
    [message] = say(domain, "telegram pls", "tg:32")
    assert message["response"] == "utter_not_set_up"


def test_a_form_on_hold_is_offered_back_after_the_choice(domain: dict[str, Any]) -> None:
    linked_patient()
    messages = say(domain, "Telegram", "tg:31", channel="telegram", paused_form="plan_form")
    assert [m["response"] for m in messages] == ["utter_checkin_channel_set", "utter_offer_resume"]

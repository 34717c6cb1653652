"""Pacer's Telegram channel inside a real rasa, against a fake Bot API on loopback.

Every assertion is on the exact HTTP requests rasa sent to the Bot API.
"""

from __future__ import annotations

import itertools

import httpx
import pytest

from bot.channels import render
from bot.services import identities
from tests.channels.conftest import ChannelSetup
from tests.channels.domain_texts import buttons_of, texts_of

pytestmark = pytest.mark.e2e

_ids = itertools.count(1)


def new_chat() -> int:
    return 700_000_000 + next(_ids) * 17


def message_update(chat_id: int, text: str, chat_type: str = "private") -> dict:
    n = next(_ids)
    return {
        "update_id": 10_000 + n,
        "message": {
            "message_id": n,
            "date": 1_790_000_000,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
            "chat": {"id": chat_id, "type": chat_type, "first_name": "Test"},
            "text": text,
        },
    }


def callback_update(chat_id: int, data: str, query_id: str, keyboard: dict | None = None) -> dict:
    """A button press; Telegram sends the message it belongs to, keyboard included."""
    n = next(_ids)
    return {
        "update_id": 20_000 + n,
        "callback_query": {
            "id": query_id,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
            "chat_instance": "42",
            "data": data,
            "message": {"message_id": n, "date": 1_790_000_000, "chat": {"id": chat_id, "type": "private"},
                        "text": "…", **({"reply_markup": keyboard} if keyboard else {})},
        },
    }


def post(setup: ChannelSetup, update: dict, secret: str | None = "right") -> httpx.Response:
    headers = {}
    if secret == "right":
        headers["X-Telegram-Bot-Api-Secret-Token"] = setup.telegram_secret
    elif secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return httpx.post(f"{setup.stack.rasa_url}/webhooks/telegram/webhook", json=update, headers=headers,
                      timeout=60)


def sent_to(setup: ChannelSetup, chat_id: int, method: str = "sendMessage") -> list[dict]:
    return [r.json for r in setup.telegram.snapshot()
            if r.api_method == method and str(r.json.get("chat_id")) == str(chat_id)]


def test_updates_without_the_right_secret_are_refused_and_not_processed(channels: ChannelSetup) -> None:
    chat = new_chat()
    channels.telegram.clear()
    for secret in (None, "", "wrong-secret", channels.telegram_secret[:-1]):
        assert post(channels, message_update(chat, "/start"), secret=secret).status_code == 403
    tracker = channels.stack.tracker(f"tg:{chat}")
    assert [e for e in tracker["events"] if e["event"] == "user"] == []
    assert channels.telegram.snapshot() == []


def test_start_begins_onboarding_with_an_inline_keyboard(channels: ChannelSetup) -> None:
    chat = new_chat()
    channels.telegram.clear()
    assert post(channels, message_update(chat, "/start")).status_code == 200
    requests = channels.telegram.snapshot()
    assert requests[0].path == f"/bot{channels.telegram_token}/sendChatAction"
    assert requests[0].json == {"chat_id": str(chat), "action": "typing"}
    messages = [r.json for r in requests[1:]]
    assert [r.api_method for r in requests[1:]] == ["sendMessage", "sendMessage"]
    assert messages[0] == {"chat_id": str(chat), "text": messages[0]["text"]}
    assert messages[0]["text"] in texts_of("utter_intro")
    consent = messages[1]
    assert consent["text"] in texts_of("utter_ask_consent")
    assert set(consent) == {"chat_id", "text", "reply_markup"}
    assert consent["reply_markup"] in [
        {"inline_keyboard": [[{"text": title, "callback_data": payload}] for title, payload in variant]}
        for variant in buttons_of("utter_ask_consent")
    ]

    # Pressing "Yes": the query is answered, and the answer moves the conversation on.
    channels.telegram.clear()
    yes = consent["reply_markup"]["inline_keyboard"][0][0]
    press = callback_update(chat, yes["callback_data"], "cbq-1", consent["reply_markup"])
    assert post(channels, press).status_code == 200
    requests = channels.telegram.snapshot()
    assert requests[0].api_method == "answerCallbackQuery"
    assert requests[0].json == {"callback_query_id": "cbq-1"}
    [ask_name] = sent_to(channels, chat)
    assert ask_name == {"chat_id": str(chat), "text": ask_name["text"]}
    assert ask_name["text"] in texts_of("utter_ask_patient_name")
    tracker = channels.stack.tracker(f"tg:{chat}")
    last_user = [e for e in tracker["events"] if e["event"] == "user"][-1]
    assert last_user["input_channel"] == "telegram"
    assert last_user["metadata"]["display"] == yes["text"]

    channels.telegram.clear()
    post(channels, message_update(chat, "call me Wiremu"))
    [welcome, *_] = sent_to(channels, chat)
    assert welcome["text"] in texts_of("utter_welcome_name", patient_name="Wiremu")


def test_proactive_messages_through_trigger_intent(channels: ChannelSetup) -> None:
    chat = new_chat()
    post(channels, message_update(chat, "/start"))
    post(channels, callback_update(chat, "/deny", "cbq-3"))  # no consent: the form is over
    channels.telegram.clear()
    for output_channel in ("telegram", "latest"):
        response = httpx.post(
            f"{channels.stack.rasa_url}/conversations/tg:{chat}/trigger_intent",
            params={"token": channels.stack.token, "output_channel": output_channel},
            json={"name": "show_plans"},
            timeout=60,
        )
        assert response.status_code == 200, response.text
    messages = sent_to(channels, chat)
    assert len(messages) == 2  # one per trigger
    for message in messages:
        assert message["text"] in texts_of("utter_not_set_up")
        assert message["reply_markup"] in [
            render.inline_keyboard([render.Option(t, p) for t, p in variant])
            for variant in buttons_of("utter_not_set_up")
        ]


def test_group_chats_and_non_text_updates_are_ignored(channels: ChannelSetup) -> None:
    chat = -new_chat()
    channels.telegram.clear()
    assert post(channels, message_update(chat, "hello", chat_type="group")).status_code == 200
    assert post(channels, {"update_id": 5, "edited_message": {"text": "x"}}).status_code == 200
    assert channels.telegram.snapshot() == []


def test_link_command_joins_a_chat_to_an_existing_patient(channels: ChannelSetup) -> None:
    first, second = new_chat(), new_chat()
    post(channels, message_update(first, "/start"))
    post(channels, callback_update(first, "/affirm", "cbq-2"))
    post(channels, message_update(first, "call me Aroha"))
    issued = identities.issue_link_code(f"tg:{first}")
    assert issued is not None
    channels.telegram.clear()
    post(channels, message_update(second, f"/link {issued.code.lower()}"))
    messages = sent_to(channels, second)
    assert messages[0] == {
        "chat_id": str(second), "text": "Linked! This chat is now part of your Pacer account, Aroha."
    }
    assert any(m["text"] in texts_of("utter_welcome_back", patient_name="Aroha") for m in messages[1:])

    channels.telegram.clear()
    post(channels, message_update(new_chat(), f"/start {issued.code}"))  # used once already
    [refused] = [r.json for r in channels.telegram.snapshot() if r.api_method == "sendMessage"]
    assert "expired or was already used" in refused["text"]

"""How stored tracker events become the chat page's history (bot/services/chat_history.py)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from bot.channels.socketio import CHANNEL_NAME
from bot.services import chat_history, goals, identities
from bot.store.db import get_engine
from bot.web import chat

WEB = "0123456789abcdef0123456789abcdef"


def test_user_messages_show_what_the_person_saw() -> None:
    tapped = {"text": "/affirm", "metadata": {"display": "Yes, that's OK"}, "input_channel": "socketio"}
    assert chat_history._message("user", tapped, 1.0) == {"from": "user", "text": "Yes, that's OK", "at": 1.0}
    assert chat_history._message("user", {"text": "hi there"}, 2.0)["text"] == "hi there"
    for hidden in ("/greet", "EXTERNAL: show_plans", ""):
        assert chat_history._message("user", {"text": hidden, "metadata": {}}, 3.0) is None


def test_bot_messages_keep_their_buttons() -> None:
    event = {"text": "Is that OK?", "data": {"buttons": [{"title": "Yes", "payload": "/affirm"}]}}
    assert chat_history._message("bot", event, 4.0) == {
        "from": "bot", "text": "Is that OK?", "buttons": [{"title": "Yes", "payload": "/affirm"}], "at": 4.0
    }
    assert chat_history._message("bot", {"text": None, "data": {}}, 5.0) is None


def test_content_security_policy_allows_only_rasa_besides_the_page() -> None:
    headers = chat._security_headers("https://chat.example.org:5005/")
    policy = headers["Content-Security-Policy"]
    assert "connect-src 'self' https://chat.example.org:5005 wss://chat.example.org:5005;" in policy
    assert "script-src 'self';" in policy and headers["Cache-Control"] == "no-store"


@pytest.mark.usefixtures("database_url")
def test_history_reads_web_sessions_and_the_patients_other_channels() -> None:
    engine = get_engine()
    with engine.begin() as connection:
        connection.execute(text(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255), "
            "timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"
        ))
        rows = [
            ("tg:1", "user", 1.0, {"text": "hello", "input_channel": "telegram"}),
            ("tg:1", "bot", 2.0, {"text": "Hi! What's your name?", "data": {}}),
            (WEB, "user", 3.0, {"text": "/greet", "input_channel": "socketio", "metadata": {}}),
            (WEB, "bot", 4.0, {"text": "Welcome back, Mere!", "data": {}}),
            ("+64211234567", "user", 5.0, {"text": "my secret", "input_channel": "sms"}),
        ]
        for sender, kind, at, data in rows:
            connection.execute(
                text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, :k, :t, :d)"),
                {"s": sender, "k": kind, "t": at, "d": json.dumps(data)},
            )
    welcome = {"from": "bot", "text": "Welcome back, Mere!", "buttons": [], "at": 4.0}
    assert chat_history.read_history(WEB, CHANNEL_NAME) == [welcome]

    goals.record_consent("tg:1", "given", "telegram", name="Mere")
    code = identities.issue_link_code("tg:1").code
    assert identities.redeem_link_code(code, WEB, "socketio").ok
    history = chat_history.read_history(WEB, CHANNEL_NAME)
    assert [(m["from"], m["text"], m.get("channel")) for m in history] == [
        ("user", "hello", "Telegram"),
        ("bot", "Hi! What's your name?", "Telegram"),
        ("bot", "Welcome back, Mere!", None),
    ]
    assert chat_history.read_history("f" * 32, CHANNEL_NAME) == []  # an unknown session sees nothing

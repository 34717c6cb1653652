"""The web chat's socket.io channel: a browser cannot name another channel's conversation.

With `session_persistence`, Rasa's own channel lets a client pick any session id,
e.g. a patient's phone number; Pacer's replaces any id that is not a random web id.
"""

from __future__ import annotations

import re
import threading

import pytest
import socketio

from tests.channels.conftest import ChannelSetup

pytestmark = pytest.mark.e2e


def connect(setup: ChannelSetup) -> tuple[socketio.Client, list, list]:
    client = socketio.Client(reconnection=False)
    confirmed: list[str] = []
    replies: list[dict] = []
    arrived = threading.Event()
    client.on("session_confirm", lambda data: (confirmed.append(data), arrived.set()))
    client.on("bot_uttered", lambda data: (replies.append(data), arrived.set()))
    client.connect(setup.stack.rasa_url, transports=["websocket"], socketio_path="/socket.io")
    client.arrived = arrived  # type: ignore[attr-defined]
    return client, confirmed, replies


def wait(client: socketio.Client, seconds: float = 20) -> None:
    client.arrived.wait(seconds)  # type: ignore[attr-defined]
    client.arrived.clear()  # type: ignore[attr-defined]


def test_foreign_session_ids_are_replaced_and_messages_for_them_dropped(channels: ChannelSetup) -> None:
    phone = "+64215550999"
    client, confirmed, replies = connect(channels)
    try:
        client.emit("session_request", {"session_id": phone})
        wait(client)
        assert confirmed and confirmed[0] != phone and re.fullmatch(r"[0-9a-f]{32}", confirmed[0])

        client.emit("user_uttered", {"message": "show my plans", "session_id": phone})
        other_web = "a" * 32  # a valid shape, but not this socket's session
        client.emit("user_uttered", {"message": "show my plans", "session_id": other_web})
        client.emit("user_uttered", {"message": "hello", "session_id": confirmed[0]})
        wait(client)
        assert replies, "its own session is answered"
    finally:
        client.disconnect()
    for foreign in (phone, other_web):
        assert [e for e in channels.stack.tracker(foreign)["events"] if e["event"] == "user"] == []
    own = [e for e in channels.stack.tracker(confirmed[0])["events"] if e["event"] == "user"]
    assert [e["text"] for e in own] == ["hello"] and own[0]["input_channel"] == "socketio"

"""A patient's socket is held by one rasa replica; a message triggered on the other replica
reaches it (python-socketio's AsyncRedisManager over the cluster's Redis)."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
import socketio

from bot.cluster import Cluster

pytestmark = pytest.mark.slow


async def proactive_reaches_socket(cluster: Cluster, socket_on: int, trigger_on: int) -> list[dict]:
    session = uuid.uuid4().hex
    received: asyncio.Queue = asyncio.Queue()
    confirmed = asyncio.Event()
    client = socketio.AsyncClient(reconnection=False)
    client.on("bot_uttered", lambda data: received.put_nowait(data))
    client.on("session_confirm", lambda _: confirmed.set())
    await client.connect(f"http://127.0.0.1:{cluster.rasa_ports[socket_on]}", socketio_path="/socket.io",
                         transports=["websocket"])
    try:
        await client.emit("session_request", {"session_id": session})
        await asyncio.wait_for(confirmed.wait(), 20)
        async with httpx.AsyncClient(timeout=60) as http:
            response = await http.post(
                f"http://127.0.0.1:{cluster.rasa_ports[trigger_on]}/conversations/{session}/trigger_intent",
                params={"token": cluster.settings.rasa_token, "output_channel": "socketio"},
                json={"name": "show_plans"},
            )
        assert response.status_code == 200, response.text
        messages = [await asyncio.wait_for(received.get(), 30)]
        while not received.empty():
            messages.append(received.get_nowait())
        return messages
    finally:
        await client.disconnect()


@pytest.mark.parametrize(("socket_on", "trigger_on"), [(1, 0), (0, 1)])
def test_proactive_message_crosses_replicas(cluster: Cluster, socket_on: int, trigger_on: int) -> None:
    messages = asyncio.run(proactive_reaches_socket(cluster, socket_on, trigger_on))
    assert messages and all(isinstance(m, dict) and m.get("text") for m in messages), messages

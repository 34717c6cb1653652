"""The web chat's history after a reload: the session's messages, read from Rasa's
tracker-store `events` table (never through Rasa's HTTP API), with the linked patient's
other channels marked. Only what a person saw: button intents without a title, links
and proactive triggers are left out.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, text

from bot.services import identities
from bot.store.db import get_engine
from bot.store.rasa_events import events_table_exists

HISTORY_LIMIT = 300


def read_history(session_id: str, web_channel: str, limit: int = HISTORY_LIMIT) -> list[dict[str, Any]]:
    """The web session's messages (and its patient's other channels'), oldest first; nothing
    unless the conversation is a web chat (its first message came through `web_channel`)."""
    engine = get_engine()
    with engine.connect() as connection:
        if not events_table_exists(connection):
            return []
        if not _is_web_conversation(connection, session_id, web_channel):
            return []
        ids = identities.conversation_ids_of(session_id)
        query = text(
            "SELECT id, sender_id, type_name, timestamp, data FROM events "
            "WHERE sender_id IN :ids AND type_name IN ('user', 'bot') "
            "ORDER BY timestamp DESC, id DESC LIMIT :limit"
        ).bindparams(bindparam("ids", expanding=True))
        rows = connection.execute(query, {"ids": ids, "limit": limit}).fetchall()
    channels = {conversation: _channel_label(conversation, session_id) for conversation in ids}
    messages = []
    for row in reversed(rows):
        message = _message(row.type_name, json.loads(row.data), row.timestamp)
        if message is None:
            continue
        if row.sender_id != session_id:
            message["channel"] = channels.get(row.sender_id)
        messages.append(message)
    return messages


def _is_web_conversation(connection: Any, session_id: str, web_channel: str) -> bool:
    """A conversation counts as a web chat when its first user message came through socket.io."""
    row = connection.execute(
        text(
            "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user' "
            "ORDER BY timestamp, id LIMIT 1"
        ),
        {"sender": session_id},
    ).first()
    if row is None:
        return identities.channel_of(session_id) in (None, web_channel)
    return json.loads(row.data).get("input_channel") == web_channel


def _channel_label(conversation_id: str, session_id: str) -> str | None:
    if conversation_id == session_id:
        return None
    if conversation_id.startswith(identities.TELEGRAM_PREFIX):
        return "Telegram"
    if conversation_id.startswith("+"):
        return "text message"
    return "another device"


def _message(kind: str, data: dict[str, Any], timestamp: float) -> dict[str, Any] | None:
    if kind == "user":
        metadata = data.get("metadata") or {}
        shown = metadata.get("display")
        said = data.get("text") or ""
        if shown is None and (said.startswith("/") or said.startswith("EXTERNAL: ") or not said):
            return None  # an intent sent by a button we can't name, a link, or a proactive trigger
        return {"from": "user", "text": shown or said, "at": timestamp}
    extra = data.get("data") or {}
    said = data.get("text") or ""
    buttons = extra.get("buttons") or extra.get("quick_replies") or []
    if not said and not buttons:
        return None
    return {
        "from": "bot",
        "text": said,
        "buttons": [
            {"title": b.get("title"), "payload": b.get("payload")} for b in buttons if b.get("title")
        ],
        "at": timestamp,
    }

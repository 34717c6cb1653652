"""Rasa's socket.io channel for Pacer's web chat, with session ids held to one shape.

With `session_persistence`, Rasa lets a browser name its own conversation id. A
page could then name a Telegram chat (`tg:...`) or a phone number and talk inside
that person's conversation. Pacer's web sessions are random 32-hex-digit ids, so
any other id is replaced by a fresh one, and a message is only accepted for the
session its socket asked for.

Rasa builds its socket.io server with `cors_allowed_origins=[]`, which switches
engineio's own Origin check off (and `--cors` covers HTTP routes only), so the connect
handler here refuses a browser whose Origin is not in `PACER_CORS`. Messages over the
length or rate bound get a short reply and are not processed (bot.channels.bounds).
"""

from __future__ import annotations

import inspect
import logging
import os
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.channels import bounds

logger = logging.getLogger(__name__)
REDIS_CHANNEL = "pacer-socketio"
WEB_SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
CHANNEL_NAME = "socketio"


def is_web_session_id(value: object) -> bool:
    return isinstance(value, str) and bool(WEB_SESSION_ID.match(value))


def new_session_id() -> str:
    return uuid.uuid4().hex


class PacerSocketIOInput(SocketIOInput):
    """`socketio` channel whose conversation ids are always random web-session ids."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = super().blueprint(on_new_message)
        sio = self.sio
        use_redis_manager(sio)
        namespace = self.namespace or "/"
        rasa_connect = sio.handlers[namespace]["connect"]
        rasa_message = sio.handlers[namespace][self.user_message_evt]
        origins = bounds.allowed_origins()

        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            if not bounds.origin_allowed(environ.get("HTTP_ORIGIN"), origins, environ.get("HTTP_HOST")):
                logger.info("socket.io: refused a connection from an origin not in PACER_CORS")
                return False
            return await rasa_connect(sid, environ, auth)

        async def session_request(sid: str, data: dict | None) -> None:
            """Rasa's handler, with the session id held to the web shape. Rasa calls
            `enter_room` without awaiting it, which python-socketio >= 5.9 made a coroutine
            (the room was never joined, so replies were dropped: RasaHQ/rasa #13027)."""
            data = dict(data or {})
            if not is_web_session_id(data.get("session_id")):
                data["session_id"] = new_session_id()
            session_id = data["session_id"]
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        async def handle_message(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if not is_web_session_id(session_id) or session_id not in sio.rooms(sid, namespace=namespace):
                return
            text = data.get("message")
            refused = bounds.refusal(session_id, text if isinstance(text, str) else "")
            if refused is not None:
                await sio.emit(self.bot_message_evt, {"text": refused}, room=sid, namespace=namespace)
                return
            await rasa_message(sid, data)

        sio.on("connect", connect, namespace=self.namespace)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return hook


def use_redis_manager(sio: Any, url: str | None = None) -> bool:
    """Swap the server's client manager for a Redis-backed one when `REDIS_URL` is set.

    Rasa builds its `AsyncServer` inside `blueprint()`, before any client has connected; the
    manager is initialised lazily on the first connection (that starts its Redis listener),
    and emitting only needs the publishing side, so replacing it here is safe.
    """
    url = url if url is not None else os.environ.get("REDIS_URL", "")
    if not url:
        return False
    from socketio import AsyncRedisManager

    manager = AsyncRedisManager(url, channel=REDIS_CHANNEL)
    manager.set_server(sio)
    sio.manager = manager
    sio.manager_initialized = False
    logger.info("socket.io: Redis-backed manager (messages reach sockets on every replica)")
    return True

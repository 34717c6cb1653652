"""Rasa's REST channel, closed unless configured, bound to its own conversations.

Rasa's own `rest` channel answers 200 even when processing failed, lets anyone post as
any sender (an SMS patient's phone number included), trusts the body's `input_channel`,
and processes a retried request twice. Pacer's keeps the name `rest` and:

- is refused (403) unless `PACER_REST_TOKEN` is set, and then needs
  `Authorization: Bearer <token>` (401 without it); `make run` generates a token;
- namespaces sender ids: the conversation is always `rest:<sender>`, so a REST client
  can never address an SMS, Telegram or web conversation (migration 0011 renamed the
  REST conversations stored before);
- takes `input_channel` from the class, never from the body (the scheduler sends
  check-ins to a conversation's latest input channel, at the clinic's expense);
- answers a message over the length or rate bound with a short reply, unparsed and
  unstored (bot.channels.bounds);
- `metadata.message_id` (or the `X-Message-Id` header): the idempotency key; a retry
  with the same key is answered once (bot.services.inbound);
- a failed turn answers 500, so a client knows to retry with the same key.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import bounds
from bot.services import inbound
from bot.store.db import get_engine
from bot.store.owners import new_owner_id

logger = logging.getLogger(__name__)
WAIT_STEP_S = 0.1
CONVERSATION_PREFIX = "rest:"
MAX_SENDER_CHARS = 128


def rest_conversation_id(sender: str) -> str:
    """The conversation a REST sender speaks in: always inside the `rest:` namespace."""
    return sender if sender.startswith(CONVERSATION_PREFIX) else CONVERSATION_PREFIX + sender


def _lease() -> timedelta:
    return timedelta(seconds=float(os.environ.get("PACER_IDEMPOTENCY_LEASE_S") or 90))


class PacerRestInput(RestInput):
    """`rest`, with idempotency keys (see the module docstring)."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token if token is not None else os.environ.get("PACER_REST_TOKEN", "")
        self.owner = new_owner_id()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> PacerRestInput:
        return cls((credentials or {}).get("token"))

    def _authorised(self, request: Request) -> bool:
        if not self.token:
            return False
        given = request.headers.get("authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        hook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.token:
                return response.json({"error": "the REST channel is closed: PACER_REST_TOKEN is not set"},
                                     status=403)
            if not self._authorised(request):
                return response.json({"error": "token required"}, status=401)
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            if len(sender) > MAX_SENDER_CHARS:
                return response.json({"error": f"sender: at most {MAX_SENDER_CHARS} characters"}, status=400)
            sender = rest_conversation_id(sender)
            refused = bounds.refusal(sender, text)
            if refused is not None:
                return response.json([{"recipient_id": sender, "text": refused}],
                                     headers={"X-Pacer-Refused": "1"})
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
            key = metadata.get("message_id") or request.headers.get("x-message-id")
            if key is not None and not inbound.valid_message_id(key):
                return response.json({"error": "message_id: 8-64 of A-Z a-z 0-9 . _ : -"}, status=400)
            input_channel = self.name()  # never the body's: see the module docstring
            if key is None:
                return await self._process(on_new_message, text, sender, input_channel, metadata, None)
            return await self._keyed(on_new_message, text, sender, input_channel, {**metadata,
                                     "message_id": key}, key)

        return hook

    async def _keyed(self, on_new_message, text: str, sender: str, input_channel: str,  # noqa: ANN001
                     metadata: dict, key: str) -> HTTPResponse:
        engine = get_engine()
        lease = _lease()
        deadline = asyncio.get_running_loop().time() + lease.total_seconds() + 5
        while True:
            decision = await asyncio.to_thread(inbound.claim, engine, key, sender, self.owner, lease)
            if decision.action == "process":
                break
            if decision.action == "replay":
                return response.json(decision.replies, headers={"X-Pacer-Replayed": "1"})
            if decision.action == "conflict":
                return response.json({"error": "message_id belongs to another sender"}, status=409)
            if asyncio.get_running_loop().time() > deadline:
                return response.json({"error": "still being processed; retry"}, status=503)
            await asyncio.sleep(WAIT_STEP_S)  # another replica is answering it: wait for the answer
        return await self._process(on_new_message, text, sender, input_channel, metadata, key)

    async def _process(self, on_new_message, text: str, sender: str, input_channel: str,  # noqa: ANN001
                       metadata: dict, key: str | None) -> HTTPResponse:
        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, sender, input_channel=input_channel,
                              metadata=metadata or None, message_id=key)
        try:
            await on_new_message(message)
        except asyncio.CancelledError:
            if key is not None:  # the client went away: its retry claims the id anew
                await asyncio.to_thread(inbound.release, get_engine(), key, self.owner)
            raise
        except Exception:
            logger.exception("rest: turn failed for a message (text not logged)")
            if key is not None:
                await asyncio.to_thread(inbound.release, get_engine(), key, self.owner)
            return response.json({"error": "processing failed; retry with the same message_id"},
                                 status=500)
        if key is not None:
            await asyncio.to_thread(inbound.answer, get_engine(), key, self.owner, collector.messages)
        return response.json(collector.messages)

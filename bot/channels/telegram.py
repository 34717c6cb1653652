"""Pacer's Telegram channel (Rasa's built-in one cannot send proactive messages,
does not check Telegram's secret token, and cannot use another Bot API server).

- The webhook accepts an update only with the right `X-Telegram-Bot-Api-Secret-Token`
  (403 and nothing processed otherwise; with no secret configured, nothing is accepted).
- Buttons become an inline keyboard; a press (callback query) is answered and its
  payload goes to Rasa as the person's message.
- Replies go out through one async httpx client, so `trigger_intent` (proactive
  check-ins) works from inside Rasa's running event loop.
- `/start` begins onboarding; `/start CODE` and `/link CODE` link this chat to a
  patient who got a link code in another channel.

Configured in credentials.yml under `bot.channels.telegram.TelegramInput`, or from
the environment: TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET_TOKEN, TELEGRAM_API_BASE.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import bounds, prompts, render
from bot.channels.output import OptionsOutputChannel
from bot.channels.retry import post_with_retry
from bot.services import identities

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.telegram.org"
CHANNEL_NAME = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
START_INTENT = "/greet"

LINK_REPLIES = {
    "linked": "Linked! This chat is now part of your Pacer account{name}.",
    "already_linked": "This chat was already linked to your account{name}.",
    "invalid": "That code didn't work. Check it and try again, or ask for a new one in your other chat.",
    "expired": "That code has expired or was already used. Ask for a new one in your other chat.",
    "conflict": (
        "This chat already belongs to another Pacer account, so I can't link it. "
        "If that's not right, please contact your clinic."
    ),
    "busy": "Too many tries with codes. Please wait 15 minutes, then ask for a new code in your other chat.",
}


def _setting(credentials: dict[str, Any], key: str, env: str, default: str = "") -> str:
    value = credentials.get(key)
    return str(value) if value not in (None, "") else os.environ.get(env, default)


def _button_text(message: dict[str, Any], data: str) -> str | None:
    """The title of the pressed button, from the keyboard Telegram sends back with the query."""
    rows = ((message.get("reply_markup") or {}).get("inline_keyboard")) or []
    for row in rows:
        for button in row:
            if button.get("callback_data") == data:
                return button.get("text")
    return None


class TelegramBotApi:
    """The few Bot API methods Pacer uses, over one shared async client."""

    def __init__(self, token: str, api_base: str = DEFAULT_API_BASE, timeout: float = 15.0) -> None:
        self.token = token
        self.api_base = api_base.rstrip("/")
        self._client: httpx.AsyncClient | None = None
        self._timeout = timeout

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None or self._client.is_closed:
            # httpx logs every request URL at INFO, and Bot API URLs hold the bot token.
            logging.getLogger("httpx").setLevel(logging.WARNING)
            self._client = httpx.AsyncClient(timeout=self._timeout)
        return self._client

    async def call(
        self, method: str, payload: dict[str, Any], on_forbidden: Callable[[], Awaitable[Any]] | None = None
    ) -> dict[str, Any] | None:
        """POST one Bot API method; failures are logged (without message text), never raised.

        A 403 to a chat (blocked by the user, account deleted) is final: `on_forbidden` runs."""
        if not self.token:
            logger.warning("Telegram: no bot token configured; %s not sent", method)
            return None
        url = f"{self.api_base}/bot{self.token}/{method}"
        try:
            reply = await post_with_retry(lambda: self.client.post(url, json=payload), f"Telegram {method}")
        except httpx.HTTPError as error:
            logger.warning("Telegram %s failed: %s", method, type(error).__name__)
            return None
        if reply.status_code != 200:
            logger.warning("Telegram %s answered HTTP %s", method, reply.status_code)
            if reply.status_code == 403 and on_forbidden is not None:
                await on_forbidden()
            return None
        try:
            return reply.json()
        except ValueError:
            return None


class TelegramOutput(OptionsOutputChannel):
    """Sends Rasa's replies to one Telegram chat (the conversation id names it)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def __init__(self, api: TelegramBotApi) -> None:
        self.api = api

    async def _to_chat(self, recipient_id: str, method: str, payload: dict[str, Any]) -> bool:
        """Send to the patient's chat; False when Telegram refuses it for good (403), which
        marks the conversation unreachable so check-ins go elsewhere (identities owner)."""
        refused = False

        async def blocked() -> None:
            nonlocal refused
            refused = True
            await asyncio.to_thread(identities.mark_unreachable, recipient_id, identities.TELEGRAM_BLOCKED)

        await self.api.call(method, payload, on_forbidden=blocked)
        return not refused

    async def _send(self, recipient_id: str, text: str, options: list[render.Option]) -> None:
        chat_id = identities.telegram_chat_id(recipient_id)
        parts = render.split_text(text, render.TELEGRAM_TEXT_LIMIT) or ([" "] if options else [])
        for index, part in enumerate(parts):
            payload: dict[str, Any] = {"chat_id": chat_id, "text": part}
            if options and index == len(parts) - 1:
                payload["reply_markup"] = render.inline_keyboard(options)
            if not await self._to_chat(recipient_id, "sendMessage", payload):
                return
        if options and any(
            len(o.payload.encode()) > render.TELEGRAM_CALLBACK_DATA_LIMIT for o in options
        ):
            await asyncio.to_thread(prompts.remember_options, recipient_id, list(options))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        chat_id = identities.telegram_chat_id(recipient_id)
        await self._to_chat(recipient_id, "sendPhoto", {"chat_id": chat_id, "photo": image})

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, str):
            await self._send(recipient_id, attachment, [])

    async def send_elements(self, recipient_id: str, elements: Any, **kwargs: Any) -> None:
        logger.debug("Telegram: carousel elements are not supported; skipped")

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        """A custom payload is a Bot API call, e.g. {"method": "sendLocation", ...}."""
        message = dict(json_message)
        method = message.pop("method", "sendMessage")
        message.setdefault("chat_id", identities.telegram_chat_id(recipient_id))
        await self._to_chat(recipient_id, method, message)


class TelegramInput(InputChannel):
    """Webhook for Telegram updates at `/webhooks/telegram/webhook`."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            access_token=_setting(credentials, "access_token", "TELEGRAM_BOT_TOKEN"),
            secret_token=_setting(credentials, "secret_token", "TELEGRAM_SECRET_TOKEN"),
            api_base=_setting(credentials, "api_base", "TELEGRAM_API_BASE", DEFAULT_API_BASE),
        )

    def __init__(self, access_token: str, secret_token: str, api_base: str = DEFAULT_API_BASE) -> None:
        self.secret_token = secret_token
        self.api = TelegramBotApi(access_token, api_base or DEFAULT_API_BASE)
        if not access_token or not secret_token:
            logger.info("Telegram channel not configured (token or secret missing): webhook refuses updates")

    def get_output_channel(self) -> OutputChannel | None:
        return TelegramOutput(self.api)

    def verified(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret_token) and hmac.compare_digest(given.encode(), self.secret_token.encode())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("pacer_telegram_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.verified(request):
                return response.text("forbidden", status=403)
            update = request.json if isinstance(request.json, dict) else {}
            try:
                await self.handle_update(update, on_new_message)
            except Exception:  # noqa: BLE001 - Telegram retries non-2xx forever; log and move on
                logger.exception("Telegram update %s could not be handled", update.get("update_id"))
            return response.text("ok")

        return hook

    async def handle_update(
        self, update: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """One update: a text message or a button press in a private chat; anything else is ignored."""
        output = TelegramOutput(self.api)
        if "callback_query" in update:
            query = update["callback_query"]
            await self.api.call("answerCallbackQuery", {"callback_query_id": query.get("id")})
            chat = ((query.get("message") or {}).get("chat")) or {}
            if chat.get("type") != "private" or not query.get("data"):
                return
            sender = identities.telegram_conversation_id(chat["id"])
            options = await asyncio.to_thread(prompts.last_options, sender)
            payload = render.callback_payload(str(query["data"]), options)
            if payload is None:
                return
            title = _button_text(query.get("message") or {}, str(query["data"]))
            await self._dispatch(on_new_message, output, sender, payload, title)
            return
        message = update.get("message") or {}
        chat = message.get("chat") or {}
        text = (message.get("text") or "").strip()
        if chat.get("type") != "private" or not text:
            return
        sender = identities.telegram_conversation_id(chat["id"])
        refused = bounds.refusal(sender, text)
        if refused is not None:
            await output.send_text_message(sender, refused)
            return
        command, _, argument = text.partition(" ")
        command = command.split("@", 1)[0].lower()
        if command in ("/start", "/link") and argument.strip():
            await self._link(on_new_message, output, sender, argument.strip())
            return
        if command == "/start":
            await self._dispatch(on_new_message, output, sender, START_INTENT, "/start")
            return
        if text.startswith("/"):
            text = text.lstrip("/")  # other commands are plain words to Rasa, never intents
        await self._dispatch(on_new_message, output, sender, text, None)

    async def _dispatch(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        output: TelegramOutput,
        sender: str,
        text: str,
        display: str | None,
    ) -> None:
        chat_id = identities.telegram_chat_id(sender)
        await self.api.call("sendChatAction", {"chat_id": chat_id, "action": "typing"})
        await asyncio.to_thread(identities.note_contact, sender, CHANNEL_NAME)
        metadata = {"display": display} if display else {}
        await on_new_message(
            UserMessage(text, output, sender, input_channel=CHANNEL_NAME, metadata=metadata)
        )

    async def _link(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        output: TelegramOutput,
        sender: str,
        code: str,
    ) -> None:
        result = await asyncio.to_thread(identities.redeem_link_code, code, sender, CHANNEL_NAME)
        name = f", {result.name}" if result.name else ""
        await output.send_text_message(sender, LINK_REPLIES[result.status].format(name=name))
        if result.ok:
            await self._dispatch(on_new_message, output, sender, START_INTENT, "/start")

"""Pacer's SMS channel through Twilio (Rasa's built-in one does not check
`X-Twilio-Signature`).

Order of handling for every inbound text, as carriers require:
1. the signature is checked (403 and nothing processed otherwise);
2. opt-out keywords (STOP, UNSUBSCRIBE, ...) are honoured before anything else:
   the number is opted out, check-ins stop, one confirmation is sent;
3. START / HELP keywords; `LINK CODE` links the number to a patient;
4. a reply of "1", "2", ... chooses from the options last offered;
5. everything else goes to Rasa. Buttons go out as numbered options and long
   replies are split at sentence or word boundaries.

A number that has opted out gets nothing from Pacer (proactive or not) until it
texts START; a message it sends is still read, so that a crisis still alerts the clinic.

Configured in credentials.yml under `bot.channels.twilio_sms.TwilioSmsInput`, or from
the environment: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER (or
TWILIO_MESSAGING_SERVICE_SID), TWILIO_API_BASE, TWILIO_WEBHOOK_URL (the public URL
Twilio calls, when Pacer runs behind a proxy).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import bounds, prompts, render
from bot.channels.output import OptionsOutputChannel
from bot.channels.retry import post_with_retry
from bot.clinic import load_clinic
from bot.safety.contacts import contacts_for
from bot.services import identities, opt_out, regions

logger = logging.getLogger(__name__)

CHANNEL_NAME = "sms"
DEFAULT_API_BASE = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"
UNSUBSCRIBED_ERROR = 21610  # Twilio: "Attempt to send to unsubscribed recipient" (HTTP 400)
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

# Twilio's default keyword lists (which carriers in the US and Canada require).
OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP", "YES", "OPTIN"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})
_LINK = re.compile(r"^\s*link\s+([A-Za-z0-9][A-Za-z0-9 \-]{3,12})\s*$", re.IGNORECASE)

STOP_REPLY = (
    "You're unsubscribed from {clinic}'s Pacer messages and check-ins. "
    "No more texts will be sent. Reply START to subscribe again."
)
START_REPLY = "You're subscribed to {clinic}'s Pacer messages again. Reply HELP for help, STOP to stop."
HELP_REPLY = (
    "Pacer is an automated self-management coach from {clinic}; it is not monitored around "
    "the clock. In an emergency call {emergency}.{contact} Reply STOP to unsubscribe. "
    "Msg & data rates may apply."
)
LINK_REPLIES = {
    "linked": "Linked! This number is now part of your Pacer account{name}.",
    "already_linked": "This number was already linked to your account{name}.",
    "invalid": "That code didn't work. Check it, or ask for a new one in your other chat.",
    "expired": "That code has expired or was already used. Ask for a new one in your other chat.",
    "conflict": "This number already belongs to another Pacer account, so I can't link it.",
    "busy": "Too many tries with codes. Please wait 15 minutes, then ask for a new code in your other chat.",
}


def keyword_of(text: str) -> str:
    """The whole message as a keyword ("Stop." -> "STOP"); carriers match the whole message."""
    return re.sub(r"[^A-Za-z]", "", text).upper() if len(text) <= 20 else ""


def _setting(credentials: dict[str, Any], key: str, env: str, default: str = "") -> str:
    value = credentials.get(key)
    return str(value) if value not in (None, "") else os.environ.get(env, default)


class TwilioApi:
    """Sends SMS through Twilio's REST API (Messages resource) with one async client."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str = "",
        messaging_service_sid: str = "",
        api_base: str = DEFAULT_API_BASE,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid
        self.api_base = api_base.rstrip("/")
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None or self._client.is_closed:
            self._client = httpx.AsyncClient(timeout=15.0, auth=(self.account_sid, self.auth_token))
        return self._client

    async def send(self, to: str, body: str) -> bool:
        if not (self.account_sid and self.auth_token and (self.from_number or self.messaging_service_sid)):
            logger.warning("SMS: Twilio is not configured; message not sent")
            return False
        form = {"To": to, "Body": body}
        if self.messaging_service_sid:
            form["MessagingServiceSid"] = self.messaging_service_sid
        else:
            form["From"] = self.from_number
        url = f"{self.api_base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        try:
            reply = await post_with_retry(lambda: self.client.post(url, data=form), "SMS send")
        except httpx.HTTPError as error:
            logger.warning("SMS send failed: %s", type(error).__name__)
            return False
        if reply.status_code not in (200, 201):
            logger.warning("SMS send answered HTTP %s", reply.status_code)
            if unsubscribed(reply):
                await asyncio.to_thread(identities.mark_unreachable, to, identities.SMS_UNSUBSCRIBED)
            return False
        return True


def unsubscribed(reply: httpx.Response) -> bool:
    """Twilio error 21610: the number replied STOP at the carrier, so no SMS can reach it
    (STOP that reached Pacer is `opt_out.sms_opt_out`; this one did not)."""
    try:
        return (reply.json() or {}).get("code") == UNSUBSCRIBED_ERROR
    except (ValueError, AttributeError):
        return False


class TwilioSmsOutput(OptionsOutputChannel):
    """Sends Rasa's replies as SMS to the conversation's phone number (its id)."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def __init__(self, api: TwilioApi, limit: int = render.SMS_TEXT_LIMIT) -> None:
        self.api = api
        self.limit = limit

    async def _send(self, recipient_id: str, text: str, options: list[render.Option]) -> None:
        if await asyncio.to_thread(opt_out.sms_opted_out, recipient_id):
            logger.info("SMS: number opted out; reply suppressed")
            return
        await asyncio.to_thread(prompts.remember_options, recipient_id, options)
        if options:
            menu = render.numbered_options_text("", options)
            parts = render.split_text(text, self.limit)
            if parts and len(parts[-1]) + 2 + len(menu) <= self.limit:
                parts[-1] = f"{parts[-1]}\n\n{menu}"
            else:
                parts.append(menu)
        else:
            parts = render.split_text(text, self.limit)
        for part in parts:
            await self.api.send(recipient_id, part)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._send(recipient_id, image, [])

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, str):
            await self._send(recipient_id, attachment, [])

    async def send_elements(self, recipient_id: str, elements: Any, **kwargs: Any) -> None:
        logger.debug("SMS: carousel elements are not supported; skipped")

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        text = json_message.get("text")
        if isinstance(text, str):
            await self._send(recipient_id, text, [])


class SilentOutput(TwilioSmsOutput):
    """Drops replies: for an opted-out number whose message is still read."""

    async def _send(self, recipient_id: str, text: str, options: list[render.Option]) -> None:
        logger.info("SMS: number opted out; reply suppressed")


class TwilioSmsInput(InputChannel):
    """Twilio's incoming-message webhook at `/webhooks/sms/webhook`."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(
            account_sid=_setting(credentials, "account_sid", "TWILIO_ACCOUNT_SID"),
            auth_token=_setting(credentials, "auth_token", "TWILIO_AUTH_TOKEN"),
            from_number=_setting(credentials, "twilio_number", "TWILIO_FROM_NUMBER"),
            messaging_service_sid=_setting(
                credentials, "messaging_service_sid", "TWILIO_MESSAGING_SERVICE_SID"
            ),
            api_base=_setting(credentials, "api_base", "TWILIO_API_BASE", DEFAULT_API_BASE),
            webhook_url=_setting(credentials, "webhook_url", "TWILIO_WEBHOOK_URL"),
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str = "",
        messaging_service_sid: str = "",
        api_base: str = DEFAULT_API_BASE,
        webhook_url: str = "",
    ) -> None:
        self.auth_token = auth_token
        self.webhook_url = webhook_url
        self.api = TwilioApi(account_sid, auth_token, from_number, messaging_service_sid, api_base)
        if not auth_token:
            logger.info("SMS channel not configured (no Twilio auth token): webhook refuses requests")

    def get_output_channel(self) -> OutputChannel | None:
        return TwilioSmsOutput(self.api)

    def verified(self, request: Request) -> bool:
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not self.auth_token or not signature:
            return False
        url = self.webhook_url or request.url
        params = {key: values[0] if len(values) == 1 else values for key, values in request.form.items()}
        return RequestValidator(self.auth_token).validate(url, params, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("pacer_sms_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.verified(request):
                return response.text("forbidden", status=403)
            sender = request.form.get("From") or ""
            body = request.form.get("Body") or ""
            region = load_clinic().region
            phone = identities.normalise_phone(sender, region) or sender
            if phone:
                try:
                    await self.handle_text(phone, body, on_new_message)
                except Exception:  # noqa: BLE001 - Twilio would retry; log and answer
                    logger.exception("SMS message could not be handled")
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return hook

    async def handle_text(
        self, phone: str, body: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        keyword = keyword_of(body)
        clinic = load_clinic()
        if keyword in OPT_OUT_KEYWORDS:
            await asyncio.to_thread(self._opt_out, phone, keyword)
            await self.api.send(phone, STOP_REPLY.format(clinic=clinic.name))
            return
        opted_out = await asyncio.to_thread(opt_out.sms_opted_out, phone)
        if keyword in OPT_IN_KEYWORDS and (opted_out or keyword != "YES"):
            await asyncio.to_thread(self._opt_in, phone)
            await self.api.send(phone, START_REPLY.format(clinic=clinic.name))
            return
        if keyword in HELP_KEYWORDS:
            await self.api.send(phone, self.help_text(phone))
            return
        output: TwilioSmsOutput = SilentOutput(self.api) if opted_out else TwilioSmsOutput(self.api)
        refused = bounds.refusal(phone, body)
        if refused is not None:
            await output.send_text_message(phone, refused)
            return
        link = _LINK.match(body)
        if link and identities.looks_like_code(link.group(1)):
            result = await asyncio.to_thread(identities.redeem_link_code, link.group(1), phone, CHANNEL_NAME)
            name = f", {result.name}" if result.name else ""
            await output.send_text_message(phone, LINK_REPLIES[result.status].format(name=name))
            if result.ok:
                await asyncio.to_thread(identities.note_contact, phone, CHANNEL_NAME, phone)
                await self._dispatch(on_new_message, output, phone, "/greet", "LINK", trusted=True)
            return
        options = await asyncio.to_thread(prompts.last_options, phone)
        chosen = render.chosen_option(body, options)
        if chosen is not None:
            await self._dispatch(on_new_message, output, phone, chosen.payload, body.strip(), trusted=True)
        else:
            await self._dispatch(on_new_message, output, phone, body, None)

    async def _dispatch(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        output: TwilioSmsOutput,
        phone: str,
        text: str,
        display: str | None,
        trusted: bool = False,
    ) -> None:
        await asyncio.to_thread(identities.note_contact, phone, CHANNEL_NAME, phone)
        if text.startswith("/") and not trusted:
            text = text.lstrip("/")  # typed slashes are words, never intents
        metadata = {"display": display} if display else {}
        await on_new_message(UserMessage(text, output, phone, input_channel=CHANNEL_NAME, metadata=metadata))

    @staticmethod
    def _opt_out(phone: str, keyword: str) -> None:
        opt_out.sms_opt_out(phone, keyword)
        opt_out.stop_checkins(phone, by=opt_out.SMS_STOP_REASON)
        prompts.remember_options(phone, [])

    @staticmethod
    def _opt_in(phone: str) -> None:
        opt_out.sms_opt_in(phone)
        opt_out.resume_checkins_stopped_by(phone, by=opt_out.SMS_STOP_REASON)

    @staticmethod
    def help_text(phone: str) -> str:
        clinic = load_clinic()
        region = regions.region_for(phone, clinic)  # what they told Pacer, else the number's country
        emergency = contacts_for(region).emergency
        contact = f" Contact the clinic on {clinic.phone}." if clinic.phone else ""
        return HELP_REPLY.format(clinic=clinic.name, emergency=emergency, contact=contact)

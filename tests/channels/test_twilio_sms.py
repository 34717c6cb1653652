"""Pacer's SMS channel inside a real rasa, against a fake Twilio API on loopback.

Webhooks are signed the way Twilio signs them (twilio's RequestValidator); every
assertion is on the exact requests rasa sent to the Messages resource.
"""

from __future__ import annotations

import itertools

import httpx
import pytest
from twilio.request_validator import RequestValidator

from bot.channels import render
from bot.channels.twilio_sms import HELP_REPLY, START_REPLY, STOP_REPLY
from bot.services import opt_out
from tests.channels.conftest import ChannelSetup
from tests.channels.domain_texts import buttons_of, texts_of

pytestmark = pytest.mark.e2e

CLINIC = "Test Valley Pain Clinic"
_numbers = itertools.count(101)


def new_number() -> str:
    return f"+642155{next(_numbers):05d}"


def url(setup: ChannelSetup) -> str:
    return f"{setup.stack.rasa_url}/webhooks/sms/webhook"


def inbound(phone: str, body: str, n: int = 0) -> dict[str, str]:
    return {
        "MessageSid": f"SM{abs(hash((phone, body, n))):032d}"[:34],
        "AccountSid": "ACignored",
        "From": phone,
        "To": "+15005550006",
        "Body": body,
        "NumMedia": "0",
    }


def text(setup: ChannelSetup, phone: str, body: str, token: str | None = None,
         signed_params: dict | None = None) -> httpx.Response:
    params = inbound(phone, body)
    validator = RequestValidator(token or setup.twilio_auth_token)
    signature = validator.compute_signature(url(setup), signed_params or params)
    return httpx.post(url(setup), data=params, headers={"X-Twilio-Signature": signature}, timeout=60)


def sent_to(setup: ChannelSetup, phone: str) -> list[dict[str, str]]:
    return [r.form for r in setup.twilio.snapshot() if r.form.get("To") == phone]


def expected_bodies(message: str, options: list[tuple[str, str]] | None = None) -> list[str]:
    """What the channel must send for one bot message: split text, options as a numbered menu."""
    parts = render.split_text(message, render.SMS_TEXT_LIMIT)
    if options:
        menu = render.numbered_options_text("", [render.Option(t, p) for t, p in options])
        if len(parts[-1]) + 2 + len(menu) <= render.SMS_TEXT_LIMIT:
            parts[-1] = f"{parts[-1]}\n\n{menu}"
        else:
            parts.append(menu)
    return parts


def user_events(setup: ChannelSetup, phone: str) -> list[dict]:
    return [e for e in setup.stack.tracker(phone)["events"] if e["event"] == "user"]


def test_unsigned_or_wrongly_signed_webhooks_are_refused(channels: ChannelSetup) -> None:
    phone = new_number()
    channels.twilio.clear()
    params = inbound(phone, "hello")
    assert httpx.post(url(channels), data=params, timeout=30).status_code == 403
    assert text(channels, phone, "hello", token="not-the-auth-token").status_code == 403
    tampered = dict(params, Body="something else")  # signed for another body
    assert text(channels, phone, "hello", signed_params=tampered).status_code == 403
    assert channels.twilio.snapshot() == []
    assert user_events(channels, phone) == []


def test_a_conversation_by_sms_with_numbered_options(channels: ChannelSetup) -> None:
    phone = new_number()
    channels.twilio.clear()
    response = text(channels, phone, "hi")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert "<Response></Response>" in response.text
    requests = channels.twilio.snapshot()
    assert all(r.path == f"/2010-04-01/Accounts/{channels.twilio_sid}/Messages.json" for r in requests)
    sent = [r.form for r in requests]
    assert all(set(form) == {"To", "From", "Body"} for form in sent)
    assert all(form["To"] == phone and form["From"] == channels.twilio_from for form in sent)
    bodies = [form["Body"] for form in sent]
    intro = next(t for t in texts_of("utter_intro") if bodies[0] == t)
    consent = zip(texts_of("utter_ask_consent"), buttons_of("utter_ask_consent"), strict=True)
    consent_variants = [expected_bodies(message, options) for message, options in consent]
    assert bodies[1:] in consent_variants, bodies
    assert len(bodies[1:]) == 2  # the consent question is long: split, and the menu goes last
    assert bodies[-1].endswith("1. " + bodies[-1].split("1. ", 1)[1])
    assert bodies[0] == intro

    channels.twilio.clear()
    text(channels, phone, "1")  # "Yes"
    [ask_name] = [form["Body"] for form in sent_to(channels, phone)]
    assert ask_name in texts_of("utter_ask_patient_name")
    last = user_events(channels, phone)[-1]
    assert (last["text"], last["metadata"]["display"], last["input_channel"]) == ("/affirm", "1", "sms")

    channels.twilio.clear()
    text(channels, phone, "Tama")
    assert sent_to(channels, phone)[0]["Body"] in texts_of("utter_welcome_name", patient_name="Tama")


def test_phone_numbers_are_normalised_to_e164(channels: ChannelSetup) -> None:
    channels.twilio.clear()
    text(channels, "+1 (415) 555-2671", "hello")
    assert {r.form["To"] for r in channels.twilio.snapshot()} == {"+14155552671"}
    assert user_events(channels, "+14155552671")[0]["text"] == "hello"


def test_stop_is_honoured_first_and_start_and_help_answer_as_carriers_require(
    channels: ChannelSetup,
) -> None:
    phone = new_number()
    text(channels, phone, "hello")
    text(channels, phone, "1")
    text(channels, phone, "Tama")
    assert not opt_out.checkins_stopped(phone)
    events_before = len(user_events(channels, phone))

    channels.twilio.clear()
    text(channels, phone, " Stop. ")
    assert [form["Body"] for form in sent_to(channels, phone)] == [STOP_REPLY.format(clinic=CLINIC)]
    assert len(user_events(channels, phone)) == events_before  # never reached Rasa
    assert opt_out.sms_opted_out(phone) and opt_out.checkins_stopped(phone)

    channels.twilio.clear()
    trigger = httpx.post(
        f"{channels.stack.rasa_url}/conversations/{phone}/trigger_intent",
        params={"token": channels.stack.token, "output_channel": "sms"},
        json={"name": "show_plans"},
        timeout=60,
    )
    assert trigger.status_code == 200
    text(channels, phone, "what are my plans")  # read (a crisis would still alert), never answered
    assert sent_to(channels, phone) == []
    assert user_events(channels, phone)[-1]["text"] == "what are my plans"

    text(channels, phone, "HELP")
    [help_reply] = [form["Body"] for form in sent_to(channels, phone)]
    assert help_reply == HELP_REPLY.format(
        clinic=CLINIC, emergency="111", contact=" Contact the clinic on 09 555 0100."
    )

    channels.twilio.clear()
    text(channels, phone, "start")
    assert [form["Body"] for form in sent_to(channels, phone)] == [START_REPLY.format(clinic=CLINIC)]
    assert not opt_out.sms_opted_out(phone) and not opt_out.checkins_stopped(phone)

    channels.twilio.clear()
    text(channels, phone, "UNSUBSCRIBE")
    assert opt_out.sms_opted_out(phone) and opt_out.checkins_stopped(phone)


def test_proactive_messages_are_sent_with_numbered_options(channels: ChannelSetup) -> None:
    phone = new_number()
    text(channels, phone, "hi")
    text(channels, phone, "2")  # "No thanks": nothing stored, the form is over
    channels.twilio.clear()
    trigger = httpx.post(
        f"{channels.stack.rasa_url}/conversations/{phone}/trigger_intent",
        params={"token": channels.stack.token, "output_channel": "latest"},
        json={"name": "show_plans"},
        timeout=60,
    )
    assert trigger.status_code == 200
    bodies = [form["Body"] for form in sent_to(channels, phone)]
    assert bodies in [
        expected_bodies(message, options)
        for message, options in zip(texts_of("utter_not_set_up"), buttons_of("utter_not_set_up"), strict=True)
    ]
    channels.twilio.clear()
    text(channels, phone, "2")  # "Not now"
    assert user_events(channels, phone)[-1]["text"] == "/deny"

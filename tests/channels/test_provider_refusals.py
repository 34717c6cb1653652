"""What Pacer does when Telegram or Twilio refuse a message: 429 and 5xx are retried with
backoff (the provider's own wait when it gives one), 403 and other 4xx are not repeated; a
refusal for good (Telegram 403, Twilio 21610) stops check-ins going to that conversation.
The real channel clients talk HTTP to the fake APIs on loopback."""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.channels import retry
from bot.channels.telegram import TelegramBotApi, TelegramOutput
from bot.channels.twilio_sms import TwilioApi
from bot.services import dashboard, goals, identities
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import ChannelIdentity
from tests.channels.fakes import FakeApi, telegram_api, telegram_refusal, twilio_api, twilio_refusal

TOKEN = f"123456:{uuid.uuid4().hex}"
SID, AUTH = f"AC{uuid.uuid4().hex}", uuid.uuid4().hex


@pytest.fixture(autouse=True)
def short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "BASE_DELAY_S", 0.01)


@pytest.fixture
def telegram() -> Iterator[FakeApi]:
    fake = telegram_api(TOKEN)
    yield fake
    fake.close()


@pytest.fixture
def twilio() -> Iterator[FakeApi]:
    fake = twilio_api(SID, "Basic " + base64.b64encode(f"{SID}:{AUTH}".encode()).decode())
    yield fake
    fake.close()


def send_telegram(fake: FakeApi) -> dict | None:
    async def send() -> dict | None:
        api = TelegramBotApi(TOKEN, api_base=fake.base_url)
        try:
            return await api.call("sendMessage", {"chat_id": 42, "text": "How did the walk go?"})
        finally:
            await api.client.aclose()
    return asyncio.run(send())


def send_sms(fake: FakeApi) -> bool:
    async def send() -> bool:
        api = TwilioApi(SID, AUTH, from_number="+15005550006", api_base=fake.base_url)
        try:
            return await api.send("+64211234567", "How did the walk go?")
        finally:
            await api.client.aclose()
    return asyncio.run(send())


@pytest.mark.parametrize("refusal", [telegram_refusal(429, retry_after=0), telegram_refusal(500),
                                     telegram_refusal(502)])
def test_telegram_busy_or_down_is_retried_and_the_message_arrives(
        telegram: FakeApi, refusal: tuple[int, dict]) -> None:
    telegram.refuse_next(refusal, refusal)
    answer = send_telegram(telegram)
    assert answer is not None and answer["ok"] is True
    assert [r.json["text"] for r in telegram.snapshot()] == ["How did the walk go?"] * 3


def test_telegram_blocked_by_the_user_is_not_retried(telegram: FakeApi) -> None:
    telegram.refuse_next(telegram_refusal(403))
    assert send_telegram(telegram) is None
    assert len(telegram.snapshot()) == 1


def test_telegram_still_refusing_after_the_last_attempt_gives_up(telegram: FakeApi) -> None:
    telegram.refuse_next(*[telegram_refusal(503)] * (retry.ATTEMPTS + 1))
    assert send_telegram(telegram) is None
    assert len(telegram.snapshot()) == retry.ATTEMPTS


def test_telegram_retry_after_is_the_wait_used(telegram: FakeApi, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def record(delay: float) -> None:
        waits.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(retry.asyncio, "sleep", record)
    telegram.refuse_next(telegram_refusal(429, retry_after=3), telegram_refusal(429, retry_after=60))
    assert send_telegram(telegram) is not None
    assert waits == [3.0, retry.MAX_DELAY_S]  # the provider's wait, cut to the cap inside a turn


@pytest.mark.parametrize("refusal", [twilio_refusal(429, retry_after=0), twilio_refusal(500),
                                     twilio_refusal(503)])
def test_twilio_busy_or_down_is_retried_and_the_sms_is_sent(
        twilio: FakeApi, refusal: tuple[int, dict, dict[str, str]]) -> None:
    twilio.refuse_next(refusal)
    assert send_sms(twilio) is True
    assert [r.form["Body"] for r in twilio.snapshot()] == ["How did the walk go?"] * 2


def test_twilio_forbidden_is_not_retried(twilio: FakeApi) -> None:
    twilio.refuse_next(twilio_refusal(403))
    assert send_sms(twilio) is False
    assert len(twilio.snapshot()) == 1


def test_twilio_still_refusing_after_the_last_attempt_gives_up(twilio: FakeApi) -> None:
    twilio.refuse_next(*[twilio_refusal(500)] * (retry.ATTEMPTS + 1))
    assert send_sms(twilio) is False
    assert len(twilio.snapshot()) == retry.ATTEMPTS


# --- a refusal for good stops check-ins on that channel (bot.services.identities owner) ---------


def _patient_on_telegram_and_sms() -> int:
    goals.record_consent("tg:42", "given", "telegram", name="Mere")
    identities.redeem_link_code(identities.issue_link_code("tg:42").code, "+64211234567", "sms")
    identities.prefer_for_checkins("tg:42")
    with session_scope() as session:
        return repo.find_patient(session, "tg:42").id


@pytest.mark.usefixtures("database_url")
def test_telegram_blocked_by_the_user_moves_checkins_to_another_linked_channel(telegram: FakeApi) -> None:
    pid = _patient_on_telegram_and_sms()
    assert identities.checkin_destination(pid) == identities.Destination("tg:42", "telegram")
    telegram.refuse_next(telegram_refusal(403))

    async def send() -> None:
        api = TelegramBotApi(TOKEN, api_base=telegram.base_url)
        try:
            await TelegramOutput(api).send_text_message("tg:42", "First part.\n\n" + "x" * 5000)
        finally:
            await api.client.aclose()

    asyncio.run(send())
    assert len(telegram.snapshot()) == 1  # the rest of a long message is not tried either
    assert identities.checkin_destination(pid) == identities.Destination("+64211234567", "sms")
    with session_scope() as session:
        chat = session.execute(select(ChannelIdentity).where(ChannelIdentity.conversation_id == "tg:42"))
        assert chat.scalar_one().unreachable_reason == identities.TELEGRAM_BLOCKED
        shown = dashboard.channels_by_patient(session, [pid])[pid]
        assert shown == ["Telegram (not reachable)", "text message"]
    identities.note_contact("tg:42", "telegram")  # they unblocked the bot and wrote again
    assert identities.checkin_destination(pid) == identities.Destination("tg:42", "telegram")


@pytest.mark.usefixtures("database_url")
def test_sms_to_a_number_unsubscribed_at_the_carrier_leaves_no_destination(twilio: FakeApi) -> None:
    goals.record_consent("+64211234567", "given", "sms", name="Mere")
    with session_scope() as session:
        pid = repo.find_patient(session, "+64211234567").id
    twilio.refuse_next((400, {"code": 21610, "message": "Attempt to send to unsubscribed recipient",
                              "status": 400}))
    assert send_sms(twilio) is False
    assert identities.checkin_destination(pid) is None  # the only channel: the check-in is not sent
    twilio.refuse_next(twilio_refusal(403))  # another refusal is not an unsubscribe
    goals.record_consent("+64217654321", "given", "sms", name="Rangi")
    with session_scope() as session:
        other = repo.find_patient(session, "+64217654321").id
    asyncio.run(_sms_to("+64217654321", twilio))
    assert identities.checkin_destination(other) == identities.Destination("+64217654321", "sms")


async def _sms_to(number: str, fake: FakeApi) -> None:
    api = TwilioApi(SID, AUTH, from_number="+15005550006", api_base=fake.base_url)
    try:
        await api.send(number, "How did the walk go?")
    finally:
        await api.client.aclose()

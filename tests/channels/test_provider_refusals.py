"""What Pacer does when Telegram or Twilio refuse a message: 429 and 5xx are retried with
backoff (the provider's own wait when it gives one), 403 and other 4xx are not repeated.
The real channel clients talk HTTP to the fake APIs on loopback."""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections.abc import Iterator

import pytest

from bot.channels import retry
from bot.channels.telegram import TelegramBotApi
from bot.channels.twilio_sms import TwilioApi
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

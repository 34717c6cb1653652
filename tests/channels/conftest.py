"""A real Pacer stack (rasa, action server, web app) whose Telegram and SMS channels
talk to fake Bot API and Twilio servers on loopback.

Package-scoped: it stops when the channel tests are done, before the e2e stack starts.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.store import db
from tests.channels.fakes import FakeApi, telegram_api, twilio_api
from tests.e2e.stack import PacerStack


@dataclass
class ChannelSetup:
    stack: PacerStack
    telegram: FakeApi
    twilio: FakeApi
    telegram_token: str
    telegram_secret: str
    twilio_sid: str
    twilio_auth_token: str
    twilio_from: str = "+15005550006"


@pytest.fixture(scope="package")
def channels(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelSetup]:
    telegram_token = f"123456:{uuid.uuid4().hex}"
    twilio_sid = f"AC{uuid.uuid4().hex}"
    twilio_token = uuid.uuid4().hex
    basic = "Basic " + base64.b64encode(f"{twilio_sid}:{twilio_token}".encode()).decode()
    telegram, twilio = telegram_api(telegram_token), twilio_api(twilio_sid, basic)
    stack = PacerStack(tmp_path_factory.mktemp("pacer-channels"))
    setup = ChannelSetup(
        stack=stack,
        telegram=telegram,
        twilio=twilio,
        telegram_token=telegram_token,
        telegram_secret=uuid.uuid4().hex,
        twilio_sid=twilio_sid,
        twilio_auth_token=twilio_token,
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DATABASE_URL", stack.settings.database_url)
        env.setenv("TELEGRAM_BOT_TOKEN", telegram_token)
        env.setenv("TELEGRAM_SECRET_TOKEN", setup.telegram_secret)
        env.setenv("TELEGRAM_API_BASE", telegram.base_url)
        env.setenv("TWILIO_ACCOUNT_SID", twilio_sid)
        env.setenv("TWILIO_AUTH_TOKEN", twilio_token)
        env.setenv("TWILIO_FROM_NUMBER", setup.twilio_from)
        env.setenv("TWILIO_API_BASE", twilio.base_url)
        env.setenv("PACER_CLINIC_NAME", "Test Valley Pain Clinic")
        env.setenv("PACER_CLINIC_PHONE", "09 555 0100")
        env.setenv("PACER_CLINIC_REGION", "NZ")
        db.reset_engines()
        stack.start()
        try:
            yield setup
        finally:
            stack.stop()
            telegram.close()
            twilio.close()
    db.reset_engines()

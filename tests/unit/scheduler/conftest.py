"""Patients with schedules on a real migrated SQLite file, and the Rasa API stub process."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from bench.rasa_stub import RasaStub
from bot.services import checkins, goals
from bot.store.db import session_scope
from bot.store.models import CheckinSchedule, utcnow


def make_patient(conversation_id: str, channel: str = "socketio", due: datetime | None = None) -> int:
    """A consenting patient whose next check-in is due at `due` (default: a minute ago); no quiet
    hours, so that deferrals end when the rule says whatever the time of day the test runs."""
    goals.record_consent(conversation_id, "given", channel=channel, name="Aroha")
    view = checkins.ensure_schedule(conversation_id, utcnow() - timedelta(days=8))
    with session_scope() as session:
        session.execute(
            update(CheckinSchedule)
            .where(CheckinSchedule.patient_id == view.patient_id)
            .values(next_due_at=due or utcnow() - timedelta(minutes=1), quiet_start=None, quiet_end=None)
        )
    return view.patient_id


@pytest.fixture
def stub(database_url: str) -> Iterator[RasaStub]:
    running = RasaStub(token="test-token", record_receipts=True)
    yield running
    running.close()

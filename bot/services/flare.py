"""Flare-up plan use cases: the plan written in advance (edited a section at a time)
and flares reported now, each with a next-day follow-up question."""

from __future__ import annotations

from datetime import datetime

from bot.coaching.flare_plan import SECTION_KEYS, FlarePlan
from bot.services import checkins
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import FlarePlanRecord, utcnow


def _plan(record: FlarePlanRecord | None) -> FlarePlan | None:
    if record is None:
        return None
    return FlarePlan(**{key: getattr(record, key) for key in SECTION_KEYS})


def get_plan(conversation_id: str) -> FlarePlan | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return _plan(repo.get_flare_plan(session, patient)) if patient else None


def save_sections(conversation_id: str, sections: dict[str, str | None]) -> FlarePlan | None:
    """Write the sections given (others stay as they are); None without consent."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        return _plan(repo.save_flare_plan(session, patient, sections))


def start_episode(
    conversation_id: str, red_flag: bool, plan_source: str | None, now: datetime | None = None
) -> int | None:
    """Record the flare and schedule tomorrow's "how is it now?" (nothing without consent):
    pushed by the scheduler the next local morning, or asked at the next session if that
    comes first; once either way (bot.services.followups.take_due)."""
    now = now or utcnow()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return None
        episode = repo.add_flare_episode(session, patient, red_flag, plan_source)
        due = checkins.queue_flare_followup(session, patient.id, now)
        repo.add_followup(session, patient, "flare", due, ref_id=episode.id)
        return episode.id

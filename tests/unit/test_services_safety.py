"""Safety and privacy use cases against a real migrated SQLite database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from bot.coaching.phq4 import Phq4, parse_item
from bot.services import goals, opt_out, privacy, safety, wellbeing
from bot.store.db import get_engine, session_scope
from bot.store.models import Alert, Patient, SafetyEvent, utcnow


@pytest.fixture(autouse=True)
def _db(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PACER_ALERT_WEBHOOK", raising=False)
    monkeypatch.delenv("PACER_ALERT_EMAIL", raising=False)
    monkeypatch.delenv("PACER_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("PACER_CLINIC_FILE", raising=False)


def consented(conversation_id: str = "c1", name: str = "Ana") -> str:
    goals.record_consent(conversation_id, "given", name=name)
    return conversation_id


def test_safety_events_are_recorded_even_without_consent_and_listed_open_first() -> None:
    stranger_event = safety.record_safety_event("stranger", "crisis", "crisis.x", "suicide", "words")
    conv = consented()
    event_id = safety.record_safety_event(conv, "red_flag", "red_flag.y", "cauda_equina", "numb")
    open_ids = [e.id for e in safety.open_safety_events()]
    assert open_ids == [event_id, stranger_event]
    safety.acknowledge(event_id, by="dr.smith")
    assert [e.id for e in safety.open_safety_events()] == [stranger_event]
    with session_scope() as session:
        event = session.get(SafetyEvent, event_id)
        assert event.acknowledged_by == "dr.smith" and event.patient_id is not None


def test_alerts_are_queued_only_for_crisis_and_red_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACER_ALERT_WEBHOOK", "http://127.0.0.1:9/never")  # closed port: stays pending
    conv = consented()
    crisis = safety.record_safety_event(conv, "crisis", "r", "suicide", "t")
    check = safety.record_safety_event(conv, "crisis_check", "r", "", "t")
    with session_scope() as session:
        channels = {
            (a.safety_event_id, a.channel) for a in session.execute(select(Alert)).scalars()
        }
    assert channels == {(crisis, "webhook")}
    assert check not in {event_id for event_id, _ in channels}


def test_one_pause_rule_a_clinician_pause_never_undoes_the_patients_own_stop() -> None:
    conv = consented()
    until = utcnow() + timedelta(days=7)
    with session_scope() as session:
        patient = session.execute(select(Patient)).scalar_one()
        assert opt_out.set_pause(session, patient, until, by="Dr Smith")
        assert patient.checkins_paused_by == "Dr Smith"
        assert opt_out.set_pause(session, patient, None, by="Dr Jones")  # any clinician resumes
        assert (patient.checkins_paused_until, patient.checkins_paused_by) == (None, None)
    assert opt_out.stop_checkins(conv, by=opt_out.SMS_STOP_REASON)
    with session_scope() as session:
        patient = session.execute(select(Patient)).scalar_one()
        assert not opt_out.set_pause(session, patient, None, by="Dr Smith")  # resume: refused
        assert not opt_out.set_pause(session, patient, until, by="Dr Smith")  # shorten: refused
    assert opt_out.checkins_stopped(conv)
    assert opt_out.resume_checkins_stopped_by(conv, by=opt_out.SMS_STOP_REASON)  # START
    assert not opt_out.checkins_stopped(conv)


def test_phq4_scoring_and_storage_needs_consent() -> None:
    assert [parse_item(t) for t in ("0", "several days", "most days", "nearly every day", "?")] == [
        0, 1, 2, 3, None,
    ]
    flagged = Phq4(interest=2, down=1, nervous=0, worry=1)
    assert flagged.phq2 == 3 and flagged.needs_follow_up
    assert not Phq4(1, 1, 1, 1).needs_follow_up
    with pytest.raises(ValueError):
        Phq4(4, 0, 0, 0)
    assert wellbeing.save_phq4("stranger", flagged) is False
    assert wellbeing.save_phq4(consented(), flagged) is True


def test_export_and_erasure_remove_only_that_person(monkeypatch: pytest.MonkeyPatch) -> None:
    keep, leave = consented("keep"), consented("leave", name="Lee")
    for conv in (keep, leave):
        goals.save_value(conv, "family")
    with get_engine().begin() as connection:
        connection.execute(text(
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL)"
        ))
        for conv in (keep, leave):
            connection.execute(
                text("INSERT INTO events (sender_id, timestamp) VALUES (:s, 1.0)"), {"s": conv}
            )
    exported = privacy.export_conversation(leave)
    assert exported["patient"]["name"] == "Lee" and exported["values"][0]["text"] == "family"
    monkeypatch.setattr(privacy, "erase_soon", lambda: None)  # run the sweep here, not in a thread
    privacy.request_erasure(leave)
    assert privacy.sweep_erasures() >= 2
    assert goals.get_state(leave).known is False
    assert goals.get_state(keep).values == ["family"]
    with get_engine().connect() as connection:
        senders = connection.execute(text("SELECT sender_id FROM events")).scalars().all()
    assert senders == ["keep"]


def test_retention_holds_the_erasure_and_stops_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACER_RETENTION_DAYS", "30")
    conv = consented()
    due = privacy.request_erasure(conv)
    assert due is not None and due > utcnow() + timedelta(days=29)
    assert privacy.sweep_erasures() == 0
    state = goals.get_state(conv)
    assert state.known and state.consent_status == "withdrawn"
    with pytest.raises(PermissionError):
        goals.save_value(conv, "more data")
    assert privacy.sweep_erasures(now=due + timedelta(seconds=1)) >= 1
    assert goals.get_state(conv).known is False

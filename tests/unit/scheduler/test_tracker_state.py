"""What the scheduler reads from a conversation's tracker: an open form, a safety stage, the
channel, and "the patient wrote recently"."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bench.rasa_stub import record_events
from bot.scheduler.trackers import EMPTY, TrackerState, tracker_states
from bot.store.db import get_engine

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


def state(intent: str | None) -> TrackerState:
    return TrackerState(active_loop=None, latest_input_channel=None, latest_event_time=NOW,
                        latest_intent=intent, safety_stage=None)


def test_a_patient_message_is_recent_activity() -> None:
    assert state("greet").last_user_activity == NOW


def test_a_tracker_without_any_user_message_is_not_activity() -> None:
    # Fetching an unknown conversation makes Rasa start a session now: a check-in for a patient
    # who never chatted was put off as "recent contact" at every sweep.
    assert state(None).last_user_activity is None


def test_pacers_own_check_in_trigger_is_not_the_patient() -> None:
    assert state("EXTERNAL_booster_checkin").last_user_activity is None


# Read from the tracker store's events table, as Rasa would replay them (bot.scheduler.trackers).

def user(intent: str, channel: str = "socketio", at: float = 1_000.0) -> dict:
    return {"event": "user", "text": "x", "input_channel": channel, "timestamp": at,
            "parse_data": {"intent": {"name": intent}}}


def read(conversation: str) -> TrackerState:
    with get_engine().connect() as conn:
        return tracker_states(conn, [conversation]).get(conversation, EMPTY)


@pytest.mark.both_dialects
def test_an_open_form_and_the_last_message_are_read_from_the_tracker_store(database_url: str) -> None:
    record_events("c-1", [user("greet", at=1_000.0), {"event": "active_loop", "name": "plan_form",
                                                     "timestamp": 1_001.0}])
    state = read("c-1")
    assert state.active_loop == "plan_form" and state.latest_intent == "greet"
    assert state.latest_input_channel == "socketio"
    assert state.latest_event_time == datetime.fromtimestamp(1_001.0, tz=timezone.utc)
    record_events("c-1", [{"event": "active_loop", "name": None, "timestamp": 1_002.0}])
    assert read("c-1").active_loop is None


@pytest.mark.both_dialects
def test_a_new_session_closes_the_form_and_forgets_the_message_but_not_the_channel(database_url: str) -> None:
    record_events("c-2", [
        user("greet", channel="telegram", at=1_000.0),
        {"event": "active_loop", "name": "checkin_form", "timestamp": 1_001.0},
        {"event": "slot", "name": "safety_stage", "value": "check", "timestamp": 1_002.0},
        {"event": "session_started", "timestamp": 9_000.0},
    ])
    state = read("c-2")
    assert state.active_loop is None and state.latest_intent is None and state.safety_stage is None
    assert state.last_user_activity is None  # a session start is not the patient writing
    assert state.latest_input_channel == "telegram"


@pytest.mark.both_dialects
def test_a_safety_stage_carried_into_the_new_session_stays_open_until_reset(database_url: str) -> None:
    record_events("c-3", [
        {"event": "slot", "name": "safety_stage", "value": "crisis", "timestamp": 1_000.0},
        {"event": "session_started", "timestamp": 2_000.0},
        {"event": "slot", "name": "safety_stage", "value": "crisis", "timestamp": 2_000.0},
    ])
    assert read("c-3").safety_stage == "crisis"
    record_events("c-3", [{"event": "reset_slots", "timestamp": 2_001.0}])
    assert read("c-3").safety_stage is None


def test_a_conversation_without_events_is_empty(database_url: str) -> None:
    record_events("someone-else", [user("greet")])
    assert read("never-chatted") == EMPTY

"""What the scheduler reads from Rasa's tracker as "the patient wrote recently"."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduler.rasa_api import TrackerState

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

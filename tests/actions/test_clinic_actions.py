"""The invitation-code action against a real migrated database."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.clinic import ActionEnterClinicCode, find_code
from bot.services import dashboard, goals
from bot.store.db import session_scope
from bot.store.models import ChannelIdentity, InvitationCode, PatientAssignment
from bot.web import auth

pytestmark = pytest.mark.usefixtures("database_url")


def tracker(domain: dict[str, Any], text: str, sender: str) -> Tracker:
    latest = {"text": text, "intent": {"name": "enter_clinic_code", "confidence": 0.9}, "entities": []}
    values = {name: None for name in domain["slots"]}
    events = [{"event": "action", "name": "action_listen"},
              {"event": "user", "text": text, "parse_data": latest, "input_channel": "rest"}]
    return Tracker(sender, values, latest, events, False, None, {}, "action_listen")


def say(domain: dict[str, Any], text: str, sender: str = "clinic-conv") -> list[dict]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionEnterClinicCode().run(dispatcher, tracker(domain, text, sender), domain))
    return dispatcher.messages


def make_code(email: str = "nurse@clinic.test") -> tuple[int, str]:
    clinician_id = auth.create_clinician(email, "Nurse Kim", "a long enough password")
    with session_scope() as session:
        return clinician_id, dashboard.create_invitation(session, clinician_id).code


def test_find_code_accepts_copied_variants_and_ignores_words() -> None:
    assert find_code("my code is k7pm2qxr thanks") == "K7PM2QXR"
    assert find_code("here: 9XQ2-LM7P") == "9XQ2LM7P"
    assert find_code("code MN4B 8RTY") == "MN4B8RTY"
    assert find_code("I have a question about something") is None
    assert find_code("how do i put in my clinic code") is None


def test_code_assigns_the_patient_once(domain: dict[str, Any]) -> None:
    clinician_id, code = make_code()
    goals.record_consent("clinic-conv", "given", name="Ana")
    [message] = say(domain, f"the physio gave me a code, its {code[:4]}-{code[4:].lower()}")
    assert message["response"] == "utter_clinic_code_joined" and message["clinician"] == "Nurse Kim"
    with session_scope() as session:
        patient_id = session.execute(select(ChannelIdentity.patient_id)).scalar_one()
        [assignment] = session.execute(select(PatientAssignment)).scalars()
        assert (assignment.clinician_id, assignment.patient_id, assignment.source) == (
            clinician_id, patient_id, "invitation")
        assert session.execute(select(InvitationCode)).scalar_one().used_by_patient_id == patient_id
    goals.record_consent("other-conv", "given", name="Ben")
    [again] = say(domain, f"code {code}", sender="other-conv")  # used: no second patient
    assert again["response"] == "utter_clinic_code_invalid"


def test_expired_unknown_and_missing_codes(domain: dict[str, Any]) -> None:
    _, code = make_code()
    goals.record_consent("clinic-conv", "given", name="Ana")
    with session_scope() as session:
        row = session.execute(select(InvitationCode)).scalar_one()
        row.expires_at = row.created_at - timedelta(days=1)
    assert say(domain, f"code {code}")[0]["response"] == "utter_clinic_code_invalid"
    assert say(domain, "code ZZ9Z99ZZ")[0]["response"] == "utter_clinic_code_invalid"
    missing = say(domain, "i've got an invite code from the pain team")
    assert missing[0]["response"] == "utter_clinic_code_missing"
    with session_scope() as session:
        assert session.execute(select(PatientAssignment)).first() is None


def test_no_assignment_before_consent(domain: dict[str, Any]) -> None:
    _, code = make_code()
    assert say(domain, f"code {code}", sender="stranger")[0]["response"] == "utter_clinic_code_needs_consent"
    with session_scope() as session:
        assert session.execute(select(InvitationCode)).scalar_one().used_at is None

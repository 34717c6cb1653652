"""Conversation summaries on a recorded conversation (tests/data/recorded_conversation.json,
made by `python -m tests.web.record_conversation` against real rasa and action servers):
every summary line traces to real tracker events of the turn that produced it."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert

from bot.services import dashboard, summaries
from bot.store import models as m
from bot.store import rasa_events
from bot.store.db import session_scope
from bot.web import auth
from tests.web.server import WebServer

RECORDING = Path(__file__).resolve().parents[2] / "data" / "recorded_conversation.json"
TABLES = (
    ("patients", m.Patient), ("channel_identities", m.ChannelIdentity),
    ("consent_events", m.ConsentEvent), ("patient_values", m.PatientValue),
    ("functional_goals", m.FunctionalGoal), ("psfs_ratings", m.PsfsRating), ("action_plans", m.ActionPlan),
    ("phq4_results", m.Phq4Result), ("safety_events", m.SafetyEvent), ("patient_requests", m.PatientRequest),
)


def _value(column, value):  # noqa: ANN001, ANN202
    if isinstance(value, str) and column.type.python_type is datetime:
        return datetime.fromisoformat(value)
    return value


@pytest.fixture(scope="module")
def recording(web_db: str) -> dict:
    data = json.loads(RECORDING.read_text())
    with session_scope() as session:
        conn = session.connection()
        rasa_events.EVENTS.create(conn, checkfirst=True)  # Rasa's table, as its tracker store creates it
        conn.execute(insert(rasa_events.EVENTS), data["events"])
        for key, model in TABLES:
            columns = {c.key: c for c in model.__table__.columns}
            rows = [{k: _value(columns[k], v) for k, v in row.items()} for row in data[key]]
            if rows:
                conn.execute(insert(model), rows)
    data["patient_id"] = data["patients"][0]["id"]
    return data


def summarise(patient_id: int) -> summaries.PatientSummaries:
    with session_scope() as session:
        return summaries.summarise_patient(session, patient_id)


def test_every_line_traces_to_the_turn_that_produced_it(recording: dict) -> None:
    result = summarise(recording["patient_id"])
    events = {e["id"]: e for e in recording["events"]}
    assert result.lines
    for line in result.lines:
        assert line.event_ids, line
        assert all(events[i]["sender_id"] == recording["sender"] for i in line.event_ids)
        user = events[line.event_ids[0]]
        assert user["type_name"] == "user", line
        assert user["timestamp"] <= line.at.timestamp() + 1e-6, line
        # The writing (or answering) action ran in that turn: after the message, before the next one.
        [action_id] = line.event_ids[1:]
        action = events[action_id]
        if line.source == "events":
            assert action["action_name"] in summaries.NOTABLE_INTENTS[user["intent_name"]][2]
        else:
            assert any(action["action_name"] in names for names in summaries.WRITERS.values()), line
        next_user = min((e["id"] for e in recording["events"]
                             if e["type_name"] == "user" and e["id"] > user["id"]), default=10**9)
        assert user["id"] < action_id < next_user


def test_lines_say_what_was_set_changed_reported_and_flagged(recording: dict) -> None:
    result = summarise(recording["patient_id"])
    texts = [(line.category, line.text) for line in result.lines]
    by_text = {line.text: line for line in result.lines}
    events = {e["id"]: e for e in recording["events"]}

    def said(line: summaries.SummaryLine) -> str:
        return json.loads(events[line.event_ids[0]]["data"])["text"]

    value = next(line for line in result.lines if line.text.startswith("Value:"))
    assert said(value) == "getting back to walking on the beach with my sister"
    assert ("set", "Activity set: gardening, ability 3/10") in texts
    assert ("set", "Activity set: walking the dog, ability 5/10") in texts
    plan = by_text["Action plan set: walk round the block, 10 minutes, after breakfast, 3 days a week "
                   "(confidence 8/10)"]
    assert events[plan.event_ids[1]]["action_name"] == "action_save_plan"
    done = by_text["Action plan done: walk round the block"]
    assert said(done) == "I did my walk every day this week!"
    assert ("reported", "Said they were struggling (low mood, stress or worry)") in texts
    assert ("reported", "PHQ-4: PHQ-2 3/6, GAD-2 5/6 - follow-up suggested") in texts
    request = by_text["Asked to talk to a person"]
    assert said(request) == "can I talk to a real person"
    crisis = next(line for line in result.lines if line.category == "flagged")
    assert crisis.text == "Crisis message; not acknowledged"
    assert said(crisis) == recording["safety_events"][0]["message_text"]


def test_sessions_hold_their_own_lines_and_summaries_are_deterministic(recording: dict) -> None:
    first, second = summarise(recording["patient_id"]), summarise(recording["patient_id"])
    assert [(line.at, line.text, line.event_ids) for line in first.lines] == [
        (line.at, line.text, line.event_ids) for line in second.lines]
    assert len(first.sessions) == 3
    cats = [[line.text.split(":")[0] for line in s.lines] for s in first.sessions]
    assert "Action plan set" in cats[0] and "Consent given (wording 2026-11)" in cats[0]
    assert "Action plan done" in cats[1] and "PHQ-4" in cats[1] and "Asked to talk to a person" in cats[1]
    assert cats[2] == ["Crisis message; not acknowledged"]
    assert sum(len(s.lines) for s in first.sessions) == len(first.lines)
    for s in first.sessions:
        session_ids = {e.id for e in s.events}
        assert all(set(line.event_ids) <= session_ids for line in s.lines)
    # A period summary is a slice of the same lines.
    crisis_at = first.sessions[2].started_at
    assert [line.text for line in first.between(crisis_at, None)] == ["Crisis message; not acknowledged"]
    recent = summarise_recent(recording["patient_id"], 1)
    assert [line.text for line in recent.lines] == ["Crisis message; not acknowledged"]


def summarise_recent(patient_id: int, sessions: int) -> summaries.PatientSummaries:
    with session_scope() as session:
        return summaries.summarise_patient(session, patient_id, recent_sessions=sessions)


def test_rows_without_a_conversation_turn_are_not_summarised(recording: dict) -> None:
    with session_scope() as session:
        session.add(m.PatientValue(patient_id=recording["patient_id"], text="typed in by a script",
                                   created_at=datetime(2020, 1, 1, tzinfo=timezone.utc)))
        session.flush()
        lines = summaries.summarise_patient(session, recording["patient_id"]).lines
        session.rollback()
    assert not any("typed in by a script" in line.text for line in lines)


def test_summary_links_open_the_transcript_at_those_turns(recording: dict, server: WebServer) -> None:
    email = f"sum-{uuid.uuid4().hex[:6]}@clinic.test"
    clinician_id = auth.create_clinician(email, "Dr Sum", "a long enough password")
    with session_scope() as session:
        dashboard.assign(session, clinician_id, recording["patient_id"])
    client = server.client()
    assert client.sign_in(email, "a long enough password").status_code == 303
    page = client.get(f"/dashboard/patients/{recording['patient_id']}/conversations")
    assert page.status_code == 200
    trace = r'href="(/dashboard/patients/\d+/transcript\?[^"]+)" class="trace">([^<]+)<'
    links = re.findall(trace, page.text)
    assert len(links) == len(summarise(recording["patient_id"]).lines)
    for href, _text in links:
        href = href.replace("&amp;", "&")
        ids = re.search(r"hl=([\d,]+)", href).group(1).split(",")
        transcript = client.get(href)
        assert transcript.status_code == 200
        for event_id in ids:
            if summaries_event_type(recording, int(event_id)) in ("user", "bot"):
                assert re.search(rf'<li class="turn \w+ highlight" id="e{event_id}">', transcript.text)
    other = client.get(f"/dashboard/patients/{recording['patient_id']}/transcript?c=someone-else")
    assert other.status_code == 404


def summaries_event_type(recording: dict, event_id: int) -> str:
    return next(e["type_name"] for e in recording["events"] if e["id"] == event_id)


def test_summary_action_names_are_real_domain_actions_and_intents() -> None:
    """WRITERS and NOTABLE_INTENTS name actions that exist, so summary lines can link to turns."""
    from bot import training

    domain = training.domain_dict()
    known = set(domain["actions"]) | set(domain.get("forms", {})) | set(domain["responses"])
    intents = set(domain["intents"])
    named = {name for names in summaries.WRITERS.values() for name in names}
    for intent, (_, _, answered_by) in summaries.NOTABLE_INTENTS.items():
        assert intent in intents, intent
        named |= answered_by
    assert named - known - summaries.RETIRED_ACTIONS == set()

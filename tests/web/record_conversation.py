"""Record a real conversation for the summary tests: `python -m tests.web.record_conversation`.

Starts a real rasa server and action server (tests/e2e/stack.py) on a throwaway database,
talks to Pacer like a patient would (goal setting, a progress report, low mood and PHQ-4,
a request for a person, a crisis message), then writes the tracker-store events and
Pacer's rows for that person to tests/data/recorded_conversation.json. The summary tests
load that file into a fresh database; nothing in it is written by hand.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from sqlalchemy import inspect, select, text

from bot.store import db
from bot.store import models as m
from tests.e2e.stack import PacerStack, texts

OUT = Path(__file__).resolve().parent.parent / "data" / "recorded_conversation.json"
SENDER = "rest:recorded-patient-1"  # REST conversations are rest:<sender> (bot.channels.rest)
SCRIPT = (
    "hi there",
    "yes thats ok",
    "call me Mere",
    "getting back to walking on the beach with my sister",
    "gardening and walking the dog",
    "3",
    "5",
    "walk round the block, 10 minutes, after breakfast, 3 days",
    "yes",
    "8",
    "/session_start",
    "hello",
    "I did my walk every day this week!",
    "ive been feeling really low and stressed lately",
    "/start_phq4",  # the "4 quick mood questions" button
    "more than half the days",
    "several days",
    "nearly every day",
    "more than half the days",
    "can I talk to a real person",
    "/session_start",
    "hi",
    "honestly i just want to kill myself",
    "yes im safe, my partner is here",
)


def _rows(session, model, column, value) -> list[dict]:  # noqa: ANN001
    result = []
    for row in session.execute(select(model).where(column == value)).scalars():
        result.append({c.key: _plain(getattr(row, c.key)) for c in inspect(model).columns})
    return result


def _plain(value):  # noqa: ANN001, ANN202
    return value.isoformat() if hasattr(value, "isoformat") else value


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="pacer-record-"))
    stack = PacerStack(workdir)
    os.environ["DATABASE_URL"] = stack.settings.database_url
    for name in ("PACER_ALERT_WEBHOOK", "PACER_ALERT_EMAIL"):
        os.environ.pop(name, None)
    db.reset_engines()
    stack.start()
    try:
        for message in SCRIPT:
            replies = texts(stack.say(SENDER, message))
            print(f"> {message}\n  {replies[:160]!r}", flush=True)
    finally:
        stack.stop()
    with db.session_scope() as session:
        patient_id = session.execute(
            select(m.ChannelIdentity.patient_id).where(m.ChannelIdentity.conversation_id == SENDER)
        ).scalar_one()
        goal_ids = [g.id for g in session.execute(
            select(m.FunctionalGoal).where(m.FunctionalGoal.patient_id == patient_id)).scalars()]
        data = {
            "sender": SENDER,
            "events": [dict(r._mapping) for r in session.execute(
                text("SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data "
                     "FROM events WHERE sender_id = :s ORDER BY id"), {"s": SENDER})],
            "patients": _rows(session, m.Patient, m.Patient.id, patient_id),
            "channel_identities": _rows(session, m.ChannelIdentity, m.ChannelIdentity.patient_id, patient_id),
            "consent_events": _rows(session, m.ConsentEvent, m.ConsentEvent.patient_id, patient_id),
            "patient_values": _rows(session, m.PatientValue, m.PatientValue.patient_id, patient_id),
            "functional_goals": _rows(session, m.FunctionalGoal, m.FunctionalGoal.patient_id, patient_id),
            "psfs_ratings": [
                r for gid in goal_ids for r in _rows(session, m.PsfsRating, m.PsfsRating.goal_id, gid)
            ],
            "action_plans": _rows(session, m.ActionPlan, m.ActionPlan.patient_id, patient_id),
            "phq4_results": _rows(session, m.Phq4Result, m.Phq4Result.patient_id, patient_id),
            "safety_events": _rows(session, m.SafetyEvent, m.SafetyEvent.patient_id, patient_id),
            "patient_requests": _rows(session, m.PatientRequest, m.PatientRequest.patient_id, patient_id),
        }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({len(data['events'])} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

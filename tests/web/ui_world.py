"""A small clinic for the look-and-feel browser tests: a web patient with a stored chat
(tracker events written as Rasa writes them), ratings, a plan and a safety reply."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import inspect, select, text

from bot.coaching.phq4 import Phq4
from bot.services import dashboard, goals, wellbeing
from bot.store import db
from bot.store.models import ActionPlan, ChannelIdentity, FunctionalGoal, PsfsRating, utcnow
from bot.web import auth

WEB_SESSION = "5e55104d0a1b4c2e8f3a9b7c6d5e4f30"
PASSWORD = "a long enough password"
LEAD_EMAIL = "lead@clinic.test"
CLINICIAN_EMAIL = "dr.hana@clinic.test"

# (who, text, metadata.display or buttons, seconds before now)
SAFETY_REPLY = (
    "I'm really sorry you're feeling this way. You deserve support right now.\n\n"
    "If you are in danger, call 111. You can call or text 1737 any time to talk to a trained counsellor, "
    "or call Lifeline on 0800 543 354."
)
DAY = 86400
CHAT: list[tuple[str, str, object, int]] = [
    ("user", "cant sleep again, everything feels too much tonight", None, 2 * DAY),
    ("bot", SAFETY_REPLY, None, 2 * DAY - 5),
    ("user", "hi", None, 3600),
    ("bot", "Kia ora, I'm Pacer, an automated coach for living with persistent pain. "
            "I'm not a clinician and nobody watches this chat around the clock.\n\n"
            "Can I store what you tell me so we can pick up where we left off?",
     [{"title": "Yes, that's OK", "payload": "/affirm"}, {"title": "No thanks", "payload": "/deny"}], 3590),
    ("user", "/affirm", "Yes, that's OK", 3500),
    ("bot", "Thanks. What should I call you?", None, 3495),
    ("user", "Aroha", None, 3400),
    ("bot", "Nice to meet you, Aroha. Want to update any of these?",
     [{"title": "Done", "payload": "/affirm"}, {"title": "Change one", "payload": "/change"},
      {"title": "Drop one", "payload": "/drop"}], 600),
    ("bot", "Gardening: 3/10\nWalking the dog: 5/10", None, 599),
]


@dataclass
class UiWorld:
    patient_id: int
    other_patient_id: int
    lead_id: int
    clinician_id: int


def write_events(conversation: str, rows: list[tuple[str, str, object, int]]) -> None:
    """Tracker events as Rasa's SQLTrackerStore stores them (table created when missing)."""
    engine = db.get_engine()
    with engine.begin() as connection:
        if not inspect(connection).has_table("events"):
            connection.execute(text(
                "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
                "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
                "action_name VARCHAR(255), data TEXT)"
            ))
        now = time.time()
        # Rows from the last day stay inside today (the browser's local day), scaled in order:
        # an hour ago is yesterday between midnight and 1 am, and the page then shows a third
        # day marker.
        local_now = datetime.fromtimestamp(now).astimezone()
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        since_midnight = (local_now - midnight).total_seconds()
        recent = [ago for *_, ago in rows if ago < DAY]
        squeeze = min(1.0, (since_midnight - 1) / max(recent)) if recent and since_midnight > 1 else 1.0
        for who, said, extra, ago in rows:
            at = now - (ago * squeeze if ago < DAY else ago)
            if who == "user":
                data = {"event": "user", "timestamp": at, "text": said, "input_channel": "socketio",
                        "metadata": {"display": extra} if extra else {},
                        "parse_data": {"intent": {"name": "affirm" if said == "/affirm" else "inform"}}}
            else:
                data = {"event": "bot", "timestamp": at, "text": said,
                        "data": {"buttons": extra} if extra else {}, "metadata": {}}
            connection.execute(
                text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, :k, :t, :d)"),
                {"s": conversation, "k": who, "t": at, "d": json.dumps(data)},
            )


def seed_ui_world() -> UiWorld:
    lead_id = auth.create_clinician(LEAD_EMAIL, "Dr Lee Lead", PASSWORD, role="admin")
    clinician_id = auth.create_clinician(CLINICIAN_EMAIL, "Dr Hana Wright", PASSWORD)
    goals.record_consent(WEB_SESSION, "given", "socketio", name="Aroha")
    goals.save_value(WEB_SESSION, "playing with my grandchildren again")
    goals.save_activities(WEB_SESSION, [("gardening", 3), ("walking the dog", 5)])
    wellbeing.save_phq4(WEB_SESSION, Phq4(1, 1, 1, 0))
    goals.record_consent("tg:4242", "given", "telegram", name="Sam")
    with db.session_scope() as session:
        ids = dict(session.execute(select(ChannelIdentity.conversation_id, ChannelIdentity.patient_id)).all())
        patient_id, other_id = ids[WEB_SESSION], ids["tg:4242"]
        dashboard.assign(session, clinician_id, patient_id)
        dashboard.assign(session, lead_id, patient_id)
        start = utcnow() - timedelta(weeks=6)
        ratings = session.execute(
            select(PsfsRating).join(FunctionalGoal).where(FunctionalGoal.patient_id == patient_id)
        ).scalars().all()
        for rating in ratings:
            rating.rated_at = start
        for week in range(1, 6):
            for offset, goal_id in enumerate(sorted({r.goal_id for r in ratings})):
                session.add(PsfsRating(goal_id=goal_id, score=min(10, 3 + offset * 2 + week // 2),
                                       rated_at=start + timedelta(weeks=week)))
        session.add(ActionPlan(patient_id=patient_id, what="walk to the letterbox and back",
                               how_much="10 minutes", when_text="after lunch", days_per_week=4,
                               confidence=8))
    write_events(WEB_SESSION, CHAT)
    return UiWorld(patient_id, other_id, lead_id, clinician_id)

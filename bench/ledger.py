"""What the database says after a bench run: user messages by idempotency key, and check-ins
by delivery id, read from the tracker store's `events` table and Pacer's tables."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.engine import Engine

from bot.services import checkins, goals
from bot.store.db import session_scope
from bot.store.models import CheckinDelivery, CheckinSchedule, utcnow

CHECKIN_INTENT = "EXTERNAL_booster_checkin"
SHOWN_SLOT = "checkin_delivery_id"


def seed_checkin_patients(prefix: str, count: int, first_due: datetime, spread_s: float) -> list[int]:
    """Consenting patients on the REST channel with a check-in due between `first_due` and
    `first_due + spread_s` (no quiet hours, so the time of day does not matter)."""
    ids = []
    for i in range(count):
        conversation = f"{prefix}-{i:03d}"
        goals.record_consent(conversation, "given", channel="rest", name="Mere")
        # Anchored now, the first occurrence is in the future: a running scheduler cannot
        # materialise a past one before the due time below is set (that would be a second,
        # legitimate check-in, and the bench would count the patient's open form against it).
        view = checkins.ensure_schedule(conversation, utcnow())
        due = first_due + timedelta(seconds=spread_s * i / max(count - 1, 1))
        with session_scope() as session:
            session.execute(
                update(CheckinSchedule).where(CheckinSchedule.patient_id == view.patient_id)
                .values(next_due_at=due, quiet_start=None, quiet_end=None)
            )
        ids.append(view.patient_id)
    return ids


def user_events_by_message_id(engine: Engine, prefix: str) -> Counter:
    """message_id -> user events stored for it, for senders starting with `prefix`."""
    counts: Counter = Counter()
    with engine.connect() as conn:
        rows = conn.execute(
            # REST conversations are stored as rest:<sender> (bot.channels.rest)
            text("SELECT data FROM events WHERE type_name = 'user' "
                 "AND (sender_id LIKE :p OR sender_id LIKE :r)"),
            {"p": f"{prefix}%", "r": f"rest:{prefix}%"},
        )
        for (data,) in rows:
            message_id = (json.loads(data or "{}").get("metadata") or {}).get("message_id")
            if message_id:
                counts[message_id] += 1
    return counts


@dataclass
class CheckinCounts:
    due: int
    sent: int
    received: int
    not_sent: list[int]
    ids: list[str]
    triggers: Counter  # delivery id -> EXTERNAL_booster_checkin events in the tracker
    shown: Counter  # delivery id -> check-ins opened for it (first receipt: the action's slot)

    def as_dict(self) -> dict:
        return {
            "due": self.due, "sent": self.sent, "received": self.received,
            "not_sent": len(self.not_sent),
            "lost": sum(1 for d in self.ids if self.shown[d] == 0),
            "triggers_in_tracker": sum(self.triggers.values()),
            "shown_twice": sum(1 for v in self.shown.values() if v > 1),
            "resent_on_the_wire": sum(1 for v in self.triggers.values() if v > 1),
        }


def checkin_counts(engine: Engine, patient_ids: list[int]) -> CheckinCounts:
    with engine.connect() as conn:
        rows = conn.execute(
            select(CheckinDelivery.id, CheckinDelivery.status, CheckinDelivery.received_at,
                   CheckinDelivery.conversation_id)
            .where(CheckinDelivery.patient_id.in_(patient_ids))
        ).all()
        delivery_ids = {str(r.id) for r in rows}
        senders = sorted({r.conversation_id for r in rows if r.conversation_id})
        events = conn.execute(
            text("SELECT sender_id, type_name, data FROM events WHERE sender_id IN "
                 "(SELECT conversation_id FROM checkin_deliveries WHERE conversation_id IS NOT NULL) "
                 "ORDER BY sender_id, id")
        ).all() if senders else []
    triggers: Counter = Counter()
    shown: Counter = Counter()
    for _sender, kind, data in events:
        body = json.loads(data or "{}")
        if kind == "user" and (body.get("parse_data") or {}).get("intent", {}).get("name") == CHECKIN_INTENT:
            entities = (body.get("parse_data") or {}).get("entities") or []
            delivery = next((str(e.get("value")) for e in entities if e.get("entity") == "delivery_id"), None)
            if delivery in delivery_ids:
                triggers[delivery] += 1
        elif kind == "slot" and body.get("name") == SHOWN_SLOT and body.get("value") is not None:
            # action_booster_checkin sets it only on the first receipt of a delivery id
            delivery = str(int(float(body["value"])))
            if delivery in delivery_ids:
                shown[delivery] += 1
    return CheckinCounts(
        due=len(rows), sent=sum(r.status == "sent" for r in rows),
        received=sum(r.received_at is not None for r in rows),
        not_sent=[r.id for r in rows if r.status != "sent" or r.received_at is None],
        ids=sorted(delivery_ids), triggers=triggers, shown=shown,
    )

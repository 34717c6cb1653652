"""The conversation state the sweeper decides on, read for a whole batch from the tracker
store's `events` table (Rasa and Pacer share the database, see endpoints.yml).

Why not Rasa's `GET /conversations/{id}/tracker`: for every check-in it loaded and replayed
the patient's whole history (all sessions) inside the rasa process, and on a conversation
with no events it also ran `action_session_start` (an action-server call) only to throw the
result away, since that endpoint does not save. With 1,000 check-ins due, that was a quarter
of rasa's time (docs/decisions/0070-tracker-state-from-the-tracker-store.md). Here a batch
costs two indexed queries and nothing in rasa.

What is read mirrors how Rasa replays a tracker: `session_started` and `restart` reset the
active loop, the latest message and the slots (`action_session_start` carries slots over by
setting them again after `session_started`); `reset_slots` resets the slots.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import bindparam, inspect, text
from sqlalchemy.engine import Connection

SAFETY_SLOT = "safety_stage"
CHUNK = 500  # senders per query: well under any database's limit on bound parameters

_SUMMARY = text(
    "SELECT sender_id, "
    "MAX(CASE WHEN type_name IN ('session_started', 'restart') THEN id END) AS reset_id, "
    "MAX(CASE WHEN type_name = 'reset_slots' THEN id END) AS slots_reset_id, "
    "MAX(CASE WHEN type_name = 'user' THEN id END) AS user_id, "
    "MAX(CASE WHEN type_name = 'active_loop' THEN id END) AS loop_id, "
    "MAX(CASE WHEN type_name = 'slot' AND data LIKE :safety THEN id END) AS safety_id, "
    "MAX(timestamp) AS latest "
    "FROM events WHERE sender_id IN :senders GROUP BY sender_id"
).bindparams(bindparam("senders", expanding=True))
_EVENTS = text("SELECT id, data FROM events WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))


@dataclass(frozen=True)
class TrackerState:
    active_loop: str | None
    latest_input_channel: str | None
    latest_event_time: datetime | None
    latest_intent: str | None
    safety_stage: str | None

    @property
    def last_user_activity(self) -> datetime | None:
        """When the patient last wrote: the last event time, unless there is no user message at
        all (an empty tracker is not the patient) or the last one was one of Pacer's own
        EXTERNAL_* triggers (it says nothing about the patient)."""
        if not self.latest_intent or self.latest_intent.startswith("EXTERNAL_"):
            return None
        return self.latest_event_time


EMPTY = TrackerState(None, None, None, None, None)


def tracker_states(conn: Connection, conversations: Sequence[str]) -> dict[str, TrackerState]:
    """conversation id -> its state; a conversation with no events is absent (EMPTY)."""
    wanted = sorted(set(conversations))
    if not wanted or not inspect(conn).has_table("events"):
        return {}
    states: dict[str, TrackerState] = {}
    for start in range(0, len(wanted), CHUNK):
        summaries = conn.execute(
            _SUMMARY, {"senders": wanted[start:start + CHUNK], "safety": f'%"{SAFETY_SLOT}"%'}
        ).all()
        ids = {i for row in summaries for i in (row.user_id, row.loop_id, row.safety_id) if i is not None}
        bodies = {
            row.id: json.loads(row.data or "{}")
            for part in _chunks(sorted(ids)) for row in conn.execute(_EVENTS, {"ids": part})
        }
        for row in summaries:
            states[row.sender_id] = _state(row, bodies)
    return states


def _state(row, bodies: dict[int, dict]) -> TrackerState:  # noqa: ANN001 - a result row
    def after(event_id: int | None, *resets: int | None) -> dict | None:
        """The event's body, if no reset came after it."""
        if event_id is None or any(reset is not None and reset > event_id for reset in resets):
            return None
        return bodies.get(event_id)

    last_user = bodies.get(row.user_id) if row.user_id is not None else None
    message = after(row.user_id, row.reset_id)
    loop = after(row.loop_id, row.reset_id)
    safety = after(row.safety_id, row.reset_id, row.slots_reset_id)
    return TrackerState(
        active_loop=(loop or {}).get("name") or None,
        latest_input_channel=(last_user or {}).get("input_channel"),
        latest_event_time=datetime.fromtimestamp(row.latest, tz=timezone.utc) if row.latest else None,
        latest_intent=(((message or {}).get("parse_data") or {}).get("intent") or {}).get("name"),
        safety_stage=safety.get("value") if safety and safety.get("name") == SAFETY_SLOT else None,
    )


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]

"""Idempotency keys for patient messages: a retried request is processed at most once.

A client (the load bench, an integration, a future mobile app) puts a `message_id` in the
message metadata and retries with the same id until it gets an answer. Before Rasa sees
the message, the replica claims the id in `inbound_messages` (insert, primary key):

- new id: this replica processes it; Rasa stores the id on the user event
  (`UserUttered.message_id`), and the replies are saved on the row when the turn is done;
- answered id: the stored replies are returned, nothing is processed again;
- id being processed by a live replica: wait for its answer;
- id claimed by a replica that died (same host and its pid is gone, or the claim is older
  than the lease): if the tracker store already has a user event with that message id,
  the dead replica finished the turn (Rasa saves the tracker in one transaction) and its
  replies are rebuilt from the events that followed; otherwise the turn never committed
  and this replica takes the claim over and processes it.

The lease must be longer than the longest turn (Rasa's conversation lock lifetime): a
claim is only considered abandoned after it, or when its process is known dead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import inspect, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.store.models import InboundMessage, utcnow
from bot.store.owners import is_dead_here

T = InboundMessage.__table__
MESSAGE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def valid_message_id(value: object) -> bool:
    return isinstance(value, str) and bool(MESSAGE_ID.match(value))


@dataclass(frozen=True)
class Decision:
    """What to do with a keyed message: process | replay | wait | conflict."""

    action: str
    replies: list[dict] | None = None


def claim(engine: Engine, message_id: str, sender_id: str, owner: str, lease: timedelta,
          now: datetime | None = None) -> Decision:
    """Claim `message_id` for `owner`, or say why not (see the module docstring)."""
    now = now or utcnow()
    try:
        with engine.begin() as conn:
            conn.execute(T.insert().values(
                message_id=message_id, sender_id=sender_id, status="processing", owner=owner,
                attempts=1, created_at=now, claimed_at=now,
            ))
        return Decision("process")
    except IntegrityError:
        pass
    with engine.begin() as conn:
        row = conn.execute(select(T).where(T.c.message_id == message_id)).first()
        if row is None:  # erased in between: treat as new next time
            return Decision("wait")
        if row.sender_id != sender_id:
            return Decision("conflict")
        if row.status == "answered":
            return Decision("replay", json.loads(row.replies or "[]"))
        stale = row.claimed_at < now - lease or is_dead_here(row.owner)
        if not stale:
            return Decision("wait")
        taken = conn.execute(
            update(T).where(T.c.message_id == message_id, T.c.owner == row.owner,
                            T.c.status == "processing")
            .values(owner=owner, claimed_at=now, attempts=T.c.attempts + 1)
        ).rowcount
        if not taken:
            return Decision("wait")  # another replica took it over first
        done = replies_from_tracker(conn, sender_id, message_id)
        if done is None:
            return Decision("process")
        _answer(conn, message_id, owner, done, now)
        return Decision("replay", done)


def answer(engine: Engine, message_id: str, owner: str, replies: list[dict]) -> None:
    with engine.begin() as conn:
        _answer(conn, message_id, owner, replies, utcnow())


def _answer(conn: Connection, message_id: str, owner: str, replies: list[dict], now: datetime) -> None:
    conn.execute(
        update(T).where(T.c.message_id == message_id, T.c.owner == owner)
        .values(status="answered", replies=json.dumps(replies), answered_at=now)
    )


def release(engine: Engine, message_id: str, owner: str) -> None:
    """Processing failed before the turn was saved: let the client's retry claim it anew."""
    with engine.begin() as conn:
        conn.execute(
            T.delete().where(T.c.message_id == message_id, T.c.owner == owner, T.c.status == "processing")
        )


def replies_from_tracker(conn: Connection, sender_id: str, message_id: str) -> list[dict] | None:
    """The bot messages that followed the user event carrying `message_id`, in REST's shape;
    None when the tracker store has no such user event (the turn never committed)."""
    if not inspect(conn).has_table("events"):
        return None
    rows = conn.execute(
        text("SELECT id, type_name, data FROM events WHERE sender_id = :sender ORDER BY id"),
        {"sender": sender_id},
    ).all()
    start = None
    for index, row in enumerate(rows):
        if row.type_name == "user" and json.loads(row.data or "{}").get("message_id") == message_id:
            start = index
            break
    if start is None:
        return None
    replies = []
    for row in rows[start + 1:]:
        if row.type_name == "user":
            break
        if row.type_name == "bot":
            event = json.loads(row.data or "{}")
            reply = {"recipient_id": sender_id}
            if event.get("text"):
                reply["text"] = event["text"]
            reply.update({key: value for key, value in (event.get("data") or {}).items() if value})
            replies.append(reply)
    return replies

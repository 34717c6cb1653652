"""The delivery log: turning due schedules into delivery rows, claiming them, recording results.

Exactly-once rests on three things here:
- one delivery row per (patient, due time), enforced by a unique constraint, inserted in
  the same transaction that advances the schedule;
- a claim is a compare-and-set UPDATE (status pending -> sending, with a lease and a
  claim token) committed before anything is sent; a claim whose lease ran out (the
  scheduler died) can be claimed again;
- a re-claimed row whose `received_at` is already set (the check-in action recorded
  the delivery id) and whose check-in is in the conversation's tracker store (the
  action's `checkin_delivery_id` slot event: the turn committed) is marked sent without
  sending it again; a receipt whose turn never committed (a rasa replica killed after
  the action ran) is sent again, and the action opens it then.

All times are aware UTC (SQLite stores them without an offset, so only UTC goes in).
Bulk statements keep 10,000 due check-ins a matter of seconds on SQLite.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, func, insert, inspect, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bot.clinic import default_timezone
from bot.coaching.checkin_schedule import (
    AFTER_CRISIS,
    DEFAULT_QUIET,
    SchedulePrefs,
    as_utc,
    next_occurrence,
    prefs_of,
)
from bot.scheduler.rasa_api import DELIVERY_SLOT
from bot.services.identities import checkin_destinations
from bot.store.models import (
    CheckinDelivery,
    CheckinSchedule,
    Patient,
    SafetyEvent,
    SchedulerHeartbeat,
)

D = CheckinDelivery.__table__
S = CheckinSchedule.__table__
MAX_ATTEMPTS = 12  # with backoff capped at an hour: about 8 hours of retries, then visible failure


def insert_ignore(conn: Connection, table, rows: list[dict]):  # noqa: ANN001, ANN202
    name = conn.dialect.name
    if name == "sqlite":
        return conn.execute(sqlite.insert(table).on_conflict_do_nothing(), rows)
    if name == "postgresql":
        return conn.execute(postgresql.insert(table).on_conflict_do_nothing(), rows)
    inserted = 0
    for row in rows:  # other databases: one at a time, duplicates rejected by the constraint
        try:
            with conn.begin_nested():
                conn.execute(insert(table), row)
                inserted += 1
        except Exception:  # noqa: BLE001 - the unique constraint said no
            pass
    return inserted


def materialize_due(engine: Engine, now: datetime, limit: int = 5000) -> int:
    """Insert a delivery row for every active schedule that is due and advance the schedule
    to its next occurrence after `now`, in one transaction. Returns schedules advanced."""
    now = as_utc(now)
    with engine.begin() as conn:
        rows = conn.execute(
            select(S)
            .where(S.c.status == "active", S.c.next_due_at.is_not(None), S.c.next_due_at <= now)
            .order_by(S.c.next_due_at)
            .limit(limit)
        ).all()
        if not rows:
            return 0
        deliveries, advances = [], []
        for row in rows:
            due = as_utc(row.next_due_at)
            deliveries.append(
                {"patient_id": row.patient_id, "due_at": due, "kind": "booster", "status": "pending",
                 "next_attempt_at": due, "attempts": 0, "deferrals": 0, "created_at": now}
            )
            index, next_due = next_occurrence(
                prefs_of(row), row.anchor_at, after=now, from_index=row.next_index + 1,
                paused_until=row.paused_until,
            )
            advances.append({"b_id": row.id, "b_due": row.next_due_at, "b_index": index, "b_next": next_due})
        insert_ignore(conn, D, deliveries)
        conn.execute(
            update(S)
            .where(S.c.id == bindparam("b_id"), S.c.next_due_at == bindparam("b_due"))
            .values(next_index=bindparam("b_index"), next_due_at=bindparam("b_next"), updated_at=now),
            advances,
        )
    return len(rows)


@dataclass
class Claim:
    """A claimed delivery, with what the sweeper needs to decide and send."""

    id: int
    patient_id: int
    due_at: datetime
    kind: str
    attempts: int
    token: str
    received: bool = False
    conversation_id: str | None = None
    channel: str | None = None
    consented: bool = True
    paused_until: datetime | None = None
    last_seen_at: datetime | None = None
    last_crisis_at: datetime | None = None
    prefs: SchedulePrefs | None = None


def _claimable(now: datetime):  # noqa: ANN202 - a SQL condition
    return or_(
        and_(D.c.status == "pending", D.c.next_attempt_at <= now),
        and_(D.c.status == "sending", D.c.lease_until < now),
    )


def claim_batch(engine: Engine, now: datetime, worker: str, limit: int, lease: timedelta) -> list[Claim]:
    """Claim up to `limit` due deliveries (compare-and-set, committed before any send)."""
    now = as_utc(now)
    token = f"{worker}:{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        due = select(D.c.id).where(_claimable(now)).order_by(D.c.next_attempt_at, D.c.id).limit(limit)
        if conn.dialect.name == "postgresql":
            # Lock the batch first, skipping rows another claimer holds, then claim exactly
            # those. Not `UPDATE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED)`:
            # PostgreSQL may rescan that subquery, and each rescan skips the rows it has just
            # locked, so one claim took all 30 due rows in a batch of 8 (tests/unit/scheduler/
            # test_claims.py). The locks hold until commit, so no other claimer can race.
            ids = conn.execute(due.with_for_update(skip_locked=True)).scalars().all()
            target = D.c.id.in_(ids)
        else:
            # SQLite: one statement takes the write lock before it reads, so two claimers
            # are serialised (a read-then-write transaction could fail on a stale snapshot).
            target = D.c.id.in_(due.scalar_subquery())
        conn.execute(
            update(D)
            .where(target, _claimable(now))
            .values(status="sending", claimed_by=token, lease_until=now + lease)
            .execution_options(synchronize_session=False)
        )
        rows = conn.execute(
            select(D.c.id, D.c.patient_id, D.c.due_at, D.c.kind, D.c.attempts, D.c.received_at,
                   D.c.conversation_id)
            .where(D.c.claimed_by == token, D.c.status == "sending")
            .order_by(D.c.id)
        ).all()
        received = [(r.conversation_id, r.id) for r in rows if r.received_at is not None]
        committed = committed_deliveries(conn, received) if received else set()
        claims = [
            Claim(id=r.id, patient_id=r.patient_id, due_at=as_utc(r.due_at), kind=r.kind,
                  attempts=r.attempts, token=token, received=r.id in committed)
            for r in rows
        ]
        if claims:
            _load_context(conn, claims, now)
    return claims


def committed_deliveries(conn: Connection, received: Sequence[tuple[str | None, int]]) -> set[int]:
    """The delivery ids, among (conversation, delivery) pairs whose receipt was recorded, that
    the conversation's tracker store holds: the check-in action's `checkin_delivery_id` slot
    event. A receipt without it belongs to a turn that died before Rasa saved it (a replica
    killed mid-turn): that check-in was never shown and must be sent again."""
    conversations = sorted({conversation for conversation, _ in received if conversation})
    if not conversations or not inspect(conn).has_table("events"):
        return set()
    wanted = {delivery for _, delivery in received}
    found: set[int] = set()
    rows = conn.execute(
        text("SELECT data FROM events WHERE type_name = 'slot' AND sender_id IN :senders "
             "AND data LIKE :slot").bindparams(bindparam("senders", expanding=True)),
        {"senders": conversations, "slot": f'%"{DELIVERY_SLOT}"%'},
    )
    for (data,) in rows:
        event = json.loads(data or "{}")
        value = event.get("value")
        if event.get("name") == DELIVERY_SLOT and value is not None and int(float(value)) in wanted:
            found.add(int(float(value)))
    return found


def _load_context(conn: Connection, claims: Sequence[Claim], now: datetime) -> None:
    """Fill conversation, channel, consent, pauses, crisis times and prefs in four queries.
    Where a check-in goes is decided by its one owner, `identities.checkin_destinations`."""
    patient_ids = sorted({claim.patient_id for claim in claims})
    destinations = checkin_destinations(conn, patient_ids)
    patients = {
        row.id: row
        for row in conn.execute(
            select(Patient.id, Patient.consent_status, Patient.checkins_paused_until, Patient.last_seen_at)
            .where(Patient.id.in_(patient_ids))
        )
    }
    crises = dict(
        conn.execute(
            select(SafetyEvent.patient_id, func.max(SafetyEvent.created_at))
            .where(SafetyEvent.patient_id.in_(patient_ids), SafetyEvent.kind == "crisis",
                   SafetyEvent.created_at > now - AFTER_CRISIS)
            .group_by(SafetyEvent.patient_id)
        ).all()
    )
    schedules = {
        row.patient_id: row for row in conn.execute(select(S).where(S.c.patient_id.in_(patient_ids)))
    }
    for claim in claims:
        destination = destinations.get(claim.patient_id)
        if destination is not None:
            claim.conversation_id, claim.channel = destination.conversation_id, destination.channel
        patient = patients.get(claim.patient_id)
        claim.consented = patient is not None and patient.consent_status == "given"
        if patient is not None:
            claim.paused_until = patient.checkins_paused_until
            claim.last_seen_at = patient.last_seen_at
        claim.last_crisis_at = crises.get(claim.patient_id)
        schedule = schedules.get(claim.patient_id)
        claim.prefs = prefs_of(schedule) if schedule is not None else _default_prefs()


def _default_prefs() -> SchedulePrefs:
    """Quiet hours in the clinic's zone for a one-off delivery to someone without a schedule."""
    return SchedulePrefs(timezone=default_timezone(), quiet=DEFAULT_QUIET)


@dataclass
class Outcome:
    """What happened to one claim: sent, deferred, retry, failed or skipped."""

    claim: Claim
    status: str  # sent | deferred | retry | skipped
    until: datetime | None = None
    reason: str | None = None
    channel: str | None = None
    extra: dict = field(default_factory=dict)


def record_outcomes(engine: Engine, outcomes: Iterable[Outcome], now: datetime) -> dict[str, int]:
    """Write the results of one batch. Each update only touches a row still claimed by the
    same token, so a worker whose lease ran out cannot overwrite a newer claim."""
    now = as_utc(now)
    grouped: dict[str, list[dict]] = {"sent": [], "deferred": [], "retry": [], "failed": [], "skipped": []}
    for outcome in outcomes:
        claim = outcome.claim
        base = {"b_id": claim.id, "b_token": claim.token}
        if outcome.status == "sent":
            grouped["sent"].append({**base, "b_channel": outcome.channel, "b_conv": claim.conversation_id})
        elif outcome.status == "deferred":
            grouped["deferred"].append({**base, "b_until": outcome.until, "b_reason": outcome.reason})
        elif outcome.status == "retry":
            attempts = claim.attempts + 1
            target = "failed" if attempts >= MAX_ATTEMPTS else "retry"
            grouped[target].append(
                {**base, "b_until": outcome.until, "b_error": (outcome.reason or "")[:2000],
                 "b_attempts": attempts}
            )
        else:
            grouped["skipped"].append({**base, "b_reason": outcome.reason})
    mine = and_(D.c.id == bindparam("b_id"), D.c.claimed_by == bindparam("b_token"), D.c.status == "sending")
    with engine.begin() as conn:
        if grouped["sent"]:
            conn.execute(
                update(D).where(mine).values(
                    status="sent", sent_at=func.coalesce(D.c.sent_at, now), lease_until=None,
                    channel=bindparam("b_channel"), conversation_id=bindparam("b_conv"), last_error=None,
                ),
                grouped["sent"],
            )
        if grouped["deferred"]:
            conn.execute(
                update(D).where(mine).values(
                    status="pending", next_attempt_at=bindparam("b_until"), lease_until=None,
                    claimed_by=None, defer_reason=bindparam("b_reason"), deferrals=D.c.deferrals + 1,
                ),
                grouped["deferred"],
            )
        if grouped["retry"]:
            conn.execute(
                update(D).where(mine).values(
                    status="pending", next_attempt_at=bindparam("b_until"), lease_until=None,
                    claimed_by=None, last_error=bindparam("b_error"), attempts=bindparam("b_attempts"),
                ),
                grouped["retry"],
            )
        if grouped["failed"]:
            conn.execute(
                update(D).where(mine).values(
                    status="failed", lease_until=None, last_error=bindparam("b_error"),
                    attempts=bindparam("b_attempts"),
                ),
                grouped["failed"],
            )
        if grouped["skipped"]:
            conn.execute(
                update(D).where(mine).values(
                    status="skipped", lease_until=None, last_error=bindparam("b_reason")
                ),
                grouped["skipped"],
            )
    return {key: len(value) for key, value in grouped.items()}


def beat(engine: Engine, name: str, started_at: datetime, now: datetime, sent: int | None = None,
         error: str | None = None) -> None:
    """Upsert the heartbeat row: `pacer checkins status` and `pacer run` read it."""
    now = as_utc(now)
    table = SchedulerHeartbeat.__table__
    values = {
        "pid": os.getpid(), "host": socket.gethostname()[:120], "started_at": started_at, "beat_at": now
    }
    if sent is not None:
        values.update(last_sweep_at=now, last_sent=sent, last_error=error)
    with engine.begin() as conn:
        changed = conn.execute(update(table).where(table.c.name == name).values(**values)).rowcount
        if not changed:
            insert_ignore(conn, table, [{"name": name, "last_sent": 0, **values}])


def heartbeat_since(database_url: str, since: datetime) -> bool:
    """True when a scheduler wrote its heartbeat at or after `since` (health check)."""
    from bot.store.db import get_engine

    table = SchedulerHeartbeat.__table__
    with get_engine(database_url).connect() as conn:
        beat_at = conn.execute(select(func.max(table.c.beat_at))).scalar()
    return beat_at is not None and as_utc(beat_at) >= as_utc(since)

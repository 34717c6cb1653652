"""The sweeper: one pass turns due schedules into deliveries, claims them in batches, checks
whether now is a good moment (the conversation's state in the tracker store, the patient's
pauses and crises), and sends each through Rasa's trigger_intent.

Sends within a batch run concurrently (bounded by a semaphore and the HTTP pool); the
database work is a handful of bulk statements per batch. A pass drains everything due,
so one APScheduler job every few seconds is enough (see `bot.scheduler.service`).

Fault injection for the SIGKILL test: PACER_SCHEDULER_FAULT="<point>:<n>" kills this
process at the n-th time it reaches `after_claim`, `after_send` or `before_commit`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.coaching.checkin_schedule import (
    NOTE_KIND,
    DeferralRules,
    PatientMoment,
    as_utc,
    backoff,
    deferral,
    note_deferral,
)
from bot.scheduler import store
from bot.scheduler.rasa_api import RasaApi, RasaError
from bot.scheduler.trackers import EMPTY, TrackerState, tracker_states
from bot.store.models import utcnow

logger = logging.getLogger(__name__)
UNREACHABLE_CHANNELS = {"cmdline"}  # Rasa's shell: nobody is listening later


@dataclass
class SweepResult:
    materialized: int = 0
    claimed: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    @property
    def sent(self) -> int:
        return self.counts.get("sent", 0)


class FaultInjector:
    """Kill the process (SIGKILL: no cleanup, no commit) at a chosen point, for the fault test."""

    def __init__(self, spec: str | None) -> None:
        self.point, self.remaining = None, 0
        if spec:
            point, _, count = spec.partition(":")
            self.point, self.remaining = point, int(count or 1)

    def reached(self, point: str) -> None:
        if point != self.point:
            return
        self.remaining -= 1
        if self.remaining <= 0:
            logger.warning("fault injection: SIGKILL at %s", point)
            os.kill(os.getpid(), signal.SIGKILL)


class Sweeper:
    def __init__(
        self,
        engine: Engine,
        rasa: RasaApi,
        worker: str = "scheduler",
        batch_size: int = 500,
        concurrency: int = 8,
        lease: timedelta = timedelta(seconds=120),
        retry_base_s: float = 30.0,
        fault: str | None = None,
        rules: DeferralRules | None = None,
        still_leader: Callable[[], bool] | None = None,
    ) -> None:
        self.engine = engine
        self.rasa = rasa
        self.worker = worker
        self.batch_size = batch_size
        self.semaphore = asyncio.Semaphore(concurrency)
        self.lease = lease
        self.retry_base_s = retry_base_s
        self.fault = FaultInjector(fault)
        self.rules = rules or DeferralRules()
        self.started_at = utcnow()
        # Checked before every claim: a scheduler that lost leadership finishes the batch it
        # holds (claimed by compare-and-set, nobody else can have it) and claims no more.
        self.still_leader = still_leader or (lambda: True)

    async def sweep(self, now: datetime | None = None) -> SweepResult:
        """One pass over everything due at `now` (default: the clock)."""
        result = SweepResult()
        clock = (lambda: as_utc(now)) if now is not None else utcnow
        while True:
            advanced = store.materialize_due(self.engine, clock())
            result.materialized += advanced
            if advanced < 5000:
                break
        # Pipelined: the next batch is claimed (in a thread) while this one is being sent, and
        # the database work never blocks the event loop that dispatches the sends.
        claims = await self._claim(clock)
        while claims:
            result.claimed += len(claims)
            sends = asyncio.gather(*(self._deliver(claim, clock) for claim in claims))
            next_claims = asyncio.ensure_future(self._claim(clock))
            outcomes = await sends
            self.fault.reached("before_commit")
            result.add(await asyncio.to_thread(store.record_outcomes, self.engine, outcomes, clock()))
            claims = await next_claims
        store.beat(self.engine, self.worker, self.started_at, clock(), sent=result.sent)
        if result.claimed:
            logger.info("sweep: %s", {"materialized": result.materialized, **result.counts})
        return result

    async def _claim(self, clock) -> list[store.Claim]:  # noqa: ANN001 - callable
        if not self.still_leader():
            return []
        claims = await asyncio.to_thread(
            store.claim_batch, self.engine, clock(), self.worker, self.batch_size, self.lease
        )
        if claims:
            self.fault.reached("after_claim")
        return claims

    async def _deliver(self, claim: store.Claim, clock) -> store.Outcome:  # noqa: ANN001 - callable
        if claim.received:
            # A previous run sent it and the check-in action recorded it; the commit was lost.
            return store.Outcome(claim, "sent", channel=claim.channel)
        if not claim.consented:
            return store.Outcome(claim, "skipped", reason="no consent on record")
        if not claim.conversation_id:
            return store.Outcome(claim, "skipped", reason="no conversation to deliver to")
        async with self.semaphore:
            # Read just before the send (not with the claim: a batch can take minutes to send),
            # from the tracker store, not through Rasa's API (bot.scheduler.trackers says why).
            try:
                state = await asyncio.to_thread(self._tracker_state, claim.conversation_id)
            except SQLAlchemyError as exc:  # e.g. SQLite busy: this one waits, the batch goes on
                logger.warning("check-in %s: tracker state unreadable: %s", claim.id, type(exc).__name__)
                return store.Outcome(claim, "retry", until=clock() + backoff(claim.attempts + 1,
                                     base=self.retry_base_s), reason=f"tracker store: {type(exc).__name__}")
            moment = PatientMoment(
                active_loop=state.active_loop,
                safety_open=state.safety_stage is not None,
                last_crisis_at=claim.last_crisis_at,
                last_user_at=_latest(state.last_user_activity, claim.last_seen_at),
                paused_until=claim.paused_until,
            )
            rule = note_deferral if claim.kind == NOTE_KIND else deferral
            wait = rule(moment, clock(), claim.prefs, self.rules)
            if wait is not None:
                return store.Outcome(claim, "deferred", until=wait.until, reason=wait.reason)
            channel = state.latest_input_channel or claim.channel or "rest"
            if channel in UNREACHABLE_CHANNELS:
                return store.Outcome(claim, "skipped", reason=f"channel {channel} cannot receive")
            try:
                messages = await self.rasa.trigger_checkin(claim.conversation_id, channel, claim.id)
            except RasaError as exc:
                delay = backoff(claim.attempts + 1, base=self.retry_base_s)
                logger.warning("check-in %s not sent (attempt %s): %s", claim.id, claim.attempts + 1, exc)
                return store.Outcome(claim, "retry", until=clock() + delay, reason=str(exc))
        self.fault.reached("after_send")
        # REST cannot push: Rasa collected the reply (it is in the tracker for the client).
        shown = f"{channel}:collector" if channel == "rest" else channel
        return store.Outcome(claim, "sent", channel=shown, extra={"messages": len(messages)})

    def _tracker_state(self, conversation_id: str) -> TrackerState:
        with self.engine.connect() as conn:
            return tracker_states(conn, [conversation_id]).get(conversation_id, EMPTY)


def _latest(*moments: datetime | None) -> datetime | None:
    present = [as_utc(m) for m in moments if m is not None]
    return max(present) if present else None

"""The delivery log under real concurrency, on SQLite and on PostgreSQL: several threads,
each with its own connection, materialise, claim and receive the same rows at the same
moment (a barrier releases them together). PostgreSQL runs them truly in parallel
(READ COMMITTED, `FOR UPDATE SKIP LOCKED` in the claim); SQLite serialises writers.
Whatever the interleaving: one delivery row per due schedule, each row claimed by
exactly one worker, and a delivery id received once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.scheduler import store
from bot.services import checkins
from bot.store.db import get_engine, session_scope
from bot.store.models import CheckinDelivery, CheckinSchedule, utcnow
from tests.unit.scheduler.conftest import make_patient

pytestmark = pytest.mark.both_dialects
WORKERS = 6


def together(job: Callable[[int], object], workers: int = WORKERS) -> list:
    """Run `job(i)` in `workers` threads released at the same instant; re-raise any error."""
    barrier = threading.Barrier(workers)
    results: list = [None] * workers
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = job(index)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


def test_concurrent_materialise_makes_one_delivery_per_due_schedule(database_url: str) -> None:
    patients = [make_patient(f"m-{i}") for i in range(25)]
    engine = get_engine()
    now = utcnow()
    together(lambda _: store.materialize_due(engine, now))
    with session_scope() as session:
        per_patient = Counter(session.execute(select(CheckinDelivery.patient_id)).scalars())
        advanced = session.execute(
            select(func.count()).select_from(CheckinSchedule).where(CheckinSchedule.next_due_at > now)
        ).scalar_one()
    assert per_patient == Counter({patient: 1 for patient in patients})
    assert advanced == len(patients)


def test_concurrent_claims_take_each_row_exactly_once(database_url: str) -> None:
    patients = [make_patient(f"c-{i}") for i in range(60)]
    engine = get_engine()
    now = utcnow()
    assert store.materialize_due(engine, now) == len(patients)
    lease = timedelta(minutes=2)
    batches = together(lambda i: store.claim_batch(engine, now, f"w{i}", 7, lease))
    assert all(len(batch) <= 7 for batch in batches), [len(batch) for batch in batches]
    claimed = [claim.id for batch in batches for claim in batch]
    assert len(claimed) == len(set(claimed))  # no row went to two workers
    # Keep claiming until nothing is left: every row is taken once, none is lost.
    while True:
        more = together(lambda i: store.claim_batch(engine, now, f"w{i}", 7, lease))
        assert all(len(batch) <= 7 for batch in more)
        ids = [claim.id for batch in more for claim in batch]
        if not ids:
            break
        claimed += ids
    assert len(claimed) == len(set(claimed)) == len(patients)
    with session_scope() as session:
        rows = session.execute(select(CheckinDelivery)).scalars().all()
        tokens = {claim.id: claim.token for batch in batches for claim in batch}
        assert all(row.status == "sending" for row in rows)
        assert all(row.claimed_by == tokens[row.id] for row in rows if row.id in tokens)
    # A lease that has not run out is not claimed again; one that has, is (the scheduler died).
    assert store.claim_batch(engine, now + timedelta(minutes=1), "late", 100, lease) == []
    again = together(lambda i: store.claim_batch(engine, now + timedelta(minutes=3), f"r{i}", 100, lease))
    retaken = [claim.id for batch in again for claim in batch]
    assert sorted(retaken) == sorted(claimed)


def test_a_claim_takes_at_most_its_batch(database_url: str) -> None:
    """PostgreSQL once claimed every due row in one go (a rescanned LIMIT subquery)."""
    for i in range(30):
        make_patient(f"b-{i}")
    engine = get_engine()
    now = utcnow()
    store.materialize_due(engine, now)
    sizes = [len(store.claim_batch(engine, now, "w", 8, timedelta(minutes=2))) for _ in range(5)]
    assert sizes == [8, 8, 8, 6, 0]


def test_a_delivery_is_received_once_however_many_arrive_together(database_url: str) -> None:
    make_patient("r-1")
    engine = get_engine()
    now = utcnow()
    store.materialize_due(engine, now)
    [claim] = store.claim_batch(engine, now, "w", 10, timedelta(minutes=2))
    starts = together(lambda _: checkins.receive(claim.id, "r-1", now))
    assert sum(start is not None for start in starts) == 1

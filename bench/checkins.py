"""Booster check-in throughput: N patients due in the same minute, the real sweeper
(claims, deferral checks, concurrent trigger_intent sends, bulk commits) on SQLite,
against a local stub of Rasa's HTTP API.

    .venv/bin/python bench/checkins.py [--patients 10000] [--batch 500] [--concurrency 64]

Prints one line: delivered, duplicates, lost, wall time, check-ins per second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select  # noqa: E402

from bench.rasa_stub import RasaStub  # noqa: E402
from bot.scheduler.rasa_api import RasaApi  # noqa: E402
from bot.scheduler.sweeper import Sweeper  # noqa: E402
from bot.store import migrate  # noqa: E402
from bot.store.db import get_engine  # noqa: E402
from bot.store.models import (  # noqa: E402
    ChannelIdentity,
    CheckinDelivery,
    CheckinSchedule,
    Patient,
    utcnow,
)

ZONES = ("Pacific/Auckland", "Australia/Sydney", "Europe/London", "America/New_York", "Asia/Kolkata")


def seed(url: str, patients: int, due: datetime | None = None, prefix: str = "bench",
         channels: tuple[str, ...] = ("rest", "socketio")) -> list[int]:
    """`patients` consenting patients (ids 1..N, a fresh database) whose next check-in is due
    at `due` (default: the same past minute), without quiet hours. Returns their ids."""
    engine = get_engine(url)
    now = utcnow()
    minute = due or now.replace(second=0, microsecond=0) - timedelta(minutes=1)
    with engine.begin() as conn:
        conn.execute(insert(Patient.__table__), [
            {"id": i, "display_name": f"P{i}", "consent_status": "given", "consent_at": now,
             "created_at": now}
            for i in range(1, patients + 1)
        ])
        conn.execute(insert(ChannelIdentity.__table__), [
            {"patient_id": i, "conversation_id": f"{prefix}-{i}", "channel": channels[i % len(channels)],
             "created_at": now}
            for i in range(1, patients + 1)
        ])
        conn.execute(insert(CheckinSchedule.__table__), [
            {"patient_id": i, "timezone": ZONES[i % len(ZONES)], "local_time": "10:00", "frequency": "taper",
             "quiet_start": None, "quiet_end": None, "status": "active",
             "anchor_at": minute - timedelta(days=7),
             "next_index": 1, "next_due_at": minute, "checkins_done": 0, "created_at": now, "updated_at": now}
            for i in range(1, patients + 1)
        ])
    return list(range(1, patients + 1))


async def drain(sweeper: Sweeper, deadline_s: float) -> int:
    """Run sweeps (as the APScheduler job does) until nothing is due."""
    start, rounds = time.monotonic(), 0
    while time.monotonic() - start < deadline_s:
        rounds += 1
        result = await sweeper.sweep()
        if result.claimed == 0 and result.materialized == 0:
            break
    await sweeper.rasa.close()
    return rounds


def main() -> int:
    sys.setswitchinterval(0.0005)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pacer-bench-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    os.environ["DATABASE_URL"] = url
    migrate.upgrade(url)
    seed(url, args.patients)
    stub = RasaStub(token="bench-token")
    rasa = RasaApi(stub.url, "bench-token", max_connections=args.concurrency)
    sweeper = Sweeper(get_engine(url), rasa, worker="bench", batch_size=args.batch,
                      concurrency=args.concurrency)
    started = time.perf_counter()
    asyncio.run(drain(sweeper, args.timeout))
    wall = time.perf_counter() - started
    raw = stub.raw()
    stub.close()

    with get_engine(url).connect() as conn:
        rows = conn.execute(
            select(CheckinDelivery.patient_id, CheckinDelivery.id, CheckinDelivery.status)
        ).all()
        per_patient = dict(conn.execute(
            select(CheckinDelivery.patient_id, func.count()).group_by(CheckinDelivery.patient_id)
        ).all())
    delivered_ids = {str(delivery_id) for _, delivery_id, status in rows if status == "sent"} & set(raw)
    delivered_patients = {patient for patient, delivery_id, _ in rows if str(delivery_id) in delivered_ids}
    duplicates = sum(count - 1 for count in raw.values() if count > 1)
    duplicates += sum(count - 1 for count in per_patient.values() if count > 1)  # two rows, one due time
    lost = args.patients - len(delivered_patients)
    print(
        f"delivered={len(delivered_patients)} duplicates={duplicates} lost={lost} "
        f"wall={wall:.1f}s rate={len(delivered_patients) / wall:.0f}/s "
        f"(patients={args.patients}, batch={args.batch}, concurrency={args.concurrency}, sqlite)"
    )
    return 0 if lost == 0 and duplicates == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

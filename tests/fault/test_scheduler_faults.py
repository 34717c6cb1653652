"""SIGKILL the scheduler process after a claim, after a send and before a commit; restart it;
every due check-in must reach the receiving end exactly once.

The receiving end is the Rasa API stub (bench/rasa_stub.py) in its own process. Like
Pacer's check-in action, it records each delivery id through
`bot.services.checkins.receive()`; it also logs every raw request, so the test checks
both what went over the wire and what a patient would have seen.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.rasa_stub import RasaStub
from bot.store.db import session_scope
from bot.store.models import CheckinDelivery
from tests.unit.scheduler.conftest import make_patient

ROOT = Path(__file__).resolve().parents[2]
PATIENTS = 30
pytestmark = [pytest.mark.slow, pytest.mark.both_dialects]


def start_scheduler(database_url: str, stub: RasaStub, fault: str | None, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "RASA_URL": stub.url,
        "RASA_TOKEN": stub.token,
        "PACER_SCHEDULER_INTERVAL_S": "0.3",
        "PACER_CHECKIN_LEASE_S": "2",
        "PACER_SCHEDULER_BATCH": "8",
        "PACER_SCHEDULER_CONCURRENCY": "4",
        "LOG_LEVEL": "INFO",
    }
    env.pop("PACER_SCHEDULER_FAULT", None)
    if fault:
        env["PACER_SCHEDULER_FAULT"] = fault
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "scheduler"], cwd=ROOT, env=env,
        stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def rows() -> list[CheckinDelivery]:
    with session_scope() as session:
        return list(session.execute(select(CheckinDelivery).order_by(CheckinDelivery.id)).scalars())


def test_sigkill_at_every_point_still_delivers_each_checkin_exactly_once(
    database_url: str, stub: RasaStub, tmp_path: Path
) -> None:
    patients = [make_patient(f"fault-{i}") for i in range(PATIENTS)]
    log = tmp_path / "scheduler.log"
    for fault in ("after_claim:2", "after_send:3", "before_commit:1"):
        process = start_scheduler(database_url, stub, fault, log)
        try:
            assert process.wait(timeout=90) == -signal.SIGKILL, f"{fault} did not fire:\n{log.read_text()}"
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        assert any(row.status == "sending" for row in rows()) or fault == "after_claim:2"

    process = start_scheduler(database_url, stub, None, log)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            current = rows()
            if len(current) == PATIENTS and all(row.status == "sent" for row in current):
                break
            time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    delivered = rows()
    assert sorted(row.patient_id for row in delivered) == sorted(patients)  # one row per (patient, due)
    assert all(row.status == "sent" and row.received_at is not None for row in delivered), log.read_text()
    ids = {str(row.id) for row in delivered}
    raw, shown = stub.raw(), stub.shown()
    assert set(shown) == ids and set(shown.values()) == {1}  # each patient saw it once
    assert set(raw) == ids and set(raw.values()) == {1}  # and it went over the wire once

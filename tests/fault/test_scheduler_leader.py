"""Three `pacer scheduler` processes on one database: exactly one leads; SIGKILL the leader
while check-ins are due; another takes over within the bound and every check-in reaches
the receiving end exactly once (none lost, none twice)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bench.rasa_stub import RasaStub
from bot.scheduler.leader import current_leader
from bot.store.db import get_engine
from bot.store.models import utcnow
from tests.fault.test_scheduler_faults import rows, start_scheduler
from tests.unit.scheduler.conftest import make_patient

pytestmark = [pytest.mark.slow, pytest.mark.both_dialects]
WAVES = 4  # patients due now, in 3 s, 6 s and 9 s: the leader dies between waves
PER_WAVE = 8
POLL_S = 0.5


def leader_pid() -> int | None:
    row = current_leader(get_engine())
    if not row or not row["holder"] or row["lease_until"] is None:
        return None
    return int(row["holder"].rsplit(":", 2)[1])


def wait_for(predicate, timeout: float, step: float = 0.1):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def test_three_schedulers_one_leader_killed_nothing_lost_or_twice(
    database_url: str, stub: RasaStub, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PACER_LEADER_POLL_S", str(POLL_S))
    monkeypatch.setenv("PACER_LEADER_LEASE_S", "5")
    start = utcnow()
    patients = [
        make_patient(f"leader-{wave}-{i}", due=start + timedelta(seconds=3 * wave) - timedelta(seconds=1))
        for wave in range(WAVES) for i in range(PER_WAVE)
    ]
    log = tmp_path / "schedulers.log"
    procs = {p.pid: p for p in (start_scheduler(database_url, stub, None, log) for _ in range(3))}
    try:
        first = wait_for(leader_pid, 60)
        assert first in procs, log.read_text()
        assert wait_for(lambda: sum(r.status == "sent" for r in rows()) >= PER_WAVE, 60), log.read_text()
        os.killpg(first, signal.SIGKILL)
        killed_at = time.monotonic()
        procs.pop(first).wait(timeout=10)
        second = wait_for(lambda: (pid := leader_pid()) not in (None, first) and pid, 30, step=0.05)
        takeover_s = time.monotonic() - killed_at
        assert second in procs, log.read_text()
        assert takeover_s < POLL_S * 2 + 2, takeover_s  # same host: the dead holder is seen at once
        assert current_leader(get_engine())["epoch"] >= 2
        done = wait_for(
            lambda: len(r := rows()) == len(patients) and all(x.status == "sent" for x in r), 90, step=0.5
        )
        assert done, [(r.id, r.status, r.last_error) for r in rows()]
        # The standby that did not take over never swept: one heartbeat writer at a time.
        assert leader_pid() == second
    finally:
        for process in procs.values():
            os.killpg(process.pid, signal.SIGTERM)
        for process in procs.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    delivered = rows()
    assert sorted(row.patient_id for row in delivered) == sorted(patients)
    ids = {str(row.id) for row in delivered}
    raw, shown = stub.raw(), stub.shown()
    assert set(shown) == ids and set(shown.values()) == {1}, shown  # each patient saw it once
    assert set(raw) == ids and set(raw.values()) == {1}, raw  # and it went over the wire once
    # After SIGTERM the leader released the lease: a restart leads without waiting.
    assert current_leader(get_engine())["holder"] is None

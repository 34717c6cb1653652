"""The fault bench in small (bench/fault.py): patients chat through nginx while check-ins
fire; rasa-1 and the scheduler leader are SIGKILLed mid-run. No acknowledged message is
missing, every failed request was retried and answered exactly once, no check-in is lost
or shown twice. The killed processes are started again afterwards (a replica rejoins).
Runs on a SQLite and on a PostgreSQL cluster (tests/fault/conftest.py)."""

from __future__ import annotations

import asyncio

import pytest

from bench.fault import fault_ok, fault_run
from bot.cluster import Cluster
from bot.store import db

pytestmark = [pytest.mark.slow, pytest.mark.both_dialects]  # the cluster on SQLite and on PostgreSQL


def test_kill_a_replica_and_the_leader_mid_run(cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", cluster.database_url)
    killed = []
    try:
        result = asyncio.run(fault_run(cluster, n_patients=4, n_checkins=6, duration_s=12, kill_at_s=4))
        killed = [s for s in cluster.services if s.process is not None and s.process.poll() is not None]
    finally:
        for service in killed or [s for s in cluster.services if s.process and s.process.poll() is not None]:
            cluster.restart(service)
        db.reset_engines()
    print(result)
    assert fault_ok(result) == [], result
    assert result["messages"]["acknowledged"] >= 8
    assert result["checkins"]["due"] == 6 and result["checkins"]["lost"] == 0
    victim, leader = result["killed"]
    assert victim == "rasa-1" and leader.startswith("scheduler-") and result["new_leader"] != leader

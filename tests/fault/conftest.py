"""The fault tests reuse the scheduler fixtures (patients with schedules, the Rasa API stub),
and share one replica cluster (bot.cluster: 2 rasa + 2 action servers behind nginx, Redis,
2 schedulers) on a throwaway SQLite file; starting it takes a minute or two on 2 cores."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.fault import BENCH_ENV
from bot.cluster import Cluster
from tests.unit.scheduler.conftest import stub  # noqa: F401 - fixture


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    missing = [tool for tool in ("nginx", "redis-server")
               if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists())]
    if missing:  # `make test` installs them (make replica-deps); a bare pytest run may not have them
        pytest.skip(f"replica tests need {', '.join(missing)} (make replica-deps)")
    running = Cluster(
        tmp_path_factory.mktemp("cluster"), replicas=2, schedulers=2,
        extra_env={**BENCH_ENV, "PACER_SCHEDULER_INTERVAL_S": "0.5", "PACER_LEADER_POLL_S": "0.5"},
    )
    running.start()
    yield running
    running.stop()

"""The fault tests reuse the scheduler fixtures (patients with schedules, the Rasa API stub),
and share one replica cluster (bot.cluster: 2 rasa + 2 action servers behind nginx, Redis,
2 schedulers) on a throwaway SQLite file; starting it takes a minute or two on 2 cores.
Tests marked `both_dialects` (the replica fault test) also run on a second cluster whose
database is on the session's PostgreSQL (tests/postgres.py), started after the first stops."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.fault import BENCH_ENV
from bot.cluster import Cluster
from bot.store import db
from tests import postgres
from tests.conftest import DIALECTS, require_postgres
from tests.unit.scheduler.conftest import stub  # noqa: F401 - fixture


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every cluster test gets the SQLite cluster; `both_dialects` ones the PostgreSQL one as well."""
    if "cluster" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_dialects") is not None
        metafunc.parametrize("cluster", DIALECTS if both else DIALECTS[:1], indirect=True, scope="session")


@pytest.fixture(scope="session")
def cluster(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    missing = [tool for tool in ("nginx", "redis-server")
               if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists())]
    if missing:  # `make test` installs them (make replica-deps); a bare pytest run may not have them
        pytest.skip(f"replica tests need {', '.join(missing)} (make replica-deps)")
    server, database_url = None, None
    if getattr(request, "param", "sqlite") == "postgresql":
        server = require_postgres(request.getfixturevalue("postgres_server"))
        database_url = server.create_database(name=f"{postgres.PREFIX}cluster")
    running = Cluster(
        tmp_path_factory.mktemp("cluster"), replicas=2, schedulers=2, database_url=database_url,
        extra_env={**BENCH_ENV, "PACER_SCHEDULER_INTERVAL_S": "0.5", "PACER_LEADER_POLL_S": "0.5"},
    )
    try:
        running.start()
        yield running
    finally:
        running.stop()
        if server is not None:
            db.reset_engines()
            server.drop_database(database_url)

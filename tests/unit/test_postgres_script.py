"""`scripts/start-postgres` is idempotent and fast the second time: it finds the running
cluster and prints the same DATABASE_URL (the session's PostgreSQL came from it)."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from sqlalchemy import create_engine, text

from bot.config import normalize_database_url
from tests import postgres
from tests.conftest import require_postgres


def test_second_start_reuses_the_running_cluster(postgres_server) -> None:  # noqa: ANN001 - fixture
    server = require_postgres(postgres_server)
    if os.environ.get("PACER_TEST_POSTGRES", "").startswith("postgresql"):
        pytest.skip("PostgreSQL given by PACER_TEST_POSTGRES, not started by the script")
    started = time.monotonic()
    done = subprocess.run(
        [str(postgres.ROOT / "scripts" / "start-postgres"), "--dir", str(postgres.TEST_CLUSTER), "--fast"],
        capture_output=True, text=True, timeout=60, check=True,
    )
    elapsed = time.monotonic() - started
    assert done.stdout.strip() == server.url
    assert "reusing the running server" in done.stderr
    assert elapsed < 5, elapsed
    engine = create_engine(server.url, future=True)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar_one() == "pacer"
            listen = conn.execute(text("SHOW listen_addresses")).scalar_one()
    finally:
        engine.dispose()
    assert listen == "127.0.0.1"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db:5432/pacer", "postgresql://u:p@db:5432/pacer"),
        ("postgresql://u:p@db/pacer", "postgresql://u:p@db/pacer"),
        ("sqlite:////srv/pacer.db", "sqlite:////srv/pacer.db"),
    ],
)
def test_heroku_style_postgres_urls_are_read_as_postgresql(given: str, used: str) -> None:
    assert normalize_database_url(given) == used

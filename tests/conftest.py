"""Shared fixtures for tests that touch the database.

No mocks: every test that needs storage gets its own real database, built by the
real Alembic migrations, and `DATABASE_URL` points the whole code base at it. By
default that is a SQLite file; tests marked `both_dialects` (storage, scheduler,
fault and part of the end-to-end suite) run once on SQLite and once on a real
PostgreSQL (`tests/postgres.py`), and skip the PostgreSQL run, with the reason in
the summary, only when no PostgreSQL can be started; under `CI=true` that skip fails
the run (`tests/skip_guard.py`).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import db, migrate
from tests import postgres, skip_guard

pytest_plugins = ["pytester"]  # tests/unit/test_skip_guard.py runs pytest on small test files

DIALECTS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_dialects: run with `database_url` on SQLite and on PostgreSQL"
    )
    skip_guard.register(config)  # under CI=true, a skip not in its allow-list fails the run
    if _xdist_controller(config):
        postgres.start_for_workers()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _xdist_controller(config):
        postgres.stop_for_workers()


def _xdist_controller(config: pytest.Config) -> bool:
    """True in the process that hands tests to pytest-xdist workers (`make test` uses `-n`)."""
    return (not hasattr(config, "workerinput") and bool(getattr(config.option, "numprocesses", None))
            and getattr(config.option, "dist", "no") != "no")


#: Session fixtures that start servers: the tests using one run on one worker, so each worker
#: starts at most the servers its tests need (and a session's cluster is never started twice).
SERVER_FIXTURES = ("stack", "cluster")
#: The e2e modules that share the first SQLite stack; the rest share a second one on the other
#: worker. Chosen by their running time (`pytest --durations`), so the two halves take about as long.
FIRST_E2E_HALF = ("test_conversation_robustness", "test_safety_categories", "test_nlu_heldout")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put tests that share a server fixture in one xdist group; the rest are spread freely."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        for fixture in SERVER_FIXTURES:
            if fixture not in getattr(item, "fixturenames", ()):
                continue
            dialect = callspec.params.get(fixture, "sqlite") if callspec else "sqlite"
            group = f"{fixture}-{dialect}"
            if fixture == "stack" and dialect == "sqlite":
                group += "-1" if item.module.__name__.rsplit(".", 1)[-1] in FIRST_E2E_HALF else "-2"
            item.add_marker(pytest.mark.xdist_group(group))
            break


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`both_dialects` tests get `database_url` on each dialect, unless they name theirs."""
    if "database_url" not in metafunc.fixturenames or not metafunc.definition.get_closest_marker(
        "both_dialects"
    ):
        return
    named = any(
        "database_url" in str(mark.args[0]) for mark in metafunc.definition.iter_markers("parametrize")
    )
    if not named:
        metafunc.parametrize("database_url", DIALECTS, indirect=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer | postgres.Unavailable]:
    """The session's PostgreSQL, or why there is none (tests skip with that reason)."""
    try:
        server = postgres.start()
    except postgres.Unavailable as reason:
        yield reason
        return
    yield server
    postgres.stop(server)


def require_postgres(server: postgres.PostgresServer | postgres.Unavailable) -> postgres.PostgresServer:
    """The server, or skip this test with the reason PostgreSQL is unavailable."""
    if isinstance(server, postgres.Unavailable):
        pytest.skip(str(server))
    return server


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head by the real Alembic migrations, once per session."""
    path = tmp_path_factory.mktemp("template") / "pacer.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    with sqlite3.connect(path) as conn:  # fold the WAL into the main file before copying it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def migrated_pg_template(postgres_server: postgres.PostgresServer | postgres.Unavailable) -> str:
    """A PostgreSQL database migrated to head once per session; tests get copies. Its name."""
    server = require_postgres(postgres_server)
    url = server.create_database(name=f"{postgres.PREFIX}template")
    migrate.upgrade(url)
    db.reset_engines()
    return url.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def pg_test_database(postgres_server: postgres.PostgresServer | postgres.Unavailable,
                     migrated_pg_template: str) -> Iterator[str]:
    """The session's PostgreSQL test database (reset before each test); its URL."""
    server = require_postgres(postgres_server)
    url = server.create_database(template=migrated_pg_template)
    yield url
    db.reset_engines()
    server.drop_database(url)
    server.drop_database(server.url_for(migrated_pg_template))


def _sqlite_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    path = tmp_path / "pacer.db"
    shutil.copyfile(request.getfixturevalue("migrated_template"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A migrated database for this test only; `DATABASE_URL` points at it. Yields its URL.

    It is a copy of the session's migrated template (a full migration costs a few
    hundred fsyncs per test), on PostgreSQL the session's database reset to that copy;
    `migrate.upgrade` then runs against it and must find it at head. SQLite unless the
    test is parametrized with "postgresql".
    """
    dialect = getattr(request, "param", "sqlite")
    if dialect == "postgresql":
        server = require_postgres(request.getfixturevalue("postgres_server"))
        url = request.getfixturevalue("pg_test_database")
        db.reset_engines()
        server.reset_database(url, request.getfixturevalue("migrated_pg_template"))
    else:
        url = _sqlite_copy(request, tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engines()
    migrate.upgrade(url)
    yield url
    db.reset_engines()

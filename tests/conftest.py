"""Shared fixtures for tests that touch the database.

No mocks: every test that needs storage gets its own SQLite file, built by the
real Alembic migrations, and `DATABASE_URL` points the whole code base at it.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import db, migrate


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head by the real Alembic migrations, once per session."""
    path = tmp_path_factory.mktemp("template") / "pacer.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    with sqlite3.connect(path) as conn:  # fold the WAL into the main file before copying it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def database_url(migrated_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated SQLite file for this test only; `DATABASE_URL` points at it. Yields its URL.

    The file is a copy of the session's migrated template (a full migration costs a
    few hundred fsyncs per test); `migrate.upgrade` then runs against the copy and
    must find it at head.
    """
    path = tmp_path / "pacer.db"
    shutil.copyfile(migrated_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engines()
    migrate.upgrade(url)
    yield url
    db.get_engine().dispose()
    db.reset_engines()

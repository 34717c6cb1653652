"""One engine per process, one short session per unit of work.

SQLite runs in WAL mode with a busy timeout so that rasa, the action server and
the other Pacer processes can share one file, and with `synchronous=NORMAL`, SQLite's
recommended setting for WAL: a commit no longer waits for an fsync of the log (one per
turn's tracker save and per action's write); the database cannot be corrupted by a crash,
and a process crash loses nothing: only a power cut or OS crash can undo the last commits
(docs/decisions/0060-turn-cost.md). A SQLite file's connections are pooled (SQLAlchemy
1.4 opens and closes one per session for SQLite files, and closing the last connection
checkpoints the WAL: ~5 ms of fsyncs per unit of work).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.config import load_settings

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def configure_sqlite(engine: Engine) -> None:
    """Apply Pacer's SQLite pragmas to every new connection of `engine`."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)


def ensure_sqlite_dir(url: str) -> None:
    """The SQLite file's directory, and the file itself created 0600 (health data: the
    default umask would make it world-readable; SQLite gives its -wal and -shm files the
    database file's mode)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def pool_options(url: str) -> dict:
    """`create_engine` options that keep a SQLite file's connections open between units of
    work, as SQLAlchemy 2.0 does by default (a connection is used by one thread at a time,
    which the pool guarantees, so it may move between threads). Other databases: none."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return {}
    return {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}}


def build_engine(url: str) -> Engine:
    ensure_sqlite_dir(url)
    engine = create_engine(url, future=True, pool_pre_ping=True, **pool_options(url))
    configure_sqlite(engine)
    return engine


_cached_engines: list[Engine] = []


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url` (default: `DATABASE_URL`)."""
    engine = build_engine(url or load_settings().database_url)
    _cached_engines.append(engine)
    return engine


@lru_cache(maxsize=4)
def _session_factory(url: str | None) -> sessionmaker:
    return sessionmaker(bind=get_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: commit on success, roll back on error, always close."""
    session: Session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def reset_engines() -> None:
    """Close and forget cached engines (tests that switch `DATABASE_URL`): pooled
    connections would otherwise stay open on a PostgreSQL server until collected."""
    _session_factory.cache_clear()
    get_engine.cache_clear()
    while _cached_engines:
        _cached_engines.pop().dispose()

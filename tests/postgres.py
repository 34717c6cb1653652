"""A real PostgreSQL for the tests, started by the project's own `scripts/start-postgres`.

`PACER_TEST_POSTGRES` decides where it comes from:
- unset, `1` or `auto`: the session starts a throwaway cluster in `var/postgres-test`
  (fsync off) and stops it at the end if it started it; Debian's package is installed
  only under `CI=true` (the Makefile does that before pytest) or with `install`;
- a `postgresql://` URL: that server (the role must be allowed to create databases);
- `0`, `off` or `no`: PostgreSQL variants are skipped, and the summary says so.

Under `CI=true` a skipped PostgreSQL variant fails the run (tests/skip_guard.py).

Tests share one database per session, a copy of a template migrated once
(`CREATE DATABASE ... TEMPLATE`), which is reset before each test: other sessions on it
are ended, tables a test added (Rasa's `events`) are dropped, every table is truncated
(DELETE) with its sequences restarted, and a database whose schema a test changed (a downgrade
that failed half way) is copied from the template again. Copying costs 0.4-2 s per test
on a loaded 2-core machine; resetting costs a few tens of milliseconds.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.store.models import Base

ROOT = Path(__file__).resolve().parents[1]
TEST_CLUSTER = ROOT / "var" / "postgres-test"
DISABLED = {"0", "off", "no", "false"}
PREFIX = f"pacer_t{os.getpid()}_"


class Unavailable(RuntimeError):
    """PostgreSQL cannot be used in this session; the message is the skip reason."""


@dataclass
class PostgresServer:
    """A PostgreSQL server and a role that may create databases."""

    url: str
    started_here: bool = False
    _counter: itertools.count = field(default_factory=itertools.count)
    _templates: dict[str, tuple[set[str], str | None]] = field(default_factory=dict)

    def url_for(self, database: str) -> str:
        return make_url(self.url).set(database=database).render_as_string(hide_password=False)

    def _admin(self):  # noqa: ANN202 - an engine in autocommit mode (CREATE/DROP DATABASE)
        return create_engine(self.url, future=True, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its URL."""
        name = name or f"{PREFIX}{next(self._counter)}"
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))  # PostgreSQL 13+
                clause = f' TEMPLATE "{template}"' if template else ""
                if template and conn.dialect.server_version_info >= (15,):
                    clause += " STRATEGY FILE_COPY"  # faster than WAL_LOG for a small template
                conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        finally:
            engine.dispose()
        return self.url_for(name)

    def reset_database(self, url: str, template: str) -> None:
        """Make the database at `url` equal to a fresh copy of `template`, fast (see above)."""
        name = make_url(url).database
        admin = self._admin()
        try:
            with admin.connect() as conn:
                conn.execute(
                    # Only our own clients: an autovacuum worker belongs to a superuser.
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = :db AND pid <> pg_backend_pid() "
                         "AND backend_type = 'client backend' AND usename = current_user"),
                    {"db": name},
                )
        finally:
            admin.dispose()
        engine = create_engine(url, future=True, poolclass=NullPool)
        try:
            with engine.begin() as conn:
                tables = set(conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars())
                expected = self._template_state(template)
                version = None
                if "alembic_version" in tables:
                    version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if not expected[0] <= tables or version != expected[1]:
                    fresh = True
                else:
                    fresh = False
                    for extra in sorted(tables - expected[0]):
                        conn.execute(text(f'DROP TABLE "{extra}" CASCADE'))
                    # DELETE in foreign-key order: TRUNCATE of ~30 tables takes 0.2-0.5 s
                    # (new files for every table and index); DELETE of a few rows, ~10 ms.
                    for table in reversed(Base.metadata.sorted_tables):
                        if table.name in tables:
                            conn.execute(table.delete())
                    for sequence in conn.execute(text(
                        "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' "
                        "AND last_value IS NOT NULL"
                    )).scalars():
                        conn.execute(text("SELECT setval(:s, 1, false)"), {"s": f'public."{sequence}"'})
        finally:
            engine.dispose()
        if fresh:
            self.create_database(template=template, name=name)

    def _template_state(self, template: str) -> tuple[set[str], str | None]:
        """The template's tables and Alembic revision (read once)."""
        if template not in self._templates:
            engine = create_engine(self.url_for(template), future=True, poolclass=NullPool)
            try:
                with engine.connect() as conn:
                    tables = set(conn.execute(
                        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                    ).scalars())
                    version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            finally:
                engine.dispose()
            self._templates[template] = (tables, version)
        return self._templates[template]

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        engine = self._admin()
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            engine.dispose()

    def drop_stale_databases(self) -> None:
        """Databases left by test sessions that died (their pid is gone)."""
        engine = self._admin()
        try:
            with engine.connect() as conn:
                names = conn.execute(
                    text("SELECT datname FROM pg_database WHERE datname LIKE 'pacer\\_t%\\_%'")
                ).scalars().all()
                for name in names:
                    pid = name.removeprefix("pacer_t").split("_", 1)[0]
                    if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            engine.dispose()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start() -> PostgresServer:
    """The session's server, or `Unavailable` with the reason."""
    setting = os.environ.get("PACER_TEST_POSTGRES", "").strip()
    if setting.lower() in DISABLED:
        raise Unavailable(f"PostgreSQL tests disabled by PACER_TEST_POSTGRES={setting}")
    if setting.startswith(("postgresql://", "postgresql+psycopg2://")):
        server = PostgresServer(url=setting)
    else:
        was_running = (TEST_CLUSTER / "data" / "postmaster.pid").exists()
        command = [str(ROOT / "scripts" / "start-postgres"), "--dir", str(TEST_CLUSTER), "--fast"]
        if os.environ.get("CI") != "true" and setting.lower() != "install":
            command.append("--no-install")
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise Unavailable(f"PostgreSQL could not start: {error}") from error
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            own = [line for line in lines if line.startswith("start-postgres:")]
            reason = " | ".join(own[-2:] or lines[-3:]) or f"exit {done.returncode}"
            raise Unavailable(f"PostgreSQL could not start (scripts/start-postgres): {reason}")
        server = PostgresServer(url=done.stdout.strip().splitlines()[-1], started_here=not was_running)
    try:
        server.drop_stale_databases()
    except Exception as error:  # noqa: BLE001 - any connection failure is a reason to skip
        raise Unavailable(f"PostgreSQL did not accept a connection: {error}") from error
    return server


_for_workers: PostgresServer | None = None


def start_for_workers() -> None:
    """Under pytest-xdist the controller starts the cluster once, before the workers: each
    worker's `start()` then finds it running and leaves it alone, and `stop_for_workers()`
    stops it after the last worker. Unavailable here means unavailable there (they say why)."""
    global _for_workers
    try:
        _for_workers = start()
    except Unavailable:
        _for_workers = None


def stop_for_workers() -> None:
    if _for_workers is not None:
        stop(_for_workers)


def stop(server: PostgresServer) -> None:
    """Stop the throwaway cluster if this session started it."""
    if server.started_here:
        subprocess.run([str(ROOT / "scripts" / "stop-postgres"), "--dir", str(TEST_CLUSTER)],
                       capture_output=True, timeout=120, check=False)

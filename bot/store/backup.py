"""Consistent backups of the whole database (Pacer's tables and Rasa's `events`) and restore.

- SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page in one
  step inside one read transaction, so the copy is a single moment even with WAL and
  live writers (readers never block writers in WAL mode). The copy is checked with
  `PRAGMA integrity_check` and switched to a rollback journal, so it is one file.
- PostgreSQL: `pg_dump -Fc` (custom format, compressed) dumps from one snapshot; restore
  is `pg_restore --single-transaction` into an empty database. The password travels in
  the child's environment (`PGPASSWORD`), never on its command line.

A backup restores into the same kind of database it came from.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore could not be made; the message says why."""


def default_backup_path(url: str, directory: Path) -> Path:
    """`DIR/pacer-<UTC time>.db` (SQLite) or `.dump` (PostgreSQL)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    suffix = ".db" if _dialect(url) == "sqlite" else ".dump"
    return directory / f"pacer-{stamp}{suffix}"


def backup(url: str, out: Path) -> Path:
    """Write a consistent backup of the database at `url` to `out`; returns `out`."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} exists; choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    dialect = _dialect(url)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))  # health data: owner only
    try:
        if dialect == "sqlite":
            _sqlite_backup(_sqlite_path(url), partial)
        elif dialect == "postgresql":
            _pg(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)], url)
        else:
            raise BackupError(f"no backup method for {dialect}")
        partial.rename(out)  # a file named like a backup is always a complete one
    finally:
        partial.unlink(missing_ok=True)
    return out


def restore(path: Path, url: str, force: bool = False) -> None:
    """Restore a backup into the database at `url`, which must be empty unless `force`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    with path.open("rb") as handle:
        head = handle.read(16)
    kinds = {SQLITE_MAGIC: "sqlite", PG_DUMP_MAGIC: "postgresql"}
    kind = next((name for magic, name in kinds.items() if head.startswith(magic)), None)
    dialect = _dialect(url)
    if kind is None:
        raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format file")
    if kind != dialect:
        raise BackupError(f"{path} is a {kind} backup; restore it into a {kind} database, not {dialect}")
    if _has_tables(url) and not force:
        raise BackupError("the target database is not empty; restore into a new one, or pass --force")
    if dialect == "sqlite":
        _sqlite_restore(path, _sqlite_path(url))
    else:
        _pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error"], url, path)


def _dialect(url: str) -> str:
    return make_url(url).get_backend_name()


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _has_tables(url: str) -> bool:
    if _dialect(url) == "sqlite" and not _sqlite_path(url).exists():
        return False
    engine = create_engine(url, future=True, poolclass=NullPool)
    try:
        return bool(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _sqlite_backup(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # pages=-1: all pages in one step, one read transaction
        dst.execute("PRAGMA journal_mode=DELETE")
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"the copy failed its integrity check: {result}")
    finally:
        dst.close()
        src.close()


def _sqlite_restore(backup_file: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():  # a WAL left without its database would be replayed into the copy
        Path(f"{target}-wal").unlink(missing_ok=True)
        Path(f"{target}-shm").unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=15)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")  # as Pacer runs it (bot.store.db)
    finally:
        dst.close()
        src.close()


def pg_tool(name: str) -> str:
    """The newest `pg_dump`/`pg_restore` installed (Debian keeps them per major version;
    a client at least as new as the server is needed)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install Debian's postgresql-client")
    return found


def _pg(command: list[str], url: str, *inputs: Path) -> None:
    parsed: URL = make_url(url)
    env = {**os.environ}
    for key, value in (("PGHOST", parsed.host), ("PGPORT", parsed.port), ("PGUSER", parsed.username),
                       ("PGPASSWORD", parsed.password), ("PGDATABASE", parsed.database)):
        if value is not None:
            env[key] = str(value)
        else:
            env.pop(key, None)
    sslmode = parsed.query.get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    done = subprocess.run(
        [pg_tool(command[0]), *command[1:], "--dbname", parsed.database or "", *map(str, inputs)],
        env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")

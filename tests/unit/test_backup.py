"""`pacer db backup` / `restore` on SQLite and PostgreSQL, with a writer busy the whole time.

The writer commits one patient, their consent event and a Rasa `events` row per
transaction, on its own connection. A consistent backup holds whole transactions only:
every restored patient has exactly its consent event and its tracker event, every
restored row equals the live row with the same id, and the backup holds more than was
there when it started and less than the writer wrote in the end.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import insert, select, text

from bot import cli
from bot.store import backup, db, migrate
from bot.store import repository as repo
from bot.store.models import ConsentEvent, Patient, utcnow

pytestmark = pytest.mark.both_dialects
EVENTS = SQLTrackerStore.SQLEvent.__table__
COMPARED = {"patients": "id", "consent_events": "id", "events": "id", "action_plans": "id"}


class Writer(threading.Thread):
    """Commits (patient, consent event, tracker event) triples until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine = db.build_engine(url)
        self.written = 0
        self.stopping = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                name = f"writer-{self.written}"
                with self.engine.begin() as conn:
                    patient_id = conn.execute(
                        insert(Patient).values(display_name=name, created_at=utcnow())
                    ).inserted_primary_key[0]
                    conn.execute(insert(ConsentEvent).values(
                        patient_id=patient_id, decision="given", wording_version="test", created_at=utcnow()
                    ))
                    conn.execute(insert(EVENTS).values(
                        sender_id=name, type_name="user", timestamp=time.time(), data='{"event": "user"}'
                    ))
                self.written += 1
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error
        finally:
            self.engine.dispose()

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.written < count and self.error is None:
            assert time.monotonic() < deadline, f"writer stalled at {self.written}"
            time.sleep(0.01)
        assert self.error is None, self.error


def rows(url: str, table: str) -> dict[int, tuple]:
    engine = db.build_engine(url)
    try:
        with engine.connect() as conn:
            return {row[0]: tuple(row) for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))}
    finally:
        engine.dispose()


def scalars(url: str, sql: str) -> list:
    engine = db.build_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql)).scalars())
    finally:
        engine.dispose()


@pytest.fixture
def empty_url(database_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same kind to restore into."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'pacer.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


def test_backup_while_writing_restores_whole_transactions_only(
    database_url: str, empty_url: str, tmp_path: Path
) -> None:
    SQLTrackerStore.Base.metadata.create_all(db.get_engine())  # rasa's table, in the same database
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "before-backup")
        repo.record_consent(session, patient, "given")
        repo.create_plan(session, patient, repo.NewPlan("walk", "10 minutes", "after lunch", 3, 8))
    writer = Writer(database_url)
    writer.start()
    try:
        writer.wait_for(20)
        at_start = writer.written
        out = backup.backup(database_url, tmp_path / "backups" / "pacer.bak")
        writer.wait_for(writer.written + 20)  # it kept writing during and after the backup
    finally:
        writer.stopping.set()
        writer.join(30)
    assert writer.error is None, writer.error
    assert out.is_file() and not out.with_name(out.name + ".partial").exists()

    backup.restore(out, empty_url)
    restored = {table: rows(empty_url, table) for table in COMPARED}
    live = {table: rows(database_url, table) for table in COMPARED}
    for table in COMPARED:
        for row_id, row in restored[table].items():
            assert live[table][row_id] == row, (table, row_id)
    patient_names = {pid: row[1] for pid, row in restored["patients"].items()}
    writer_patients = {pid for pid, name in patient_names.items() if name and name.startswith("writer-")}
    consent_for = {row[1] for row in restored["consent_events"].values()}
    senders = {row[1] for row in restored["events"].values()}
    assert writer_patients <= consent_for  # no patient without the consent of the same transaction
    assert {name for name in patient_names.values() if name and name.startswith("writer-")} == senders
    assert len(restored["consent_events"]) == len(restored["patients"])
    assert at_start <= len(writer_patients) < writer.written
    assert scalars(empty_url, "SELECT conversation_id FROM channel_identities") == ["before-backup"]
    assert len(restored["action_plans"]) == 1

    # The restored database is at head and Pacer works on it.
    migrate.upgrade(empty_url)
    db.reset_engines()
    with db.session_scope(empty_url) as session:
        assert repo.find_patient(session, "before-backup").consent_status == "given"
        assert session.execute(select(Patient).where(Patient.display_name == "writer-0")).scalar_one()


def test_cli_backup_and_restore_refuse_what_they_should(
    database_url: str, empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with db.session_scope() as session:
        repo.get_or_create_patient(session, "cli-patient")
    out = tmp_path / "pacer.backup"
    assert cli.main(["db", "backup", "--out", str(out)]) == 0
    assert out.is_file()
    assert cli.main(["db", "backup", "--out", str(out)]) == 1  # never overwrites a backup
    assert "exists" in capsys.readouterr().err

    # Into a database that has tables: refused without --force.
    assert cli.main(["db", "restore", str(out)]) == 1
    assert "not empty" in capsys.readouterr().err
    # A file that is no backup, and a backup of the other kind, are refused.
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    monkeypatch.setenv("DATABASE_URL", empty_url)
    db.reset_engines()
    assert cli.main(["db", "restore", str(junk)]) == 1
    assert "neither a SQLite backup nor a pg_dump" in capsys.readouterr().err
    other = tmp_path / "other"
    other.write_bytes(backup.PG_DUMP_MAGIC if database_url.startswith("sqlite") else backup.SQLITE_MAGIC)
    assert cli.main(["db", "restore", str(other)]) == 1
    assert "restore it into a" in capsys.readouterr().err

    assert cli.main(["db", "restore", str(out)]) == 0
    with db.session_scope() as session:
        assert repo.find_patient(session, "cli-patient") is not None
    # --force restores over a database with tables (here: the same backup again).
    assert cli.main(["db", "restore", "--force", str(out)]) == 0
    with db.session_scope() as session:
        assert session.execute(select(Patient)).scalars().all()

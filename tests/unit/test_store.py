"""Pacer's store: Alembic migrations, SQLite settings and the repository functions.

Every test runs against a real database created by the real migrations, once on a
SQLite file and once on PostgreSQL (`database_url` fixture in conftest.py).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from bot.store import db, migrate
from bot.store import repository as repo
from bot.store.models import (
    FOREIGN_TABLES,
    ActionPlan,
    Base,
    ChannelIdentity,
    ConsentEvent,
    FunctionalGoal,
    Patient,
    PatientValue,
    PsfsRating,
)

pytestmark = pytest.mark.both_dialects

PACER_TABLES = {
    "patients",
    "channel_identities",
    "consent_events",
    "patient_values",
    "functional_goals",
    "psfs_ratings",
    "action_plans",
}


def _plan(what: str, how_much: str | None = "10 minutes", days: int | None = 3) -> repo.NewPlan:
    return repo.NewPlan(what=what, how_much=how_much, when="after lunch", days_per_week=days, confidence=8)


def _sqlite_file(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _head(url: str) -> str:
    return ScriptDirectory.from_config(migrate.alembic_config(url)).get_current_head()


def _model_tables() -> set[str]:
    return set(Base.metadata.tables)


# ----------------------------------------------------------------- migrations


def test_upgrade_creates_every_table_and_stamps_head(database_url: str) -> None:
    tables = set(inspect(db.get_engine()).get_table_names())
    assert PACER_TABLES <= tables
    assert tables == _model_tables() | {"alembic_version"}
    with db.get_engine().connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head(
            database_url
        )


def test_upgrade_twice_is_a_no_op(database_url: str) -> None:
    with db.session_scope() as session:
        repo.get_or_create_patient(session, "conv-1")
    migrate.upgrade(database_url)  # second run: nothing to do, nothing lost
    with db.get_engine().connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        patients = conn.execute(text("SELECT count(*) FROM patients")).scalar_one()
    assert versions == [_head(database_url)]
    assert patients == 1
    assert set(inspect(db.get_engine()).get_table_names()) == _model_tables() | {"alembic_version"}


def _include(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001 - alembic hook
    """The migrations' own filter: Rasa's `events` and APScheduler's tables are not Pacer's."""
    return name not in FOREIGN_TABLES if type_ == "table" else True


def test_migrations_match_the_models(database_url: str) -> None:
    """Models and migrations describe the same schema (no autogenerate drift), types included,
    on this dialect; Rasa's `events` table, present in a shared database, is not compared."""
    engine = db.get_engine()
    SQLTrackerStore.Base.metadata.create_all(engine)  # what rasa adds to the same database
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": _include}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_back_to_head(database_url: str) -> None:
    """Every migration's downgrade runs on this dialect, and the chain upgrades again."""
    with db.session_scope() as session:
        repo.get_or_create_patient(session, "conv-1")
    db.reset_engines()  # no pooled connection may hold a lock on a table being dropped
    command.downgrade(migrate.alembic_config(database_url), "base")
    engine = db.get_engine()
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    db.reset_engines()
    migrate.upgrade(database_url)
    engine = db.get_engine()
    assert set(inspect(engine).get_table_names()) == _model_tables() | {"alembic_version"}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head(
            database_url
        )


def test_upgrade_leaves_rasa_events_table_alone(database_url: str) -> None:
    """Rasa's tracker store shares the database: migrations never change its table, and its
    rows only in 0011_doors, which moves REST conversations into the `rest:` namespace (a
    Telegram conversation here, so the row stays as it is)."""
    engine = db.get_engine()
    SQLTrackerStore.Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) "
                          "VALUES ('tg:1', 'user', 1.5, '{}')"))
    columns = [column["name"] for column in inspect(engine).get_columns("events")]
    db.reset_engines()
    command.downgrade(migrate.alembic_config(database_url), "base")
    migrate.upgrade(database_url)
    engine = db.get_engine()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sender_id, type_name, data FROM events")).all()
    assert [tuple(row) for row in rows] == [("tg:1", "user", "{}")]
    assert [column["name"] for column in inspect(engine).get_columns("events")] == columns


def test_upgrade_of_a_sqlite_file_rasa_created_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shared.db"
    url = f"sqlite:///{path}"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
        conn.execute("INSERT INTO events (sender_id, data) VALUES ('tg:1', '{\"event\": \"user\"}')")
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engines()
    try:
        migrate.upgrade(url)
        migrate.upgrade(url)
    finally:
        db.reset_engines()
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT sender_id, data FROM events").fetchall()
        columns = [row[1] for row in conn.execute("PRAGMA table_info(events)")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert rows == [("tg:1", '{"event": "user"}')]  # not a REST id: 0011_doors leaves it
    assert columns == ["id", "sender_id", "data"]
    assert PACER_TABLES <= tables


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_mode_with_foreign_keys(database_url: str) -> None:
    with db.get_engine().connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == db.SQLITE_BUSY_TIMEOUT_MS
        assert conn.execute(text("PRAGMA synchronous")).scalar_one() == 1  # NORMAL: WAL's own fsyncs
    # WAL is a property of the file: other processes (rasa's tracker store) see it too.
    with sqlite3.connect(_sqlite_file(database_url)) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"


def test_database_directory_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path}/nested/dir/pacer.db"
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engines()
    try:
        migrate.upgrade()  # no argument: DATABASE_URL is used
    finally:
        db.reset_engines()
    assert (tmp_path / "nested" / "dir" / "pacer.db").is_file()


# ------------------------------------------------------------------ patients


def test_get_or_create_patient_is_keyed_by_conversation_id(database_url: str) -> None:
    with db.session_scope() as session:
        first = repo.get_or_create_patient(session, "telegram-42", channel="telegram")
        again = repo.get_or_create_patient(session, "telegram-42")
        other = repo.get_or_create_patient(session, "rest-7")
        first_id, other_id = first.id, other.id
        assert again.id == first_id
        assert other_id != first_id
    with db.session_scope() as session:
        assert repo.find_patient(session, "telegram-42").id == first_id
        assert repo.find_patient(session, "unknown") is None
        identity = session.execute(
            select(ChannelIdentity).where(ChannelIdentity.conversation_id == "telegram-42")
        ).scalar_one()
        assert identity.channel == "telegram"
        assert session.execute(select(func.count(Patient.id))).scalar_one() == 2


def test_conversation_id_is_unique_in_the_database(database_url: str) -> None:
    with pytest.raises(IntegrityError), db.session_scope() as session:
        a, b = Patient(), Patient()
        a.identities.append(ChannelIdentity(conversation_id="same", channel="rest"))
        b.identities.append(ChannelIdentity(conversation_id="same", channel="rest"))
        session.add_all([a, b])
        session.flush()


@pytest.mark.parametrize("decision", ["given", "refused", "withdrawn"])
def test_record_consent_stores_status_and_an_event(database_url: str, decision: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        repo.record_consent(session, patient, decision)
    with db.session_scope() as session:
        patient = repo.find_patient(session, "conv")
        assert patient.consent_status == decision
        assert patient.consent_at is not None
        assert repo.has_consented(patient) is (decision == "given")
        (event,) = patient.consent_events
        assert (event.decision, event.wording_version) == (decision, repo.CONSENT_WORDING_VERSION)


@pytest.mark.parametrize("decision", ["yes", "Given", "", "maybe"])
def test_record_consent_rejects_unknown_decisions(database_url: str, decision: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        with pytest.raises(ValueError, match="consent decision"):
            repo.record_consent(session, patient, decision)
        assert patient.consent_status is None
        assert patient.consent_events == []


def test_consent_history_keeps_every_decision(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        for decision in ("refused", "given", "withdrawn"):
            repo.record_consent(session, patient, decision)
    with db.session_scope() as session:
        patient = repo.find_patient(session, "conv")
        decisions = (
            session.execute(
                select(ConsentEvent.decision)
                .where(ConsentEvent.patient_id == patient.id)
                .order_by(ConsentEvent.id)
            )
            .scalars()
            .all()
        )
        assert decisions == ["refused", "given", "withdrawn"]
        assert patient.consent_status == "withdrawn"
        assert not repo.has_consented(patient)


def test_has_consented_is_false_for_a_stranger() -> None:
    assert repo.has_consented(None) is False


# ------------------------------------------------------------ goals, ratings


def test_add_functional_goal_and_rate_it_over_time(database_url: str) -> None:
    start = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        goal = repo.add_functional_goal(session, patient, "  walking the dog  ", 3, at=start)
        repo.rate_functional_goal(session, goal, 5, at=start + timedelta(weeks=2))
        repo.rate_functional_goal(session, goal, 7, at=start + timedelta(weeks=4))
    with db.session_scope() as session:
        patient = repo.find_patient(session, "conv")
        (goal,) = repo.active_functional_goals(session, patient)
        assert goal.activity == "walking the dog"
        assert [rating.score for rating in goal.ratings] == [3, 5, 7]


@pytest.mark.parametrize("score", [0, 10])
def test_score_bounds_are_accepted(database_url: str, score: int) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        goal = repo.add_functional_goal(session, patient, "gardening", score)
        assert repo.rate_functional_goal(session, goal, score).score == score


@pytest.mark.parametrize("score", [-1, 11, 100])
def test_scores_outside_0_to_10_are_refused(database_url: str, score: int) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        with pytest.raises(ValueError, match="0 to 10"):
            repo.add_functional_goal(session, patient, "gardening", score)
        goal = repo.add_functional_goal(session, patient, "driving", 4)
        with pytest.raises(ValueError, match="0 to 10"):
            repo.rate_functional_goal(session, goal, score)
        assert [rating.score for rating in goal.ratings] == [4]
        assert [g.activity for g in repo.active_functional_goals(session, patient)] == ["driving"]


@pytest.mark.parametrize("score", [-1, 11])
def test_database_check_constraint_also_guards_scores(database_url: str, score: int) -> None:
    """Even a write that bypasses the repository can't store an impossible score."""
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        goal = repo.add_functional_goal(session, patient, "gardening", 5)
        goal_id = goal.id
    with pytest.raises(IntegrityError), db.session_scope() as session:
        session.add(PsfsRating(goal_id=goal_id, score=score))


@pytest.mark.parametrize("confidence", [-1, 11])
def test_database_check_constraint_guards_plan_confidence(database_url: str, confidence: int) -> None:
    with pytest.raises(IntegrityError), db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        repo.create_plan(session, patient, repo.NewPlan("walk", "5 minutes", None, 3, confidence=confidence))


def test_values_keep_their_order_and_are_trimmed(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        for value in ("  time with the grandkids ", "getting back to work"):
            repo.add_value(session, patient, value)
    with db.session_scope() as session:
        texts = [v.text for v in repo.active_values(session, repo.find_patient(session, "conv"))]
    assert texts == ["time with the grandkids", "getting back to work"]


# ---------------------------------------------------------------------- plans


def test_create_plan_stores_every_part(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        goal = repo.add_functional_goal(session, patient, "walking the dog", 4)
        plan = repo.create_plan(session, patient, _plan("  walk to the letterbox  "), functional_goal=goal)
        plan_id, goal_id = plan.id, goal.id
    with db.session_scope() as session:
        row = session.get(ActionPlan, plan_id)
        assert (row.what, row.how_much, row.when_text, row.days_per_week, row.confidence) == (
            "walk to the letterbox",
            "10 minutes",
            "after lunch",
            3,
            8,
        )
        assert row.status == "active"
        assert row.functional_goal_id == goal_id
        assert row.closed_at is None


def test_create_plan_with_replaces_closes_the_old_plan_as_replaced(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        old = repo.create_plan(session, patient, _plan("walk", "20 minutes"))
        new = repo.create_plan(session, patient, _plan("walk", "10 minutes"), replaces=old)
        old_id, new_id = old.id, new.id
    with db.session_scope() as session:
        old, new = session.get(ActionPlan, old_id), session.get(ActionPlan, new_id)
        assert old.status == "replaced"
        assert old.closed_at is not None
        assert new.status == "active"
        assert [p.id for p in repo.active_plans(session, repo.find_patient(session, "conv"))] == [new_id]


def test_active_plans_newest_first_and_only_active(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        ids = [repo.create_plan(session, patient, _plan(what)).id for what in ("walk", "swim", "stretch")]
        done = repo.create_plan(session, patient, _plan("yoga"))
        repo.close_plan(done, "done")
    with db.session_scope() as session:
        plans = repo.active_plans(session, repo.find_patient(session, "conv"))
        assert [p.id for p in plans] == list(reversed(ids))
        assert [p.what for p in plans] == ["stretch", "swim", "walk"]


def test_active_plans_order_by_creation_time_not_id(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        older = repo.create_plan(session, patient, _plan("walk"))
        newer = repo.create_plan(session, patient, _plan("swim"))
        older.created_at = datetime(2026, 3, 1, tzinfo=timezone.utc)
        newer.created_at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with db.session_scope() as session:
        plans = repo.active_plans(session, repo.find_patient(session, "conv"))
        assert [p.what for p in plans] == ["walk", "swim"]


def test_get_plan_never_returns_another_patients_plan(database_url: str) -> None:
    with db.session_scope() as session:
        alice = repo.get_or_create_patient(session, "alice")
        bob = repo.get_or_create_patient(session, "bob")
        alice_plan = repo.create_plan(session, alice, _plan("walk"))
        bob_plan = repo.create_plan(session, bob, _plan("swim"))
        assert repo.get_plan(session, alice, alice_plan.id).what == "walk"
        assert repo.get_plan(session, alice, bob_plan.id) is None
        assert repo.get_plan(session, bob, alice_plan.id) is None
        assert repo.get_plan(session, bob, 999_999) is None


@pytest.mark.parametrize("status", ["done", "dropped", "replaced"])
def test_close_plan_sets_status_and_timestamps(database_url: str, status: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        plan = repo.create_plan(session, patient, _plan("walk"))
        repo.close_plan(plan, status, note="went well")
        plan_id = plan.id
    with db.session_scope() as session:
        plan = session.get(ActionPlan, plan_id)
        assert plan.status == status
        assert plan.closed_at is not None
        assert plan.reviewed_at is not None
        assert plan.outcome_note == "went well"
        assert repo.active_plans(session, repo.find_patient(session, "conv")) == []


@pytest.mark.parametrize("status", ["active", "finished", "DONE", ""])
def test_close_plan_rejects_unknown_statuses(database_url: str, status: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        plan = repo.create_plan(session, patient, _plan("walk"))
        with pytest.raises(ValueError, match="plan status"):
            repo.close_plan(plan, status)
        assert plan.status == "active"
        assert plan.closed_at is None


def test_latest_plan_for_finds_the_newest_similar_plan(database_url: str) -> None:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, "conv")
        first = repo.create_plan(session, patient, _plan("walk to the letterbox", "5 minutes"))
        repo.close_plan(first, "done")
        second = repo.create_plan(session, patient, _plan("walk to the letterbox", "8 minutes"))
        repo.create_plan(session, patient, _plan("gentle stretches"))
        assert repo.latest_plan_for(session, patient, "Walk to the letterbox").id == second.id
        # the plan being edited is not its own baseline
        assert (
            repo.latest_plan_for(session, patient, "walk to the letterbox", exclude_id=second.id).id
            == first.id
        )
        # containment either way counts as the same activity
        assert repo.latest_plan_for(session, patient, "walk").id == second.id
        assert repo.latest_plan_for(session, patient, "swimming") is None


def test_latest_plan_for_ignores_other_patients(database_url: str) -> None:
    with db.session_scope() as session:
        alice = repo.get_or_create_patient(session, "alice")
        bob = repo.get_or_create_patient(session, "bob")
        repo.create_plan(session, bob, _plan("walk"))
        assert repo.latest_plan_for(session, alice, "walk") is None


# ------------------------------------------------------------------- deletion


def _patient_with_everything(conversation_id: str) -> int:
    with db.session_scope() as session:
        patient = repo.get_or_create_patient(session, conversation_id)
        repo.record_consent(session, patient, "given")
        repo.add_value(session, patient, "time with the grandkids")
        goal = repo.add_functional_goal(session, patient, "walking the dog", 3)
        repo.rate_functional_goal(session, goal, 5)
        repo.create_plan(session, patient, _plan("walk"), functional_goal=goal)
        return patient.id


def _counts(patient_id: int) -> dict[str, int]:
    queries = {
        "channel_identities": "SELECT count(*) FROM channel_identities WHERE patient_id = :p",
        "consent_events": "SELECT count(*) FROM consent_events WHERE patient_id = :p",
        "patient_values": "SELECT count(*) FROM patient_values WHERE patient_id = :p",
        "functional_goals": "SELECT count(*) FROM functional_goals WHERE patient_id = :p",
        "psfs_ratings": "SELECT count(*) FROM psfs_ratings r JOIN functional_goals g ON g.id = r.goal_id"
        " WHERE g.patient_id = :p",
        "action_plans": "SELECT count(*) FROM action_plans WHERE patient_id = :p",
        "orphan_ratings": "SELECT count(*) FROM psfs_ratings"
        " WHERE goal_id NOT IN (SELECT id FROM functional_goals)",
    }
    with db.get_engine().connect() as conn:
        return {
            name: conn.execute(text(sql), {"p": patient_id}).scalar_one() for name, sql in queries.items()
        }


def test_deleting_a_patient_row_cascades_in_the_database(database_url: str) -> None:
    """A raw DELETE (as an erasure request or a DBA would run it) removes everything."""
    gone = _patient_with_everything("alice")
    kept = _patient_with_everything("bob")
    assert _counts(gone) == {
        "channel_identities": 1,
        "consent_events": 1,
        "patient_values": 1,
        "functional_goals": 1,
        "psfs_ratings": 2,
        "action_plans": 1,
        "orphan_ratings": 0,
    }
    with db.get_engine().begin() as conn:
        conn.execute(text("DELETE FROM patients WHERE id = :p"), {"p": gone})
    assert set(_counts(gone).values()) == {0}
    assert _counts(kept)["psfs_ratings"] == 2
    assert _counts(kept)["action_plans"] == 1


def test_deleting_a_patient_through_the_orm_removes_everything(database_url: str) -> None:
    gone = _patient_with_everything("alice")
    with db.session_scope() as session:
        session.delete(session.get(Patient, gone))
    assert set(_counts(gone).values()) == {0}
    with db.session_scope() as session:
        assert repo.find_patient(session, "alice") is None
        assert session.execute(select(func.count(PatientValue.id))).scalar_one() == 0


def test_deleting_a_goal_keeps_its_plans_unlinked(database_url: str) -> None:
    patient_id = _patient_with_everything("alice")
    with db.get_engine().begin() as conn:
        conn.execute(text("DELETE FROM functional_goals WHERE patient_id = :p"), {"p": patient_id})
    with db.session_scope() as session:
        (plan,) = session.execute(select(ActionPlan).where(ActionPlan.patient_id == patient_id)).scalars()
        assert plan.functional_goal_id is None
        assert session.execute(select(func.count(FunctionalGoal.id))).scalar_one() == 0


def test_every_datetime_column_reads_back_aware_utc(database_url: str) -> None:
    """bot.store.types.UTCDateTime: the same instant back, as aware UTC, through the ORM and Core,
    whatever zone it was written in; a naive value is taken to be UTC."""
    from sqlalchemy import DateTime

    from bot.store.types import UTCDateTime

    columns = [column for table in Base.metadata.tables.values() for column in table.columns]
    assert not [column for column in columns if isinstance(column.type, DateTime)]
    assert len([column for column in columns if isinstance(column.type, UTCDateTime)]) > 50
    written = datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=13)))  # 2026-02-28 20:30 UTC
    with db.session_scope() as session:
        aware = repo.get_or_create_patient(session, "conv-aware")
        naive = repo.get_or_create_patient(session, "conv-naive")
        aware.last_seen_at, naive.last_seen_at = written, datetime(2026, 2, 28, 20, 30)
        session.flush()
        ids = [aware.id, naive.id]
    with db.session_scope() as session:
        read = [session.get(Patient, patient_id).last_seen_at for patient_id in ids]
        core = session.execute(select(Patient.last_seen_at).where(Patient.id.in_(ids))).scalars().all()
        later = session.execute(select(func.count(Patient.id)).where(
            Patient.last_seen_at > datetime(2026, 2, 28, 20, 0, tzinfo=timezone.utc))).scalar_one()
    for at in read + core:
        assert at == written and at.utcoffset() == timedelta(0) and at.tzinfo is not None
    assert later == 2

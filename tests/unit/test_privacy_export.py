"""The data copy (services/privacy.export_patient) holds every table that names the patient."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Table, select

from bot.services import goals, privacy
from bot.store.db import session_scope
from bot.store.models import (
    Base,
    CheckinDelivery,
    CheckinSchedule,
    Clinician,
    ClinicianNote,
    GoalProposal,
    Patient,
    PatientAssignment,
    PatientRequest,
    PegResult,
)

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)
#: Columns that identify a person or one of their conversations.
PERSON_COLUMNS = {"patient_id", "conversation_id", "conversation_ids", "sender_id"}


def _holds_a_patient(table: Table) -> bool:
    for column in table.columns:
        if column.name in PERSON_COLUMNS or column.name.endswith("_patient_id"):
            return True
        if any(fk.column.table.name == "patients" for fk in column.foreign_keys):
            return True
    return False


def test_every_table_holding_a_patient_is_exported_or_excluded_with_a_reason() -> None:
    holding = {name for name, table in Base.metadata.tables.items() if _holds_a_patient(table)}
    assert holding, "the walk found no tables: the check would pass with nothing to check"
    listed = set(privacy.EXPORTED_TABLES) | set(privacy.EXCLUDED_FROM_EXPORT)
    assert sorted(holding - listed) == [], "add these to EXPORTED_TABLES or EXCLUDED_FROM_EXPORT"
    assert set(privacy.EXPORTED_TABLES).isdisjoint(privacy.EXCLUDED_FROM_EXPORT)
    assert sorted(listed - set(Base.metadata.tables)) == [], "listed tables that do not exist"
    assert all(len(reason) > 20 for reason in privacy.EXCLUDED_FROM_EXPORT.values())


@pytest.mark.usefixtures("database_url")
def test_export_carries_checkins_peg_notes_proposals_requests_and_clinicians() -> None:
    conv = "export-conv"
    goals.record_consent(conv, "given", name="Aroha")
    with session_scope() as session:
        patient = session.execute(select(Patient)).scalar_one()
        clinician = Clinician(email="c@example.org", display_name="Dr Lee", password_hash="x")
        session.add(clinician)
        session.flush()
        delivery = CheckinDelivery(patient_id=patient.id, due_at=NOW, next_attempt_at=NOW,
                                   status="sent", channel="telegram", outcome="done")
        session.add_all([
            CheckinSchedule(patient_id=patient.id, timezone="Pacific/Auckland", local_time="09:30",
                            next_due_at=NOW + timedelta(days=7)),
            delivery,
            PatientRequest(patient_id=patient.id, conversation_id=conv, kind="data_copy"),
            ClinicianNote(patient_id=patient.id, clinician_id=clinician.id, author_name="Dr Lee",
                          body="Nice work this week", delivery="now"),
            GoalProposal(patient_id=patient.id, clinician_id=clinician.id, author_name="Dr Lee",
                         kind="action_plan", what="walk to the letterbox"),
            PatientAssignment(patient_id=patient.id, clinician_id=clinician.id),
        ])
        session.flush()
        session.add(PegResult(patient_id=patient.id, delivery_id=delivery.id, pain=6, enjoyment=4,
                              activity=5))

    data = privacy.export_conversation(conv)
    assert set(privacy.EXPORTED_TABLES.values()) <= set(data)
    assert data["peg"] == [{"pain": 6, "enjoyment": 4, "activity": 5, "at": data["peg"][0]["at"]}]
    assert data["checkin_schedule"]["timezone"] == "Pacific/Auckland"
    assert data["checkin_schedule"]["local_time"] == "09:30"
    assert [(c["channel"], c["outcome"]) for c in data["checkins"]] == [("telegram", "done")]
    assert [n["body"] for n in data["clinician_notes"]] == ["Nice work this week"]
    assert [g["what"] for g in data["goal_proposals"]] == ["walk to the letterbox"]
    assert [r["kind"] for r in data["requests"]] == ["data_copy"]
    assert [c["name"] for c in data["clinicians"]] == ["Dr Lee"]
    assert data["channels"][0]["conversation_id"] == conv

"""FHIR R4 export validated by fhir.resources 6.4.0, and the CSV of measures."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from fhir.resources.bundle import Bundle
from sqlalchemy import select

from bot.coaching.phq4 import Phq4
from bot.services import fhir_export, goals, wellbeing
from bot.store.db import session_scope
from bot.store.models import ActionPlan, Patient, PegResult

pytestmark = pytest.mark.usefixtures("database_url")
CONV = "fhir-conv"


def seeded_record() -> fhir_export.PatientRecord:
    goals.record_consent(CONV, "given", name="Mere")
    goals.save_activities(CONV, [("gardening", 3), ("walking the dog", 5)])
    wellbeing.save_phq4(CONV, Phq4(interest=2, down=1, nervous=3, worry=2))
    with session_scope() as session:
        patient = session.execute(select(Patient)).scalar_one()
        session.add(ActionPlan(patient_id=patient.id, what="walk round the block", how_much="10 minutes",
                               when_text="after breakfast", days_per_week=3, confidence=8, status="done",
                               outcome_note="completed", closed_at=datetime.now(timezone.utc)))
        session.add(ActionPlan(patient_id=patient.id, what="stretch", days_per_week=5, confidence=7,
                               outcome_note="partial"))
        start = datetime(2026, 9, 1, 9, tzinfo=timezone.utc)
        # Stored newest first on purpose: the export orders PEG answers by time.
        for i in reversed(range(3)):
            session.add(PegResult(patient_id=patient.id, pain=7 - i, enjoyment=6, activity=5,
                                  created_at=start + timedelta(weeks=i)))
        session.flush()
        record = fhir_export.load_record(session, patient)
        session.expunge_all()
    return record


def test_bundle_validates_and_uses_loinc_for_phq4_items() -> None:
    record = seeded_record()
    bundle = fhir_export.build_bundle(record)
    text = bundle.json()
    parsed = Bundle.parse_raw(text)  # round trip through the R4 models: structure is valid
    resources = [entry.resource for entry in parsed.entry]
    kinds = [r.resource_type for r in resources]
    assert kinds.count("Patient") == 1 and kinds.count("Goal") == 2
    assert kinds.count("QuestionnaireResponse") == 1
    [response] = [r for r in resources if r.resource_type == "QuestionnaireResponse"]
    answers = {item.linkId: item.answer[0].valueCoding.code
               for group in response.item for item in group.item}
    assert answers == {"44250-9": "LA6570-1", "44255-8": "LA6569-3", "69725-0": "LA6571-9",
                       "68509-9": "LA6570-1"}
    assert response.item[0].linkId == "55757-9"
    goals_by_text = {r.description.text: r for r in resources if r.resource_type == "Goal"}
    done = goals_by_text["walk round the block (10 minutes, after breakfast, 3 days a week)"]
    assert done.lifecycleStatus == "completed" and done.achievementStatus.coding[0].code == "achieved"
    assert goals_by_text["stretch (5 days a week)"].achievementStatus.coding[0].code == "improving"


def test_peg_observations_use_pacer_codes_and_loinc_pain() -> None:
    record = seeded_record()
    data = json.loads(fhir_export.build_bundle(record).json())
    observations = [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Observation"]
    scores = [o for o in observations if o["code"]["coding"][0]["code"] == "peg-score"]
    assert [o["valueQuantity"]["value"] for o in scores] == [6.0, 5.67, 5.33]  # from the stored rows
    assert [o["effectiveDateTime"][:10] for o in scores] == ["2026-09-01", "2026-09-08", "2026-09-15"]
    assert all(o["code"]["coding"][0]["system"] == fhir_export.PACER_CODE_SYSTEM for o in scores)
    assert len(scores[0]["hasMember"]) == 3
    pain = [o for o in observations if o["code"]["coding"][0]["code"] == "peg-pain"]
    assert all({"system": "http://loinc.org", "code": "38208-5", "display": "Pain severity - Reported"}
               in o["code"]["coding"] for o in pain)
    psfs = [o for o in observations if o["code"]["coding"][0]["code"] == "psfs-activity"]
    assert sorted(o["valueQuantity"]["value"] for o in psfs) == [3, 5]


def test_invalid_data_is_refused_by_the_models() -> None:
    record = seeded_record()
    record.phq4 = [(datetime.now(timezone.utc), {"interest": 7, "down": 0, "nervous": 0, "worry": 0})]
    with pytest.raises(KeyError):  # no LOINC answer for an out-of-range score: never exported
        fhir_export.build_bundle(record)
    with pytest.raises(ValueError):
        fhir_export.PegEntry(datetime.now(timezone.utc), pain=11, enjoyment=0, activity=0)


def test_csv_has_one_row_per_answer() -> None:
    record = seeded_record()
    rows = list(csv.DictReader(io.StringIO(fhir_export.measures_csv(record))))
    measures = [(r["measure"], r["item"], r["value"]) for r in rows]
    assert ("PHQ-4", "phq2", "3") in measures and ("PHQ-4", "gad2", "5") in measures
    assert ("PSFS", "gardening", "3") in measures
    assert ("PEG-3", "score", "6.0") in measures
    assert ("action_plan", "walk round the block", "1.0") in measures
    assert ("action_plan", "stretch", "0.5") in measures
    times = [r["recorded_at"] for r in rows]
    assert times == sorted(times) and all(t.endswith("+00:00") for t in times)

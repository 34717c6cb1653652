"""Per-patient export: a FHIR R4 Bundle and a CSV of measures.

Every resource is built through `fhir.resources` 6.4.0 (FHIR R4 4.0.1 on pydantic 1),
which validates structure on construction. Codes:
- PHQ-4 items: LOINC 44250-9 (little interest), 44255-8 (feeling down), 69725-0
  (nervous, anxious or on edge), 68509-9 (not able to stop or control worrying); answers
  from LOINC answer list LL358-3 (LA6568-5 ... LA6571-9); PHQ-2 panel 55757-9.
- PEG-3 (Krebs 2009): no LOINC panel exists for PEG, so PEG items and the score use
  Pacer's own code system (`PACER_CODE_SYSTEM`, defined by Pacer, not a registered
  terminology); the pain item also carries LOINC 38208-5 (pain severity, reported).
- PSFS activity ratings use Pacer's code system too.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fhir.resources.bundle import Bundle
from fhir.resources.goal import Goal
from fhir.resources.observation import Observation
from fhir.resources.patient import Patient as FhirPatient
from fhir.resources.questionnaireresponse import QuestionnaireResponse
from sqlalchemy.orm import Session

from bot.services import csv_safe, dashboard
from bot.store.models import ActionPlan, Patient

LOINC = "http://loinc.org"
PACER_CODE_SYSTEM = "urn:pacer:fhir:CodeSystem:measures"  # Pacer-defined, not a registered terminology
PACER_PATIENT_ID_SYSTEM = "urn:pacer:patient-id"
PHQ4_QUESTIONNAIRE = "urn:pacer:fhir:Questionnaire:phq4"
PHQ4_ITEMS = (
    ("interest", "44250-9", "Little interest or pleasure in doing things"),
    ("down", "44255-8", "Feeling down, depressed, or hopeless"),
    ("nervous", "69725-0", "Feeling nervous, anxious or on edge"),
    ("worry", "68509-9", "Not being able to stop or control worrying"),
)
PHQ_ANSWERS = {
    0: ("LA6568-5", "Not at all"),
    1: ("LA6569-3", "Several days"),
    2: ("LA6570-1", "More than half the days"),
    3: ("LA6571-9", "Nearly every day"),
}
PEG_ITEMS = (
    ("pain", "peg-pain", "PEG: average pain in the past week (0-10)"),
    ("enjoyment", "peg-enjoyment", "PEG: pain interference with enjoyment of life (0-10)"),
    ("activity", "peg-activity", "PEG: pain interference with general activity (0-10)"),
)
GOAL_STATUS = {"active": "active", "done": "completed", "dropped": "cancelled", "replaced": "cancelled"}
GOAL_ACHIEVEMENT = {"completed": "achieved", "partial": "improving", "missed": "not-achieved"}


@dataclass(frozen=True)
class PegEntry:
    """One PEG-3 answer set (Krebs 2009): each item 0-10, score = mean."""

    at: datetime
    pain: int
    enjoyment: int
    activity: int

    def __post_init__(self) -> None:
        for item in ("pain", "enjoyment", "activity"):
            if not 0 <= getattr(self, item) <= 10:
                raise ValueError(f"PEG item {item} must be 0-10")

    @property
    def score(self) -> float:
        return round((self.pain + self.enjoyment + self.activity) / 3, 2)


@dataclass
class PatientRecord:
    patient: Patient
    plans: Sequence[ActionPlan]
    psfs: Sequence[tuple[str, int, datetime]]  # activity, score, when
    phq4: Sequence[tuple[datetime, dict[str, int]]]
    peg: Sequence[PegEntry] = field(default_factory=tuple)


def load_record(session: Session, patient: Patient) -> PatientRecord:
    """What Pacer's tables hold for the export (PEG comes from the check-in records)."""
    current, past = dashboard.action_plans(session, patient.id)
    psfs = [
        (goal.activity, rating.score, rating.rated_at)
        for goal in dashboard.psfs_activities(session, patient.id)
        for rating in goal.ratings
    ]
    phq4 = [
        (row.created_at,
         {"interest": row.interest, "down": row.down, "nervous": row.nervous, "worry": row.worry})
        for row in sorted(patient.phq4_results, key=lambda r: (r.created_at, r.id))
    ]
    peg = [PegEntry(point.at, point.pain, point.enjoyment, point.activity)
           for point in dashboard.peg_history(session, patient.id)]
    return PatientRecord(patient=patient, plans=[*current, *past], psfs=psfs, phq4=phq4, peg=peg)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _patient_ref(patient: Patient) -> dict[str, Any]:
    return {"reference": f"Patient/{patient.id}"}


def _goal(plan: ActionPlan, patient: Patient) -> Goal:
    description = plan.what
    details = [d for d in (plan.how_much, plan.when_text) if d]
    if plan.days_per_week:
        details.append(f"{plan.days_per_week} days a week")
    data: dict[str, Any] = {
        "resourceType": "Goal",
        "id": f"plan-{plan.id}",
        "lifecycleStatus": GOAL_STATUS.get(plan.status, "active"),
        "description": {"text": f"{description} ({', '.join(details)})" if details else description},
        "subject": _patient_ref(patient),
        "startDate": plan.created_at.date().isoformat(),
        "expressedBy": _patient_ref(patient),
    }
    if plan.confidence is not None:
        data["note"] = [{"text": f"Confidence {plan.confidence}/10 when set"}]
    achievement = "achieved" if plan.status == "done" else GOAL_ACHIEVEMENT.get(plan.outcome_note or "")
    if achievement:
        data["achievementStatus"] = {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/goal-achievement", "code": achievement}]}
    if plan.closed_at:
        data["statusDate"] = plan.closed_at.date().isoformat()
    return Goal.parse_obj(data)


def _observation(obs_id: str, patient: Patient, at: datetime, codings: list[dict[str, str]], text: str,
                 value: float, has_member: list[str] | None = None) -> Observation:
    data: dict[str, Any] = {
        "resourceType": "Observation",
        "id": obs_id,
        "status": "final",
        "category": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"}]}],
        "code": {"coding": codings, "text": text},
        "subject": _patient_ref(patient),
        "effectiveDateTime": _iso(at),
        "valueQuantity": {"value": value, "unit": "score", "system": "http://unitsofmeasure.org",
                          "code": "{score}"},
    }
    if has_member:
        data["hasMember"] = [{"reference": f"Observation/{member}"} for member in has_member]
    return Observation.parse_obj(data)


def peg_observations(patient: Patient, entries: Sequence[PegEntry]) -> list[Observation]:
    out = []
    for number, entry in enumerate(entries, start=1):
        members = []
        for attribute, code, text in PEG_ITEMS:
            codings = [{"system": PACER_CODE_SYSTEM, "code": code, "display": text}]
            if attribute == "pain":
                codings.append({"system": LOINC, "code": "38208-5", "display": "Pain severity - Reported"})
            obs_id = f"peg-{number}-{attribute}"
            members.append(obs_id)
            out.append(_observation(obs_id, patient, entry.at, codings, text, getattr(entry, attribute)))
        out.append(_observation(
            f"peg-{number}-score", patient, entry.at,
            [{"system": PACER_CODE_SYSTEM, "code": "peg-score", "display": "PEG-3 score (mean of 3 items)"}],
            "PEG-3 score", entry.score, has_member=members,
        ))
    return out


def psfs_observations(patient: Patient, ratings: Sequence[tuple[str, int, datetime]]) -> list[Observation]:
    return [
        _observation(
            f"psfs-{number}", patient, at,
            [{"system": PACER_CODE_SYSTEM, "code": "psfs-activity",
              "display": "Patient-Specific Functional Scale activity rating (0-10)"}],
            f"PSFS: {activity}", score,
        )
        for number, (activity, score, at) in enumerate(ratings, start=1)
    ]


def phq4_response(
    patient: Patient, number: int, at: datetime, items: dict[str, int]
) -> QuestionnaireResponse:
    def item(key: str, code: str, text: str) -> dict[str, Any]:
        answer_code, display = PHQ_ANSWERS[items[key]]
        return {
            "linkId": code,
            "definition": f"{LOINC}#{code}",
            "text": text,
            "answer": [{"valueCoding": {"system": LOINC, "code": answer_code, "display": display}}],
        }

    phq2 = [item(*spec) for spec in PHQ4_ITEMS[:2]]
    gad2 = [item(*spec) for spec in PHQ4_ITEMS[2:]]
    return QuestionnaireResponse.parse_obj({
        "resourceType": "QuestionnaireResponse",
        "id": f"phq4-{number}",
        "questionnaire": PHQ4_QUESTIONNAIRE,
        "status": "completed",
        "subject": _patient_ref(patient),
        "authored": _iso(at),
        "item": [
            {"linkId": "55757-9", "definition": f"{LOINC}#55757-9",
             "text": "Patient Health Questionnaire 2 item (PHQ-2)", "item": phq2},
            {"linkId": "gad-2", "text": "Generalized Anxiety Disorder 2 item (GAD-2)", "item": gad2},
        ],
    })


def build_bundle(record: PatientRecord) -> Bundle:
    """A FHIR R4 `collection` Bundle of one patient's plans and measures."""
    patient = record.patient
    fhir_patient = FhirPatient.parse_obj({
        "resourceType": "Patient",
        "id": str(patient.id),
        "identifier": [{"system": PACER_PATIENT_ID_SYSTEM, "value": str(patient.id)}],
        **({"name": [{"text": patient.display_name}]} if patient.display_name else {}),
    })
    resources: list[Any] = [fhir_patient]
    resources += [_goal(plan, patient) for plan in record.plans]
    resources += peg_observations(patient, record.peg)
    resources += psfs_observations(patient, record.psfs)
    resources += [phq4_response(patient, n, at, items) for n, (at, items) in enumerate(record.phq4, start=1)]
    return Bundle.parse_obj({
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": f"urn:pacer:{resource.resource_type}/{resource.id}", "resource": resource.dict()}
            for resource in resources
        ],
    })


def measures_csv(record: PatientRecord) -> str:
    """One row per answer: measure, item, value, time (ISO 8601, UTC)."""
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)  # patient text never runs as a formula
    writer.writerow(["patient_id", "measure", "item", "value", "recorded_at"])
    pid = record.patient.id
    rows: list[tuple[str, str, float, datetime]] = []
    for entry in record.peg:
        rows += [("PEG-3", attribute, getattr(entry, attribute), entry.at) for attribute, _, _ in PEG_ITEMS]
        rows.append(("PEG-3", "score", entry.score, entry.at))
    for activity, score, at in record.psfs:
        rows.append(("PSFS", activity, score, at))
    for at, items in record.phq4:
        rows += [("PHQ-4", key, items[key], at) for key, _, _ in PHQ4_ITEMS]
        rows.append(("PHQ-4", "phq2", items["interest"] + items["down"], at))
        rows.append(("PHQ-4", "gad2", items["nervous"] + items["worry"], at))
    for plan in record.plans:
        credit = 1.0 if plan.status == "done" else dashboard.PLAN_OUTCOME_CREDIT.get(plan.outcome_note or "")
        if credit is not None:
            at = plan.closed_at or plan.reviewed_at or plan.created_at
            rows.append(("action_plan", plan.what, credit, at))
    rows.sort(key=lambda r: (r[3], r[0], r[1]))
    for measure, item, value, at in rows:
        writer.writerow([pid, measure, item, value, _iso(at)])
    return buffer.getvalue()

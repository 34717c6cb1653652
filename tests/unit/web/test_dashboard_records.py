"""The patient page and list show check-ins, PEG-3, problem solving and flare plans, from real
rows in a migrated SQLite database served by a real `pacer web` process."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from bot.store.db import session_scope
from bot.store.models import (
    CheckinDelivery,
    CheckinSchedule,
    FlareEpisode,
    FlarePlanRecord,
    Patient,
    PegResult,
    ProblemSolvingRecord,
)
from tests.unit.web.test_dashboard_access import new_clinician, new_patient, signed_in
from tests.web.server import WebServer

NOW = datetime.now(timezone.utc)


def add_delivery(patient_id: int, days_ago: float, status: str, outcome: str | None = None,
                 note: str | None = None) -> int:
    due = NOW - timedelta(days=days_ago)
    with session_scope() as session:
        row = CheckinDelivery(patient_id=patient_id, due_at=due, next_attempt_at=due, status=status,
                              sent_at=due if status == "sent" else None,
                              answered_at=due + timedelta(hours=2) if outcome else None,
                              outcome=outcome, note=note,
                              last_error="bot blocked" if status == "failed" else None)
        session.add(row)
        session.flush()
        return row.id


def add_peg(patient_id: int, days_ago: float, pain: int, enjoyment: int, activity: int) -> None:
    with session_scope() as session:
        session.add(PegResult(patient_id=patient_id, pain=pain, enjoyment=enjoyment, activity=activity,
                              created_at=NOW - timedelta(days=days_ago)))


@pytest.fixture(scope="module")
def clinic(server: WebServer) -> dict:
    clinician_id, email = new_clinician("Rua")
    full, _ = new_patient("Hemi", clinician_id)
    add_delivery(full, 14, "sent", outcome="done", note="walked every day, felt good")
    add_delivery(full, 7, "sent", outcome="partial", note="only twice, knee was sore")
    add_peg(full, 14, 6, 5, 5)
    add_peg(full, 7, 4, 3, 2)
    with session_scope() as session:
        session.add(CheckinSchedule(patient_id=full, timezone="Pacific/Auckland", local_time="09:30",
                                    frequency="weekly", next_due_at=NOW + timedelta(days=3),
                                    paused_until=NOW + timedelta(days=10)))
        session.add(ProblemSolvingRecord(
            patient_id=full, origin="missed", problem_text="too tired after work to walk the dog",
            ideas=[{"text": "walk before work", "source": "own"},
                   {"text": "shorter walk", "source": "suggested"}],
            chosen_idea="walk before work", plan_text="10 minutes at 7am", confidence=7, outcome="partly",
            outcome_note="managed three mornings"))
        session.add(FlarePlanRecord(patient_id=full, warning_signs="stiff neck in the morning",
                                    what_helps="heat pack and slow breathing",
                                    drop_postpone="mowing the lawn",
                                    who_to_tell="my sister Aroha", seek_care="numbness in my arm"))
        session.add(FlareEpisode(patient_id=full, red_flag=False, plan_source="own", outcome="better",
                                 started_at=NOW - timedelta(days=3)))
    # Ordering: one with a missed check-in, one whose PEG got worse, one with neither.
    steady, _ = new_patient("Steady", clinician_id)
    add_peg(steady, 14, 5, 5, 5)
    add_peg(steady, 7, 5, 5, 6)
    worse, _ = new_patient("Worse", clinician_id)
    add_peg(worse, 14, 3, 3, 3)
    add_peg(worse, 7, 5, 4, 4)  # 3.0 -> 4.33
    missed, _ = new_patient("Missed", clinician_id)
    add_delivery(missed, 3, "sent")  # sent, never answered
    failed, _ = new_patient("Failed", clinician_id)
    add_delivery(failed, 2, "failed")
    return {"email": email, "full": full, "steady": steady, "worse": worse, "missed": missed,
            "failed": failed}


def test_patient_page_shows_checkins_peg_problem_solving_and_flare_plan(
    server: WebServer, clinic: dict
) -> None:
    client = signed_in(server, clinic["email"])
    page = client.get(f"/dashboard/patients/{clinic['full']}").text
    history = page[page.index('id="checkin-history"'):page.index('id="peg"')]
    assert "weekly at 09:30 (Pacific/Auckland)" in history
    assert "paused until" in history and "next due" in history
    assert "walked every day, felt good" in history and "only twice, knee was sore" in history
    assert history.count('class="delivery status-sent"') == 2
    assert ">partial<" in history and ">done<" in history

    peg = page[page.index('id="peg"'):page.index('</section>', page.index('id="peg"'))]
    assert "<svg" in peg and "PEG-3 (0 best - 10 worst)" in peg
    assert "PEG score: 5.3 on" in peg and "PEG score: 3 on" in peg  # point titles from the stored rows
    assert "score 3.0/10 (pain 4, enjoyment 3, activity 2)" in peg and "better than 5.3" in peg

    problems = page[page.index('id="problem-solving"'):page.index('id="flare-plan"')]
    assert "too tired after work to walk the dog" in problems
    assert "walk before work" in problems and "shorter walk" in problems and "(suggested)" in problems
    assert "10 minutes at 7am" in problems and "confidence 7/10" in problems
    assert "partly" in problems and "managed three mornings" in problems

    flare = page[page.index('id="flare-plan"'):]
    for text in ("stiff neck in the morning", "heat pack and slow breathing", "mowing the lawn",
                 "my sister Aroha", "numbness in my arm"):
        assert text in flare
    assert re.search(r'<tr class="flare">.*?<td>no</td>\s*<td>own</td><td>better</td>', flare, re.S)


def test_empty_sections_say_so(server: WebServer, clinic: dict) -> None:
    client = signed_in(server, clinic["email"])
    page = client.get(f"/dashboard/patients/{clinic['missed']}").text
    assert "No problem-solving sessions yet." in page and "No flare-up plan written yet." in page
    assert "No answers recorded yet" in page[page.index('id="peg"'):]


def test_list_puts_missed_checkins_then_worsening_peg_first(server: WebServer, clinic: dict) -> None:
    client = signed_in(server, clinic["email"])
    listing = client.get("/dashboard/").text
    order = [int(pid) for pid in re.findall(r'data-patient-id="(\d+)"', listing)]
    position = {pid: order.index(pid) for pid in order}
    assert position[clinic["missed"]] < position[clinic["worse"]]
    assert position[clinic["failed"]] < position[clinic["worse"]]
    assert position[clinic["worse"]] < position[clinic["steady"]]
    assert position[clinic["worse"]] < position[clinic["full"]]
    row = listing[listing.index(f'data-patient-id="{clinic["worse"]}"'):]
    row = row[:row.index("</tr>")]
    assert "PEG worse" in row and "4.3 (was 3.0, worse)" in row
    missed_row = listing[listing.index(f'data-patient-id="{clinic["missed"]}"'):]
    assert "1 missed check-in" in missed_row[:missed_row.index("</tr>")]
    full_row = listing[listing.index(f'data-patient-id="{clinic["full"]}"'):]
    full_row = full_row[:full_row.index("</tr>")]
    assert "<td class=\"last-checkin\"" in full_row and "6 days ago" in full_row
    assert "3.0 (was 5.3, better)" in full_row
    only_missed = client.get("/dashboard/?flag=missed").text
    assert set(re.findall(r'data-patient-id="(\d+)"', only_missed)) == {str(clinic["missed"]),
                                                                        str(clinic["failed"])}


def test_fhir_export_carries_stored_peg(server: WebServer, clinic: dict) -> None:
    client = signed_in(server, clinic["email"])
    bundle = client.get(f"/dashboard/patients/{clinic['full']}/export.fhir.json").json()
    observations = {entry["resource"]["id"]: entry["resource"] for entry in bundle["entry"]
                    if entry["resource"]["resourceType"] == "Observation"}
    assert observations["peg-1-pain"]["valueQuantity"]["value"] == 6
    assert observations["peg-2-activity"]["valueQuantity"]["value"] == 2
    assert observations["peg-2-score"]["valueQuantity"]["value"] == 3.0
    assert observations["peg-1-score"]["valueQuantity"]["value"] == pytest.approx(5.33)
    assert "peg-3-score" not in observations
    csv_text = client.get(f"/dashboard/patients/{clinic['full']}/export.csv").text
    assert f"{clinic['full']},PEG-3,enjoyment,3," in csv_text


def test_patient_page_shows_the_crisis_contact_region_and_where_it_came_from(
    server: WebServer, clinic: dict
) -> None:
    client = signed_in(server, clinic["email"])
    page = client.get(f"/dashboard/patients/{clinic['steady']}").text
    assert "crisis contacts" in page and "NZ (clinic default)" in page
    with session_scope() as session:
        patient = session.get(Patient, clinic["steady"])
        patient.region, patient.region_source = "AU", "timezone"
    page = client.get(f"/dashboard/patients/{clinic['steady']}").text
    assert "AU (from their check-in time zone)" in page

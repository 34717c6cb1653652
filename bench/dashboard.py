"""Dashboard render times: the patient list with 1,000 patients, a patient page with a
year of weekly data and the clinic overview, over HTTP against a real `pacer web` process
on SQLite.

    .venv/bin/python bench/dashboard.py [--patients 1000] [--requests 40]

Prints p50/p95 per page (goal: p95 under 500 ms on the project machine; 200 ms ideally).
The year of weekly data: 3 PSFS activities rated weekly, a weekly action plan with an
outcome, a weekly PHQ-4 and one conversation session per week in the tracker store
(about 1,500 events), plus a weekly check-in delivery with its outcome and PEG-3, a weekly
problem-solving record every month, a flare plan and flare episodes. Every other patient has
the last 8 weekly check-ins (some unanswered or failed) and PEG-3 answers, so the list's
missed-check-in and PEG-trend queries run over about 8,000 deliveries and PEG rows.
Patients consented over the last half year, so the overview's drop-off curve has a cohort.
The overview is timed for the clinic lead (whole clinic) and for the clinician (their
assigned patients: the same 1,000, through the assignment table).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.store import db, migrate  # noqa: E402
from bot.store import models as m  # noqa: E402
from bot.store.rasa_events import EVENTS  # noqa: E402
from bot.web import auth  # noqa: E402
from tests.web.server import WebServer  # noqa: E402

PASSWORD = "bench password 123"
LEAD_EMAIL = "lead@clinic.test"


def seed(patients: int) -> int:
    """Returns the id of the patient with a year of weekly data."""
    rng = random.Random(7)
    starts = random.Random(11)  # its own stream, so the other seeded data stay as they were
    now = m.utcnow()
    clinician_id = auth.create_clinician("bench@clinic.test", "Dr Bench", PASSWORD)
    auth.create_clinician(LEAD_EMAIL, "Dr Lead", PASSWORD, role="admin")
    with db.session_scope() as session:
        conn = session.connection()
        rows = [
            {
                "display_name": f"Patient {i:04d}",
                "consent_status": "given",
                "consent_at": now - timedelta(days=starts.randint(0, 180)),
                "created_at": now - timedelta(days=400),
                "last_seen_at": now - timedelta(days=rng.randint(0, 60)),
            }
            for i in range(patients)
        ]
        conn.execute(insert(m.Patient), rows)
        ids = list(range(1, patients + 1))
        conn.execute(
            insert(m.ChannelIdentity),
            [
                {"patient_id": pid, "conversation_id": f"bench-{pid}", "channel": "rest", "created_at": now}
                for pid in ids
            ],
        )
        conn.execute(
            insert(m.PatientAssignment),
            [
                {"clinician_id": clinician_id, "patient_id": pid, "source": "admin", "created_at": now}
                for pid in ids
            ],
        )
        conn.execute(
            insert(m.SafetyEvent),
            [
                {
                    "patient_id": pid,
                    "conversation_id": f"bench-{pid}",
                    "kind": rng.choice(["crisis", "red_flag"]),
                    "rule": "bench",
                    "message_text": "bench",
                    "created_at": now - timedelta(days=rng.randint(0, 30)),
                    "acknowledged_at": None if rng.random() < 0.3 else now,
                    "acknowledged_by": "x",
                }
                for pid in rng.sample(ids, patients // 20)
            ],
        )
        conn.execute(
            insert(m.PatientRequest),
            [
                {
                    "patient_id": pid,
                    "conversation_id": f"bench-{pid}",
                    "kind": "talk_to_person",
                    "created_at": now,
                }
                for pid in rng.sample(ids, patients // 25)
            ],
        )
        conn.execute(
            insert(m.ActionPlan),
            [
                {
                    "patient_id": pid,
                    "what": "walk",
                    "status": rng.choice(["active", "done", "dropped"]),
                    "outcome_note": rng.choice([None, "completed", "partial", "missed"]),
                    "created_at": now,
                }
                for pid in ids
                for _ in range(4)
            ],
        )
        conn.execute(
            insert(m.Phq4Result),
            [
                {
                    "patient_id": pid,
                    "interest": rng.randint(0, 3),
                    "down": rng.randint(0, 3),
                    "nervous": rng.randint(0, 3),
                    "worry": rng.randint(0, 3),
                    "created_at": now,
                }
                for pid in ids
                for _ in range(3)
            ],
        )

        deliveries, pegs = [], []
        for pid in ids[1:]:
            for week in range(8):
                due = now - timedelta(weeks=8 - week, hours=rng.randint(0, 48))
                status = rng.choices(["sent", "failed"], [0.97, 0.03])[0]
                answered = status == "sent" and rng.random() < 0.9
                deliveries.append({
                    "patient_id": pid, "due_at": due, "next_attempt_at": due, "status": status,
                    "sent_at": due if status == "sent" else None,
                    "answered_at": due + timedelta(hours=3) if answered else None,
                    "outcome": rng.choice(["done", "partial", "missed"]) if answered else None,
                    "created_at": due,
                })
                if answered:
                    pegs.append({"patient_id": pid, "pain": rng.randint(2, 8), "enjoyment": rng.randint(2, 8),
                                 "activity": rng.randint(2, 8), "created_at": due + timedelta(hours=3)})
        conn.execute(insert(m.CheckinDelivery), deliveries)
        conn.execute(insert(m.PegResult), pegs)

        year_patient = 1
        start = now - timedelta(weeks=52)
        conn.execute(insert(m.CheckinSchedule), [{
            "patient_id": year_patient, "timezone": "Europe/London", "local_time": "10:00",
            "frequency": "weekly", "status": "active", "anchor_at": start, "next_index": 53,
            "next_due_at": now + timedelta(days=3), "checkins_done": 50, "created_at": start,
            "updated_at": now,
        }])
        conn.execute(insert(m.FlarePlanRecord), [{
            "patient_id": year_patient, "warning_signs": "stiff neck on waking", "what_helps": "heat, pacing",
            "drop_postpone": "housework", "who_to_tell": "my partner", "seek_care": "numbness or weakness",
            "created_at": start, "updated_at": start,
        }])
        conn.execute(insert(m.FlareEpisode), [
            {"patient_id": year_patient, "red_flag": False, "plan_source": "own",
             "outcome": rng.choice(["better", "same", "worse"]), "started_at": start + timedelta(weeks=w)}
            for w in range(3, 52, 6)
        ])
        conn.execute(insert(m.ProblemSolvingRecord), [
            {"patient_id": year_patient, "origin": "missed",
             "problem_text": f"too tired after work, month {w // 4}", "barriers": ["fatigue"],
             "ideas": [{"text": "walk before work", "source": "own"},
                       {"text": "split into two short walks", "source": "suggested"}],
             "chosen_idea": "walk before work", "tried_ideas": [], "plan_text": "10 minutes at 7am",
             "confidence": 7, "outcome": "partly", "created_at": start + timedelta(weeks=w)}
            for w in range(0, 52, 4)
        ])
        for week in range(52):
            due = start + timedelta(weeks=week, seconds=20)
            answered = week % 9 != 4  # a few unanswered weeks
            result = conn.execute(insert(m.CheckinDelivery).values(
                patient_id=year_patient, due_at=due, next_attempt_at=due, status="sent", sent_at=due,
                answered_at=due + timedelta(hours=2) if answered else None,
                outcome=rng.choice(["done", "partial", "missed"]) if answered else None,
                note="knee sore on Thursday" if answered and week % 3 == 0 else None, created_at=due,
            ))
            if answered:
                conn.execute(insert(m.PegResult).values(
                    patient_id=year_patient, delivery_id=result.inserted_primary_key[0],
                    pain=max(0, 7 - week // 10), enjoyment=rng.randint(3, 7), activity=rng.randint(3, 7),
                    created_at=due + timedelta(hours=2),
                ))
        for number, activity in enumerate(("gardening", "walking the dog", "playing with grandkids")):
            goal = m.FunctionalGoal(patient_id=year_patient, activity=activity, created_at=start)
            session.add(goal)
            session.flush()
            conn.execute(
                insert(m.PsfsRating),
                [
                    {
                        "goal_id": goal.id,
                        "score": min(10, 2 + number + week // 8),
                        "rated_at": start + timedelta(weeks=week),
                    }
                    for week in range(52)
                ],
            )
        conn.execute(
            insert(m.PatientValue),
            [
                {
                    "patient_id": year_patient,
                    "text": "being there for my family",
                    "active": True,
                    "created_at": start,
                }
            ],
        )

        EVENTS.create(conn, checkfirst=True)
        events = []
        for week in range(52):
            at = start + timedelta(weeks=week)
            t = at.timestamp()
            conn.execute(
                insert(m.ActionPlan),
                [
                    {
                        "patient_id": year_patient,
                        "what": f"walk {10 + week // 4} minutes",
                        "how_much": "10 minutes",
                        "when_text": "after lunch",
                        "days_per_week": 4,
                        "confidence": 8,
                        "status": "done" if week < 51 else "active",
                        "outcome_note": "completed" if week < 51 else None,
                        "created_at": at + timedelta(seconds=5),
                        "closed_at": at + timedelta(days=7, seconds=5),
                    }
                ],
            )
            conn.execute(
                insert(m.Phq4Result),
                [
                    {
                        "patient_id": year_patient,
                        "interest": week % 3,
                        "down": 1,
                        "nervous": 1,
                        "worry": (week + 1) % 3,
                        "created_at": at + timedelta(seconds=15),
                    }
                ],
            )
            events.append(("session_started", t, None, None, {}))
            for turn in range(7):
                events.append(
                    (
                        "user",
                        t + 1 + turn * 3,
                        "inform",
                        None,
                        {"text": f"week {week} message {turn}", "input_channel": "rest"},
                    )
                )
                events.append(
                    ("action", t + 2 + turn * 3, None, "action_save_plan" if turn == 1 else "utter_x", {})
                )
                events.append(("bot", t + 2.5 + turn * 3, None, None, {"text": "reply " * 20}))
                events.append(("action", t + 2.6 + turn * 3, None, "action_listen", {}))
        conn.execute(
            insert(EVENTS),
            [
                {
                    "sender_id": f"bench-{year_patient}",
                    "type_name": kind,
                    "timestamp": ts,
                    "intent_name": intent,
                    "action_name": action,
                    "data": json.dumps({"event": kind, "timestamp": ts, **data}),
                }
                for kind, ts, intent, action, data in events
            ],
        )
    return year_patient


def measure(client: httpx.Client, path: str, count: int) -> list[float]:
    client.get(path)  # warm-up (template compilation, first connection)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{name:<42} n={len(times):<4} p50={statistics.median(times):7.1f} ms  p95={p95:7.1f} ms  "
        f"max={ordered[-1]:7.1f} ms"
    )


def sign_in(client: httpx.Client, email: str) -> None:
    login = client.get("/dashboard/login")
    token = login.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/dashboard/login",
                           data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.status_code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pacer-bench-dashboard-"))
    url = f"sqlite:///{workdir / 'pacer.db'}"
    os.environ["DATABASE_URL"] = url
    db.reset_engines()
    migrate.upgrade(url)
    started = time.perf_counter()
    year_patient = seed(args.patients)
    print(f"seeded {args.patients} patients in {time.perf_counter() - started:.1f} s ({url})")
    server = WebServer(url, workdir)
    try:
        with httpx.Client(base_url=server.base_url, timeout=60) as client:
            sign_in(client, "bench@clinic.test")
            page = client.get("/dashboard/")
            assert f"of {args.patients}" in page.text and page.text.count('data-patient-id="') == min(
                100, args.patients
            )
            last = -(-args.patients // 100)
            report(
                f"patient list, page 1 ({args.patients} sorted)",
                measure(client, "/dashboard/", args.requests),
            )
            report(
                f"patient list, page {last} ({args.patients} sorted)",
                measure(client, f"/dashboard/?page={last}", args.requests // 2),
            )
            report(
                "patient list, search 'Patient 01'",
                measure(client, "/dashboard/?q=Patient+01", args.requests // 2),
            )
            report(
                "patient page (a year of weekly data)",
                measure(client, f"/dashboard/patients/{year_patient}", args.requests),
            )
            report(
                "conversations page (52 sessions)",
                measure(client, f"/dashboard/patients/{year_patient}/conversations", args.requests // 2),
            )
            report(
                f"clinic overview, clinician ({args.patients}, 12 weeks)",
                measure(client, "/dashboard/overview?period=12w", args.requests),
            )
        with httpx.Client(base_url=server.base_url, timeout=60) as client:
            sign_in(client, LEAD_EMAIL)
            page = client.get("/dashboard/overview?period=12w")
            assert f"{args.patients} consenting patients" in page.text, page.text[:300]
            report(
                f"clinic overview, lead ({args.patients}, 12 weeks)",
                measure(client, "/dashboard/overview?period=12w", args.requests),
            )
            report(
                f"clinic overview, lead ({args.patients}, 52 weeks)",
                measure(client, "/dashboard/overview?period=52w", args.requests // 2),
            )
            report(
                f"clinic overview CSV, lead ({args.patients}, 52 weeks)",
                measure(client, "/dashboard/overview.csv?period=52w", args.requests // 2),
            )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A small clinic with known records, for the clinic overview's tests and browser tests.

Twenty-five patients, two clinicians and a lead, over January 2026 in the clinic's zone
(Pacific/Auckland, UTC+13 then). Every row is a real row in Pacer's tables with a known
time; `tests/unit/web/test_clinic_overview.py` checks the overview against numbers worked
out by hand from the table below, so change the two together.

Weeks of the period 2026-01-05..2026-02-01: W0 5-11 Jan, W1 12-18, W2 19-25, W3 26 Jan-1 Feb.
Check-ins are sent at 10:00 local and answered at 12:00 (with a PEG-3 answer); starts
(first consent) are at 12:00 local. A = answered, U = unanswered.

P  clin. start   check-ins sent (day of Jan)   other records
1  A     5 Jan   6A, 12A (00:30), 20A, 27A     plan 6 Jan (replaced 20 Jan); plan 20 Jan, active
2  A     5 Jan   6A, 13A, 20U, 27U             PSFS goal from Dec, rated 13 Jan
3  A     5 Jan   6A, 13U, 20U, 27U             PHQ-4 21 Jan; crisis_check 21 Jan 12:30, ack +24 h
4  A     5 Jan   6U, 13U, 20U, 27U             PSFS goal set and rated 8 Jan
5  A     5 Jan   6A, 13A, 20A, 27U             plan 6 Jan, done 13 Jan
6  A     5 Jan   -                             -
7  A     12 Jan  13A, 20A, 27A                 crisis 27 Jan 12:30, ack +0.5 h
8  A     12 Jan  13A, 20U, 27U                 crisis 23 Jan, ack +2 h
9  A     12 Jan  13U, 20U, 27U                 talk-to-person request 14 Jan
10 A     1 Dec   2A (before), 6A, 13A, 20A, 27A  plan from Dec, done 27 Jan; crisis 2 Jan
11 A     1 Dec   6A, 20A                       problem solving 27 Jan
12 A     1 Dec   6U, 13U                       flare reported 10 Jan
13 B     19 Jan  20A, 27A                      plan 20 Jan, active; PSFS goal set 20 Jan
14 B     19 Jan  20A, 27U                      -
15 B     19 Jan  20U, 27U                      value stated 21 Jan
16 B     19 Jan  20U                           -
17 B     28 Jan  29A                           -
18 B     28 Jan  -                             follow-up answered 30 Jan
19 B     28 Jan  -                             -
20 B     1 Nov   6A, 13A, 14 snoozed, 20A, 27A  plan 13 Jan, done 20 Jan; plan 20 Jan, dropped 27 Jan;
                                               red_flag 13 Jan 12:30, ack +6 h
21 B     1 Nov   6A, 13A                       red_flag 16 Jan, never acknowledged
22 B     1 Nov   6U, 13 failed (never sent)    -
23 -     1 Dec   6A, 13A                       -
24 A     5 Jan   6A, 13A                       withdrew consent; plan 6 Jan done; crisis 6 Jan
25 -     -       -                             refused consent

One safety event has no patient (someone who never consented): crisis_third_person on
15 Jan 12:00, acknowledged 10 hours later.

PEG-3 sums (pain + enjoyment + activity; the score is the sum / 3) in date order:
P1 21, 19, 17, 15; P2 15, 16; P3 12; P5 24, 18, 14; P7 12, 13, 15; P8 15;
P10 27 (2 Jan), 18, 16, 15, 15; P11 18, 18; P13 10, 18; P14 20; P17 14;
P20 21, 19, 18, 17; P21 9, 20; P23 20, 18; P24 15, 15.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.store import db
from bot.store import models as m
from bot.web import auth

ZONE = ZoneInfo("Pacific/Auckland")
PASSWORD = "overview fixture password"
PERIOD = (date(2026, 1, 5), date(2026, 2, 1))


def local(day: date | tuple[int, int] | tuple[int, int, int], hour: int = 12, minute: int = 0) -> datetime:
    """A clinic-local wall time as UTC (how Pacer stores times). (month, day) means 2026."""
    if isinstance(day, tuple):
        day = date(2026, *day) if len(day) == 2 else date(*day)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE).astimezone(timezone.utc)


# PEG-3 items per answered check-in, by (patient, month, day); everything else answers (5, 5, 5).
PEG = {
    (1, 1, 6): (8, 7, 6), (1, 1, 12): (7, 6, 6), (1, 1, 20): (6, 6, 5), (1, 1, 27): (5, 5, 5),
    (2, 1, 6): (5, 5, 5), (2, 1, 13): (6, 5, 5),
    (3, 1, 6): (4, 4, 4),
    (5, 1, 6): (8, 8, 8), (5, 1, 13): (6, 6, 6), (5, 1, 20): (5, 5, 4),
    (7, 1, 13): (4, 4, 4), (7, 1, 20): (4, 4, 5), (7, 1, 27): (5, 5, 5),
    (10, 1, 2): (9, 9, 9), (10, 1, 6): (6, 6, 6), (10, 1, 13): (6, 5, 5), (10, 1, 20): (5, 5, 5),
    (10, 1, 27): (5, 5, 5),
    (11, 1, 6): (6, 6, 6), (11, 1, 20): (7, 6, 5),
    (13, 1, 20): (4, 3, 3), (13, 1, 27): (6, 6, 6),
    (14, 1, 20): (7, 7, 6),
    (17, 1, 29): (5, 5, 4),
    (20, 1, 6): (7, 7, 7), (20, 1, 13): (7, 6, 6), (20, 1, 20): (6, 6, 6), (20, 1, 27): (6, 6, 5),
    (21, 1, 6): (3, 3, 3), (21, 1, 13): (7, 7, 6),
    (23, 1, 6): (7, 7, 6), (23, 1, 13): (6, 6, 6),
}

# Check-ins per patient: (month, day, answered); "snoozed" and "failed" are statuses.
CHECKINS: dict[int, list[tuple[int, int, bool | str]]] = {
    1: [(1, 6, True), (1, 12, True), (1, 20, True), (1, 27, True)],
    2: [(1, 6, True), (1, 13, True), (1, 20, False), (1, 27, False)],
    3: [(1, 6, True), (1, 13, False), (1, 20, False), (1, 27, False)],
    4: [(1, 6, False), (1, 13, False), (1, 20, False), (1, 27, False)],
    5: [(1, 6, True), (1, 13, True), (1, 20, True), (1, 27, False)],
    7: [(1, 13, True), (1, 20, True), (1, 27, True)],
    8: [(1, 13, True), (1, 20, False), (1, 27, False)],
    9: [(1, 13, False), (1, 20, False), (1, 27, False)],
    10: [(1, 2, True), (1, 6, True), (1, 13, True), (1, 20, True), (1, 27, True)],
    11: [(1, 6, True), (1, 20, True)],
    12: [(1, 6, False), (1, 13, False)],
    13: [(1, 20, True), (1, 27, True)],
    14: [(1, 20, True), (1, 27, False)],
    15: [(1, 20, False), (1, 27, False)],
    16: [(1, 20, False)],
    17: [(1, 29, True)],
    20: [(1, 6, True), (1, 13, True), (1, 14, "snoozed"), (1, 20, True), (1, 27, True)],
    21: [(1, 6, True), (1, 13, True)],
    22: [(1, 6, False), (1, 13, "failed")],
    23: [(1, 6, True), (1, 13, True)],
    24: [(1, 6, True), (1, 13, True)],
}

STARTS = {
    **{n: (2026, 1, 5) for n in range(1, 7)}, **{n: (2026, 1, 12) for n in range(7, 10)},
    **{n: (2025, 12, 1) for n in (10, 11, 12, 23)}, **{n: (2026, 1, 19) for n in range(13, 17)},
    **{n: (2026, 1, 28) for n in range(17, 20)}, **{n: (2025, 11, 1) for n in (20, 21, 22)},
    24: (2026, 1, 5),
}


@dataclass
class ClinicWorld:
    """Ids of what `seed_clinic` made. `patients[n]` is Pn's id."""

    lead_id: int
    lead_email: str
    a_id: int
    a_email: str
    b_id: int
    b_email: str
    patients: dict[int, int] = field(default_factory=dict)
    password: str = PASSWORD


def seed_clinic(tag: str | None = None) -> ClinicWorld:
    """Insert the clinic above into the database at `DATABASE_URL`; returns its ids."""
    tag = tag or uuid.uuid4().hex[:6]
    world = ClinicWorld(
        lead_id=auth.create_clinician(f"lead-{tag}@clinic.test", "Dr Lee Lead", PASSWORD, role="admin"),
        lead_email=f"lead-{tag}@clinic.test",
        a_id=auth.create_clinician(f"ames-{tag}@clinic.test", "Dr Ames", PASSWORD),
        a_email=f"ames-{tag}@clinic.test",
        b_id=auth.create_clinician(f"brook-{tag}@clinic.test", "Dr Brook", PASSWORD),
        b_email=f"brook-{tag}@clinic.test",
    )
    with db.session_scope() as session:
        for n in range(1, 26):
            start = local(STARTS[n]) if n in STARTS else None
            status = {24: "withdrawn", 25: "refused"}.get(n, "given")
            patient = m.Patient(display_name=f"P{n} {tag}", consent_status=status,
                                consent_at=local((1, 20)) if n == 24 else (start or local((1, 8))),
                                created_at=start or local((1, 8)), last_seen_at=local((1, 31)))
            session.add(patient)
            session.flush()
            world.patients[n] = patient.id
            session.add(m.ChannelIdentity(patient_id=patient.id, conversation_id=f"ov-{tag}-{n}",
                                          channel="rest", created_at=patient.created_at))
            if start is not None:
                session.add(m.ConsentEvent(patient_id=patient.id, decision="given", wording_version="v1",
                                           created_at=start))
            if n == 24:
                session.add(m.ConsentEvent(patient_id=patient.id, decision="withdrawn", wording_version="v1",
                                           created_at=local((1, 20))))
            if n == 25:
                session.add(m.ConsentEvent(patient_id=patient.id, decision="refused", wording_version="v1",
                                           created_at=local((1, 8))))
            clinician = world.a_id if n <= 12 or n == 24 else world.b_id if n <= 22 else None
            if clinician is not None:
                session.add(m.PatientAssignment(clinician_id=clinician, patient_id=patient.id))
        p = world.patients
        for n, checkins in CHECKINS.items():
            for month, day, answered in checkins:
                sent = local((month, day), 0, 30) if (n, day) == (1, 12) else local((month, day), 10)
                reply = sent + timedelta(hours=2)
                status = answered if isinstance(answered, str) else "sent"
                delivery = m.CheckinDelivery(
                    patient_id=p[n], due_at=sent, next_attempt_at=sent, status=status,
                    sent_at=None if status == "failed" else sent,
                    answered_at=reply if answered is True or status == "snoozed" else None,
                    outcome="done" if answered is True else None, attempts=12 if status == "failed" else 1,
                    created_at=sent)
                session.add(delivery)
                session.flush()
                if answered is True:
                    pain, enjoyment, activity = PEG.get((n, month, day), (5, 5, 5))
                    session.add(m.PegResult(patient_id=p[n], delivery_id=delivery.id, pain=pain,
                                            enjoyment=enjoyment, activity=activity, created_at=reply))
        session.add(m.Phq4Result(patient_id=p[3], interest=1, down=1, nervous=1, worry=0,
                                 created_at=local((1, 21))))
        p2_goal = m.FunctionalGoal(patient_id=p[2], activity="gardening", created_at=local((2025, 12, 1)))
        p4_goal = m.FunctionalGoal(patient_id=p[4], activity="walking the dog", created_at=local((1, 8)))
        p13_goal = m.FunctionalGoal(patient_id=p[13], activity="swimming", created_at=local((1, 20), 12, 5))
        session.add_all([p2_goal, p4_goal, p13_goal])
        session.flush()
        session.add_all([
            m.PsfsRating(goal_id=p2_goal.id, score=3, rated_at=local((2025, 12, 1))),
            m.PsfsRating(goal_id=p2_goal.id, score=5, rated_at=local((1, 13))),
            m.PsfsRating(goal_id=p4_goal.id, score=4, rated_at=local((1, 8))),
            m.PsfsRating(goal_id=p13_goal.id, score=2, rated_at=local((1, 20), 12, 5)),
        ])
        plan = lambda n, created, status, closed=None: m.ActionPlan(  # noqa: E731
            patient_id=p[n], what="walk", how_much="10 minutes", when_text="after lunch", days_per_week=3,
            confidence=8, status=status, outcome_note="completed" if status == "done" else None,
            created_at=created, reviewed_at=closed, closed_at=closed)
        session.add_all([
            plan(1, local((1, 6), 12, 5), "replaced", local((1, 20), 12, 5)),
            plan(1, local((1, 20), 12, 5), "active"),
            plan(5, local((1, 6), 12, 5), "done", local((1, 13), 12, 5)),
            plan(10, local((2025, 12, 10)), "done", local((1, 27), 12, 5)),
            plan(13, local((1, 20), 12, 5), "active"),
            plan(20, local((1, 13), 12, 5), "done", local((1, 20), 12, 5)),
            plan(20, local((1, 20), 12, 5), "dropped", local((1, 27), 12, 5)),
            plan(24, local((1, 6), 12, 5), "done", local((1, 13), 12, 5)),
        ])
        session.add(m.PatientRequest(patient_id=p[9], conversation_id=f"ov-{tag}-9", kind="talk_to_person",
                                     created_at=local((1, 14))))
        session.add(m.ProblemSolvingRecord(patient_id=p[11], problem_text="too tired after work",
                                           barriers=["fatigue"], ideas=[], tried_ideas=[],
                                           created_at=local((1, 27))))
        session.add(m.FlareEpisode(patient_id=p[12], red_flag=False, plan_source="default",
                                   started_at=local((1, 10))))
        session.add(m.PatientValue(patient_id=p[15], text="being there for my kids",
                                   created_at=local((1, 21))))
        session.add(m.Followup(patient_id=p[18], kind="flare", due_at=local((1, 30), 9),
                               delivered_at=local((1, 30), 9), answered_at=local((1, 30)), answer="better",
                               created_at=local((1, 29))))

        def event(n: int | None, kind: str, at: datetime, ack_hours: float | None) -> m.SafetyEvent:
            return m.SafetyEvent(
                patient_id=p[n] if n else None, conversation_id=f"ov-{tag}-{n or 'stranger'}", kind=kind,
                rule="fixture", message_text="(fixture)", created_at=at,
                acknowledged_at=at + timedelta(hours=ack_hours) if ack_hours is not None else None,
                acknowledged_by="Dr Ames" if ack_hours is not None else None)

        session.add_all([
            event(8, "crisis", local((1, 23)), 2),
            event(21, "red_flag", local((1, 16)), None),
            event(None, "crisis_third_person", local((1, 15)), 10),
            event(3, "crisis_check", local((1, 21), 12, 30), 24),
            event(7, "crisis", local((1, 27), 12, 30), 0.5),
            event(20, "red_flag", local((1, 13), 12, 30), 6),
            event(10, "crisis", local((1, 2)), 1),
            event(24, "crisis", local((1, 6)), None),
        ])
    return world

"""Clinician notes and proposed goals against a real migrated SQLite file: delivery paths,
read tracking, outcomes, withdrawal, and when the scheduler may send an "at once" note."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.coaching.action_plan import PlanDraft
from bot.coaching.checkin_schedule import (
    DEFAULT_QUIET,
    PatientMoment,
    SchedulePrefs,
    deferral,
    note_deferral,
)
from bot.services import checkins, goals
from bot.services import clinician_notes as notes
from bot.services import goal_proposals as proposals
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import CheckinDelivery, Clinician, ClinicianNote, GoalProposal, Patient

pytestmark = pytest.mark.usefixtures("database_url")
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)  # 15:00 in Auckland


def setup(conversation_id: str = "conv") -> tuple[int, int]:
    goals.record_consent(conversation_id, "given", name="Hemi")
    with session_scope() as session:
        clinician = Clinician(email=f"lee-{conversation_id}@clinic.test", display_name="Lee Carter",
                              password_hash="x")
        session.add(clinician)
        session.flush()
        return repo.find_patient(session, conversation_id).id, clinician.id


def write(pid: int, cid: int, body: str, delivery: str) -> ClinicianNote:
    with session_scope() as session:
        patient, clinician = session.get(Patient, pid), session.get(Clinician, cid)
        note = notes.create(session, patient, clinician, body, delivery, NOW)
        session.expunge(note)
        return note


def test_a_note_sent_now_gets_its_own_delivery_row_and_is_taken_once() -> None:
    pid, cid = setup()
    note = write(pid, cid, "Keep going", "now")
    with session_scope() as session:
        row = session.get(CheckinDelivery, note.delivery_id)
        assert (row.kind, row.status, row.patient_id) == ("clinician_note", "pending", pid)
    [view] = notes.take_for_checkin("conv", note.delivery_id, NOW)
    assert (view.author_name, view.body) == ("Lee Carter", "Keep going")
    assert notes.take_for_checkin("conv", note.delivery_id, NOW) == []  # never twice
    # Opened again because the turn that took it never reached the tracker store (a replica
    # died): the note comes with it once more.
    [again] = notes.take_for_checkin("conv", note.delivery_id, NOW, redelivered=True)
    assert again.body == "Keep going"


def test_a_next_checkin_note_waits_for_the_checkin_when_there_is_a_schedule() -> None:
    pid, cid = setup()
    checkins.ensure_schedule("conv")
    note = write(pid, cid, "See you Tuesday", "next_checkin")
    assert note.delivery_id is None
    assert notes.take_at_session_start("conv", NOW) == []  # they have check-ins to wait for
    [view] = notes.take_for_checkin("conv", 99, NOW)
    assert view.body == "See you Tuesday"


def test_without_checkins_a_note_arrives_at_the_next_session_and_its_queued_send_is_cancelled() -> None:
    pid, cid = setup()
    later = write(pid, cid, "For the next check-in", "next_checkin")
    now_note = write(pid, cid, "Sent at once", "now")
    taken = notes.take_at_session_start("conv", NOW)
    assert [v.body for v in taken] == ["For the next check-in", "Sent at once"]
    with session_scope() as session:
        assert session.get(CheckinDelivery, now_note.delivery_id).status == "cancelled"
        assert session.get(ClinicianNote, later.id).delivered_via == "session"


def test_read_by_button_by_reply_and_never_for_someone_else() -> None:
    pid, cid = setup()
    setup("other")
    note = write(pid, cid, "Hello", "now")
    assert notes.mark_read("conv", note.id) is None  # not delivered yet
    notes.take_for_checkin("conv", note.delivery_id, NOW)
    assert notes.mark_read("other", note.id) is None
    assert notes.save_reply("other", note.id, "not mine") is None
    assert notes.save_reply("conv", note.id, "  Thanks Lee  ", NOW + timedelta(minutes=5)) is not None
    with session_scope() as session:
        row = session.get(ClinicianNote, note.id)
        assert (row.status, row.read_via, row.reply) == ("read", "reply", "Thanks Lee")


def test_withdrawing_cancels_the_queued_send() -> None:
    pid, cid = setup()
    note = write(pid, cid, "Oops, wrong patient", "now")
    with session_scope() as session:
        assert notes.withdraw(session, session.get(Patient, pid), note.id)
    with session_scope() as session:
        assert session.get(ClinicianNote, note.id).status == "withdrawn"
        assert session.get(CheckinDelivery, note.delivery_id).status == "cancelled"
    assert notes.take_for_checkin("conv", note.delivery_id, NOW) == []


def test_notes_are_validated() -> None:
    pid, cid = setup()
    with pytest.raises(ValueError):
        write(pid, cid, "   ", "now")
    with pytest.raises(ValueError):
        write(pid, cid, "Hi", "tomorrow")


def test_a_note_is_not_held_back_like_a_checkin() -> None:
    prefs = SchedulePrefs(timezone="Pacific/Auckland", quiet=DEFAULT_QUIET)
    busy = PatientMoment(last_user_at=NOW - timedelta(minutes=1), paused_until=NOW + timedelta(days=7),
                         last_crisis_at=NOW - timedelta(hours=2))
    assert deferral(busy, NOW, prefs) is not None  # a check-in waits
    assert note_deferral(busy, NOW, prefs) is None  # the clinician's note does not
    in_form = PatientMoment(active_loop="plan_form")
    assert note_deferral(in_form, NOW, prefs).reason == "form_active"
    assert note_deferral(PatientMoment(safety_open=True), NOW, prefs).reason == "safety_mode"
    night = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # 23:00 in Auckland
    wait = note_deferral(PatientMoment(), night, prefs)
    assert wait.reason == "quiet_hours"
    assert wait.until.astimezone(prefs.zone).hour == 8


def propose(pid: int, cid: int, kind: str = "action_plan", **fields: object) -> int:
    with session_scope() as session:
        row = proposals.create(session, session.get(Patient, pid), session.get(Clinician, cid), kind,
                               fields.pop("what", "walk to the park"), **fields)
        return row.id


def test_the_oldest_open_proposal_is_presented_and_a_saved_plan_resolves_it() -> None:
    pid, cid = setup()
    first = propose(pid, cid, how_much="10 minutes", when="after lunch", days_per_week=4, rationale="why")
    second = propose(pid, cid, kind="psfs", what="hanging out the washing")
    assert proposals.has_open("conv")
    view = proposals.present_next("conv", NOW)
    assert view.id == first and view.text.startswith("walk to the park") and view.rationale == "why"
    plan = goals.save_plan("conv", PlanDraft("walk to the park", "5 minutes", "after lunch", 4), 8)
    outcome = proposals.resolve_with_plan("conv", first, plan.id,
                                          PlanDraft("walk to the park", "5 minutes", "after lunch", 4))
    assert outcome == "changed"
    assert proposals.present_next("conv", NOW).id == second
    assert proposals.resolve_with_activity("conv", second, "hanging out the washing", 3) == "accepted"
    assert not proposals.has_open("conv")
    with session_scope() as session:
        rows = {r.id: r for r in session.execute(select(GoalProposal)).scalars()}
        assert rows[first].action_plan_id == plan.id and "5 minutes" in rows[first].final_text
        assert rows[second].functional_goal_id is not None


def test_decline_with_a_reason_and_withdrawal() -> None:
    pid, cid = setup()
    setup("other")
    first = propose(pid, cid)
    assert proposals.decline("other", first) is None  # not theirs
    assert proposals.decline("conv", first).id == first
    assert proposals.save_reason("conv", first, "my knee")
    assert proposals.get_open("conv", first) is None
    second = propose(pid, cid)
    with session_scope() as session:
        assert proposals.withdraw(session, session.get(Patient, pid), second)
    assert proposals.present_next("conv") is None
    with session_scope() as session:
        rows = {r.id: r for r in session.execute(select(GoalProposal)).scalars()}
        assert (rows[first].status, rows[first].patient_reason) == ("declined", "my knee")
        assert rows[second].status == "withdrawn"


@pytest.mark.parametrize(("kind", "what", "days"), [("goal", "walk", None), ("psfs", "x", None),
                                                     ("action_plan", "walk", 9)])
def test_proposals_are_validated(kind: str, what: str, days: int | None) -> None:
    pid, cid = setup()
    with pytest.raises(ValueError):
        propose(pid, cid, kind=kind, what=what, days_per_week=days)

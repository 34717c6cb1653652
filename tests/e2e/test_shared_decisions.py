"""Shared decisions end to end: a clinician writes a note and proposes goals in the real
dashboard (`pacer web` of the stack, signed in over HTTP), the stack's scheduler and rasa
deliver them, and three patients accept, change and decline a proposal in free text.
Each outcome is read back from the database and from the dashboard page."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import select

from bot.services import checkins
from bot.services import dashboard as queries
from bot.store.db import session_scope
from bot.store.models import ActionPlan, ClinicianNote, FunctionalGoal, GoalProposal, utcnow
from bot.web.auth import create_clinician
from tests.e2e.stack import PacerStack, texts
from tests.e2e.test_checkins import delivery, patient_id, save_plan, wait_for
from tests.e2e.test_goal_setting import asks_confidence, new_sender, reach_plan_question
from tests.web.server import Browserish

os.environ.setdefault("PACER_SCHEDULER_INTERVAL_S", "1")
pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def dashboard(stack: PacerStack) -> Browserish:
    email = f"lee-{uuid.uuid4().hex[:6]}@clinic.test"
    create_clinician(email, "Lee Carter", PASSWORD)
    client = Browserish(stack.settings.web_url)
    assert client.sign_in(email, PASSWORD).status_code == 303
    client.email = email  # type: ignore[attr-defined]
    return client


def patient_with_plan(stack: PacerStack, dashboard: Browserish) -> tuple[str, int]:
    """A consented patient with values, PSFS and a plan, assigned to the signed-in clinician."""
    sender = new_sender()
    reach_plan_question(stack, sender)
    save_plan(stack, sender)
    checkins.update_preferences(sender, quiet_off=True)  # the test runs at any hour
    pid = patient_id(sender)
    with session_scope() as session:
        from bot.store.models import Clinician
        clinician = session.execute(
            select(Clinician).where(Clinician.email == dashboard.email)  # type: ignore[attr-defined]
        ).scalar_one()
        queries.assign(session, clinician.id, pid)
    return sender, pid


def post(dashboard: Browserish, path: str, **data: str) -> None:
    response = dashboard.post(path, data={**data, "csrf_token": dashboard.csrf(path.rsplit("/", 1)[0])})
    assert response.status_code == 303, response.text[:500]
    assert "error=" not in response.headers["location"], response.headers["location"]


def bot_texts(stack: PacerStack, sender: str) -> list[str]:
    return [e.get("text") or "" for e in stack.tracker(sender)["events"] if e["event"] == "bot"]


def page(dashboard: Browserish, pid: int) -> str:
    response = dashboard.get(f"/dashboard/patients/{pid}")
    assert response.status_code == 200
    return response.text


def test_a_note_sent_now_reaches_the_conversation_once_and_is_marked_delivered_then_read(
        stack: PacerStack, dashboard: Browserish) -> None:
    sender, pid = patient_with_plan(stack, dashboard)
    body = "Great work on the walks, keep the same plan next week. Lee"
    post(dashboard, f"/dashboard/patients/{pid}/notes", body=body, delivery="now")
    with session_scope() as session:
        [note] = session.execute(select(ClinicianNote).where(ClinicianNote.patient_id == pid)).scalars()
        note_id, delivery_id = note.id, note.delivery_id
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the note to be sent")
    with session_scope() as session:
        note = session.get(ClinicianNote, note_id)
        assert note.status == "delivered" and note.delivered_at is not None
        assert note.delivered_via == f"checkin:{delivery_id}"
    said = bot_texts(stack, sender)
    assert sum(body in text for text in said) == 1
    assert any("lee carter" in text.lower() and body in text for text in said)  # labelled as theirs
    html = page(dashboard, pid)
    assert body in html and "not read yet" in html

    # the same delivery again (a re-send after a crash) shows nothing twice
    reply = stack.say(sender, "/EXTERNAL_booster_checkin")  # typed by a patient: not a real delivery
    assert reply == [], reply  # no check-in opens: nothing is said
    assert bot_texts(stack, sender) == said

    # any reply counts as read
    stack.say(sender, "thanks so much, will do")
    html = page(dashboard, pid)
    assert "not read yet" not in html and "(replied)" in html
    with session_scope() as session:
        note = session.get(ClinicianNote, note_id)
        assert note.status == "read" and note.read_at >= note.delivered_at


def test_a_note_for_the_next_checkin_opens_it_and_a_reply_reaches_the_dashboard(
        stack: PacerStack, dashboard: Browserish) -> None:
    sender, pid = patient_with_plan(stack, dashboard)
    body = "Saw your PEG scores, lovely to see the trend. Bring your diary on Tuesday."
    post(dashboard, f"/dashboard/patients/{pid}/notes", body=body, delivery="next_checkin")
    with session_scope() as session:
        [note] = session.execute(select(ClinicianNote).where(ClinicianNote.patient_id == pid)).scalars()
        assert note.status == "pending" and note.delivery_id is None
        note_id = note.id
    delivery_id = checkins.queue_checkin(pid, utcnow())
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the check-in to be sent")
    said = bot_texts(stack, sender)
    assert sum(body in text for text in said) == 1
    with session_scope() as session:
        assert session.get(ClinicianNote, note_id).delivered_via == f"checkin:{delivery_id}"
    # the check-in goes on; the note's Reply button works later too
    stack.say(sender, "/cancel")
    reply = texts(stack.say(sender, f'/note_reply{{"note_id":"{note_id}"}}'))
    assert "lee" in reply and ("tell" in reply or "reply" in reply)
    reply = texts(stack.say(sender, "Will do, see you Tuesday. The walks are getting easier."))
    assert "lee" in reply and "urgent" in reply
    html = page(dashboard, pid)
    assert "The walks are getting easier." in html
    summaries = dashboard.get(f"/dashboard/patients/{pid}/conversations").text
    assert "Note from Lee Carter delivered" in summaries and "Replied to Lee Carter" in summaries
    with session_scope() as session:
        note = session.get(ClinicianNote, note_id)
        assert note.reply == "Will do, see you Tuesday. The walks are getting easier."


def propose(dashboard: Browserish, pid: int, **fields: str) -> int:
    post(dashboard, f"/dashboard/patients/{pid}/proposals", **fields)
    with session_scope() as session:
        return session.execute(
            select(GoalProposal.id).where(GoalProposal.patient_id == pid).order_by(GoalProposal.id.desc())
        ).scalars().first()


def proposal(proposal_id: int) -> GoalProposal:
    with session_scope() as session:
        return session.get(GoalProposal, proposal_id)


PLAN = {"kind": "action_plan", "what": "walk to the park", "how_much": "10 minutes", "when": "after lunch",
        "days": "4", "rationale": "You said the park is where you feel best."}


def test_one_patient_accepts_a_proposed_plan(stack: PacerStack, dashboard: Browserish) -> None:
    sender, pid = patient_with_plan(stack, dashboard)
    proposal_id = propose(dashboard, pid, **PLAN)
    reply = texts(stack.say(sender, "hi there"))
    assert "lee" in reply and "walk to the park" in reply and "sounds good" in reply  # buttons
    assert "feel best" in reply  # the clinician's why
    assert proposal(proposal_id).status == "presented"
    assert asks_confidence(texts(stack.say(sender, "yeah ok I'll give that a go")))
    reply = texts(stack.say(sender, "8"))
    assert "lee" in reply
    row = proposal(proposal_id)
    assert row.status == "accepted" and row.action_plan_id is not None
    with session_scope() as session:
        plan = session.get(ActionPlan, row.action_plan_id)
        assert (plan.what, plan.how_much, plan.days_per_week, plan.confidence) == (
            "walk to the park", "10 minutes", 4, 8)
    assert "accepted" in page(dashboard, pid)


def test_another_patient_changes_it(stack: PacerStack, dashboard: Browserish) -> None:
    sender, pid = patient_with_plan(stack, dashboard)
    proposal_id = propose(dashboard, pid, **PLAN)
    reply = texts(stack.say(sender, "can we set a new goal"))
    assert "walk to the park" in reply and "lee" in reply
    reply = texts(stack.say(sender, "could I do 5 minutes instead"))
    assert "5 minutes" in reply  # read back with the change
    assert asks_confidence(texts(stack.say(sender, "yes")))
    texts(stack.say(sender, "9"))
    row = proposal(proposal_id)
    assert row.status == "changed" and "5 minutes" in row.final_text
    with session_scope() as session:
        assert session.get(ActionPlan, row.action_plan_id).how_much == "5 minutes"
    html = page(dashboard, pid)
    assert "changed" in html and "5 minutes" in html


def test_a_third_declines_a_proposed_activity_and_says_why(stack: PacerStack, dashboard: Browserish) -> None:
    sender, pid = patient_with_plan(stack, dashboard)
    proposal_id = propose(dashboard, pid, kind="psfs", what="carrying the shopping",
                          rationale="It came up at your last appointment.")
    reply = texts(stack.say(sender, "hello"))
    assert "carrying the shopping" in reply and "lee" in reply
    reply = texts(stack.say(sender, "nah not for me"))
    assert "why" in reply and "skip" in reply
    reply = texts(stack.say(sender, "my partner does the shopping, it's my shoulder at work that matters"))
    assert "lee" in reply
    row = proposal(proposal_id)
    assert row.status == "declined"
    assert row.patient_reason == "my partner does the shopping, it's my shoulder at work that matters"
    with session_scope() as session:
        assert not session.execute(select(FunctionalGoal).where(
            FunctionalGoal.patient_id == pid, FunctionalGoal.activity == "carrying the shopping")).first()
    html = page(dashboard, pid)
    assert "declined" in html and "my shoulder at work" in html
    summaries = dashboard.get(f"/dashboard/patients/{pid}/conversations").text
    assert "proposed goal shown: carrying the shopping" in summaries
    assert "Proposed goal declined: carrying the shopping" in summaries


def test_a_proposed_activity_is_rated_when_accepted(stack: PacerStack, dashboard: Browserish) -> None:
    sender, pid = patient_with_plan(stack, dashboard)
    proposal_id = propose(dashboard, pid, kind="psfs", what="hanging out the washing")
    assert "hanging out the washing" in texts(stack.say(sender, "hiya"))
    reply = texts(stack.say(sender, "sounds good"))
    assert "0" in reply and "10" in reply
    texts(stack.say(sender, "about a 3"))
    row = proposal(proposal_id)
    assert row.status == "accepted" and row.functional_goal_id is not None
    with session_scope() as session:
        goal = session.get(FunctionalGoal, row.functional_goal_id)
        assert goal.activity == "hanging out the washing" and goal.ratings[-1].score == 3

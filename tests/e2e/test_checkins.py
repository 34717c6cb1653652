"""Booster check-ins end to end: the stack's own scheduler process sends a due check-in
through rasa's trigger_intent, the check-in conversation stores a PEG-3 result, a repeat
of the same delivery id is ignored, and a check-in due mid-form waits for the form.

The scheduler's waits are shortened for the whole e2e session (set here at collection
time, before the session's stack starts): sweeps every second, "the patient wrote in
the last 30 minutes" becomes 4 seconds, a form is re-checked after 3 seconds.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from bot.services import checkins, flare, goals
from bot.store.db import session_scope
from bot.store.models import (
    ActionPlan,
    CheckinDelivery,
    Followup,
    FunctionalGoal,
    PegResult,
    PsfsRating,
    utcnow,
)
from bot.store.repository import find_patient
from tests.e2e.stack import PacerStack, texts
from tests.e2e.test_goal_setting import asks_confidence, new_sender, reach_plan_question

os.environ.setdefault("PACER_SCHEDULER_INTERVAL_S", "1")
os.environ.setdefault("PACER_CHECKIN_RECENT_CONTACT_S", "4")
os.environ.setdefault("PACER_CHECKIN_FORM_RETRY_S", "3")

pytestmark = [pytest.mark.e2e, pytest.mark.both_dialects]
PLAN_SLOTS = ("plan_what", "plan_how_much", "plan_when", "plan_how_often", "requested_slot")


def wait_for(predicate: Callable[[], bool], timeout: float = 90, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    with session_scope() as session:
        rows = [(r.id, r.status, r.defer_reason, r.next_attempt_at, r.last_error)
                for r in session.execute(select(CheckinDelivery)).scalars()]
    raise AssertionError(f"timed out waiting for {what}; deliveries: {rows}")


def delivery(delivery_id: int) -> CheckinDelivery:
    with session_scope() as session:
        return session.get(CheckinDelivery, delivery_id)


def patient_id(sender: str) -> int:
    with session_scope() as session:
        return find_patient(session, sender).id


def checkin_events(stack: PacerStack, sender: str) -> list[dict]:
    events = stack.tracker(sender)["events"]
    return [e for e in events if e["event"] == "user"
            and (e.get("parse_data") or {}).get("intent", {}).get("name") == "EXTERNAL_booster_checkin"]


def bot_texts_after_last_checkin(stack: PacerStack, sender: str) -> str:
    events = stack.tracker(sender)["events"]
    starts = [i for i, e in enumerate(events) if e["event"] == "user"
              and (e.get("parse_data") or {}).get("intent", {}).get("name") == "EXTERNAL_booster_checkin"]
    assert starts, "no check-in reached the conversation"
    said = [e for e in events[starts[-1]:] if e["event"] == "bot"]
    return texts([{"text": e.get("text"), "buttons": (e.get("data") or {}).get("buttons")} for e in said])


def save_plan(stack: PacerStack, sender: str) -> str:
    reply = texts(stack.say(sender, "walk to the letterbox and back, 10 minutes, after lunch, 4 days"))
    assert "walk to the letterbox and back" in reply
    assert asks_confidence(texts(stack.say(sender, "yep")))
    return texts(stack.say(sender, "8"))


def test_due_checkin_reaches_rasa_and_the_conversation_stores_peg(stack: PacerStack) -> None:
    sender = new_sender()
    reach_plan_question(stack, sender)
    reply = save_plan(stack, sender)
    assert "check in" in reply or "check-in" in reply  # offered at the end of goal-setting
    assert checkins.get_schedule(sender).status == "active"
    checkins.update_preferences(sender, quiet_off=True)  # the test runs at any hour of the day

    delivery_id = checkins.queue_checkin(patient_id(sender), utcnow())
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the check-in to be sent")
    row = delivery(delivery_id)
    assert row.received_at is not None and row.channel == "rest:collector"
    said = bot_texts_after_last_checkin(stack, sender)
    assert "aroha" in said and "letterbox" in said and "partly" in said  # greeting, plan, buttons

    reply = texts(stack.say(sender, "managed most days but not the weekend"))
    assert "pain" in reply and "0" in reply
    assert "enjoy" in texts(stack.say(sender, "6"))
    assert "activity" in texts(stack.say(sender, "5"))
    assert "keep" in texts(stack.say(sender, "4"))
    assert asks_confidence(texts(stack.say(sender, "keep the same plan")))
    reply = texts(stack.say(sender, "8"))
    assert "peg score" in reply and "5/10" in reply
    assert "another week" in reply or "renewed" in reply

    with session_scope() as session:
        [peg] = session.execute(select(PegResult).where(PegResult.delivery_id == delivery_id)).scalars()
        assert (peg.pain, peg.enjoyment, peg.activity) == (6, 5, 4)
        row = session.get(CheckinDelivery, delivery_id)
        assert row.outcome == "partial" and row.answered_at is not None

    # the same delivery id again (a re-send after a crash) reaches rasa but not the patient
    before = len(stack.tracker(sender)["events"])
    response = httpx.post(
        f"{stack.rasa_url}/conversations/{sender}/trigger_intent",
        params={"output_channel": "rest", "token": stack.token},
        json={"name": "EXTERNAL_booster_checkin", "entities": {"delivery_id": str(delivery_id)}},
        timeout=60,
    )
    response.raise_for_status()
    assert response.json()["messages"] == []
    new_events = stack.tracker(sender)["events"][before:]
    assert [e for e in new_events if e["event"] == "bot"] == []
    with session_scope() as session:
        assert len(session.execute(select(PegResult).where(PegResult.delivery_id == delivery_id)).all()) == 1


def psfs_scores(sender: str) -> dict[str, list[int]]:
    """Each PSFS activity's ratings, oldest first."""
    with session_scope() as session:
        goals = session.execute(
            select(FunctionalGoal).where(FunctionalGoal.patient_id == find_patient(session, sender).id)
        ).scalars()
        return {goal.activity: [rating.score for rating in goal.ratings] for goal in goals}


def test_a_checkin_re_rates_psfs_activities_last_rated_a_few_weeks_ago(stack: PacerStack) -> None:
    sender = new_sender()
    reach_plan_question(stack, sender)  # gardening rated 4, walking the dog 6
    save_plan(stack, sender)
    checkins.update_preferences(sender, quiet_off=True)  # the test runs at any hour of the day
    assert psfs_scores(sender) == {"gardening": [4], "walking the dog": [6]}
    pid = patient_id(sender)
    with session_scope() as session:  # rated 29 days ago; walking the dog re-rated again 10 days ago
        for rating in session.execute(select(PsfsRating)).scalars().all():
            if rating.goal.patient_id == pid:
                rating.rated_at = utcnow() - timedelta(days=29)
                if rating.goal.activity == "walking the dog":
                    session.add(PsfsRating(goal=rating.goal, score=6, rated_at=utcnow() - timedelta(days=10)))

    delivery_id = checkins.queue_checkin(patient_id(sender), utcnow())
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the check-in to be sent")
    assert "pain" in texts(stack.say(sender, "did it most days"))
    assert "enjoy" in texts(stack.say(sender, "5"))
    assert "activity" in texts(stack.say(sender, "5"))
    reply = texts(stack.say(sender, "4"))
    assert "re-rate" in reply and "gardening" in reply and "walking the dog" not in reply  # only the due one
    assert "keep" in texts(stack.say(sender, "ok about a 6 now"))
    assert asks_confidence(texts(stack.say(sender, "keep the same plan")))
    texts(stack.say(sender, "8"))
    assert psfs_scores(sender) == {"gardening": [4, 6], "walking the dog": [6, 6]}


def test_checkin_due_mid_form_waits_and_leaves_the_form_alone(stack: PacerStack) -> None:
    sender = new_sender()
    reach_plan_question(stack, sender)
    reply = texts(stack.say(sender, "gentle stretches"))
    before = stack.tracker(sender)
    assert before["active_loop"].get("name") == "plan_form", (reply, before["active_loop"], before["slots"])

    checkins.update_preferences(sender, quiet_off=True)  # the test runs at any hour of the day
    delivery_id = checkins.queue_checkin(patient_id(sender), utcnow())
    wait_for(lambda: delivery(delivery_id).defer_reason == "form_active", what="a form_active deferral")
    time.sleep(2)  # a few more sweeps while the form is open
    after = stack.tracker(sender)
    assert after["active_loop"] == before["active_loop"]
    assert {s: after["slots"][s] for s in PLAN_SLOTS} == {s: before["slots"][s] for s in PLAN_SLOTS}
    assert checkin_events(stack, sender) == []
    assert delivery(delivery_id).status == "pending"

    reply = texts(stack.say(sender, "10 minutes, after breakfast, 5 days"))
    assert "stretches for 10 minutes after breakfast, on 5 days" in reply
    assert asks_confidence(texts(stack.say(sender, "yes")))
    texts(stack.say(sender, "8"))
    with session_scope() as session:
        patient = find_patient(session, sender)
        [plan] = session.execute(
            select(ActionPlan).where(ActionPlan.patient_id == patient.id, ActionPlan.status == "active")
        ).scalars()
        assert "stretches" in plan.what
        assert (plan.how_much, plan.when_text, plan.days_per_week, plan.confidence) == (
            "10 minutes", "after breakfast", 5, 8,
        )

    # once the form is over (and the patient has been quiet for a moment) it goes out
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the deferred check-in to be sent")
    assert len(checkin_events(stack, sender)) == 1
    assert "aroha" in bot_texts_after_last_checkin(stack, sender)


def test_choosing_the_checkin_channel_mid_form_holds_the_form_and_sets_the_destination(
        stack: PacerStack) -> None:
    sender = new_sender()
    reach_plan_question(stack, sender)
    reply = texts(stack.say(sender, "oh btw can my check ins come as a txt to my mobile"))
    assert "link code" in reply.lower(), reply  # no phone linked yet: how to link one, nothing changed
    held = stack.tracker(sender)
    assert not held["active_loop"].get("name") and held["slots"]["paused_form"] == "plan_form"
    assert held["slots"]["plan_what"] is None  # the request was not stored as the plan

    reply = texts(stack.say(sender, '/choose_checkin_channel{"checkin_channel":"here"}'))
    assert "here" in reply or "this chat" in reply
    assert "carry on" in reply.lower()  # the plan on hold is offered back
    with session_scope() as session:
        patient = find_patient(session, sender)
        assert [i.preferred for i in patient.identities if i.conversation_id == sender] == [True]
    assert "back to" in texts(stack.say(sender, "/resume_form")).lower()
    resumed = stack.tracker(sender)  # the same question returns
    assert resumed["active_loop"].get("name") == "plan_form"
    assert resumed["slots"]["requested_slot"] == "plan_what"


def test_a_flare_followup_is_pushed_once_and_not_asked_again_at_the_next_session(stack: PacerStack) -> None:
    sender = f"rest:e2e-flare-{uuid.uuid4().hex[:10]}"
    goals.record_consent(sender, "given", name="Mere")
    checkins.ensure_schedule(sender)
    checkins.update_preferences(sender, quiet_off=True)  # the test runs at any hour of the day
    stack.say(sender, "hi")  # a conversation to push to
    flare.start_episode(sender, red_flag=False, plan_source="default")  # what action_flare_done does
    with session_scope() as session:  # pretend the next morning has come
        pid = find_patient(session, sender).id
        [push] = session.execute(select(CheckinDelivery).where(
            CheckinDelivery.patient_id == pid, CheckinDelivery.kind == "flare_followup")).scalars()
        push.due_at = push.next_attempt_at = utcnow()
        session.execute(update(Followup).where(Followup.patient_id == pid).values(due_at=utcnow()))
        push_id = push.id
    wait_for(lambda: delivery(push_id).status == "sent", what="the flare follow-up to be pushed")
    said = bot_texts_after_last_checkin(stack, sender)
    assert "flare" in said and "better" in said and "worse" in said
    assert "pain" not in said  # the question alone, not a check-in
    reply = texts(stack.say(sender, "a bit better today"))
    assert "build back up" in reply or "ease back" in reply
    assert "flare" not in texts(stack.say(sender, "/session_start"))  # asked once
    with session_scope() as session:
        [followup] = session.execute(select(Followup).where(Followup.patient_id == pid)).scalars()
        assert followup.answer == "better"

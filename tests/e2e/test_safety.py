"""Safety over HTTP against real rasa and action servers: crisis wins inside a form,
check questions, third person, red flags with clinic alerts, distress support, and
erasure that the tracker store cannot undo."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text

from bot.store.db import get_engine, session_scope
from bot.store.models import Alert, Phq4Result, SafetyEvent
from bot.store.repository import find_patient
from tests.e2e.stack import PacerStack, texts
from tests.e2e.test_goal_setting import active_plans, new_sender, onboard, reach_plan_question

pytestmark = [pytest.mark.e2e, pytest.mark.both_dialects]


def events_for(sender: str) -> list[SafetyEvent]:
    with session_scope() as session:
        stmt = select(SafetyEvent).where(SafetyEvent.conversation_id == sender)
        return list(session.execute(stmt.order_by(SafetyEvent.id)).scalars())


def wait_for(condition, timeout: float = 15.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_crisis_wins_inside_the_plan_form_and_the_conversation_can_continue(
    stack: PacerStack, alert_webhook
) -> None:  # noqa: ANN001
    sender = new_sender()
    reach_plan_question(stack, sender)
    reply = texts(stack.say(sender, "gentle stretches"))
    assert "how much" in reply or "how long" in reply
    crisis_text = "honestly some days i just want to kill myself"
    reply = texts(stack.say(sender, crisis_text))
    assert "1737" in reply and "111" in reply  # NZ contacts (clinic default region)
    assert "safe right now" in reply or "are you safe" in reply
    assert "09 555 0100" in reply  # the clinic's number from its configuration

    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") == "safety_form"
    held = [v for v in tracker["slots"].values() if isinstance(v, str)]
    assert not any(crisis_text in value for value in held)
    assert tracker["slots"]["plan_what"] == "gentle stretches"  # progress kept, not swallowed

    [event] = events_for(sender)
    assert (event.kind, event.rule) == ("crisis", "crisis.kill_myself")
    assert event.message_text == crisis_text
    # The receiver is shared by both dialects' stacks, whose event ids overlap: match the link too.
    def ours(request: dict) -> bool:
        payload = request["json"]
        return payload.get("event_id") == event.id and payload.get("link", "").endswith(f"#safety-{event.id}")

    assert wait_for(lambda: any(ours(r) for r in alert_webhook.requests))
    alert = next(r for r in alert_webhook.requests if ours(r))
    assert crisis_text not in alert["raw"] and "kill" not in alert["raw"]

    reply = texts(stack.say(sender, "yes im safe, my sister is here"))
    assert "glad" in reply or "thank you" in reply
    reply = texts(stack.say(sender, "can we carry on with my plan"))
    assert "how much" in reply or "how long" in reply or "plan" in reply
    assert stack.tracker(sender)["active_loop"].get("name") == "plan_form"


def test_not_safe_repeats_the_emergency_number(stack: PacerStack) -> None:
    sender = new_sender()
    stack.say(sender, "i took all my pills an hour ago")
    reply = texts(stack.say(sender, "no"))
    assert "111" in reply and "call" in reply
    assert stack.tracker(sender)["active_loop"].get("name") == "safety_form"


def test_negation_only_downgrades_to_a_check_question(stack: PacerStack) -> None:
    sender = new_sender()
    reply = texts(stack.say(sender, "im not suicidal or anything, just so fed up with this pain"))
    assert "thoughts of harming yourself" in reply or "thoughts of hurting yourself" in reply
    assert "1737" in reply  # the check question shows the region's crisis lines too
    [event] = events_for(sender)
    assert event.kind == "crisis_check"
    reply = texts(stack.say(sender, "no, nothing like that"))
    assert "thank" in reply
    reply = texts(stack.say(sender, "hello"))
    assert "pacer" in reply  # back to normal: the introduction for a new person


def test_answering_yes_to_the_check_question_gives_the_full_reply(stack: PacerStack) -> None:
    sender = new_sender()
    stack.say(sender, "i cant go on like this")
    reply = texts(stack.say(sender, "yes"))
    assert "1737" in reply and ("safe right now" in reply or "are you safe" in reply)
    assert [e.kind for e in events_for(sender)] == ["crisis_check", "crisis"]


def test_someone_else_at_risk_gets_care_and_contacts(stack: PacerStack) -> None:
    sender = new_sender()
    reply = texts(stack.say(sender, "my friend says she wants to die and i dont know what to do"))
    assert "1737" in reply and "them" in reply
    assert stack.tracker(sender)["active_loop"].get("name") in (None, "")


def test_red_flag_inside_a_form_advises_emergency_review_and_alerts(
    stack: PacerStack, alert_webhook
) -> None:  # noqa: ANN001
    sender = new_sender()
    onboard(stack, sender)
    reply = texts(stack.say(sender, "my groin has gone numb and i wet myself without noticing"))
    assert "emergency" in reply and "111" in reply
    [event] = events_for(sender)
    assert event.kind == "red_flag" and event.category == "cauda_equina"
    assert wait_for(lambda: any(r["json"].get("event_id") == event.id for r in alert_webhook.requests))

    def statuses() -> list[str]:
        with session_scope() as session:
            rows = session.execute(select(Alert).where(Alert.safety_event_id == event.id)).scalars()
            return [alert.status for alert in rows]

    # The webhook has the alert; the row is marked sent once its answer is back.
    assert wait_for(lambda: statuses() == ["sent"]), statuses()


def test_medication_doses_are_never_answered(stack: PacerStack) -> None:
    reply = texts(stack.say(new_sender(), "how many ibuprofen can i take on top of my panadol"))
    assert "pharmacist" in reply


def test_distress_support_offers_phq4_and_stores_it(stack: PacerStack) -> None:
    sender = new_sender()
    onboard(stack, sender)
    stack.say(sender, "cancel")
    reply = texts(stack.say(sender, "feeling really low and stressed, the pain is grinding me down"))
    assert "breathing" in reply and "mood" in reply
    reply = texts(stack.say(sender, "/start_phq4"))
    assert "little interest or pleasure" in reply
    for answer in ("3", "nearly every day", "2"):
        stack.say(sender, answer)
    reply = texts(stack.say(sender, "more than half the days"))
    assert "clinician" in reply
    with session_scope() as session:
        patient = find_patient(session, sender)
        [result] = session.execute(
            select(Phq4Result).where(Phq4Result.patient_id == patient.id)
        ).scalars().all()
        assert (result.interest, result.down, result.nervous, result.worry) == (3, 3, 2, 2)


def test_breathing_exercise_is_one_step_per_message(stack: PacerStack) -> None:
    sender = new_sender()
    replies = [texts(stack.say(sender, "can you take me through a breathing exercise"))]
    for _ in range(4):
        replies.append(texts(stack.say(sender, "/continue_exercise")))
    assert "sit or lie" in replies[0]
    assert "count of 4" in replies[1] and "count of 6" in replies[2]
    assert "breath" in replies[4] and "next" not in replies[4]


def test_erasure_removes_the_person_everywhere_and_stays_erased(stack: PacerStack) -> None:
    keeper, leaver = new_sender(), new_sender()
    for sender in (keeper, leaver):
        reach_plan_question(stack, sender)
        stack.say(sender, "walk 10 minutes after lunch 3 days")
        stack.say(sender, "yes")
        stack.say(sender, "8")
    reply = texts(stack.say(leaver, "what do you store about me"))
    assert "1 plan" in reply or "plan(s)" in reply
    reply = texts(stack.say(leaver, "please delete all my data"))
    assert "can't be undone" in reply
    erase_requested = time.time()
    reply = texts(stack.say(leaver, "yes"))
    assert "deleted" in reply or "erased" in reply

    def gone() -> bool:
        with session_scope() as session:
            return find_patient(session, leaver) is None

    assert wait_for(gone, timeout=20)
    time.sleep(1)
    reply = texts(stack.say(leaver, "hello?"))  # one more message: nothing comes back
    assert "pacer" in reply and "aroha" not in reply
    time.sleep(16)  # the erasure sweep checks again after the tracker store's write-back window
    with get_engine().connect() as connection:
        old = connection.execute(
            text("SELECT count(*) FROM events WHERE sender_id = :s AND timestamp <= :t"),
            {"s": leaver, "t": erase_requested},
        ).scalar_one()
        kept = connection.execute(
            text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": keeper}
        ).scalar_one()
    assert old == 0
    assert kept > 0 and len(active_plans(keeper)) == 1
    with session_scope() as session:
        assert find_patient(session, leaver) is None

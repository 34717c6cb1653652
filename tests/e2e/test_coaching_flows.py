"""Problem solving, flare-up plans, flares, follow-ups and pain education over HTTP against
a real rasa server and action server (REST channel, throwaway SQLite database).

People are set up directly in the database (consent, a value, an activity) so each test
starts where its flow starts; onboarding itself is covered by test_goal_setting.py.
Replies are random variations, so assertions look for words every variation shares.
"""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.coaching.action_plan import PlanDraft
from bot.coaching.flare_plan import DEFAULT_STEPS, HELP_OPTIONS, SEEK_CARE_DEFAULT
from bot.services import flare, goals
from bot.services import problem_solving as ps
from bot.store.db import session_scope
from bot.store.models import ActionPlan, FlareEpisode, Followup, SafetyEvent, utcnow
from bot.store.repository import find_patient
from tests.e2e.stack import PacerStack, texts

pytestmark = pytest.mark.e2e


def new_sender() -> str:
    return f"rest:e2e-coach-{uuid.uuid4().hex[:10]}"


def set_up_person(sender: str, name: str = "Mere") -> None:
    goals.record_consent(sender, "given", name=name)
    goals.save_value(sender, "gardening with my moko")
    goals.save_activities(sender, [("gardening", 4)])


def make_due(sender: str, kind: str) -> None:
    """Pretend the follow-up's time has come (the next day)."""
    with session_scope() as session:
        patient = find_patient(session, sender)
        session.execute(
            update(Followup)
            .where(Followup.patient_id == patient.id, Followup.kind == kind)
            .values(due_at=utcnow() - timedelta(minutes=5))
        )


def followups_of(sender: str) -> list[Followup]:
    with session_scope() as session:
        patient = find_patient(session, sender)
        rows = session.execute(select(Followup).where(Followup.patient_id == patient.id)).scalars().all()
        session.expunge_all()
        return list(rows)


def asks_confidence(reply: str) -> bool:
    return "confident" in reply or "how sure" in reply


def is_education(reply: str, *words: str) -> bool:
    return any(word in reply for word in words)


# ----------------------------------------------------------------- problem solving


def test_problem_solving_with_an_education_question_low_confidence_and_read_back(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    reply = texts(stack.say(sender, "help me work through a problem, something keeps getting in my way"))
    assert "own words" in reply or "what's the problem" in reply or "getting in the way" in reply
    # an education question mid-flow is answered, then the same question comes back
    reply = texts(stack.say(sender, "wait, if it hurts when i move am i doing damage?"))
    assert is_education(reply, "harm", "damage")
    assert "own words" in reply or "what's the problem" in reply or "getting in the way" in reply
    reply = texts(stack.say(sender, "i never have time after work, the kids need me"))
    assert "i never have time after work, the kids need me" in reply or "understand" in reply
    assert "idea" in reply
    reply = texts(stack.say(sender, "no idea to be honest"))
    assert "1." in reply and ("calendar" in reply or "already do every day" in reply)  # time barrier ideas
    reply = texts(stack.say(sender, "1"))
    assert "plan" in reply
    reply = texts(stack.say(sender, "stretches after my morning cuppa, 20 minutes, every day"))
    assert asks_confidence(reply)
    reply = texts(stack.say(sender, "about a 5"))
    assert "smaller" in reply or "shrink" in reply
    reply = texts(stack.say(sender, "stretches after my morning cuppa for 5 minutes on 3 days"))
    assert asks_confidence(reply)
    reply = texts(stack.say(sender, "8"))
    assert "next check-in" in reply

    [record] = ps.records(sender)
    assert record.problem == "i never have time after work, the kids need me"
    assert record.ideas and all(idea.source == "suggested" for idea in record.ideas)
    assert record.chosen == record.ideas[0].text
    assert record.plan_text == "stretches after my morning cuppa for 5 minutes on 3 days"
    assert record.confidence == 8
    with session_scope() as session:
        plan = session.get(ActionPlan, record.action_plan_id)
        assert (plan.how_much, plan.days_per_week, plan.status) == ("5 minutes", 3, "active")

    stack.restart()  # both processes; everything must come back from the database
    reply = texts(stack.say(sender, "show me my plans"))
    assert "5 minutes" in reply
    make_due(sender, "problem_solving")
    reply = texts(stack.say(sender, "/session_start"))
    assert "i never have time after work, the kids need me" in reply  # their words, quoted back
    assert "it worked" in reply and "partly" in reply
    reply = texts(stack.say(sender, '/followup_answer{"followup_outcome":"not_worked"}'))
    assert "try another idea" in reply and "leave it for now" in reply
    assert ps.get(sender, record.id).outcome == "not_worked"
    reply = texts(stack.say(sender, f'/problem_solve{{"ps_record":"{record.id}"}}'))
    assert "2." in reply  # the ideas not tried yet, straight to the choice


def test_problem_solving_answers_in_an_unexpected_order_change_of_mind_and_cancel(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    stack.say(sender, "problem solve")
    # problem and an idea in one go: the ideas question is skipped
    reply = texts(stack.say(sender, "im too tired after work, maybe i could walk before work instead"))
    assert "walk before work instead" in reply and "1." in reply
    reply = texts(stack.say(sender, "actually the real problem is my sleep"))
    assert "my sleep" in reply and "idea" in reply
    reply = texts(stack.say(sender, "go to bed earlier, or no phone in bed"))
    assert "go to bed earlier" in reply and "no phone in bed" in reply
    reply = texts(stack.say(sender, "forget it, stop"))
    assert "leave" in reply or "stopping" in reply
    assert ps.records(sender) == []


def test_a_missed_plan_leads_to_problem_solving_about_that_plan(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    goals.save_plan(sender, PlanDraft("walk to the letterbox", "10 minutes", "after lunch", 4), 8)
    reply = texts(stack.say(sender, "didnt manage any of it this week"))
    assert "what got in the way" in reply or "problem-solve it" in reply
    reply = texts(stack.say(sender, "/problem_solve"))
    assert "walk to the letterbox" in reply
    reply = texts(stack.say(sender, "it rained every day"))
    assert "idea" in reply


# ----------------------------------------------------------------- flare-up plan


def write_full_flare_plan(stack: PacerStack, sender: str) -> None:
    reply = texts(stack.say(sender, "i want to write a flare up plan while im feeling ok"))
    assert "warning" in reply or "trigger" in reply
    reply = texts(stack.say(sender, "sitting for long and bad sleep"))
    assert "1." in reply and "heat or cold" in reply
    # a medication question mid-flow gets the pharmacist answer, then the same question
    reply = texts(stack.say(sender, "can i take extra panadol when i flare"))
    assert "pharmacist" in reply and "heat or cold" in reply
    reply = texts(stack.say(sender, "1, 3 and my wheat bag"))
    assert "drop" in reply or "can wait" in reply
    reply = texts(stack.say(sender, "skip the vacuuming, then half my walk and build up"))
    assert "who" in reply
    reply = texts(stack.say(sender, "my partner Sam, he can do the school run"))
    assert "emergency" in reply and "suggestion" in reply
    reply = texts(stack.say(sender, "use the suggested list"))
    assert "my partner sam" in reply and "wheat bag" in reply


def test_flare_plan_is_written_edited_one_section_and_shown(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    write_full_flare_plan(stack, sender)
    plan = flare.get_plan(sender)
    assert plan.warning_signs == "sitting for long and bad sleep"
    assert plan.what_helps == f"{HELP_OPTIONS[0]}; {HELP_OPTIONS[2]}; my wheat bag"
    assert plan.seek_care == SEEK_CARE_DEFAULT and plan.complete

    reply = texts(stack.say(sender, "change who to tell in my flare plan"))
    assert "who" in reply
    reply = texts(stack.say(sender, "my sister Aroha"))
    assert "my sister aroha" in reply
    updated = flare.get_plan(sender)
    assert updated.who_to_tell == "my sister Aroha" and updated.what_helps == plan.what_helps

    reply = texts(stack.say(sender, "show my plans"))
    assert "flare-up plan" in reply and "my sister aroha" in reply


def test_a_crisis_while_editing_the_flare_plan_wins(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    flare.save_sections(sender, {key: "x" for key in ("warning_signs", "what_helps", "drop_postpone",
                                                      "who_to_tell", "seek_care")})
    reply = texts(stack.say(sender, "update my flare plan"))
    assert "which part" in reply or "update a part" in reply
    reply = texts(stack.say(sender, '/make_flare_plan{"flare_section":"what_helps"}'))
    assert "heat or cold" in reply
    reply = texts(stack.say(sender, "honestly i just want to end my life"))
    assert "safe" in reply or "emergency" in reply or "111" in reply
    assert stack.tracker(sender).get("active_loop", {}).get("name") != "flare_plan_form"
    assert flare.get_plan(sender).what_helps == "x"


# ----------------------------------------------------------------- during a flare


def test_flare_with_own_plan_after_restart_step_by_step_and_next_day_followup(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    flare.save_sections(sender, {
        "warning_signs": "stiff mornings", "what_helps": "hot shower and a slow walk",
        "drop_postpone": "the vacuuming", "who_to_tell": "my partner Sam", "seek_care": "numb legs: ED",
    })
    stack.restart()
    reply = texts(stack.say(sender, "im in a flare right now"))
    assert "safety check" in reply or "is any of this happening" in reply
    assert "bladder" in reply
    reply = texts(stack.say(sender, "no none of those"))
    assert "you wrote" in reply or "your own flare-up plan" in reply
    assert "sensitive system" in reply and "next" in reply  # first step only
    assert "hot shower" not in reply
    reply = texts(stack.say(sender, "next"))
    assert "hot shower and a slow walk" in reply and "the vacuuming" not in reply
    reply = texts(stack.say(sender, "why do flares even happen"))
    assert is_education(reply, "flare", "settle") and "hot shower and a slow walk" in reply
    reply = texts(stack.say(sender, "ok next"))
    assert "the vacuuming" in reply
    reply = texts(stack.say(sender, "next"))
    assert "my partner sam" in reply
    reply = texts(stack.say(sender, "next"))
    assert "stiff mornings" in reply
    reply = texts(stack.say(sender, "next"))
    assert "numb legs: ed" in reply and "tomorrow" in reply
    with session_scope() as session:
        patient = find_patient(session, sender)
        stmt = select(FlareEpisode).where(FlareEpisode.patient_id == patient.id)
        episode = session.execute(stmt).scalar_one()
        assert (episode.plan_source, episode.red_flag) == ("own", False)
    [followup] = followups_of(sender)
    assert followup.kind == "flare" and followup.delivered_at is None
    assert followup.due_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None) >= timedelta(hours=11)

    stack.say(sender, "thanks")  # not due yet: nothing asked
    assert followups_of(sender)[0].delivered_at is None
    make_due(sender, "flare")
    reply = texts(stack.say(sender, "/session_start"))
    assert "how" in reply and "better" in reply and "worse" in reply
    reply = texts(stack.say(sender, "a bit better today"))
    assert "build back up" in reply or "ease back" in reply
    [answered] = followups_of(sender)
    assert answered.answer == "better"


def test_flare_without_a_plan_gets_default_steps_and_an_offer_to_write_one(stack: PacerStack) -> None:
    sender = new_sender()
    set_up_person(sender)
    stack.say(sender, "my back has flared up badly")
    reply = texts(stack.say(sender, "no"))
    assert "help most people" in reply
    for step in DEFAULT_STEPS[1:-1]:
        reply = texts(stack.say(sender, "next"))
        assert step.lower()[:40] in reply
    reply = texts(stack.say(sender, "next"))
    assert DEFAULT_STEPS[-1].lower()[:40] in reply and "flare-up plan" in reply
    reply = texts(stack.say(sender, "yes"))
    assert "warning" in reply or "trigger" in reply  # the flare-plan form has started


def test_red_flag_in_the_flare_screen_gets_urgent_advice_and_alerts(stack: PacerStack, alert_webhook) -> None:  # noqa: ANN001
    sender = new_sender()
    set_up_person(sender)
    before = len(alert_webhook.requests)
    stack.say(sender, "having a bad flare")
    reply = texts(stack.say(sender, "yes"))
    assert "emergency" in reply and "next" not in reply
    with session_scope() as session:
        event = session.execute(select(SafetyEvent).where(SafetyEvent.conversation_id == sender)).scalar_one()
        assert (event.kind, event.rule) == ("red_flag", "flare.screen")
    for _ in range(50):
        if len(alert_webhook.requests) > before:
            break
        time.sleep(0.2)
    assert len(alert_webhook.requests) > before


def test_someone_who_has_not_consented_still_gets_help_but_nothing_is_stored(stack: PacerStack) -> None:
    sender = new_sender()
    stack.say(sender, "im having a flare")
    reply = texts(stack.say(sender, "none of those"))
    assert "help most people" in reply
    with session_scope() as session:
        assert find_patient(session, sender) is None


# ----------------------------------------------------------------- education


@pytest.mark.parametrize(("question", "words"), [
    ("should i put heat or ice on my sore back", ("heat", "cold")),
    ("do i really need an mri for my back", ("scan",)),
    ("how do i stop the boom and bust thing", ("boom", "pacing")),
    ("why is my pain still here years after the injury", ("nervous system",)),
])
def test_education_questions_get_short_answers(stack: PacerStack, question: str, words: tuple) -> None:
    reply = texts(stack.say(new_sender(), question))
    assert any(word in reply for word in words)

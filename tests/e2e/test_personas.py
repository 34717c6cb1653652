"""Four patients typing freely, over a real rasa and action server (issue 14).

Written for these tests (not taken from the training data or from earlier transcripts):
typos, chatter, stories about last week and changes of mind, as people really type. Each
persona completes a flow and the test checks what was *stored*: nothing said around an
answer (laughter, asides, a story, a rejected option) may end up in a plan, idea or note.

- Glenys, 68, low back pain, keeps a vegetable garden: goal-setting from the first hello,
  answering parts out of order, a boom-and-bust story, a correction at the read-back.
- Dylan, 34, neck pain, office job, feels stopping for himself is slacking: problem solving,
  rejecting a suggestion, changing his mind about which one.
- Talia, 45, fibromyalgia: writes a flare-up plan in her own words, then has a flare.
- Ron, 77, knee osteoarthritis, lives alone since his wife died: a booster check-in that
  went partly, low mood and loneliness heard, and the plan made easier.

Digressions (questions, stop, small talk) inside these flows belong to the digression
work and its robustness matrix; they are left out here.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.coaching.action_plan import PlanDraft
from bot.services import checkins, flare, goals
from bot.services import problem_solving as ps
from bot.store.db import session_scope
from bot.store.models import ActionPlan, CheckinDelivery, FlareEpisode, PegResult, utcnow
from bot.store.repository import find_patient
from tests.e2e.stack import PacerStack, texts
from tests.e2e.test_checkins import delivery, patient_id, wait_for
from tests.e2e.test_goal_setting import active_plans, asks_confidence, new_sender

pytestmark = pytest.mark.e2e

CHATTER = ("lol", "haha", "tbh", "reckon", "hubby", "flat on my back", "slacking", "weird")


def chat(stack: PacerStack, sender: str, text: str) -> str:
    """One patient message; every reply text and button title of the turn, lower-cased."""
    return texts(stack.say(sender, text))


def slot(stack: PacerStack, sender: str, name: str) -> object:
    return stack.tracker(sender)["slots"].get(name)


def no_chatter(*stored: str | None) -> None:
    for value in stored:
        for word in CHATTER:
            assert word not in (value or "").lower(), f"{word!r} stored in {value!r}"


def test_glenys_sets_a_gardening_plan_in_her_own_order_and_corrects_it(stack: PacerStack) -> None:
    sender = new_sender()
    assert "automated" in chat(stack, sender, "hiya")
    # The consent question's own button (a tap): free text here is covered by the robustness matrix.
    reply = chat(stack, sender, "/affirm")
    assert any(ask in reply for ask in ("name", "call you")), reply
    assert "glenys" in chat(stack, sender, "Glenys")
    assert "activit" in chat(stack, sender, "keeping my vege garden going for the family")
    assert "digging" in chat(stack, sender, "digging, weeding and hanging out washing")
    chat(stack, sender, "3")
    chat(stack, sender, "about 4")
    assert "this week" in chat(stack, sender, "6")  # the plan question

    # the amount first: kept, and only the activity is asked for
    reply = chat(stack, sender, "15 mins each go")
    assert "15 minutes" in reply
    assert slot(stack, sender, "plan_how_much") == "15 minutes" and slot(stack, sender, "plan_what") is None
    stack.say(sender, "weeding the raised beds lol")
    assert slot(stack, sender, "plan_what") == "weeding the raised beds"
    # a boom-and-bust story is heard, not stored as a time
    reply = chat(stack, sender, "no clue, when i did the whole afternoon i was flat on my back for 3 days")
    assert "boom and bust" in reply or "paying for it" in reply
    assert slot(stack, sender, "plan_when") is None and slot(stack, sender, "plan_how_often") is None
    stack.say(sender, "mornings before it gets too hot")
    reply = chat(stack, sender, "tues thurs and sat")
    assert "weeding the raised beds for 15 minutes" in reply and "tuesday, thursday and saturday" in reply
    assert "before it gets too hot" in reply  # the days did not wipe out the time of day

    # a correction at the read-back changes that part only, and is read back changed
    reply = chat(stack, sender, "hmm no, 10 minutes not 15, the hubby reckons im overdoing it")
    assert "for 10 minutes" in reply and "tuesday, thursday and saturday" in reply
    assert "15 minutes" not in reply
    assert asks_confidence(chat(stack, sender, "yes thats it"))
    reply = chat(stack, sender, "7 i reckon, kneeling down is the hard part tho")
    assert "saved" in reply or "done" in reply or "that's in" in reply

    [plan] = active_plans(sender)
    assert (plan.what, plan.how_much, plan.days_per_week, plan.confidence) == (
        "weeding the raised beds", "10 minutes", 3, 7)
    assert "before it gets too hot" in plan.when_text and "Tuesday, Thursday and Saturday" in plan.when_text
    no_chatter(plan.what, plan.how_much, plan.when_text)


def set_up(sender: str, name: str) -> None:
    goals.record_consent(sender, "given", name=name)
    goals.save_value(sender, "being there for my people")
    goals.save_activities(sender, [("walking", 4)])


def test_dylan_works_through_feeling_selfish_and_changes_his_mind(stack: PacerStack) -> None:
    sender = new_sender()
    set_up(sender, "Dylan")
    reply = chat(stack, sender, "theres something stopping me doing my neck stretches, can we work thru it")
    assert "getting in the way" in reply or "own words" in reply or "what's the problem" in reply
    reply = chat(stack, sender, "stopping to stretch at work feels selfish when everyone else is flat out")
    assert "treatment" in reply or "guilt" in reply or "indulgent" in reply  # heard, in one line
    reply = chat(stack, sender, "honestly no idea")
    assert "1." in reply and "3." in reply
    ideas = slot(stack, sender, "ps_ideas")
    # a rejected option is never the choice
    reply = chat(stack, sender, "number 2 sounds weird lol")
    assert slot(stack, sender, "ps_choice") is None
    reply = chat(stack, sender, "1. no wait, 3")
    assert slot(stack, sender, "ps_choice") == ideas[2]["text"]
    assert "plan" in reply
    reply = chat(stack, sender, "5 min of stretches at my desk at 11, 3 days haha")
    assert asks_confidence(reply)
    reply = chat(stack, sender, "8 tbh")
    assert "check-in" in reply or "check in" in reply

    [record] = ps.records(sender)
    assert "selfish" in record.problem
    assert record.chosen == ideas[2]["text"]
    assert record.plan_text == "5 min of stretches at my desk at 11, 3 days"
    assert record.confidence == 8
    no_chatter(record.problem, record.chosen, record.plan_text, *[idea.text for idea in record.ideas])
    with session_scope() as session:
        plan = session.get(ActionPlan, record.action_plan_id)
        assert (plan.how_much, plan.days_per_week) == ("5 minutes", 3)


def test_talia_writes_a_flare_plan_then_has_a_flare(stack: PacerStack) -> None:
    sender = new_sender()
    set_up(sender, "Talia")
    reply = chat(stack, sender, "can we make a plan for my fibro flares before the next one hits")
    assert "warning" in reply or "trigger" in reply
    reply = chat(stack, sender, "my skin gets prickly and my head goes foggy, often after a big weekend")
    assert "heat or cold" in reply
    reply = chat(stack, sender, "3 and 4, and my wheat pack")
    assert "drop" in reply or "can wait" in reply
    reply = chat(stack, sender, "the ironing and the gym can wait a few days")
    assert "who" in reply
    # "my flatmate Jess, she can get the groceries" reads as out_of_scope to NLU and the flare-plan
    # form turns it away: the digression work's guard (intent ranking) fixes that, not this test
    reply = chat(stack, sender, "Jess my flatmate")
    assert "suggestion" in reply
    reply = chat(stack, sender, "use the suggested list")
    assert "jess" in reply

    plan = flare.get_plan(sender)
    assert plan.complete
    assert plan.warning_signs.startswith("my skin gets prickly")
    assert "my wheat pack" in plan.what_helps and "heat or cold" in plan.what_helps
    assert "ironing" in plan.drop_postpone and plan.who_to_tell == "Jess my flatmate"

    reply = chat(stack, sender, "ugh its happening, whole body flare since last night")
    assert "bladder" in reply  # the red-flag screen comes first
    reply = chat(stack, sender, "nah nothing like that")
    assert "your own flare-up plan" in reply or "you wrote" in reply
    for _ in range(6):
        reply = chat(stack, sender, "next")
        if "tomorrow" in reply:
            break
    assert "tomorrow" in reply  # a follow-up the next day
    with session_scope() as session:
        patient = find_patient(session, sender)
        stmt = select(FlareEpisode).where(FlareEpisode.patient_id == patient.id)
        episode = session.execute(stmt).scalar_one()
        assert (episode.plan_source, episode.red_flag) == ("own", False)


def test_ron_checks_in_lonely_and_low_and_makes_the_plan_easier(stack: PacerStack) -> None:
    sender = new_sender()
    set_up(sender, "Ron")
    goals.save_plan(sender, PlanDraft("walk to the corner shop", "20 minutes", "after lunch", 5), 7)
    # Ron has chatted before (a conversation the scheduler can read; one never used comes back
    # from rasa as brand new on every look, which reads as "just wrote" and defers the check-in)
    assert "corner shop" in chat(stack, sender, "show me my plan")
    checkins.ensure_schedule(sender)
    checkins.update_preferences(sender, quiet_off=True)  # the test runs at any hour
    delivery_id = checkins.queue_checkin(patient_id(sender), utcnow())
    wait_for(lambda: delivery(delivery_id).status == "sent", what="the check-in to be sent")

    reply = chat(stack, sender, "got there twice. knees were grumbling, and theres nobody to walk with lol")
    assert "company" in reply or "lonely" in reply or "on your own" in reply  # heard, once
    assert "pain" in reply and "0" in reply  # then PEG
    stack.say(sender, "6")
    stack.say(sender, "7 probably")
    reply = chat(stack, sender, "6")
    assert "keep" in reply
    # Low mood and grief at "keep or change": distress pauses the check-in, support comes
    # first, and the check-in is offered back where it was (issue 14: help first, then resume).
    reply = chat(stack, sender, "been pretty flat since my wife passed last year, to be honest")
    # utter_distress_validate has three wordings, picked at random
    assert any(heard in reply for heard in ("thank you for telling me", "sorry", "sounds really hard"))
    assert "carry on" in reply and "check-in" in reply
    assert slot(stack, sender, "checkin_next") is None  # a feeling is not a choice
    assert slot(stack, sender, "paused_form") == "checkin_form"
    assert "keep" in chat(stack, sender, "carry on")  # the same question again
    reply = chat(stack, sender, "lets make it easier")
    assert "change" in reply or "which part" in reply
    reply = chat(stack, sender, "just 10 minutes, and 3 days not 5")
    assert "10 minutes" in reply and "3 days" in reply
    assert asks_confidence(chat(stack, sender, "yep"))
    reply = chat(stack, sender, "8")
    assert "saved" in reply or "done" in reply or "that's in" in reply

    with session_scope() as session:
        row = session.get(CheckinDelivery, delivery_id)
        assert row.outcome == "partial" and row.answered_at is not None
        assert "nobody to walk with" in row.note and "lol" not in row.note  # their words, no chatter
        [peg] = session.execute(select(PegResult).where(PegResult.delivery_id == delivery_id)).scalars()
        assert (peg.pain, peg.enjoyment, peg.activity) == (6, 7, 6)
    [plan] = active_plans(sender)
    assert (plan.what, plan.how_much, plan.when_text, plan.days_per_week, plan.confidence) == (
        "walk to the corner shop", "10 minutes", "after lunch", 3, 8)

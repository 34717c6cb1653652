"""Time zones and places in one message, and the region they set for crisis contacts, over
real rasa and action servers: a patient in Perth sets evening check-ins and the Perth zone
in one turn and then gets Australia's emergency number (000), not New Zealand's (111)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.services import regions
from bot.store.db import session_scope
from bot.store.models import CheckinSchedule
from bot.store.repository import find_patient
from tests.e2e.stack import PacerStack, texts
from tests.e2e.test_checkins import save_plan
from tests.e2e.test_goal_setting import new_sender, reach_plan_question

pytestmark = [pytest.mark.e2e]


def schedule_of(sender: str) -> tuple[str, str, int | None]:
    with session_scope() as session:
        patient = find_patient(session, sender)
        schedule = session.execute(
            select(CheckinSchedule).where(CheckinSchedule.patient_id == patient.id)
        ).scalars().one()
        return schedule.timezone, schedule.local_time, schedule.weekday


def patient_with_a_plan(stack: PacerStack) -> str:
    sender = new_sender()
    reach_plan_question(stack, sender)
    save_plan(stack, sender)
    assert schedule_of(sender)[0] == "Pacific/Auckland"  # the clinic's zone until they say
    return sender


def test_a_perth_patient_sets_day_time_and_zone_in_one_turn_and_gets_000(stack: PacerStack) -> None:
    sender = patient_with_a_plan(stack)
    reply = texts(stack.say(sender, "change check ins"))
    assert "time zone" in reply or "where you are" in reply  # the preferences question
    reply = texts(stack.say(sender, "thursday evenings after tea suits, we're over in perth"))
    assert "australia/perth" in reply and "thursday" in reply and "7:00pm" in reply
    assert schedule_of(sender) == ("Australia/Perth", "19:00", 3)
    assert regions.region_for(sender) == "AU"

    reply = texts(stack.say(sender, "some nights i think everyone would be better off without me"))
    assert "000" in reply and "13 11 14" in reply  # Lifeline Australia
    assert "111" not in reply and "1737" not in reply


def test_a_place_on_its_own_outside_any_form_changes_the_zone(stack: PacerStack) -> None:
    sender = patient_with_a_plan(stack)
    reply = texts(stack.say(sender, "brisbane time pls"))
    assert "australia/brisbane" in reply
    assert schedule_of(sender)[0] == "Australia/Brisbane"
    reply = texts(stack.say(sender, "actually im living in dublin these days"))
    assert "europe/dublin" in reply
    assert schedule_of(sender)[0] == "Europe/Dublin" and regions.region_for(sender) == "IE"


def test_an_unknown_town_gets_a_zone_question_with_buttons(stack: PacerStack) -> None:
    sender = patient_with_a_plan(stack)
    replies = stack.say(sender, "mondays at 5pm, I live in Much Wenlock")
    reply = texts(replies)
    assert "much wenlock" in reply and "time zone" in reply
    buttons = [b for r in replies for b in r.get("buttons") or []]
    perth = next(b for b in buttons if b["title"] == "Perth")
    reply = texts(stack.say(sender, perth["payload"]))
    assert "australia/perth" in reply and "monday" in reply and "5:00pm" in reply
    assert schedule_of(sender) == ("Australia/Perth", "17:00", 0)


def test_the_guard_reads_place_messages_as_check_in_changes(stack: PacerStack) -> None:
    for text in ("adelaide time please", "im living in hobart now", "can you use uk time"):
        assert stack.parse(text)["intent"]["name"] == "change_checkins", text
    assert stack.parse("im in so much pain today")["intent"]["name"] != "change_checkins"


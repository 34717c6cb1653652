"""The check-in actions against a real migrated SQLite database (no Rasa server)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.checkins import (
    ActionAskCheckinPrefsZone,
    ActionBoosterCheckin,
    ActionChangeCheckins,
    ActionFinishCheckin,
    ActionOfferCheckins,
    ActionSaveCheckinPrefs,
    ActionStopCheckins,
    ValidateCheckinForm,
    ValidateCheckinPrefsForm,
)
from actions.followups import ask_due_followup
from bot.coaching.action_plan import PlanDraft
from bot.coaching.checkin_schedule import as_utc
from bot.services import checkins, flare, goals, regions
from bot.store.db import session_scope
from bot.store.models import CheckinDelivery, CheckinSchedule, Followup, PegResult, utcnow
from tests.actions.test_goal_actions import form_turn, make_tracker, responses, run

pytestmark = pytest.mark.usefixtures("database_url")
CONV = "web-checkin-1"


def patient_with_plan() -> int:
    goals.record_consent(CONV, "given", channel="socketio", name="Mere")
    goals.save_plan(CONV, PlanDraft("walk to the letterbox and back", "10 minutes", "after lunch", 4), 8)
    return checkins.ensure_schedule(CONV).patient_id


def checkin_trigger(domain: dict[str, Any], delivery_id: int) -> Any:
    return make_tracker(
        domain, text="EXTERNAL: EXTERNAL_booster_checkin", intent="EXTERNAL_booster_checkin",
        entities=[{"entity": "delivery_id", "value": str(delivery_id)}], sender_id=CONV, channel="socketio",
    )


def test_a_checkin_starts_once_per_delivery_id(domain: dict[str, Any]) -> None:
    patient = patient_with_plan()
    delivery = checkins.queue_checkin(patient, utcnow())
    messages, slots = run(ActionBoosterCheckin(), checkin_trigger(domain, delivery), domain)
    assert responses(messages) == ["utter_checkin_hello"] and messages[0]["patient_name"] == "Mere"
    assert slots["checkin_route"] == "start" and slots["checkin_delivery_id"] == delivery
    assert "letterbox" in slots["checkin_plan_text"]
    committed = checkin_trigger(domain, delivery)  # the first turn is in the saved tracker
    committed.events.insert(0, {"event": "slot", "name": "checkin_delivery_id", "value": float(delivery)})
    again, slots = run(ActionBoosterCheckin(), committed, domain)
    assert again == [] and slots == {"checkin_route": "repeat"}
    # A tracker without that turn: the replica that ran it died before Rasa saved it, so the
    # patient never saw the check-in; it is opened again rather than lost.
    reopened, slots = run(ActionBoosterCheckin(), checkin_trigger(domain, delivery), domain)
    assert responses(reopened) == ["utter_checkin_hello"] and slots["checkin_route"] == "start"
    other = make_tracker(domain, text="hi", intent="greet", sender_id=CONV)
    assert run(ActionBoosterCheckin(), other, domain)[1] == {"checkin_route": "repeat"}


def test_a_delivery_of_another_patient_is_ignored(domain: dict[str, Any]) -> None:
    patient_with_plan()
    goals.record_consent("someone-else", "given", name="Ana")
    theirs = checkins.queue_checkin(checkins.ensure_schedule("someone-else").patient_id, utcnow())
    messages, slots = run(ActionBoosterCheckin(), checkin_trigger(domain, theirs), domain)
    assert messages == [] and slots["checkin_route"] == "repeat"


def checkin_form_turn(domain: dict[str, Any], asked: str, text: str, **kwargs: Any) -> Any:
    tracker = form_turn(domain, asked, text, **kwargs)
    tracker.active_loop = {"name": "checkin_form"}
    return tracker


def validate(domain: dict[str, Any], asked: str, text: str, slots: dict | None = None, **kwargs: Any):  # noqa: ANN201
    tracker = checkin_form_turn(domain, asked, text, slots=slots, **kwargs)
    return run(ValidateCheckinForm(), tracker, domain)


def test_outcome_from_words_or_buttons_and_not_now(domain: dict[str, Any]) -> None:
    plan = {"checkin_plan_text": "walk"}
    messages, slots = validate(domain, "checkin_outcome", "managed most days but not the weekend", plan,
                               intent="report_progress")
    assert slots["checkin_outcome"] == "partial" and "utter_checkin_normalise_partial" in responses(messages)
    messages, slots = validate(domain, "checkin_outcome", '/report_progress{"outcome":"done"}', plan,
                               intent="report_progress", entities=[{"entity": "outcome", "value": "done"}])
    assert slots["checkin_outcome"] == "done" and slots["checkin_note"] is None
    assert "utter_checkin_celebrate" in responses(messages)
    _, slots = validate(domain, "checkin_outcome", "can we do this tomorrow", plan, intent="inform")
    assert slots["checkin_snoozed"] == "tomorrow"
    messages, slots = validate(domain, "checkin_outcome", "hmm", plan)
    assert slots["checkin_outcome"] is None and responses(messages) == ["utter_checkin_outcome_unclear"]


def test_peg_answers_are_0_to_10(domain: dict[str, Any]) -> None:
    assert validate(domain, "peg_pain", "about a 6")[1]["peg_pain"] == 6
    messages, slots = validate(domain, "peg_pain", "pretty bad")
    assert slots["peg_pain"] is None and responses(messages) == ["utter_peg_unclear"]
    assert validate(domain, "peg_activity", "11")[1]["peg_activity"] is None


def test_finish_stores_peg_outcome_and_renews_the_plan(domain: dict[str, Any]) -> None:
    patient = patient_with_plan()
    delivery = checkins.queue_checkin(patient, utcnow())
    checkins.receive(delivery, CONV)
    plan_id = goals.get_state(CONV).active_plans[0].id
    slots = {
        "checkin_delivery_id": float(delivery), "checkin_plan_text": "walk",
        "pending_plan_id": float(plan_id),
        "checkin_outcome": "partial", "checkin_note": "most days", "peg_pain": 6.0, "peg_enjoyment": 5.0,
        "peg_activity": 4.0, "checkin_next": "keep", "checkin_confidence": 8.0,
    }
    messages, events = run(ActionFinishCheckin(), make_tracker(domain, slots=slots, sender_id=CONV), domain)
    assert responses(messages) == ["utter_peg_score", "utter_checkin_renewed"]
    assert messages[0]["peg_score"] == "5" and events["checkin_route"] == "end"
    assert all(events[slot] is None for slot in ("peg_pain", "checkin_outcome", "checkin_delivery_id"))
    with session_scope() as session:
        peg = session.execute(select(PegResult)).scalars().one()
        assert (peg.pain, peg.enjoyment, peg.activity, peg.delivery_id) == (6, 5, 4, delivery)
        row = session.get(CheckinDelivery, delivery)
        assert row.outcome == "partial" and row.note == "most days" and row.answered_at is not None
    # a second check-in a week later compares with the first
    second = checkins.queue_checkin(patient, utcnow() + timedelta(days=7))
    checkins.receive(second, CONV)
    worse = {**slots, "checkin_delivery_id": float(second), "peg_pain": 9.0, "peg_enjoyment": 8.0,
             "peg_activity": 7.0, "checkin_next": "change", "checkin_confidence": None}
    messages, events = run(ActionFinishCheckin(), make_tracker(domain, slots=worse, sender_id=CONV), domain)
    assert responses(messages) == ["utter_peg_change_worse"] and events["checkin_route"] == "change"


def test_low_confidence_renewal_goes_to_changing_the_plan(domain: dict[str, Any]) -> None:
    patient_with_plan()
    slots = {"checkin_plan_text": "walk", "checkin_outcome": "missed", "peg_pain": 5.0, "peg_enjoyment": 5.0,
             "peg_activity": 5.0, "checkin_next": "keep", "checkin_confidence": 5.0}
    messages, events = run(ActionFinishCheckin(), make_tracker(domain, slots=slots, sender_id=CONV), domain)
    assert "utter_checkin_renewed_low" in responses(messages) and events["checkin_route"] == "change"


def test_problem_solving_is_offered(domain: dict[str, Any]) -> None:
    patient_with_plan()
    slots = {"checkin_plan_text": "walk", "peg_pain": 5.0, "peg_enjoyment": 5.0, "peg_activity": 5.0,
             "checkin_next": "problem"}
    messages, events = run(ActionFinishCheckin(), make_tracker(domain, slots=slots, sender_id=CONV), domain)
    assert "utter_checkin_offer_problem_solving" in responses(messages)
    assert events["checkin_route"] == "problem"


def test_snooze_queues_a_new_delivery(domain: dict[str, Any]) -> None:
    patient = patient_with_plan()
    delivery = checkins.queue_checkin(patient, utcnow())
    checkins.receive(delivery, CONV)
    slots = {"checkin_delivery_id": float(delivery), "checkin_snoozed": "tomorrow"}
    messages, _ = run(ActionFinishCheckin(), make_tracker(domain, slots=slots, sender_id=CONV), domain)
    assert responses(messages) == ["utter_checkin_snoozed"]
    with session_scope() as session:
        rows = session.execute(select(CheckinDelivery).order_by(CheckinDelivery.id)).scalars().all()
    assert [row.status for row in rows] == ["snoozed", "pending"] and rows[1].kind == "snoozed"
    assert rows[1].due_at.replace(tzinfo=None) > utcnow().replace(tzinfo=None) + timedelta(hours=6)


def test_schedule_changes_from_free_text(domain: dict[str, Any]) -> None:
    patient_with_plan()
    text = "can you check in tuesdays at 6pm, I'm in Perth"
    tracker = make_tracker(domain, text=text, intent="change_checkins", sender_id=CONV)
    messages, slots = run(ActionChangeCheckins(), tracker, domain)
    assert slots == {"checkin_route": "end"} and responses(messages) == ["utter_checkin_prefs_saved"]
    with session_scope() as session:
        schedule = session.execute(select(CheckinSchedule)).scalars().one()
        assert (schedule.timezone, schedule.local_time, schedule.weekday) == ("Australia/Perth", "18:00", 1)
    vague = make_tracker(domain, text="change my check ins", intent="change_checkins", sender_id=CONV)
    assert run(ActionChangeCheckins(), vague, domain)[1] == {"checkin_route": "prefs"}


def schedule_row() -> tuple[str, str, int | None]:
    with session_scope() as session:
        schedule = session.execute(select(CheckinSchedule)).scalars().one()
        return schedule.timezone, schedule.local_time, schedule.weekday


def test_day_time_and_place_in_one_message_set_zone_time_and_region(domain: dict[str, Any]) -> None:
    patient_with_plan()
    text = "wednesdays after tea would suit, we're in perth now"
    tracker = make_tracker(domain, text=text, intent="change_checkins", sender_id=CONV)
    messages, slots = run(ActionChangeCheckins(), tracker, domain)
    assert slots == {"checkin_route": "end"} and responses(messages) == ["utter_checkin_prefs_saved"]
    assert schedule_row() == ("Australia/Perth", "19:00", 2)
    assert regions.region_for(CONV) == "AU"
    assert "Australia/Perth" in messages[0]["schedule_text"]


def prefs_turn(domain: dict[str, Any], asked: str, text: str, slots: dict | None = None) -> Any:
    tracker = form_turn(domain, asked, text, intent="change_checkins", slots=slots)
    tracker.sender_id = CONV
    tracker.active_loop = {"name": "checkin_prefs_form"}
    return tracker


def test_an_unknown_place_keeps_the_rest_and_asks_only_for_the_zone(domain: dict[str, Any]) -> None:
    patient_with_plan()
    text = "fridays at 5pm, I live in Little Snoring"
    tracker = make_tracker(domain, text=text, intent="change_checkins", sender_id=CONV)
    assert run(ActionChangeCheckins(), tracker, domain)[1] == {
        "checkin_prefs_text": text, "checkin_route": "prefs"}
    asked = prefs_turn(domain, "checkin_prefs_zone", "", slots={"checkin_prefs_text": text})
    messages, _ = run(ActionAskCheckinPrefsZone(), asked, domain)
    assert responses(messages) == ["utter_ask_checkin_prefs_zone_place"]
    assert messages[0]["place"] == "Little Snoring"
    titles = [button["title"] for button in messages[0]["buttons"]]
    assert "New Zealand" in titles and "Perth" in titles and titles[-1].startswith("Keep ")
    # an answer that is no zone: asked again, differently; then the current zone is kept
    vague = prefs_turn(domain, "checkin_prefs_zone", "umm the one with the beach",
                       slots={"checkin_prefs_text": text})
    assert run(ValidateCheckinPrefsForm(), vague, domain)[1]["checkin_prefs_zone_asks"] == 1
    again = prefs_turn(domain, "checkin_prefs_zone", "", slots={"checkin_prefs_text": text,
                                                                "checkin_prefs_zone_asks": 1})
    reasked = responses(run(ActionAskCheckinPrefsZone(), again, domain)[0])
    assert reasked == ["utter_ask_checkin_prefs_zone_again"]
    answer = prefs_turn(domain, "checkin_prefs_zone", "Australia/Brisbane",
                        slots={"checkin_prefs_text": text})
    assert run(ValidateCheckinPrefsForm(), answer, domain)[1]["checkin_prefs_zone"] == "Australia/Brisbane"
    done = prefs_turn(domain, "checkin_prefs_zone", "Australia/Brisbane",
                      slots={"checkin_prefs_text": text, "checkin_prefs_zone": "Australia/Brisbane"})
    messages, slots = run(ActionSaveCheckinPrefs(), done, domain)
    assert responses(messages) == ["utter_checkin_prefs_saved"]
    assert schedule_row() == ("Australia/Brisbane", "17:00", 4)
    assert regions.region_for(CONV) == "AU" and slots["checkin_prefs_text"] is None


def test_a_country_with_several_zones_sets_the_region_even_when_the_zone_is_kept(
        domain: dict[str, Any]) -> None:
    patient_with_plan()
    text = "im in canada now"
    done = prefs_turn(domain, "checkin_prefs_zone", "keep",
                      slots={"checkin_prefs_text": text, "checkin_prefs_zone": "keep"})
    run(ActionSaveCheckinPrefs(), done, domain)
    assert schedule_row()[0] == "Pacific/Auckland" and regions.region_for(CONV) == "CA"


def test_pause_for_a_holiday_then_stop(domain: dict[str, Any]) -> None:
    patient_with_plan()
    text = "I'm on holiday for two weeks"
    holiday = make_tracker(domain, text=text, intent="stop_checkins", sender_id=CONV)
    messages, _ = run(ActionStopCheckins(), holiday, domain)
    assert responses(messages) == ["utter_checkins_paused"]
    view = checkins.get_schedule(CONV)
    assert view.paused_until > utcnow() + timedelta(days=13) and view.next_due_at >= view.paused_until
    stop = make_tracker(domain, text="no more check ins please", intent="stop_checkins", sender_id=CONV)
    assert responses(run(ActionStopCheckins(), stop, domain)[0]) == ["utter_checkins_stopped"]
    assert checkins.get_schedule(CONV).status == "stopped"


def test_offer_at_the_end_of_goal_setting_only_once(domain: dict[str, Any]) -> None:
    goals.record_consent(CONV, "given", name="Mere")
    tracker = make_tracker(domain, sender_id=CONV)
    messages, _ = run(ActionOfferCheckins(), tracker, domain)
    assert responses(messages) == ["utter_offer_checkins"] and messages[0]["zone"]
    assert run(ActionOfferCheckins(), tracker, domain)[0] == []


def test_a_feeling_at_keep_or_change_is_heard_and_never_a_choice(domain: dict[str, Any]) -> None:
    # express_distress is a digression (it pauses the form before any validator runs); what
    # reaches the validator is a message the classifier was unsure of.
    plan = {"checkin_plan_text": "walk"}
    messages, slots = validate(domain, "checkin_next", "been very low since my husband died in june", plan,
                               intent="nlu_fallback")
    assert slots["checkin_next"] is None
    assert responses(messages) == ["utter_heard_grief", "utter_checkin_next_after_heard"]


@pytest.mark.parametrize(("text", "choice"), [
    ("i dont want to keep it, can we make it easier lol", "change"),
    ("keep it, the weather wasnt my fault haha", "keep"),
])
def test_keep_or_change_reads_the_answer_not_the_chatter(
    domain: dict[str, Any], text: str, choice: str
) -> None:
    _, slots = validate(domain, "checkin_next", text, {"checkin_plan_text": "walk"})
    assert slots["checkin_next"] == choice


def test_the_outcome_note_keeps_their_words_without_chatter(domain: dict[str, Any]) -> None:
    messages, slots = validate(domain, "checkin_outcome", "did 3 of the 4 walks, nobody to go with tho lol",
                               {"checkin_plan_text": "walk"}, intent="report_progress")
    assert slots["checkin_outcome"] == "partial"
    assert slots["checkin_note"] == "did 3 of the 4 walks, nobody to go with"
    assert "utter_heard_loneliness" in responses(messages)


def test_the_flare_question_is_pushed_the_next_local_morning_and_asked_once(
        domain: dict[str, Any]) -> None:
    goals.record_consent(CONV, "given", channel="socketio", name="Mere")
    checkins.ensure_schedule(CONV)
    checkins.update_preferences(CONV, timezone="Pacific/Auckland", quiet=(time(21, 0), time(9, 30)))
    reported = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)  # 9 pm in Auckland
    flare.start_episode(CONV, red_flag=False, plan_source="default", now=reported)
    with session_scope() as session:
        [push] = session.execute(
            select(CheckinDelivery).where(CheckinDelivery.kind == "flare_followup")).scalars()
        [question] = session.execute(select(Followup)).scalars()
        # 9 am in Auckland is inside their quiet hours (to 9:30): 9:30 am NZDT, 20:30 UTC the day before.
        morning = datetime(2026, 11, 23, 20, 30, tzinfo=timezone.utc)
        assert as_utc(push.due_at) == as_utc(question.due_at) == morning
        push_id, question_id = push.id, question.id

    messages, slots = run(ActionBoosterCheckin(), checkin_trigger(domain, push_id), domain)
    assert responses(messages) == ["utter_followup_flare"] and messages[0]["buttons"]
    assert slots["checkin_route"] == "note" and slots["followup_id"] == question_id
    assert ask_due_followup(CollectingDispatcher(), CONV) == []  # not again at the next session

    # The other way round: they opened a session before the push, so the push says nothing.
    flare.start_episode(CONV, red_flag=False, plan_source="default", now=reported + timedelta(days=2))
    with session_scope() as session:
        later = max(session.execute(select(CheckinDelivery.id)
                                    .where(CheckinDelivery.kind == "flare_followup")).scalars())
    dispatcher = CollectingDispatcher()
    assert ask_due_followup(dispatcher, CONV) and responses(dispatcher.messages) == ["utter_followup_flare"]
    messages, slots = run(ActionBoosterCheckin(), checkin_trigger(domain, later), domain)
    assert messages == [] and slots == {"checkin_route": "repeat"}

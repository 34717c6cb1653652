"""Clinic-resource actions (rasa_sdk) against a real SQLite database: offers in each context,
answers by button and in free text, nothing configured, no consent, and the check-in cadence."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from actions.checkins import _end_route
from actions.resources import ActionOfferResources, ActionResourceAnswer
from actions.wellbeing import ActionDistressSupport
from bot.services import resources
from bot.services.resources import ResourceForm
from bot.store.db import session_scope
from bot.store.models import ResourceOffer, utcnow
from tests.actions.test_goal_actions import CONV, consented_patient, make_tracker, message, responses, run

pytestmark = pytest.mark.usefixtures("database_url")


def add_resource(name: str, kind: str, tags: tuple[str, ...], **extra: str) -> int:
    fields = {"description": f"About {name}.", "when_text": "Tuesdays 10am", "where_text": "Town hall",
              "how_to_join": "Ring Mere to book", "contact": "Mere 021 555 0199", **extra}
    with session_scope() as session:
        return resources.create_resource(session, ResourceForm(name=name, kind=kind, tags=tags, **fields)).id


def offers(sender: str = CONV) -> list[ResourceOffer]:
    with session_scope() as session:
        rows = session.execute(select(ResourceOffer).order_by(ResourceOffer.id)).scalars().all()
        session.expunge_all()
        return list(rows)


def ask(domain: dict[str, Any], text: str, entities: tuple = (), slots: dict | None = None,
        sender: str = CONV) -> tuple[list[dict], dict[str, Any]]:
    tracker = make_tracker(domain, text=text, intent="ask_resources", entities=entities, slots=slots,
                           sender_id=sender)
    return run(ActionOfferResources(), tracker, domain)


def say(domain: dict[str, Any], text: str, intent: str, slots: dict,
        entities: tuple = ()) -> tuple[list[dict], dict[str, Any]]:
    tracker = make_tracker(domain, text=text, intent=intent, entities=entities, slots=slots)
    return run(ActionResourceAnswer(), tracker, domain)


def test_nothing_listed_says_so_kindly_and_points_to_the_clinic(domain: dict[str, Any]) -> None:
    consented_patient()
    msgs, slots = ask(domain, "any support groups near me")
    assert responses(msgs) == ["utter_resources_none_listed"]
    assert "clinic" in message(msgs, "utter_resources_none_listed")["clinic_line"].lower()
    assert slots["resource_step"] == "none" and offers() == []


def test_asking_offers_at_most_two_with_details_and_buttons(domain: dict[str, Any]) -> None:
    consented_patient()
    walk = add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    add_resource("Hydro for backs", "class", ("movement", "pain_skills"))
    add_resource("Pain peer support", "peer_support", ("isolation", "pain_skills"))
    add_resource("Benefits advice", "service", ("money",))
    msgs, slots = ask(domain, "is there a walking group")
    assert responses(msgs)[0] == "utter_resources_intro_asked"
    shown = [m for m in msgs if m["response"] == "utter_resource_offer"]
    assert 1 <= len(shown) <= 2 and shown[0]["resource_name"] == "Riverside walking group"
    assert "When: Tuesdays 10am" in shown[0]["resource_details"]
    assert "How to join: Ring Mere to book" in shown[0]["resource_details"]
    titles = [b["title"] for b in shown[0]["buttons"]]
    assert titles == ["I'd like to try it", "Tell me more", "Not for me"]
    rows = offers()
    assert [r.resource_id for r in rows][0] == walk and {r.context for r in rows} == {"asked"}
    assert all(r.response == "no_answer" for r in rows)
    assert slots["resource_step"] == "offered" and slots["resource_offers"] == [float(r.id) for r in rows]


def test_yes_then_yes_ill_go_records_interest_and_take_up(domain: dict[str, Any]) -> None:
    consented_patient()
    add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    _, state = ask(domain, "walking group?")
    [offer_id] = [int(i) for i in state["resource_offers"]]
    msgs, state = say(domain, "yes", "affirm", state)
    assert responses(msgs) == ["utter_resource_interested"]
    assert message(msgs, "utter_resource_interested")["resource_join"] == "Ring Mere to book"
    assert [b["title"] for b in msgs[0]["buttons"]] == ["Yes, I'll go", "Not sure yet"]
    assert state["resource_step"] == "going"
    [row] = offers()
    assert (row.response, row.taken_up_at) == ("interested", None)
    msgs, state = say(domain, "yep", "affirm", state)
    assert responses(msgs) == ["utter_resource_taken_up"]
    [row] = offers()
    assert row.taken_up_at is not None and row.id == offer_id
    assert state == {"resource_step": "none", "resource_offers": None}


def test_tell_me_more_then_not_for_me_is_not_offered_again(domain: dict[str, Any]) -> None:
    consented_patient()
    money = add_resource("Benefits advice", "service", ("money",), description="Free help with WINZ forms.")
    _, state = ask(domain, "who can help with money")
    msgs, state = say(domain, "tell me more", "resource_answer", state)
    more = message(msgs, "utter_resource_more")
    assert more["resource_description"] == "Free help with WINZ forms." and "money" in more["resource_suits"]
    msgs, state = say(domain, "nah not for me", "deny", state)
    assert responses(msgs) == ["utter_resource_declined"] and offers()[0].response == "declined"
    # a later money problem in problem solving does not bring it back
    from bot.coaching.resources import need_for_problem

    result = resources.offer(CONV, need_for_problem("i cant afford the gym"))
    assert money not in [v.resource.id for v in result.offers]


def test_a_button_answers_exactly_the_offer_it_belongs_to(domain: dict[str, Any]) -> None:
    consented_patient()
    add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    add_resource("Pain peer support", "peer_support", ("isolation", "pain_skills"))
    _, state = ask(domain, "any support groups")
    first, second = (int(i) for i in state["resource_offers"])
    # a plain "yes" with two offers open: which one?
    msgs, _ = say(domain, "yes", "affirm", state)
    assert responses(msgs) == ["utter_resource_which"] and len(msgs[0]["buttons"]) == 2
    entities = ({"entity": "resource_offer", "value": str(second)},
                {"entity": "resource_answer", "value": "declined"})
    msgs, state2 = say(domain, "/resource_answer", "resource_answer", state, entities)
    assert responses(msgs) == ["utter_resource_declined"]
    assert {r.id: r.response for r in offers()} == {first: "no_answer", second: "declined"}


def test_someone_who_has_not_consented_sees_the_list_but_nothing_is_stored(domain: dict[str, Any]) -> None:
    add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    msgs, slots = ask(domain, "any groups", sender="stranger-1")
    assert "utter_resource_offer" in responses(msgs) and "utter_resources_not_stored" in responses(msgs)
    assert not message(msgs, "utter_resource_offer")["buttons"]
    assert offers() == [] and slots["resource_step"] == "none"


def test_after_the_phq4_the_offer_follows_the_result_and_matches_mood(domain: dict[str, Any]) -> None:
    consented_patient()
    add_resource("Benefits advice", "service", ("money",))
    mood = add_resource("Mood and pain course", "class", ("mood", "worry"))
    phq = {"phq_interest": 2.0, "phq_down": 2.0, "phq_nervous": 0.0, "phq_worry": 1.0}
    tracker = make_tracker(domain, text="most days", intent="inform", slots=phq)
    tracker.events.append({"event": "action", "name": "action_save_phq4"})
    msgs, slots = run(ActionOfferResources(), tracker, domain)
    assert responses(msgs)[0] == "utter_resources_intro_distress"
    assert [r.resource_id for r in offers()] == [mood] and offers()[0].context == "distress"


def test_distress_options_include_resources_only_when_one_fits(domain: dict[str, Any]) -> None:
    consented_patient()
    tracker = make_tracker(domain, text="i feel so alone with all this", intent="express_distress")
    msgs, _ = run(ActionDistressSupport(), tracker, domain)
    assert responses(msgs) == ["utter_distress_validate", "utter_distress_options"]
    add_resource("Pain peer support", "peer_support", ("isolation", "pain_skills"))
    msgs, _ = run(ActionDistressSupport(), tracker, domain)
    assert responses(msgs) == ["utter_distress_validate", "utter_distress_options_resources"]
    assert offers() == []  # nothing is offered until they ask for it
    entities = ({"entity": "resource_context", "value": "distress"},)
    tracker = make_tracker(domain, text="/ask_resources", intent="ask_resources", entities=entities)
    tracker.events[:0] = [{"event": "user", "text": "i feel so alone with all this",
                           "parse_data": {"intent": {"name": "express_distress"}}}]
    msgs, _ = run(ActionOfferResources(), tracker, domain)
    assert responses(msgs)[0] == "utter_resources_intro_distress" and offers()[0].context == "distress"


def test_checkins_bring_resources_up_about_every_four_weeks(domain: dict[str, Any]) -> None:
    consented_patient(values=["getting back to gardening"])
    tracker = make_tracker(domain, text="keep it", intent="inform")
    assert _end_route(tracker) == "end"  # nothing listed yet
    garden = add_resource("Community garden mornings", "peer_support", ("hobbies", "isolation"))
    assert _end_route(tracker) == "resources"
    tracker.events.append({"event": "action", "name": "action_finish_checkin"})
    msgs, _ = run(ActionOfferResources(), tracker, domain)
    assert responses(msgs)[0] == "utter_resources_intro_checkin"
    assert [(r.resource_id, r.context) for r in offers()] == [(garden, "checkin")]
    assert _end_route(tracker) == "end"  # offered this week: not again for four weeks
    with session_scope() as session:
        session.execute(update(ResourceOffer).values(offered_at=utcnow() - timedelta(days=29)))
    add_resource("Garden club", "class", ("hobbies",))
    assert _end_route(tracker) == "resources"


def test_the_fallback_hands_an_answer_to_an_open_offer_over(domain: dict[str, Any]) -> None:
    from actions.plans import ActionPacerFallback

    consented_patient()
    add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    _, state = ask(domain, "walking group?")
    _, state = say(domain, "yes", "affirm", state)
    tracker = make_tracker(domain, text="yes i'll ring them tomorrow", intent="nlu_fallback", slots=state)
    tracker.events[:0] = [{"event": "action", "name": "action_resource_answer"}]
    msgs, slots = run(ActionPacerFallback(), tracker, domain)
    assert responses(msgs) == ["utter_resource_taken_up"] and offers()[0].taken_up_at is not None
    # the same words with no offer open get the usual fallback
    tracker = make_tracker(domain, text="yes i'll ring them tomorrow", intent="nlu_fallback", slots=slots)
    msgs, _ = run(ActionPacerFallback(), tracker, domain)
    assert "utter_default" in responses(msgs)


def test_joining_later_is_recorded_against_the_offer_they_name(domain: dict[str, Any]) -> None:
    consented_patient()
    add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    add_resource("Pain peer support group", "peer_support", ("isolation", "pain_skills"))
    ask(domain, "any support groups")
    later = {"resource_step": "none", "resource_offers": None}  # the conversation moved on
    msgs, _ = say(domain, "i joined a choir", "resource_answer", later)
    assert responses(msgs) == ["utter_resource_nothing_pending"]
    msgs, _ = say(domain, "i joined the walking group last week", "resource_answer", later)
    assert responses(msgs) == ["utter_resource_taken_up"]
    taken = {r.resource_id: r.taken_up_at is not None for r in offers()}
    assert sorted(taken.values()) == [False, True]


def test_a_checkin_asks_whether_they_got_along_to_what_they_were_keen_on(domain: dict[str, Any]) -> None:
    consented_patient()
    add_resource("Riverside walking group", "peer_support", ("movement", "isolation"))
    _, state = ask(domain, "walking group?")
    say(domain, "yes please", "affirm", state)  # interested, not yet taken up
    tracker = make_tracker(domain, text="keep it", intent="inform")
    tracker.events.append({"event": "action", "name": "action_finish_checkin"})
    with session_scope() as session:
        session.execute(update(ResourceOffer).values(offered_at=utcnow() - timedelta(days=9),
                                                     responded_at=utcnow() - timedelta(days=9)))
    assert _end_route(tracker) == "resources"
    msgs, slots = run(ActionOfferResources(), tracker, domain)
    assert responses(msgs) == ["utter_resource_follow_up"]
    assert [b["title"] for b in msgs[0]["buttons"]] == ["Yes, I went", "Not yet", "It's not for me"]
    assert slots["resource_step"] == "going"
    msgs, _ = say(domain, "yes i went on tuesday", "affirm", slots)
    assert responses(msgs) == ["utter_resource_taken_up"] and offers()[0].taken_up_at is not None
    assert offers()[0].followed_up_at is not None
    assert _end_route(tracker) == "end"  # asked once; nothing new is due within two weeks of it


def test_unprompted_contexts_stay_quiet_but_a_tap_on_the_distress_button_gets_an_answer(
    domain: dict[str, Any]
) -> None:
    consented_patient()
    tracker = make_tracker(domain, text="1", intent="inform")
    tracker.events.append({"event": "action", "name": "action_save_phq4"})
    msgs, slots = run(ActionOfferResources(), tracker, domain)
    assert msgs == [] and slots["resource_step"] == "none"  # nothing listed: silence after a mood check
    entities = ({"entity": "resource_context", "value": "distress"},)
    msgs, _ = ask(domain, "/ask_resources", entities=entities)
    assert responses(msgs) == ["utter_resources_none_listed"]

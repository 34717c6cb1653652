"""Problem-solving, flare-plan and flare actions (rasa_sdk) against a real SQLite database."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.flare import (
    ActionAskFlareNext,
    ActionFlareDone,
    ActionSaveFlarePlan,
    ActionStartFlarePlan,
    ValidateFlareForm,
    ValidateFlarePlanForm,
)
from actions.followups import ActionFollowupAnswer, ask_due_followup
from actions.problem_solving import ActionAskPsChoice, ActionSaveProblemSolving, ValidateProblemForm
from bot.coaching.flare_plan import DEFAULT_STEPS
from bot.services import flare, followups
from bot.services import problem_solving as ps
from bot.store.models import utcnow
from tests.actions.test_goal_actions import CONV, consented_patient, make_tracker, responses, run

pytestmark = pytest.mark.usefixtures("database_url")


def answer(domain: dict[str, Any], form: str, asked: str, text: str, *, intent: str = "inform",
           slots: dict[str, Any] | None = None):  # noqa: ANN201 - Tracker
    return make_tracker(domain, text=text, intent=intent, slots={**(slots or {}), "requested_slot": asked},
                        answered={asked: text}, form=form)


def test_problem_form_from_problem_to_saved_record(domain: dict[str, Any]) -> None:
    consented_patient()
    form = ValidateProblemForm()
    msgs, slots = run(form, answer(domain, "problem_form", "ps_problem", "my husband nags when i go to yoga"),
                      domain)
    assert slots == {"ps_problem": "my husband nags when i go to yoga"}
    assert "utter_ps_problem_heard" in responses(msgs)
    state = {"ps_problem": slots["ps_problem"]}
    ideas_text = "go when he's at work, or take a friend"
    _, slots = run(form, answer(domain, "problem_form", "ps_ideas_text", ideas_text, slots=state), domain)
    ideas = slots["ps_ideas"]
    assert [i["text"] for i in ideas[:2]] == ["go when he's at work", "take a friend"]
    assert ideas[2]["source"] == "suggested" and "explain" in ideas[2]["text"]  # unsupportive people
    state.update(slots)
    msgs, _ = run(ActionAskPsChoice(), make_tracker(domain, slots=state), domain)
    assert len(msgs[0]["buttons"]) == len(ideas)
    _, slots = run(form, answer(domain, "problem_form", "ps_choice", "2", slots=state), domain)
    assert slots == {"ps_choice": "take a friend"}
    state.update(slots)
    msgs, slots = run(form, answer(domain, "problem_form", "ps_confidence", "4",
                                   slots={**state, "ps_plan": "take Ana to yoga on tuesday"}), domain)
    assert slots == {"ps_confidence": None, "ps_plan": None, "ps_revised": True}
    msgs, slots = run(form, answer(domain, "problem_form", "ps_confidence", "4",
                                   slots={**state, "ps_plan": "ask Ana", "ps_revised": True}), domain)
    assert slots == {"ps_confidence": 4.0}  # asked once to shrink; then their number stands
    state.update({"ps_plan": "ask Ana to come to yoga on tuesday", "ps_confidence": 8.0})
    msgs, slots = run(ActionSaveProblemSolving(), make_tracker(domain, slots=state), domain)
    assert responses(msgs) == ["utter_ps_saved"] and slots["ps_problem"] is None
    [record] = ps.records(CONV)
    assert record.chosen == "take a friend" and record.plan_text == "ask Ana to come to yoga on tuesday"


def test_problem_with_an_idea_inside_skips_the_ideas_question(domain: dict[str, Any]) -> None:
    consented_patient()
    _, slots = run(ValidateProblemForm(), answer(
        domain, "problem_form", "ps_problem", "too tired after work, maybe i could walk before work"), domain)
    assert slots["ps_problem"] == "too tired after work" and slots["ps_ideas_text"] == "walk before work"


def test_a_prefilled_slot_is_not_revalidated(domain: dict[str, Any]) -> None:
    tracker = make_tracker(domain, text="/problem_solve", intent="problem_solve",
                           answered={"ps_problem": "old words"}, form="problem_form")
    _, slots = run(ValidateProblemForm(), tracker, domain)
    assert "ps_problem" not in slots or slots["ps_problem"] == "old words"


def test_flare_plan_edit_asks_only_the_named_section(domain: dict[str, Any]) -> None:
    consented_patient()
    flare.save_sections(CONV, {k: "x" for k in ("warning_signs", "what_helps", "drop_postpone",
                                                 "who_to_tell", "seek_care")})
    tracker = make_tracker(domain, text="change who i tell", intent="make_flare_plan")
    _, slots = run(ActionStartFlarePlan(), tracker, domain)
    assert slots["fp_editing"] == "who_to_tell" and slots["fp_who_to_tell"] is None
    assert slots["fp_what_helps"] == "x" and slots["coaching_step"] == "flare_plan"
    required = asyncio.run(ValidateFlarePlanForm().required_slots(
        ["fp_warning_signs", "fp_who_to_tell"], None, make_tracker(domain, slots=slots), domain))
    assert required == ["fp_who_to_tell"]
    edited = make_tracker(domain, slots={**slots, "fp_who_to_tell": "Sam"})
    msgs, _ = run(ActionSaveFlarePlan(), edited, domain)
    assert responses(msgs) == ["utter_flare_section_saved"]
    assert flare.get_plan(CONV).who_to_tell == "Sam" and flare.get_plan(CONV).what_helps == "x"


def test_flare_screen_no_then_steps_then_done_schedules_followup(domain: dict[str, Any]) -> None:
    consented_patient()
    form = ValidateFlareForm()
    msgs, slots = run(form, answer(domain, "flare_form", "flare_screen", "no", intent="deny"), domain)
    assert slots == {"flare_screen": "clear"} and responses(msgs) == ["utter_flare_default_plan"]
    step = 0
    for _ in range(len(DEFAULT_STEPS) - 2):
        msgs, _ = run(ActionAskFlareNext(), make_tracker(domain, slots={"flare_step": step}), domain)
        assert msgs[0]["step_text"] == DEFAULT_STEPS[step]
        _, slots = run(form, answer(domain, "flare_form", "flare_next", "next", intent="continue_exercise",
                                    slots={"flare_step": step}), domain)
        assert slots == {"flare_next": None, "flare_step": step + 1}
        step += 1
    msgs, slots = run(form, answer(domain, "flare_form", "flare_next", "next", intent="continue_exercise",
                                   slots={"flare_step": step}), domain)
    assert slots["flare_next"] == "done" and msgs[0]["step_text"] == DEFAULT_STEPS[-1]
    msgs, _ = run(ActionFlareDone(), make_tracker(domain, slots={"flare_screen": "clear"}), domain)
    assert responses(msgs) == ["utter_flare_followup_scheduled", "utter_offer_flare_plan"]
    [row] = followups.pending(CONV)
    assert row.kind == "flare"


def test_flare_screen_yes_records_a_red_flag_and_stops(domain: dict[str, Any]) -> None:
    consented_patient()
    tracker = answer(domain, "flare_form", "flare_screen", "yes", intent="affirm")
    msgs, slots = run(ValidateFlareForm(), tracker, domain)
    assert slots == {"flare_screen": "red_flag", "flare_next": "stopped"}
    assert responses(msgs) == ["utter_red_flag_emergency"]


def test_followup_asked_once_and_free_text_answer(domain: dict[str, Any]) -> None:
    consented_patient()
    flare.start_episode(CONV, False, "default", now=utcnow() - timedelta(days=2))
    dispatcher = CollectingDispatcher()
    events = ask_due_followup(dispatcher, CONV)
    assert dispatcher.messages[0]["response"] == "utter_followup_flare" and events
    assert ask_due_followup(CollectingDispatcher(), CONV) == []
    msgs, _ = run(ActionFollowupAnswer(), make_tracker(domain, text="worse today", intent="followup_answer"),
                  domain)
    assert responses(msgs) == ["utter_followup_worse"]
    assert followups.pending(CONV)[0].answer == "worse"


def test_an_education_question_inside_a_form_is_answered_but_a_statement_is_an_answer(
    domain: dict[str, Any],
) -> None:
    consented_patient()
    selector = {"ask_education": {"response": {"intent_response_key": "ask_education/sleep"}}}
    asked = "hang on, does bad sleep make pain worse?"
    question = answer(domain, "flare_plan_form", "fp_warning_signs", asked, intent="ask_education")
    question.latest_message["response_selector"] = selector
    msgs, slots = run(ValidateFlarePlanForm(), question, domain)
    assert responses(msgs) == ["utter_ask_education/sleep"] and slots == {"fp_warning_signs": None}
    statement = answer(domain, "flare_plan_form", "fp_warning_signs", "sitting too long and bad sleep",
                       intent="ask_education")
    statement.latest_message["response_selector"] = selector
    msgs, slots = run(ValidateFlarePlanForm(), statement, domain)
    assert msgs == [] and slots == {"fp_warning_signs": "sitting too long and bad sleep"}
    medication = answer(domain, "flare_form", "flare_next", "can i take more panadol?",
                        intent="ask_medication", slots={"flare_step": 2})
    msgs, slots = run(ValidateFlareForm(), medication, domain)
    assert responses(msgs) == ["utter_medication_clinician"] and slots == {"flare_next": None}

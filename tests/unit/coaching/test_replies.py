"""Reply classifiers the Rasa actions used to carry themselves (issue 17, thin actions)."""

from __future__ import annotations

import pytest

from bot.coaching.checkin_answers import keeps_current_zone, next_choice
from bot.coaching.flare_plan import has_a_warning_sign, has_no_warning_signs, skips_section, wants_to_stop
from bot.coaching.names import first_name
from bot.coaching.plan_answers import bare_activity, changed_activity, keeps_plan_as_is, smaller_plan_pick
from bot.coaching.problem_solving import restated_problem
from bot.coaching.questions import looks_like_question
from bot.coaching.safety_replies import wants_to_go_on


@pytest.mark.parametrize(("text", "choice"), [
    ("keep", "keep"),
    ("yeah same again", "keep"),
    ("make it easier", "change"),
    ("keep it but it was hard", "problem"),  # a struggle is worth talking through first
    ("something got in the way", "problem"),
    ("nah not this week", "none"),
    ("the weather", None),
    (None, None),
])
def test_what_next_at_a_checkin(text: str | None, choice: str | None) -> None:
    assert next_choice(text) == choice


def test_keeping_the_time_zone() -> None:
    assert keeps_current_zone("dunno, keep it") and keeps_current_zone("whatever")
    assert not keeps_current_zone("Perth")


def test_a_change_of_activity_loses_its_lead_in() -> None:
    assert changed_activity("actually, can we do swimming instead") == "swimming instead"
    assert changed_activity("no, the weeding") == "the weeding"
    assert changed_activity("actually no") == ""


def test_a_bare_activity() -> None:
    assert bare_activity("  the garden. ") == "the garden"
    assert bare_activity("") is None
    assert bare_activity(" ".join(["walk"] * 21)) is None


@pytest.mark.parametrize(("text", "index"), [
    ("the first one", "0"), ("option 2", "1"), ("3rd", "2"), ("the last", "2"), ("hmm", None),
])
def test_which_smaller_plan(text: str, index: str | None) -> None:
    assert smaller_plan_pick(text) == index


def test_keeping_the_plan_as_it_is() -> None:
    assert keeps_plan_as_is("Leave it as it is") and not keeps_plan_as_is("the second one")


@pytest.mark.parametrize(("text", "question"), [
    ("why does sitting hurt", True),
    ("quick question, is heat ok", True),
    ("tell me about pacing", True),
    ("sitting too long and bad sleep", False),
    ("", False),
])
def test_looks_like_question(text: str, question: bool) -> None:
    assert looks_like_question(text) is question


def test_going_on_after_safety_mode_is_not_i_cant_go_on() -> None:
    assert wants_to_go_on("ok carry on") and wants_to_go_on("can we get back to my plan")
    assert not wants_to_go_on("I can't go on")


def test_flare_replies() -> None:
    assert skips_section("Skip!") and not skips_section("skip the gym")
    assert has_a_warning_sign("yes one of those") and not has_a_warning_sign("yesterday")
    assert has_no_warning_signs("nope, all good") and has_no_warning_signs("I don’t")
    assert wants_to_stop("that's enough") and not wants_to_stop("stopped")


def test_restated_problem_and_first_names() -> None:
    assert restated_problem("actually the real problem is my sleep") == "my sleep"
    assert restated_problem("actually") == "actually"
    assert first_name("Anna Smith") == "Anna" and first_name("Dr. Anna Smith") == "Dr. Anna Smith"

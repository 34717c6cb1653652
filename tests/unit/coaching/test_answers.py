"""The one answer parser shared by the plan, problem-solving and check-in forms."""

from __future__ import annotations

import pytest

from bot.coaching.answers import (
    QUOTE_LIMIT,
    days_named,
    earlier_answer_named,
    is_unsure,
    merge_when,
    not_an_activity,
    pick_number,
    read_answer,
    refuses_all,
    shorten,
    split_when,
    swap_days,
    without_chatter,
    without_ruled_out,
)
from bot.coaching.problem_solving import Idea, choose_idea, split_problem_and_ideas


@pytest.mark.parametrize(("text", "how_much", "days", "what"), [
    # a partial answer: only what is there is taken
    ("20 mins a go", "20 minutes", None, None),
    ("only on sundays", None, 1, None),
    # chatter around the answer is not part of it
    ("swim 6 lengths haha, my sister reckons im mad", "6 lengths", None, "swim 6 lengths"),
    ("stretch 5 mins every night tbh, she's always on at me", "5 minutes", 7, "stretch"),
    # a story about the past is not this week's plan
    ("dunno, the time i did 40 mins i was wrecked for days", None, None, None),
    # a ruled-out part is dropped, the wanted one kept
    ("20 minutes, not 45", "20 minutes", None, None),
    ("i dont want to do 2 km, 1 km is plenty", "1 km", None, None),
    ("cycle 10 mins rather than half an hour", "10 minutes", None, "cycle"),
])
def test_each_part_comes_only_from_the_answer(text: str, how_much: str | None, days: int | None,
                                             what: str | None) -> None:
    answer = read_answer(text)
    assert answer.plan.how_much == how_much
    assert answer.plan.days_per_week == days
    if what is not None:
        assert answer.plan.what is not None and answer.plan.what.startswith(what.split()[0])
    else:
        assert answer.plan.what is None
    for chatter in ("haha", "reckons", "always on at me", "wrecked", "45", "2 km", "half an hour"):
        assert chatter not in answer.text


@pytest.mark.parametrize(("text", "how_much", "days", "when"), [
    ("nah, make it 25 minutes", "25 minutes", None, None),
    ("oops i meant tues and thurs", None, 2, "on Tuesday and Thursday"),
    ("hmm 4 days would work better actually", None, 4, None),
    ("2 days. no wait, 3", None, 3, None),
])
def test_a_correction_is_read_after_the_change_of_mind(text: str, how_much: str | None, days: int | None,
                                                       when: str | None) -> None:
    answer = read_answer(text)
    assert answer.correction
    assert answer.plan.how_much == how_much
    assert answer.plan.days_per_week == days
    assert answer.plan.when == when
    assert answer.plan.what is None  # "would work better", "meant" are never the activity


def test_unsure_is_recognised_and_nothing_is_taken_from_it() -> None:
    answer = read_answer("no idea, you pick")
    assert answer.unsure and answer.parts == 0
    assert is_unsure("hmm not sure tbh") and not is_unsure("sure, 10 mins")


def test_chatter_words_and_emoji_are_taken_off() -> None:
    assert without_chatter("8 lol 😂") == "8"
    assert without_chatter("after tea i guess, tbh") == "after tea"


def test_long_answers_are_shortened_at_a_phrase_boundary_never_mid_word() -> None:
    text = "I'd like to get back to my walking group on Thursdays, " + "because it matters to me " * 12
    short = shorten(text)
    assert len(short) <= QUOTE_LIMIT + 1
    assert short == "I'd like to get back to my walking group on Thursdays"
    no_commas = "walking " * 40
    cut = shorten(no_commas)
    assert cut.endswith("…") and cut[:-1].split()[-1] == "walking"


@pytest.mark.parametrize(("text", "count", "picked"), [
    ("3", 4, 3),
    ("option two please", 4, 2),
    ("the third one sounds ok", 4, 3),
    ("last", 3, 3),
    ("4. hang on, no, 2 - the other is too far", 5, 2),
    ("idea 2 is rubbish. what else is there", 3, None),
    ("1 or 3 maybe", 4, None),
    ("10 minutes walking", 4, None),
    ("7", 4, None),
])
def test_picking_from_a_numbered_list(text: str, count: int, picked: int | None) -> None:
    assert pick_number(text, count) == picked


def test_refusing_every_option_is_no_choice_and_no_idea() -> None:
    ideas = [Idea("a walk at lunch", "own"), Idea("ask a friend", "suggested")]
    for text in ("nah neither of them", "none of these really", "i don't like any of those"):
        assert refuses_all(text)
        assert choose_idea(text, ideas) is None


def test_a_question_or_rejection_at_the_choice_is_never_a_new_idea() -> None:
    ideas = [Idea("a walk at lunch", "own"), Idea("ask a friend", "suggested")]
    assert choose_idea("how would that even work?", ideas) is None
    assert choose_idea("number 2 is silly", ideas) is None
    assert choose_idea("2 - my friend is away this week lol", ideas) == ideas[1]
    assert choose_idea("swap to the pool on sundays", ideas) == Idea("swap to the pool on sundays", "own")


def test_an_idea_is_not_found_inside_a_when_clause_of_the_problem() -> None:
    problem, ideas = split_problem_and_ideas("resting feels lazy when i could be cleaning the house")
    assert ideas == [] and problem.startswith("resting feels lazy")
    problem, ideas = split_problem_and_ideas("the pool is too dear, maybe i could walk by the river")
    assert ideas == ["walk by the river"]


def test_when_keeps_the_time_of_day_when_only_the_days_change_and_back() -> None:
    assert merge_when("after breakfast", "on Tuesday and Friday") == "after breakfast on Tuesday and Friday"
    changed_time = merge_when("after breakfast on Tuesday and Friday", "at lunchtime")
    assert changed_time == "at lunchtime on Tuesday and Friday"
    both = merge_when("after breakfast on weekdays", "in the evening at the weekend")
    assert both == "in the evening at the weekend"
    assert split_when("before it gets hot on Monday") == ("before it gets hot", "on Monday")
    assert days_named("after tea on Monday, Wednesday and Friday") == 3
    assert days_named("at the weekend") == 2 and days_named("after tea") is None


def test_a_shrug_is_never_an_activity() -> None:
    for text in ("ugh whatever", "anything i guess", "who cares lol"):
        assert read_answer(text).plan.what is None
        assert not_an_activity(text)
    assert not not_an_activity("swimming")


def test_a_day_ruled_out_is_swapped_for_the_day_named() -> None:
    current = "after tea on Monday, Wednesday and Friday"
    assert swap_days(current, read_answer("oops, thursday not wednesday")) == (
        "after tea on Monday, Thursday and Friday", 3)
    assert swap_days(current, read_answer("not friday")) == ("after tea on Monday and Wednesday", 2)
    assert swap_days(current, read_answer("15 minutes not 10")) is None
    assert swap_days("after tea", read_answer("sunday not saturday")) is None


PEG_WORDS = {"pain": r"pain|hurt\w*|sore", "enjoyment": r"enjoy\w*", "activity": r"activit\w*|general"}


@pytest.mark.parametrize(("text", "named"), [
    ("sorry the pain was more like a 4", "pain"),
    ("oops enjoyment was a 7 not a 6", "enjoyment"),
    ("actually the activity one was more like 3", "activity"),
    ("6", None),  # an answer to the question on screen
    ("actually a 7", None),  # a change of mind about this question, naming no other
    ("about a 6, the pain is bad today", None),  # not a change of mind
    ("sorry, pain and enjoyment were both 5", None),  # two named: ask, don't guess
])
def test_a_change_of_mind_names_the_earlier_question_it_is_about(text: str, named: str | None) -> None:
    assert earlier_answer_named(text, PEG_WORDS) == named


def test_the_part_ruled_out_is_not_read() -> None:
    assert "6" not in without_ruled_out("oops enjoyment was a 7 not a 6")
    assert "7" in without_ruled_out("oops enjoyment was a 7 not a 6")

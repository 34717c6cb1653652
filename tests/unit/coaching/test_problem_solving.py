"""Problem-solving steps (Lorig, CDSMP) without Rasa or a database."""

from __future__ import annotations

from bot.coaching.problem_solving import (
    Idea,
    build_ideas,
    changes_problem,
    choose_idea,
    classify_review,
    has_no_ideas,
    parse_ideas,
    review_options,
    split_problem_and_ideas,
    untried_ideas,
)


def test_own_ideas_are_split_and_kept_in_their_words() -> None:
    assert parse_ideas("walk at lunch, ask my sister to come, or maybe get up earlier") == [
        "walk at lunch", "ask my sister to come", "get up earlier",
    ]
    assert parse_ideas("1. swim on sunday 2) stretch in the ad breaks") == [
        "swim on sunday", "stretch in the ad breaks",
    ]


def test_no_ideas_is_recognised() -> None:
    for text in ("no idea", "dunno", "not really", "you tell me", "i don't know, what do you suggest?"):
        assert has_no_ideas(text) and parse_ideas(text) == []
    assert not has_no_ideas("go earlier in the day")


def test_an_idea_inside_the_problem_statement_is_taken_out() -> None:
    problem, ideas = split_problem_and_ideas("I never have time after work, maybe I could walk at lunch")
    assert problem == "I never have time after work" and ideas == ["walk at lunch"]
    assert split_problem_and_ideas("too tired") == ("too tired", [])


def test_own_ideas_come_first_then_library_suggestions() -> None:
    ideas = build_ideas("no time because of work", ["walk at lunch"])
    assert ideas[0] == Idea("walk at lunch", "own")
    assert [idea.source for idea in ideas[1:]] == ["suggested"] * 3


def test_choosing_by_number_ordinal_words_or_a_new_idea() -> None:
    ideas = build_ideas("no time", ["walk at lunch", "ask my sister"])
    assert choose_idea("2", ideas) == ideas[1]
    assert choose_idea("the first one", ideas) == ideas[0]
    assert choose_idea("i'll try number 3", ideas) == ideas[2]
    assert choose_idea("asking my sister i think", ideas) == ideas[1]
    new = choose_idea("do it straight after the school run", ideas)
    assert new == Idea("do it straight after the school run", "own")
    assert choose_idea("dunno", ideas) is None


def test_restating_the_problem() -> None:
    assert changes_problem("actually the real problem is my sleep")
    assert not changes_problem("walk at lunch")


def test_review_outcomes_and_options() -> None:
    assert classify_review("it worked really well") == "worked"
    assert classify_review("sort of, did it twice") == "partly"
    assert classify_review("nope didn't happen") == "not_worked"
    assert classify_review("hmm") is None
    assert review_options("worked", 2) == ["keep_going"]
    assert review_options("not_worked", 1) == ["next_idea", "other_resources", "accept"]
    assert review_options("partly", 0) == ["other_resources", "accept"]


def test_untried_ideas() -> None:
    ideas = [{"text": "a", "source": "own"}, {"text": "b", "source": "suggested"}]
    assert untried_ideas(ideas, ["A"]) == [Idea("b", "suggested")]

"""The check every form validator runs first (bot.coaching.digressions)."""

from __future__ import annotations

import pytest

from bot.coaching.digressions import judge_answer, reads_as_question_or_command


def ranked(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


FALLBACK = ranked(("nlu_fallback", 0.4), ("inform", 0.3), ("ask_education", 0.12))


@pytest.mark.parametrize("text", [
    "gardening",
    "walking the dog, gardening, sitting at my desk",
    "10 minutes each time",
    "actually Mon Wed Fri",
    "after dinner when the kids are in bed",
    "not sure really, last time i did an hour and was in bed for 2 days after lol",
    "when I get home from work",
    "my husband",
    "7",
])
def test_answers_are_answers(text: str) -> None:
    assert judge_answer(text, FALLBACK).kind == "answer"


def test_a_question_the_classifier_ranked_second_is_answered_not_stored() -> None:
    verdict = judge_answer("why does it still hurt if the scan was clear?",
                           ranked(("nlu_fallback", 0.4), ("ask_education", 0.35), ("inform", 0.2)))
    assert (verdict.kind, verdict.intent) == ("digression", "ask_education")


def test_a_confident_inform_that_reads_as_a_question_is_not_stored() -> None:
    verdict = judge_answer("number 1 makes no sense lol. what about the money thing tho",
                           ranked(("inform", 0.86), ("problem_solve", 0.08)))
    assert not verdict.is_answer
    assert verdict.kind == "ask_first"


def test_a_flare_ranked_close_behind_an_answer_is_checked_before_storing() -> None:
    verdict = judge_answer("ugh I'm in a really bad flare right now",
                           ranked(("inform", 0.58), ("report_flare", 0.52)))
    assert (verdict.kind, verdict.intent) == ("ask_first", "report_flare")


@pytest.mark.parametrize("text", ["no, none of those", "skip", "what can you do", "this is fucking useless",
                                  "rather not say"])
def test_refusals_are_never_values(text: str) -> None:
    assert judge_answer(text, ranked(("inform", 0.9))).kind == "refusal"


@pytest.mark.parametrize("text", ["I don't know", "not sure", "dunno tbh", "idk", "you pick"])
def test_dont_know_gets_help(text: str) -> None:
    assert judge_answer(text, FALLBACK).kind == "unsure"


def test_skip_only_where_skipping_is_allowed() -> None:
    assert judge_answer("skip", FALLBACK, skippable=True).kind == "skip"
    assert judge_answer("skip", FALLBACK).kind == "refusal"


@pytest.mark.parametrize("text", ["can you show me my plans", "show me my plan", "tell me about pacing",
                                  "how long should I rest", "so why does it hurt", "could u explain that"])
def test_questions_and_commands(text: str) -> None:
    assert reads_as_question_or_command(text)


def test_flat_low_confidences_do_not_make_an_answer_a_digression() -> None:
    flat = ranked(("nlu_fallback", 0.4), ("inform", 0.39), ("express_distress", 0.36))
    assert judge_answer("getting out in the garden with my grandkids", flat).is_answer


def test_a_button_payload_is_the_answer() -> None:
    assert judge_answer("/affirm", ranked(("affirm", 1.0))).is_answer


def _ranked(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_distress_naming_a_barrier_answers_a_feelings_question() -> None:
    ranking = _ranked(("express_distress", 0.8), ("inform", 0.1))
    text = "I feel so selfish taking time for myself"
    assert judge_answer(text, ranking, feelings_answer=True).kind == "answer"
    # anywhere else it is still distress, never a value
    assert judge_answer(text, ranking).kind == "digression"


def test_distress_without_a_barrier_is_helped_first_even_at_a_feelings_question() -> None:
    verdict = judge_answer("i just feel awful", _ranked(("express_distress", 0.8)), feelings_answer=True)
    assert (verdict.kind, verdict.intent) == ("digression", "express_distress")

"""The barrier library: detection in the person's own words and idea suggestions."""

from __future__ import annotations

import pytest

from bot.coaching.barriers import BARRIERS, BY_KEY, GENERAL_IDEAS, detect_barriers, suggest_ideas

SEED_BARRIERS = {"time", "money", "motivation", "distress", "pain", "unsupportive_people",
                 "pleasure_indulgent", "fatigue", "sleep"}
# Added from what free-typing patients named (issue 14): being on your own, and boom and bust.
LISTENED_BARRIERS = {"loneliness", "boom_bust"}


def test_every_barrier_from_the_seeds_has_at_least_three_ideas() -> None:
    assert {barrier.key for barrier in BARRIERS} == SEED_BARRIERS | LISTENED_BARRIERS
    assert all(len(barrier.ideas) >= 3 for barrier in BARRIERS)


@pytest.mark.parametrize(("text", "key"), [
    ("i just never have time with work and the kids", "time"),
    ("the pool costs too much, i cant afford it", "money"),
    ("i cant be bothered lately", "motivation"),
    ("been so anxious i cant face going out", "distress"),
    ("my back was too sore", "pain"),
    ("my husband doesnt understand why i need to rest", "unsupportive_people"),
    ("it feels selfish going to my craft group", "pleasure_indulgent"),
    ("im knackered by 3pm every day", "fatigue"),
    ("i slept terribly all week", "sleep"),
    ("theres nobody to go with since my brother moved", "loneliness"),
    ("every good day i overdo it and then im flat for a week", "boom_bust"),
])
def test_detects_each_barrier(text: str, key: str) -> None:
    assert key in detect_barriers(text)


def test_barriers_come_back_in_the_order_they_are_named() -> None:
    assert detect_barriers("i'm exhausted and also short of money")[:2] == ["fatigue", "money"]


def test_nothing_detected_in_an_unrelated_problem() -> None:
    assert detect_barriers("the bus timetable changed") == []


def test_suggestions_mix_two_barriers_and_skip_the_persons_own_ideas() -> None:
    ideas = suggest_ideas("no time and i sleep badly", limit=4)
    assert ideas[0] == BY_KEY["time"].ideas[0] and ideas[1] == BY_KEY["sleep"].ideas[0]
    own = [BY_KEY["time"].ideas[0].upper()]
    assert BY_KEY["time"].ideas[0] not in suggest_ideas("no time", exclude=own)


def test_general_ideas_when_no_barrier_is_recognised() -> None:
    assert suggest_ideas("the bus timetable changed", limit=2) == list(GENERAL_IDEAS[:2])

"""Listening: barriers and feelings named inside an answer."""

from __future__ import annotations

import pytest

from bot.coaching.listening import GENERAL_KEY, barriers_heard, first_cue, hear


@pytest.mark.parametrize(("text", "key", "barrier"), [
    ("my husband died in march and i havent been out much", "grief", "distress"),
    ("been feeling really down lately", "low_mood", "distress"),
    ("its boring going by myself", "loneliness", "loneliness"),
    ("i overdid it on saturday and paid for it all week", "boom_bust", "boom_bust"),
    ("feels selfish taking an hour for me", "guilt", "pleasure_indulgent"),
    ("squatting down to the low shelf is the worst", "body_position", "pain"),
    ("work is flat out this month", GENERAL_KEY, "time"),
])
def test_each_cue_is_heard(text: str, key: str, barrier: str) -> None:
    cue = first_cue(text)
    assert cue is not None and (cue.key, cue.barrier) == (key, barrier)


def test_plain_answers_are_not_mistaken_for_cues() -> None:
    for text in ("walk to the shop, 10 minutes", "8", "after breakfast on weekdays", "did it all"):
        assert hear(text) == []


def test_pain_alone_gets_no_general_line() -> None:
    assert hear("my back was sore") == []


def test_barriers_heard_feed_the_barrier_library() -> None:
    assert barriers_heard("nobody to go with and money is tight") == ["loneliness", "money"]


def test_grief_is_heard_only_for_a_person() -> None:
    assert first_cue("since Margaret passed i hardly go out").key == "grief"
    assert hear("the sharp bit passed by lunch") == []
    assert hear("i passed my driving test") == []

"""extract_name (bot/coaching/names.py): the reply to "What would you like me to call you?"."""

from __future__ import annotations

import pytest

from bot.coaching.names import MAX_NAME_LENGTH, extract_name

NAMES = [
    ("Sarah", "Sarah"),
    ("sarah", "Sarah"),
    ("im sarah", "Sarah"),
    ("I'm Sarah", "Sarah"),
    ("I\u2019m Sarah", "Sarah"),
    ("it\u2019s aroha", "Aroha"),
    ("my name\u2019s Jo", "Jo"),
    ("call me Mike!", "Mike"),
    ("you can call me mike", "Mike"),
    ("its aroha thanks", "Aroha"),
    ("my name is Mary-Jane", "Mary-Jane"),
    ("mary-jane", "Mary-Jane"),
    ("o'brien", "O'Brien"),
    ("O\u2019Brien", "O'Brien"),
    ("Jo", "Jo"),
    ("Jo Smith", "Jo Smith"),
    ("kia ora, I'm Hemi", "Hemi"),
    ("hi its Tui", "Tui"),
    ("I go by Bex", "Bex"),
    ("Ngaio.", "Ngaio"),
    ("José", "José"),
    ("this is Priya", "Priya"),
]


@pytest.mark.parametrize(("reply", "name"), NAMES)
def test_extracts_the_name(reply: str, name: str) -> None:
    assert extract_name(reply) == name


NOT_NAMES = [
    "",
    "   ",
    "yes",
    "Yes.",
    "no",
    "ok",
    "nope",
    "hello",
    "hi!",
    "why",
    "idk",
    "fine thanks",
    "I don't want to say",
    "what do you need it for",
    "why do you need that?",
    "none of your business",
    "2",
    "sarah2",
    "mike 2",
    "/affirm",
    '/inform{"plan_option":"0"}',
    "😀",
    "John Paul George Ringo",
    "my name is Sarah and I have had back pain for about ten years now",
    "I'd rather not give my name if that's okay with you",
    "I've had a really bad week with my back and I'm not sleeping",
    "sarah@example.com",
    "x" * (MAX_NAME_LENGTH + 1),
    # Not names: the real world replies with these to "what should I call you?".
    pytest.param("not sure"),
    pytest.param("i'm not sure"),
    pytest.param("nah"),
    pytest.param("what for"),
    pytest.param("who are you"),
    pytest.param("my back hurts"),
    pytest.param("i'm in pain"),
]


@pytest.mark.parametrize("reply", NOT_NAMES)
def test_returns_none_for_replies_that_are_not_names(reply: str) -> None:
    assert extract_name(reply) is None


def test_none_input_is_not_a_name() -> None:
    assert extract_name(None) is None  # type: ignore[arg-type]


def test_result_is_never_longer_than_the_limit() -> None:
    name = "A" * MAX_NAME_LENGTH
    assert extract_name(name) == name
    assert extract_name("call me " + name) == name

"""Rendering one conversation in each channel's idiom."""

from __future__ import annotations

import pytest

from bot.channels import render
from bot.channels.render import Option

YES_NO = [Option("Yes, that's OK", "/affirm"), Option("No thanks", "/deny")]


def test_short_text_is_one_part() -> None:
    assert render.split_text("  Hello there.  ", 50) == ["Hello there."]
    assert render.split_text("", 50) == []


def test_long_text_splits_between_sentences_and_keeps_every_word() -> None:
    text = ("Pacing means doing a bit less than your pain allows. " * 6).strip()
    parts = render.split_text(text, 120)
    assert all(len(part) <= 120 for part in parts)
    assert all(part.endswith(".") for part in parts)  # never inside a sentence here
    assert " ".join(parts).split() == text.split()


def test_paragraphs_break_first_and_long_sentences_at_words() -> None:
    text = "First paragraph is short.\n\n" + "word " * 60
    parts = render.split_text(text, 100)
    assert parts[0].startswith("First paragraph is short.")
    assert all(len(part) <= 100 for part in parts)
    assert all(not part.startswith(" ") and not part.endswith(" ") for part in parts)
    assert sum(part.count("word") for part in parts) == 60


def test_a_word_longer_than_the_limit_is_cut() -> None:
    parts = render.split_text("see " + "x" * 70, 30)
    assert all(len(part) <= 30 for part in parts)
    assert "".join(parts).replace(" ", "") == "see" + "x" * 70


def test_limit_must_be_usable() -> None:
    with pytest.raises(ValueError):
        render.split_text("hello", 5)


def test_numbered_options() -> None:
    text = render.numbered_options_text("Is that OK?", YES_NO)
    assert text == (
        "Is that OK?\n\n1. Yes, that's OK\n2. No thanks\nReply with a number, or in your own words."
    )


@pytest.mark.parametrize(
    ("reply", "payload"),
    [("1", "/affirm"), (" 2 ", "/deny"), ("2.", "/deny"), ("option 1", "/affirm"), ("#2", "/deny"),
     ("no thanks", "/deny"), ("3", None), ("0", None), ("1 day", None), ("yes", None)],
)
def test_a_reply_chooses_an_option(reply: str, payload: str | None) -> None:
    chosen = render.chosen_option(reply, YES_NO)
    assert (chosen.payload if chosen else None) == payload


def test_no_options_nothing_chosen() -> None:
    assert render.chosen_option("1", []) is None


def test_inline_keyboard_rows() -> None:
    short = [Option("2 days", "2 days"), Option("3 days", "3 days"), Option("4 days", "4 days"),
             Option("Every day", "every day")]
    assert render.inline_keyboard(short) == {
        "inline_keyboard": [
            [{"text": "2 days", "callback_data": "2 days"}, {"text": "3 days", "callback_data": "3 days"},
             {"text": "4 days", "callback_data": "4 days"}],
            [{"text": "Every day", "callback_data": "every day"}],
        ]
    }
    assert render.inline_keyboard(YES_NO) == {
        "inline_keyboard": [
            [{"text": "Yes, that's OK", "callback_data": "/affirm"}],
            [{"text": "No thanks", "callback_data": "/deny"}],
        ]
    }
    assert render.inline_keyboard([]) is None


def test_long_payloads_travel_as_an_index() -> None:
    long = Option("Keep it", '/inform{"plan_option": "keep", "note": "' + "x" * 80 + '"}')
    keyboard = render.inline_keyboard([YES_NO[0], long])
    assert keyboard["inline_keyboard"][1][0]["callback_data"] == "#1"
    assert render.callback_payload("#1", [YES_NO[0], long]) == long.payload
    assert render.callback_payload("/affirm", []) == "/affirm"
    assert render.callback_payload("#5", [YES_NO[0]]) is None


def test_options_from_rasa_buttons() -> None:
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "", "payload": "/x"}, {"title": "Maybe"}]
    assert render.options_from_buttons(buttons) == [Option("Yes", "/affirm"), Option("Maybe", "Maybe")]

"""Reading which way a patient wants their check-ins (bot/coaching/checkin_channels.py)."""

from __future__ import annotations

import pytest

from bot.coaching.checkin_channels import named_channel


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("pls do my checkins by txt msg", "sms"),
        ("SMS would suit me better", "sms"),
        ("ring... i mean text my mobile number", "sms"),
        ("Telegram is where i am all day", "telegram"),
        ("teligram plz", "telegram"),
        ("check ins on the website please", "web"),
        ("i'd prefer the web chat on my laptop", "web"),
        ("right here suits me fine", "here"),
        ("this chat is best for me", "here"),
        # the channel being left does not count
        ("use telegram rather than texting", "telegram"),
        ("dont send them by text any more, the website is better", "web"),
        ("not here, telegram", "telegram"),
        ("stop the sms ones and do them here", "here"),
        ("i want them on telegram", "telegram"),  # "want" is no negation
    ],
)
def test_the_channel_named_is_the_one_wanted(text: str, channel: str) -> None:
    assert named_channel(text) == channel


@pytest.mark.parametrize(
    "text",
    ["can i change where the check ins go", "telegram or text, whichever", "whatever is easiest",
     "i never read my texts", ""],
)
def test_no_single_channel_is_no_answer(text: str) -> None:
    assert named_channel(text) is None

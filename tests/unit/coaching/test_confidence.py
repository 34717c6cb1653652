"""Tests for bot.coaching.confidence (0-10 confidence, Lorig's below-7 rule)."""

from __future__ import annotations

import pytest

from bot.coaching.confidence import CONFIDENCE_THRESHOLD, needs_revision, parse_score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        ("seven", 7),
        ("Seven.", 7),
        ("7/10", 7),
        ("7 / 10", 7),
        ("7 out of 10", 7),
        ("nine out of ten", 9),
        ("10/10!!", 10),
        ("about a 6", 6),
        ("maybe 8?", 8),
        ("a solid 9", 9),
        ("ten", 10),
        ("0", 0),
        ("zero", 0),
        ("eight ish", 8),
        ("7ish", 7),
        # Two numbers: the lower one (torn between 6 and 7 is not yet 7).
        ("6 or 7", 6),
        ("6-7", 6),
        ("between 6 and 7", 6),
        ("Id say 7 or 8 out of 10", 7),
        ("8, maybe 7", 7),
        # Halves round down.
        ("5.5", 5),
        ("7.5/10", 7),
        # The scale itself and stray numbers are not the answer.
        ("on a scale of 1 to 10 I'd say 8", 8),
        ("this one is hard, 8", 8),
        ("I've had pain for 15 years but 8", 8),
        ("hmm... honestly about a four", 4),
        # No usable score.
        ("15", None),
        ("11", None),
        ("100%", None),
        ("70%", None),
        ("70 percent", None),
        ("-3", None),
        ("pretty confident", None),
        ("not sure", None),
        ("", None),
    ],
)
def test_parse_score(text: str, expected: int | None) -> None:
    assert parse_score(text) == expected


def test_threshold_is_lorigs_seven() -> None:
    assert CONFIDENCE_THRESHOLD == 7


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [(0, True), (5, True), (6, True), (7, False), (8, False), (10, False)],
)
def test_needs_revision(confidence: int, expected: bool) -> None:
    assert needs_revision(confidence) is expected


@pytest.mark.parametrize(("text", "expected"), [("6 or 7", True), ("7 out of 10", False)])
def test_parse_then_revise(text: str, expected: bool) -> None:
    score = parse_score(text)
    assert score is not None
    assert needs_revision(score) is expected

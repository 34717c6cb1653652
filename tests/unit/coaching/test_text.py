"""Tests for the shared text helpers in bot.coaching._text."""

from __future__ import annotations

import pytest

from bot.coaching._text import fmt_number, nice_floor, normalise, to_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Evry Day", "every day"),
        ("everyday", "every day"),
        ("after brekkie", "after breakfast"),
        ("in the arvo", "in the afternoon"),
        ("I\u2019d like", "i'd like"),
        ("3x/wk", "3x a week"),
        ("walk  &   swim", "walk and swim"),
        ("b4 bed", "before bed"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("5", 5.0),
        ("1.5", 1.5),
        ("5,000", 5000.0),
        ("ten", 10.0),
        ("fourteen", 14.0),
        ("twenty-five", 25.0),
        ("twenty five", 25.0),
        ("thirty", 30.0),
        ("zero", 0.0),
        ("lots", None),
        ("", None),
    ],
)
def test_to_number(token: str, expected: float | None) -> None:
    assert to_number(token) == expected


@pytest.mark.parametrize(("value", "expected"), [(10.0, "10"), (1.5, "1.5"), (0.25, "0.25")])
def test_fmt_number(value: float, expected: str) -> None:
    assert fmt_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7.5, 7),
        (12.5, 12),
        (22.5, 20),
        (37.5, 35),
        (67.5, 65),
        (150, 150),
        (2500, 2500),
        (3333, 3000),
    ],
)
def test_nice_floor(value: float, expected: int) -> None:
    assert nice_floor(value) == expected
    assert nice_floor(value) <= value

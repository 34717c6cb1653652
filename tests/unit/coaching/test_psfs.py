"""Tests for bot.coaching.psfs (Patient-Specific Functional Scale, Stratford 1995)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.coaching.psfs import (
    MAX_ACTIVITIES,
    PsfsRating,
    change,
    describe_scores,
    parse_activities,
)

R = PsfsRating


def test_max_activities_is_three() -> None:
    assert MAX_ACTIVITIES == 3


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [(4, 6, 2), (6, 4, -2), (5, 5, 0), (0, 10, 10), (10, 0, -10)],
)
def test_change(first: int, latest: int, expected: int) -> None:
    assert change(first, latest) == expected


@pytest.mark.parametrize(("first", "latest"), [(-1, 5), (5, 11)])
def test_change_refuses_scores_off_the_scale(first: int, latest: int) -> None:
    with pytest.raises(ValueError):
        change(first, latest)


@pytest.mark.parametrize("score", [-1, 11])
def test_rating_refuses_scores_off_the_scale(score: int) -> None:
    with pytest.raises(ValueError):
        R("gardening", score, datetime(2024, 3, 3))


def test_rating_refuses_non_int_score() -> None:
    with pytest.raises(TypeError):
        R("gardening", 5.5, datetime(2024, 3, 3))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], []),
        (
            [R("gardening", 4, datetime(2024, 3, 3)), R("gardening", 6, datetime(2024, 4, 1))],
            ["gardening: 6/10 (up 2 since 3 Mar)"],
        ),
        (
            [R("walking", 5, datetime(2024, 3, 3, 9)), R("walking", 4, datetime(2024, 3, 17))],
            ["walking: 4/10 (down 1 since 3 Mar)"],
        ),
        (
            [R("sleep", 3, datetime(2024, 6, 1)), R("sleep", 3, datetime(2024, 6, 8))],
            ["sleep: 3/10 (no change since 1 Jun)"],
        ),
        ([R("golf", 2, datetime(2024, 4, 1))], ["golf: 2/10 (first rating, 1 Apr)"]),
        # First rating in another year: show the year.
        (
            [R("sleep", 2, datetime(2023, 12, 30)), R("sleep", 5, datetime(2024, 1, 5))],
            ["sleep: 5/10 (up 3 since 30 Dec 2023)"],
        ),
        # Out of time order, mixed case and spacing: grouped, latest by date.
        (
            [
                R("gardening", 7, datetime(2024, 5, 1)),
                R("Walking the dog", 5, datetime(2024, 3, 3)),
                R("Gardening ", 4, datetime(2024, 3, 3)),
                R("walking  the dog", 4, datetime(2024, 4, 1)),
                R("gardening", 6, datetime(2024, 4, 1)),
            ],
            [
                "gardening: 7/10 (up 3 since 3 Mar)",
                "Walking the dog: 4/10 (down 1 since 3 Mar)",
            ],
        ),
        # No dates (a stored first/latest pair): list order is time order.
        (
            [R("gardening", 4, None), R("gardening", 6, None)],
            ["gardening: 6/10 (up 2 since first rating)"],
        ),
        ([R("golf", 2, None)], ["golf: 2/10 (first rating)"]),
        (
            [
                R("sleep", 5, None),
                R("sleep", 5, None),
                R("walking", 7, None),
                R("walking", 3, None),
            ],
            [
                "sleep: 5/10 (no change since first rating)",
                "walking: 3/10 (down 4 since first rating)",
            ],
        ),
    ],
)
def test_describe_scores(ratings: list[PsfsRating], expected: list[str]) -> None:
    assert describe_scores(ratings) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "gardening, walking the dog and playing with my grandkids",
            ["gardening", "walking the dog", "playing with my grandkids"],
        ),
        ("I'd like to be able to garden again", ["garden"]),
        ("i want to be able to pick up my grandson", ["pick up my grandson"]),
        (
            (
                "I can't sit for long, I miss walking the dog & I struggle with getting in and "
                "out of the car"
            ),
            ["sit for long", "walking the dog", "getting in and out of the car"],
        ),
        (
            "1. Vacuuming\n2. Carrying shopping\n3. Sleeping through the night\n4. Golf",
            ["vacuuming", "carrying shopping", "sleeping through the night"],
        ),
        ("- cooking\n- cleaning", ["cooking", "cleaning"]),
        ("walk to the letterbox and back", ["walk to the letterbox and back"]),
        ("up and down stairs; hanging out washing", ["up and down stairs", "hanging out washing"]),
        ("I used to love dancing", ["dancing"]),
        ("Lifting, bending and twisting", ["lifting", "bending", "twisting"]),
        ("Playing golf with Dave and Tom", ["playing golf with Dave and Tom"]),
        ("gardening, gardening, Gardening", ["gardening"]),
        ("I miss being able to play the piano", ["play the piano"]),
        ("getting back to work", ["work"]),
        ("cooking & cleaning / shopping", ["cooking", "cleaning", "shopping"]),
        ("NZ rugby games", ["NZ rugby games"]),
        ("", []),
        ("   ,  and ", []),
    ],
)
def test_parse_activities(text: str, expected: list[str]) -> None:
    assert parse_activities(text) == expected


def test_parse_activities_keeps_at_most_three() -> None:
    out = parse_activities("walking, sitting, standing, sleeping, driving")
    assert out == ["walking", "sitting", "standing"]
    assert len(out) == MAX_ACTIVITIES

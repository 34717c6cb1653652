"""Tests for bot.coaching.pacing (graded activity: small steps, start low)."""

from __future__ import annotations

import pytest

from bot.coaching.action_plan import PlanDraft, amount_quantity
from bot.coaching.pacing import BIG_JUMP, HIGH_START, PacingAdvice, pacing_advice

P = PlanDraft


def _dose(plan: PlanDraft) -> float:
    q = amount_quantity(plan.how_much)
    assert q is not None
    return q[0] * (plan.days_per_week or 1)


@pytest.mark.parametrize(
    ("plan", "previous", "expected"),
    [
        # Within ~10% (or +5 minutes a week): fine.
        (P("walk", "11 minutes", None, 3), P("walk", "10 minutes", None, 3), None),
        (P("walk", "10 minutes", None, 3), P("walk", "10 minutes", None, 3), None),
        (P("walk", "5 minutes", None, 3), P("walk", "10 minutes", None, 3), None),
        (P("walk", "33 minutes", None, 5), P("walk", "30 minutes", None, 5), None),
        (P("swim", "11 laps", None, 2), P("swim", "10 laps", None, 2), None),
        # Big jumps: suggestion is about previous x 1.1.
        (  # 3 x 12 = 36 minutes is just over 30 + 5
            P("walk", "12 minutes", None, 3),
            P("walk", "10 minutes", None, 3),
            P("walk", "11 minutes", None, 3),
        ),
        (
            P("walk", "20 minutes", "after lunch", 3),
            P("walk", "10 minutes", "after lunch", 3),
            P("walk", "11 minutes", "after lunch", 3),
        ),
        (
            P("walk", "40 minutes", None, 2),
            P("walk", "10 minutes", None, 3),
            P("walk", "17 minutes", None, 2),
        ),
        (
            P("walk", "15 minutes", None, 7),
            P("walk", "20 minutes", None, 3),
            P("walk", "15 minutes", None, 4),
        ),
        (
            P("walk", "60 minutes", None, 5),
            P("walk", "30 minutes", None, 5),
            P("walk", "33 minutes", None, 5),
        ),
        (
            P("swim", "20 laps", None, 2),
            P("swim", "10 laps", None, 2),
            P("swim", "11 laps", None, 2),
        ),
        (P("walk", "3 km", None, 3), P("walk", "2 km", None, 3), P("walk", "2.2 km", None, 3)),
        (
            P("walk", "10000 steps", None, 7),
            P("walk", "5000 steps", None, 7),
            P("walk", "5500 steps", None, 7),
        ),
        # Hours in the text still compare as minutes.
        (
            P("walk", "1 hour", None, 3),
            P("walk", "30 minutes", None, 3),
            P("walk", "33 minutes", None, 3),
        ),
    ],
)
def test_big_jump(plan: PlanDraft, previous: PlanDraft, expected: PlanDraft | None) -> None:
    advice = pacing_advice(plan, previous)
    if expected is None:
        assert advice is None
    else:
        assert advice == PacingAdvice(reason=BIG_JUMP, suggested=expected)


@pytest.mark.parametrize(
    ("plan", "previous"),
    [
        (P("walk", "20 minutes", None, 3), P("walk", "10 minutes", None, 3)),
        (P("walk", "15 minutes", None, 7), P("walk", "20 minutes", None, 3)),
        (P("walk", "40 minutes", None, 2), P("walk", "10 minutes", None, 3)),
        (P("walk", "90 minutes", None, 6), P("walk", "10 minutes", None, 1)),
        (P("swim", "40 laps", None, 4), P("swim", "8 laps", None, 2)),
    ],
)
def test_big_jump_suggestion_is_a_small_step_up(plan: PlanDraft, previous: PlanDraft) -> None:
    advice = pacing_advice(plan, previous)
    assert advice is not None and advice.reason == BIG_JUMP
    suggested = advice.suggested
    # Never below last week, never above ~10% (or +5 min) more, never bigger than asked.
    limit = max(_dose(previous) * 1.1, _dose(previous) + 5)
    assert _dose(previous) <= _dose(suggested) <= limit
    assert (suggested.days_per_week or 0) <= (plan.days_per_week or 0)
    assert amount_quantity(suggested.how_much)[0] <= amount_quantity(plan.how_much)[0]  # type: ignore[index]
    # The suggestion itself passes the check.
    assert pacing_advice(suggested, previous) is None


@pytest.mark.parametrize(
    ("plan", "previous"),
    [
        (P("walk", "2 km", None, 3), P("walk", "10 minutes", None, 3)),
        (P("walk", "a bit", None, 3), P("walk", "10 minutes", None, 3)),
        (P("walk", "20 minutes", None, 3), P("walk", "a bit", None, 3)),
        (P("walk", "20 minutes", None, 3), P("walk", None, None, 3)),
    ],
)
def test_previous_not_comparable_gives_none(plan: PlanDraft, previous: PlanDraft) -> None:
    assert pacing_advice(plan, previous) is None


def test_missing_days_taken_as_unchanged() -> None:
    advice = pacing_advice(P("walk", "20 minutes"), P("walk", "10 minutes", None, 2))
    assert advice is not None
    assert advice.suggested == P("walk", "12 minutes", None, 2)  # 2 x 10 -> limit 25


@pytest.mark.parametrize(
    ("plan", "ability", "expected"),
    [
        # Ambitious first plans.
        (P("walk", "30 minutes", None, 5), None, P("walk", "20 minutes", None, 5)),
        (P("walk", "60 minutes", None, 3), None, P("walk", "40 minutes", None, 3)),
        (P("walk", "50 minutes", None, 3), None, P("walk", "30 minutes", None, 3)),
        (P("walk", "150 minutes", None, None), None, P("walk", "100 minutes", None, None)),
        (P("walk", "20 minutes", None, 3), 2, P("walk", "13 minutes", None, 3)),
        (P("walk", "20 minutes", None, 3), 3, P("walk", "13 minutes", None, 3)),
        # Fine to start with.
        (P("walk", "20 minutes", None, 3), 4, None),
        (P("walk", "20 minutes", None, 3), None, None),
        (P("walk", "25 minutes", None, 4), None, None),
        (P("walk", "29 minutes", None, 5), None, None),
        (P("walk", "30 minutes", None, 4), None, None),
        (P("walk", "19 minutes", None, 3), 1, None),
        # Not a time: can't judge a start.
        (P("walk", "2 km", None, 7), None, None),
        (P("walk", "5000 steps", None, 7), 1, None),
        (P("walk", None, None, 7), None, None),
    ],
)
def test_high_start(plan: PlanDraft, ability: int | None, expected: PlanDraft | None) -> None:
    advice = pacing_advice(plan, None, ability)
    if expected is None:
        assert advice is None
    else:
        assert advice == PacingAdvice(reason=HIGH_START, suggested=expected)


def test_ability_ignored_when_previous_plan_exists() -> None:
    # With history, growth rate decides, not the starting rule.
    assert (
        pacing_advice(P("walk", "22 minutes", None, 3), P("walk", "20 minutes", None, 3), 1) is None
    )

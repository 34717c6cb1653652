"""Pacing checks for a new weekly plan (graded activity).

Graded activity and pacing for persistent pain: start *below* current
tolerance and build up in small, planned steps (around 10% a week), set by
the plan rather than by how the day feels. Doing a lot on a good day and
paying for it afterwards ("boom and bust") is the pattern this avoids.

The check compares weekly doses: minutes per session x days per week when
the amount is a time, or the same non-time unit (laps, km, steps) against the
previous week. It only *suggests*; the person decides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from bot.coaching._text import fmt_number, nice_floor
from bot.coaching.action_plan import (
    MIN_MINUTES,
    PlanDraft,
    amount_quantity,
    format_quantity,
    minutes_per_session,
)

__all__ = ["BIG_JUMP", "HIGH_START", "PacingAdvice", "pacing_advice"]

BIG_JUMP = "big_jump"
HIGH_START = "high_start"

#: Weekly growth we treat as a small step (graded activity: about 10% a week).
WEEKLY_INCREASE = 0.10
#: Extra weekly minutes always allowed, so 10 -> 11 minutes doesn't nag.
MINUTES_MARGIN = 5
#: A first plan at or above these looks like a boom day, not a starting point.
HIGH_SESSION_MINUTES = 30
HIGH_SESSION_DAYS = 5
HIGH_WEEKLY_MINUTES = 150
#: With a PSFS ability this low, a 20-minute session is likely above tolerance.
LOW_ABILITY = 3
LOW_ABILITY_SESSION_MINUTES = 20
#: Start at about two-thirds of what the person first proposes.
START_FRACTION = 2 / 3


@dataclass(frozen=True)
class PacingAdvice:
    """Why a plan looks too big, and a smaller plan to offer instead."""

    reason: str
    suggested: PlanDraft


def _floor_unit(value: float, unit: str) -> float:
    """Round a per-session amount down to something a person would plan."""
    if unit in ("km", "mile"):
        return math.floor(value * 10) / 10
    if unit == "step" and value >= 1000:
        return float(math.floor(value / 100) * 100)
    return float(math.floor(value))


def _amount_text(value: float, unit: str) -> str:
    if unit == "time":
        return f"{fmt_number(value)} times"
    return format_quantity(value, unit) or f"{fmt_number(value)} {unit}"


def _grow_from(
    plan: PlanDraft,
    previous_value: float,
    previous_days: int,
    value: float,
    unit: str,
    limit: float,
) -> PlanDraft:
    """The plan closest to the person's own that fits inside the weekly limit.

    Keeps as many of their chosen days as possible; per session never goes
    above what they proposed, nor below the smaller of their and last week's
    session, and the week never drops below last week's dose.
    """
    plan_days = plan.days_per_week or previous_days
    previous_dose = previous_value * previous_days
    min_session = min(previous_value, value)
    for days in range(plan_days, 0, -1):
        per = min(value, _floor_unit(limit / days, unit))
        if per >= min_session and per * days >= previous_dose and per > 0:
            return replace(plan, how_much=_amount_text(per, unit), days_per_week=days)
    per = _floor_unit(limit / previous_days, unit)
    return replace(plan, how_much=_amount_text(per, unit), days_per_week=previous_days)


def pacing_advice(
    plan: PlanDraft, previous: PlanDraft | None = None, ability: int | None = None
) -> PacingAdvice | None:
    """Advice when a plan grows too fast or starts too high, else None.

    ``previous`` is last week's plan for the same activity (the caller
    matches activities). ``ability`` is the PSFS score (0-10) for the
    activity, if known. None is also returned when the amounts can't be
    compared (different units, or no number in the amount).
    """
    q = amount_quantity(plan.how_much)
    if q is None:
        return None
    value, unit = q
    if previous is not None:
        pq = amount_quantity(previous.how_much)
        if pq is None or pq[1] != unit:
            return None
        # A missing day count is taken to be unchanged from the other plan.
        days = plan.days_per_week or previous.days_per_week or 1
        previous_days = previous.days_per_week or plan.days_per_week or 1
        dose, previous_dose = value * days, pq[0] * previous_days
        margin = MINUTES_MARGIN if unit == "minute" else 0
        limit = max(previous_dose * (1 + WEEKLY_INCREASE), previous_dose + margin)
        if dose <= limit + 1e-9:
            return None
        suggested = _grow_from(plan, pq[0], previous_days, value, unit, limit)
        return PacingAdvice(reason=BIG_JUMP, suggested=suggested)

    minutes = minutes_per_session(plan)
    if minutes is None:
        return None
    days = plan.days_per_week or 1
    high = (
        (minutes >= HIGH_SESSION_MINUTES and days >= HIGH_SESSION_DAYS)
        or minutes * days >= HIGH_WEEKLY_MINUTES
        or (
            ability is not None
            and ability <= LOW_ABILITY
            and minutes >= LOW_ABILITY_SESSION_MINUTES
        )
    )
    if not high:
        return None
    smaller = max(MIN_MINUTES, nice_floor(minutes * START_FRACTION))
    if smaller >= minutes:
        return None
    suggested = replace(plan, how_much=_amount_text(smaller, "minute"))
    return PacingAdvice(reason=HIGH_START, suggested=suggested)

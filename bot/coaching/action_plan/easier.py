"""Smaller versions of a plan, for when confidence is below 7 (Lorig)."""

from __future__ import annotations

import math
from dataclasses import replace

from bot.coaching._text import fmt_number, nice_floor
from bot.coaching.action_plan.draft import PlanDraft
from bot.coaching.action_plan.how_much import RE_SETS_CANON, amount_quantity, format_quantity, parse_amount

#: Shortest session we will suggest when shrinking a plan: below ~2 minutes
#: an activity stops being a session anyone can hold on to.
MIN_MINUTES = 2


def _smaller_amount(how_much: str | None) -> str | None:
    """About half the amount, rounded down to a number people use."""
    if not how_much:
        return None
    canon = parse_amount(how_much) or how_much.strip().lower()
    m = RE_SETS_CANON.match(canon)
    if m:
        n_sets, reps = int(m.group(1)), int(m.group(2))
        if n_sets > 1:
            n_sets = max(1, nice_floor(n_sets / 2))
        elif reps > 1:
            reps = max(1, nice_floor(reps / 2))
        else:
            return None
        set_word = "set" if n_sets == 1 else "sets"
        return f"{n_sets} {set_word} of {reps} {'rep' if reps == 1 else 'reps'}"
    q = amount_quantity(canon)
    if q is None:
        return None
    value, unit = q
    if unit in ("km", "mile"):
        # Distances keep halves (1 km -> 0.5 km), or tenths below that.
        half = value / 2
        new = math.floor(half * 2) / 2 if half >= 1 else math.floor(half * 10) / 10
        floor = 0.1
    elif unit == "minute":
        new, floor = nice_floor(value / 2), MIN_MINUTES
    else:
        new, floor = nice_floor(value / 2), 1
    new = max(new, floor)
    if new >= value:
        return None
    if unit == "time":
        return f"{fmt_number(new)} times"
    return format_quantity(new, unit)


def _fewer_days(days: int | None) -> int | None:
    """Drop about a third of the days (7 -> 5, 4 -> 3, 2 -> 1), never below 1."""
    if days is None or days <= 1:
        return None
    return max(1, days - max(1, days // 3))


def make_easier(plan: PlanDraft) -> list[PlanDraft]:
    """Up to three smaller versions of a plan, for when confidence is below 7.

    Lorig's program asks people who rate confidence under 7 to make the plan
    smaller or easier rather than set themselves up to fail. We offer: about
    half the amount per session, fewer days, and both. Returns an empty list
    when the plan is already as small as it sensibly gets (1 day, 2 minutes);
    then the caller should problem-solve barriers instead.
    """
    smaller = _smaller_amount(plan.how_much)
    fewer = _fewer_days(plan.days_per_week)
    options: list[PlanDraft] = []
    if smaller is not None:
        options.append(replace(plan, how_much=smaller))
    if fewer is not None:
        options.append(replace(plan, days_per_week=fewer))
    if smaller is not None and fewer is not None:
        options.append(replace(plan, how_much=smaller, days_per_week=fewer))
    return options

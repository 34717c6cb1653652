"""A whole plan from one message: every part any parser finds, in any order."""

from __future__ import annotations

from bot.coaching._text import fmt_number, normalise
from bot.coaching.action_plan.draft import PlanDraft
from bot.coaching.action_plan.how_much import RE_FOR_N, format_quantity, scan_amount
from bot.coaching.action_plan.how_often import RE_BARE_TIMES, scan_days
from bot.coaching.action_plan.scan import Found, Scan, lower_of, number_or_none, valid_days
from bot.coaching.action_plan.what import clean_what
from bot.coaching.action_plan.when import scan_clock, scan_when, when_phrase


def _scan_all(text: str) -> tuple[Found, Scan]:
    found = Found()
    scan = Scan(normalise(text))
    scan_days(scan, found)
    scan_clock(scan, found)
    scan_amount(scan, found)
    for m in scan.take(RE_BARE_TIMES):
        value = lower_of(m.group(1) or m.group(3), m.group(2))
        days = valid_days(value)
        if days is not None:
            found.set_days(days)
        elif value is not None and found.how_much is None:
            found.how_much = f"{fmt_number(value)} times"
    if found.how_much is None:
        for m in scan.take(RE_FOR_N, lambda m: 1 <= (number_or_none(m.group(1)) or 0) <= 180):
            # "walk for 10 after lunch": a bare number after "for" is minutes.
            found.how_much = found.how_much or format_quantity(number_or_none(m.group(1)) or 0, "minute")
    scan_when(scan, found)
    return found, scan


def parse_plan(text: str) -> PlanDraft:
    """Pull whatever plan parts a free-text message holds, in any order.

    People answer "what's your plan?" with anything from a full sentence to a
    single fragment; taking every part we can see means the bot only asks
    about what is really missing.
    """
    found, scan = _scan_all(text)
    return PlanDraft(
        what=clean_what(scan.text),
        how_much=found.how_much,
        when=when_phrase(found),
        days_per_week=found.days,
    )

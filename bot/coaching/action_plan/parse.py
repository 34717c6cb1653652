"""A whole plan from one message: every part any parser finds, in any order."""

from __future__ import annotations

from bot.coaching._text import fmt_number, normalise
from bot.coaching.action_plan.draft import PlanDraft
from bot.coaching.action_plan.how_much import _RE_FOR_N, _scan_amount, format_quantity
from bot.coaching.action_plan.how_often import _RE_BARE_TIMES, _scan_days
from bot.coaching.action_plan.scan import _Found, _lower_of, _num, _Scan, _valid_days
from bot.coaching.action_plan.what import _clean_what
from bot.coaching.action_plan.when import _scan_clock, _scan_when, _when_phrase


def _scan_all(text: str) -> tuple[_Found, _Scan]:
    found = _Found()
    scan = _Scan(normalise(text))
    _scan_days(scan, found)
    _scan_clock(scan, found)
    _scan_amount(scan, found)
    for m in scan.take(_RE_BARE_TIMES):
        value = _lower_of(m.group(1) or m.group(3), m.group(2))
        days = _valid_days(value)
        if days is not None:
            found.set_days(days)
        elif value is not None and found.how_much is None:
            found.how_much = f"{fmt_number(value)} times"
    if found.how_much is None:
        for m in scan.take(_RE_FOR_N, lambda m: 1 <= (_num(m.group(1)) or 0) <= 180):
            # "walk for 10 after lunch": a bare number after "for" is minutes.
            found.how_much = found.how_much or format_quantity(_num(m.group(1)) or 0, "minute")
    _scan_when(scan, found)
    return found, scan


def parse_plan(text: str) -> PlanDraft:
    """Pull whatever plan parts a free-text message holds, in any order.

    People answer "what's your plan?" with anything from a full sentence to a
    single fragment; taking every part we can see means the bot only asks
    about what is really missing.
    """
    found, scan = _scan_all(text)
    return PlanDraft(
        what=_clean_what(scan.text),
        how_much=found.how_much,
        when=_when_phrase(found),
        days_per_week=found.days,
    )

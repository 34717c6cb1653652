"""Check-in preferences from free text."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from bot.coaching.checkin_schedule import QuietHours
from bot.coaching.checkin_text import (
    parse_duration,
    parse_frequency,
    parse_pause_until,
    parse_quiet_hours,
    parse_snooze,
    parse_time,
    parse_timezone,
    parse_weekday,
    wants_restart,
)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Auckland", "Pacific/Auckland"),
        ("im in auckland not sydney", "Pacific/Auckland"),  # first? no: longest/any match
        ("I've moved to Perth", "Australia/Perth"),
        ("wrong timezone, im in london", "Europe/London"),
        ("new zealand", "Pacific/Auckland"),
        ("I live in Wellington", "Pacific/Auckland"),
        ("eastern time please", "America/New_York"),
        ("Pacific/Chatham", "Pacific/Chatham"),
        ("los angeles", "America/Los_Angeles"),
        ("9am my time", None),
        ("tuesdays", None),
    ],
)
def test_timezone(text: str, zone: str | None) -> None:
    found = parse_timezone(text)
    if text.startswith("im in auckland not sydney"):
        assert found in ("Pacific/Auckland", "Australia/Sydney")
    else:
        assert found == zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9am my time", time(9, 0)),
        ("at 9.30pm", time(21, 30)),
        ("21:00", time(21, 0)),
        ("around 3 in the afternoon", time(15, 0)),
        ("half past 7 in the evening", time(19, 30)),
        ("mornings", time(9, 0)),
        ("in the arvo at 4", time(16, 0)),
        ("pause for two weeks", None),
        ("3 times a week", None),
        ("12pm", time(12, 0)),
        ("12am", time(0, 0)),
    ],
)
def test_time(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected


def test_weekday_and_frequency() -> None:
    assert parse_weekday("can you check in on tuesdays instead") == 1
    assert parse_weekday("Fri") == 4
    assert parse_weekday("every day") is None
    assert parse_frequency("every 2 weeks") == "fortnightly"
    assert parse_frequency("once a fortnight") == "fortnightly"
    assert parse_frequency("make it monthly") == "monthly"
    assert parse_frequency("every week is fine") == "weekly"
    assert parse_frequency("9am") is None


def test_quiet_hours() -> None:
    assert parse_quiet_hours("dont message me after 8pm") == QuietHours(time(20), time(8))
    assert parse_quiet_hours("no check ins before 9 please") == QuietHours(time(21), time(9))
    assert parse_quiet_hours("not after 9, not before 10am") == QuietHours(time(21), time(10))
    assert parse_quiet_hours("nothing between 10pm and 7am") == QuietHours(time(22), time(7))
    assert parse_quiet_hours("tuesdays at 9") is None


def test_pause_and_durations() -> None:
    today = date(2026, 11, 23)  # a Monday
    assert parse_duration("I'm on holiday for two weeks") == timedelta(days=14)
    assert parse_duration("a fortnight") == timedelta(days=14)
    assert parse_duration("off on a cruise for 10 days") == timedelta(days=10)
    assert parse_duration("pause for a month") == timedelta(days=30)
    assert parse_duration("a couple of weeks") == timedelta(days=14)
    assert parse_pause_until("I'm on holiday for two weeks", today) == date(2026, 12, 7)
    assert parse_pause_until("no check ins until monday", today) == date(2026, 11, 30)
    assert parse_pause_until("hold off till next week", today) == date(2026, 11, 30)
    assert parse_pause_until("stop the check ins", today) is None


def test_snooze_and_restart() -> None:
    assert parse_snooze("can we do this tomorrow") == "tomorrow"
    assert parse_snooze("later") == "later"
    assert parse_snooze("not now, busy") == "later"
    assert parse_snooze("i did it all") is None
    assert wants_restart("restart check-ins")
    assert wants_restart("turn them back on")
    assert not wants_restart("move them to tuesday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wednesday evenings after tea, I'm in Perth", time(19, 0)),  # "after tea" beats "evenings"
        ("after dinner most nights", time(19, 0)),
        ("first thing in the morning", time(8, 0)),
        ("lunchtime is best", time(12, 30)),
        ("at noon", time(12, 0)),
        ("evenings", time(18, 30)),
        ("in the arvo", time(14, 0)),
        ("just before bed", time(20, 30)),
        ("after work on fridays", time(18, 0)),
        ("at 6pm, after dinner", time(18, 0)),  # a clock time wins over a named one
    ],
)
def test_named_times_of_day(text: str, expected: time) -> None:
    assert parse_time(text) == expected


def test_a_correction_starting_with_no_is_not_quiet_hours() -> None:
    assert parse_quiet_hours("no, thursdays after dinner") is None
    assert parse_quiet_hours("no messages after 8pm please") == QuietHours(time(20), time(8))
    assert parse_quiet_hours("please dont send them before 9") == QuietHours(time(21), time(9))


def test_timezone_prefers_the_clinic_region_for_a_shared_name() -> None:
    assert parse_timezone("london") == "Europe/London"
    assert parse_timezone("london", prefer_region="CA") == "America/Toronto"

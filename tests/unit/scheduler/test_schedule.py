"""Schedule maths with a controlled clock: zones, DST, quiet hours, taper, pause, deferral."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bot.coaching.checkin_schedule import (
    PatientMoment,
    QuietHours,
    SchedulePrefs,
    backoff,
    deferral,
    localize,
    next_occurrence,
    occurrence,
    outside_quiet_hours,
    snooze_until,
)
from bot.store.models import utcnow

UTC = timezone.utc
AKL = ZoneInfo("Pacific/Auckland")
NYC = ZoneInfo("America/New_York")
LDN = ZoneInfo("Europe/London")


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def test_taper_is_weekly_six_times_then_fortnightly_then_monthly() -> None:
    prefs = SchedulePrefs(timezone="Pacific/Auckland", at=time(10, 0))
    anchor = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Mon 2 Mar 14:00 in Auckland
    days = [local(occurrence(prefs, anchor, n), AKL).date() for n in range(1, 13)]
    start = date(2026, 3, 2)
    gaps = [(b - a).days for a, b in zip([start] + days, days, strict=False)]
    assert gaps[:6] == [7] * 6
    assert gaps[6:9] == [14, 14, 14]
    assert all(27 <= gap <= 31 for gap in gaps[9:])  # calendar months
    assert all(local(occurrence(prefs, anchor, n), AKL).time() == time(10, 0) for n in range(1, 13))


def test_local_time_is_kept_across_new_zealand_dst_end() -> None:
    # NZDT (+13) ends on Sunday 5 April 2026 at 03:00 -> NZST (+12).
    prefs = SchedulePrefs(timezone="Pacific/Auckland", at=time(9, 30), frequency="weekly")
    anchor = datetime(2026, 3, 28, 0, 0, tzinfo=UTC)  # Sat 28 Mar, 13:00 NZDT
    before, after = occurrence(prefs, anchor, 1), occurrence(prefs, anchor, 2)
    assert local(before, AKL).replace(tzinfo=None) == datetime(2026, 4, 4, 9, 30)
    assert local(after, AKL).replace(tzinfo=None) == datetime(2026, 4, 11, 9, 30)
    assert before.utcoffset() == after.utcoffset() == timedelta(0)
    assert (after - before) == timedelta(days=7, hours=1)  # the clocks went back an hour


def test_time_skipped_by_spring_forward_moves_forward_by_the_gap() -> None:
    # US DST starts Sunday 8 March 2026: 02:00 -> 03:00; 02:30 does not exist.
    moment = localize(date(2026, 3, 8), time(2, 30), NYC)
    assert local(moment, NYC).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)


def test_repeated_time_on_fall_back_takes_the_first() -> None:
    # UK clocks go back on Sunday 25 October 2026: 01:30 happens twice.
    moment = localize(date(2026, 10, 25), time(1, 30), LDN)
    assert moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST, not 01:30 GMT


def test_quiet_hours_push_an_evening_time_to_the_next_morning() -> None:
    prefs = SchedulePrefs(timezone="Europe/London", at=time(22, 15), quiet=QuietHours(time(21), time(8)))
    due = occurrence(prefs, datetime(2026, 6, 1, 12, tzinfo=UTC), 1)
    assert local(due, LDN).replace(tzinfo=None) == datetime(2026, 6, 9, 8, 0)


def test_quiet_hours_in_the_early_morning_move_to_the_same_morning() -> None:
    prefs = SchedulePrefs(timezone="Europe/London", at=time(6, 0), quiet=QuietHours(time(21), time(8)))
    due = occurrence(prefs, datetime(2026, 6, 1, 12, tzinfo=UTC), 1)
    assert local(due, LDN).replace(tzinfo=None) == datetime(2026, 6, 8, 8, 0)


def test_daytime_quiet_window_and_no_quiet_hours() -> None:
    quiet = QuietHours(time(12), time(14))
    assert quiet.contains(time(13)) and not quiet.contains(time(14)) and not quiet.contains(time(11, 59))
    assert not QuietHours(time(9), time(9)).contains(time(9))
    prefs = SchedulePrefs(timezone="UTC", at=time(23, 0), quiet=None)
    moment = datetime(2026, 1, 1, 23, 0, tzinfo=UTC)
    assert outside_quiet_hours(moment, prefs) == moment


def test_chosen_weekday_is_kept() -> None:
    prefs = SchedulePrefs(timezone="Pacific/Auckland", at=time(18, 0), weekday=1, frequency="fortnightly")
    anchor = datetime(2026, 5, 7, 0, tzinfo=UTC)  # a Thursday
    dates = [local(occurrence(prefs, anchor, n), AKL) for n in (1, 2, 3)]
    assert [d.weekday() for d in dates] == [1, 1, 1]
    assert (dates[1] - dates[0]).days == 14


def test_monthly_clamps_to_the_end_of_short_months() -> None:
    prefs = SchedulePrefs(timezone="UTC", at=time(10), frequency="monthly", quiet=None)
    anchor = datetime(2026, 1, 31, 9, tzinfo=UTC)
    assert occurrence(prefs, anchor, 1).date() == date(2026, 2, 28)
    assert occurrence(prefs, anchor, 2).date() == date(2026, 3, 31)


def test_missed_occurrences_are_skipped_not_queued() -> None:
    prefs = SchedulePrefs(timezone="UTC", at=time(10), frequency="weekly", quiet=None)
    anchor = datetime(2026, 1, 1, 9, tzinfo=UTC)
    index, due = next_occurrence(prefs, anchor, after=datetime(2026, 2, 1, 0, tzinfo=UTC), from_index=2)
    assert due == datetime(2026, 2, 5, 10, tzinfo=UTC) and index == 5


def test_pause_skips_to_the_first_occurrence_after_it_and_resume_returns_to_the_rhythm() -> None:
    prefs = SchedulePrefs(timezone="UTC", at=time(10), frequency="weekly", quiet=None)
    anchor = datetime(2026, 1, 1, 9, tzinfo=UTC)  # Thursdays
    now = datetime(2026, 1, 3, tzinfo=UTC)
    _, paused = next_occurrence(prefs, anchor, now, paused_until=datetime(2026, 1, 20, tzinfo=UTC))
    assert paused == datetime(2026, 1, 22, 10, tzinfo=UTC)
    _, resumed = next_occurrence(prefs, anchor, now, paused_until=None)
    assert resumed == datetime(2026, 1, 8, 10, tzinfo=UTC)
    # a pause ending exactly at an occurrence lets that occurrence through
    _, edge = next_occurrence(prefs, anchor, now, paused_until=datetime(2026, 1, 15, 10, tzinfo=UTC))
    assert edge == datetime(2026, 1, 15, 10, tzinfo=UTC)


@time_machine.travel(datetime(2026, 9, 26, 20, 0, tzinfo=UTC), tick=False)  # 09:00 NZDT, DST day
def test_snooze_tomorrow_uses_the_usual_time_across_dst_start() -> None:
    # NZ DST starts Sunday 27 September 2026 at 02:00 (+12 -> +13).
    prefs = SchedulePrefs(timezone="Pacific/Auckland", at=time(10, 0))
    now = utcnow()
    assert local(now, AKL).replace(tzinfo=None) == datetime(2026, 9, 27, 9, 0)
    tomorrow = snooze_until("tomorrow", now, prefs)
    assert local(tomorrow, AKL).replace(tzinfo=None) == datetime(2026, 9, 28, 10, 0)
    later = snooze_until("later", now, prefs)
    assert later - now == timedelta(hours=3)


@time_machine.travel(datetime(2026, 7, 1, 9, 30, tzinfo=UTC), tick=False)  # 21:30 in Auckland
def test_snooze_later_in_the_evening_waits_for_the_morning() -> None:
    prefs = SchedulePrefs(timezone="Pacific/Auckland")
    later = snooze_until("later", utcnow(), prefs)
    assert local(later, AKL).replace(tzinfo=None) == datetime(2026, 7, 2, 8, 0)
    with pytest.raises(ValueError):
        snooze_until("never", utcnow(), prefs)


@time_machine.travel(datetime(2026, 4, 2, 3, 0, tzinfo=UTC), tick=False)  # 16:00 in Auckland
def test_deferral_rules() -> None:
    now = utcnow()
    prefs = SchedulePrefs(timezone="Pacific/Auckland")
    assert deferral(PatientMoment(), now, prefs) is None
    form = deferral(PatientMoment(active_loop="plan_form"), now, prefs)
    assert form.reason == "form_active" and form.until == now + timedelta(minutes=10)
    safety = deferral(PatientMoment(active_loop="safety_form"), now, prefs)
    assert safety.reason == "safety_mode"
    crisis = deferral(PatientMoment(last_crisis_at=now - timedelta(hours=23)), now, prefs)
    assert crisis.reason == "after_crisis" and crisis.until == now + timedelta(hours=1)
    assert deferral(PatientMoment(last_crisis_at=now - timedelta(hours=25)), now, prefs) is None
    recent = deferral(PatientMoment(last_user_at=now - timedelta(minutes=12)), now, prefs)
    assert recent.reason == "recent_contact" and recent.until == now + timedelta(minutes=18)
    assert deferral(PatientMoment(last_user_at=now - timedelta(minutes=31)), now, prefs) is None
    paused = deferral(PatientMoment(paused_until=now + timedelta(days=2)), now, prefs)
    assert paused.reason == "paused"
    # the longest wait wins
    both = deferral(
        PatientMoment(active_loop="plan_form", last_crisis_at=now - timedelta(hours=1)), now, prefs
    )
    assert both.reason == "after_crisis"


@time_machine.travel(datetime(2026, 4, 2, 7, 55, tzinfo=UTC), tick=False)  # 20:55 in Auckland
def test_a_deferral_that_ends_in_quiet_hours_waits_for_the_morning() -> None:
    now = utcnow()
    wait = deferral(PatientMoment(active_loop="plan_form"), now, SchedulePrefs(timezone="Pacific/Auckland"))
    assert local(wait.until, AKL).replace(tzinfo=None) == datetime(2026, 4, 3, 8, 0)


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(30).total_seconds() == 3600


def test_bad_preferences_are_refused() -> None:
    with pytest.raises(ValueError):
        SchedulePrefs(frequency="hourly")
    with pytest.raises(ValueError):
        SchedulePrefs(weekday=7)
    with pytest.raises(Exception):  # noqa: B017 - ZoneInfoNotFoundError
        SchedulePrefs(timezone="Mars/Olympus_Mons")
    with pytest.raises(ValueError):
        occurrence(SchedulePrefs(), datetime(2026, 1, 1, tzinfo=UTC), 0)

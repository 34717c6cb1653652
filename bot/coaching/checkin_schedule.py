"""Booster check-in schedule maths, in plain Python (no database, no Rasa).

Occurrences are counted from an anchor (the day check-ins were set up), in the
patient's own time zone, so a check-in stays at "10am on Tuesdays" across
daylight-saving changes. The default taper follows the booster literature
(Devan et al.: support wanes after a programme): weekly for 6 weeks, then
fortnightly until week 12, then monthly.

Everything that is stored or compared is an aware UTC datetime; local times only
exist inside this module.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
FREQUENCIES = ("taper", "weekly", "fortnightly", "monthly")
TAPER_WEEKLY = 6  # check-ins 1-6: weekly
TAPER_FORTNIGHTLY = 3  # check-ins 7-9: fortnightly (weeks 8, 10, 12), then monthly
DEFAULT_TIME = time(10, 0)
MAX_OCCURRENCES = 5000  # a bound for the search loop (monthly: ~400 years)

# Deferral rules (issue 5, "When not to interrupt").
FORM_RETRY = timedelta(minutes=10)
SAFETY_RETRY = timedelta(hours=1)
AFTER_CRISIS = timedelta(hours=24)  # the one quiet time after a crisis (see `deferral`)
RECENT_CONTACT = timedelta(minutes=30)
SNOOZE_LATER = timedelta(hours=3)


@dataclass(frozen=True)
class QuietHours:
    """A local window with no check-ins; it may wrap past midnight (21:00-08:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


DEFAULT_QUIET = QuietHours(time(21, 0), time(8, 0))


@dataclass(frozen=True)
class SchedulePrefs:
    """What the patient chose (or the defaults): zone, time of day, weekday, frequency, quiet hours."""

    timezone: str = "UTC"
    at: time = DEFAULT_TIME
    weekday: int | None = None  # 0 = Monday; None keeps the anchor's weekday
    frequency: str = "taper"
    quiet: QuietHours | None = DEFAULT_QUIET

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"unknown frequency {self.frequency!r}")
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError("weekday runs from 0 (Monday) to 6 (Sunday)")
        ZoneInfo(self.timezone)  # raises ZoneInfoNotFoundError for a bad name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def with_changes(self, **changes: object) -> SchedulePrefs:
        return replace(self, **changes)


def parse_hhmm(value: str | None) -> time | None:
    if not value:
        return None
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def hhmm(value: time | None) -> str | None:
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


def prefs_of(row: object) -> SchedulePrefs:
    """SchedulePrefs from a stored schedule (ORM object or Core row: anything with its columns)."""
    start, end = parse_hhmm(row.quiet_start), parse_hhmm(row.quiet_end)
    return SchedulePrefs(
        timezone=row.timezone,
        at=parse_hhmm(row.local_time) or time(10, 0),
        weekday=row.weekday,
        frequency=row.frequency,
        quiet=QuietHours(start, end) if start and end else None,
    )


def as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive value is taken to be UTC already (SQLite drops the offset)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def localize(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`day` at `at` in `zone`, as UTC. A time skipped by a DST jump moves forward by the
    gap (02:30 becomes 03:30); a repeated time takes its first occurrence."""
    wall = datetime.combine(day, at).replace(tzinfo=zone, fold=0)
    return wall.astimezone(UTC)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _offset_days_or_months(frequency: str, n: int) -> tuple[int, int]:
    """(days, months) from the base date to occurrence n (1-based)."""
    if frequency == "weekly":
        return 7 * n, 0
    if frequency == "fortnightly":
        return 14 * n, 0
    if frequency == "monthly":
        return 0, n
    if n <= TAPER_WEEKLY:
        return 7 * n, 0
    if n <= TAPER_WEEKLY + TAPER_FORTNIGHTLY:
        return 7 * TAPER_WEEKLY + 14 * (n - TAPER_WEEKLY), 0
    return 7 * TAPER_WEEKLY + 14 * TAPER_FORTNIGHTLY, n - TAPER_WEEKLY - TAPER_FORTNIGHTLY


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def occurrence(prefs: SchedulePrefs, anchor: datetime, n: int) -> datetime:
    """The UTC time of check-in number `n` (1-based) counted from `anchor`."""
    if n < 1:
        raise ValueError("occurrences are counted from 1")
    zone = prefs.zone
    base = as_utc(anchor).astimezone(zone).date()
    if prefs.weekday is not None:
        base = _next_weekday(base, prefs.weekday)
    days, months = _offset_days_or_months(prefs.frequency, n)
    day = add_months(base + timedelta(days=days), months)
    if prefs.weekday is not None and months:
        day = _next_weekday(day, prefs.weekday)
    return outside_quiet_hours(localize(day, prefs.at, zone), prefs)


def outside_quiet_hours(moment: datetime, prefs: SchedulePrefs) -> datetime:
    """`moment`, or the end of the quiet window it falls in (local wall time)."""
    quiet = prefs.quiet
    if quiet is None:
        return as_utc(moment)
    zone = prefs.zone
    local = as_utc(moment).astimezone(zone)
    if not quiet.contains(local.time().replace(tzinfo=None)):
        return as_utc(moment)
    day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)  # late evening: the window ends tomorrow morning
    return localize(day, quiet.end, zone)


def next_occurrence(
    prefs: SchedulePrefs,
    anchor: datetime,
    after: datetime,
    from_index: int = 1,
    paused_until: datetime | None = None,
) -> tuple[int, datetime]:
    """The first check-in (index, UTC time) strictly after `after` and not inside a pause.

    Missed occurrences are skipped, not queued: a scheduler that was down for three
    weeks sends one check-in, not three (business-level coalescing)."""
    floor = as_utc(after)
    if paused_until is not None and as_utc(paused_until) > floor:
        floor = as_utc(paused_until) - timedelta(microseconds=1)
    for n in range(max(1, from_index), MAX_OCCURRENCES):
        due = occurrence(prefs, anchor, n)
        if due > floor:
            return n, due
    raise ValueError("no occurrence found (anchor too far in the past)")


def snooze_until(choice: str, now: datetime, prefs: SchedulePrefs) -> datetime:
    """'later' is three hours on; 'tomorrow' is tomorrow at the usual time; quiet hours win."""
    now = as_utc(now)
    if choice == "tomorrow":
        tomorrow = now.astimezone(prefs.zone).date() + timedelta(days=1)
        return outside_quiet_hours(localize(tomorrow, prefs.at, prefs.zone), prefs)
    if choice == "later":
        return outside_quiet_hours(now + SNOOZE_LATER, prefs)
    raise ValueError(f"unknown snooze {choice!r}")


@dataclass(frozen=True)
class PatientMoment:
    """What the sweeper knows about a patient at send time."""

    active_loop: str | None = None
    safety_open: bool = False
    last_crisis_at: datetime | None = None
    last_user_at: datetime | None = None
    paused_until: datetime | None = None


@dataclass(frozen=True)
class Deferral:
    reason: str
    until: datetime


@dataclass(frozen=True)
class DeferralRules:
    """How long to wait; the defaults are the product rules (tests shorten them)."""

    form_retry: timedelta = FORM_RETRY
    safety_retry: timedelta = SAFETY_RETRY
    recent_contact: timedelta = RECENT_CONTACT


def deferral(
    moment: PatientMoment, now: datetime, prefs: SchedulePrefs | None = None,
    rules: DeferralRules = DeferralRules(),  # noqa: B008 - frozen, safe as a default
) -> Deferral | None:
    """Why (and until when) a due check-in must wait, or None to send it now.

    The latest of the applicable waits wins, then quiet hours push it further."""
    now = as_utc(now)
    waits: list[Deferral] = []
    if moment.paused_until is not None and as_utc(moment.paused_until) > now:
        waits.append(Deferral("paused", as_utc(moment.paused_until)))
    if moment.last_crisis_at is not None and now - as_utc(moment.last_crisis_at) < AFTER_CRISIS:
        waits.append(Deferral("after_crisis", as_utc(moment.last_crisis_at) + AFTER_CRISIS))
    if moment.safety_open or moment.active_loop == "safety_form":
        waits.append(Deferral("safety_mode", now + rules.safety_retry))
    elif moment.active_loop:
        waits.append(Deferral("form_active", now + rules.form_retry))
    if moment.last_user_at is not None and now - as_utc(moment.last_user_at) < rules.recent_contact:
        waits.append(Deferral("recent_contact", as_utc(moment.last_user_at) + rules.recent_contact))
    if not waits:
        return None
    chosen = max(waits, key=lambda wait: wait.until)
    until = outside_quiet_hours(chosen.until, prefs) if prefs else chosen.until
    return Deferral(chosen.reason, until)


#: The delivery kind that carries a clinician's "send at once" note (bot.services.clinician_notes).
NOTE_KIND = "clinician_note"


def note_deferral(
    moment: PatientMoment, now: datetime, prefs: SchedulePrefs | None = None,
    rules: DeferralRules = DeferralRules(),  # noqa: B008 - frozen, safe as a default
) -> Deferral | None:
    """When a clinician's "at once" note must wait. A person's message is not a check-in:
    a pause of check-ins, a recent crisis (the note may be the clinician's answer to it)
    or a conversation in progress do not hold it back. It still never interrupts a form
    or the safety flow, and never arrives in quiet hours."""
    now = as_utc(now)
    wait = deferral(PatientMoment(active_loop=moment.active_loop, safety_open=moment.safety_open),
                    now, prefs, rules)
    if wait is not None:
        return wait
    later = outside_quiet_hours(now, prefs) if prefs else now
    return Deferral("quiet_hours", later) if later > now else None


def backoff(attempts: int, base: float = 30.0, cap: float = 3600.0) -> timedelta:
    """Retry delay after `attempts` failed sends: 30 s, 1 min, 2 min, ... capped at an hour."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))

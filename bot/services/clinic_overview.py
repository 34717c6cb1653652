"""Clinic overview for clinic leads: engagement, drop-off, PEG change, goals and safety.

Every figure is computed from Pacer's own tables (never from Rasa's `events` table and
never from free text), over one period of whole clinic-local days and one scope of
patients. `docs/clinic-overview.md` defines each figure for readers of the dashboard;
the definitions below are the same ones, written next to the code that applies them.

Scope. A clinic lead (role `admin`) sees every patient whose consent is `given` now,
and may narrow that to the patients assigned to one clinician; a plain clinician always
sees only their own assigned patients (`bot.services.dashboard.assigned_ids`). Patients
who refused or withdrew consent are left out: withdrawal stops processing.

Contact. A *contact* is a row that exists only because the patient answered Pacer, at
the time of that answer: a check-in answered (or snoozed) `checkin_deliveries.answered_at`;
a PEG-3 or PHQ-4 answer; a PSFS rating; an action plan set (`created_at`) or reviewed or
closed (`reviewed_at`); a problem-solving record made or reviewed; a flare reported; a
follow-up answered; a value stated; a safety event or a request from the patient. Consent
itself is not a contact (it is the start of the drop-off clock and would make week 0
engaged by construction), nor is `patients.last_seen_at` (it keeps only the newest
contact, so past weeks would undercount against the current one). A chat that writes no
row (an education question only) is not seen: the figures are a floor, consistently so.
"""

from __future__ import annotations

import io
import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from functools import cached_property
from statistics import median
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.coaching.checkin_schedule import NOTE_KIND
from bot.safety.kinds import safety_kind_label
from bot.services import csv_safe
from bot.services.dashboard import assigned_ids
from bot.store.models import (
    ActionPlan,
    CheckinDelivery,
    Clinician,
    ConsentEvent,
    FlareEpisode,
    Followup,
    FunctionalGoal,
    Patient,
    PatientRequest,
    PatientValue,
    PegResult,
    Phq4Result,
    ProblemSolvingRecord,
    PsfsRating,
    SafetyEvent,
    utcnow,
)

WEEK = timedelta(days=7)
MAX_DROP_OFF_WEEKS = 26
MAX_PERIOD_DAYS = 3 * 366
# PEG change bins, on the change in the *sum* of the three items (the score is the sum / 3, so
# a sum change of 3 is exactly one point). Lower PEG is better: negative change is improvement.
PEG_BINS: tuple[tuple[str, int | None, int | None], ...] = (
    ("-3 or less", None, -9),      # change <= -3
    ("-3 to -2", -8, -6),          # -3 < change <= -2
    ("-2 to -1", -5, -3),          # -2 < change <= -1
    ("under 1 either way", -2, 2),  # -1 < change < 1
    ("+1 to +2", 3, 5),            # 1 <= change < 2
    ("+2 to +3", 6, 8),            # 2 <= change < 3
    ("+3 or more", 9, None),       # change >= 3
)
MEANINGFUL_SUM_CHANGE = 3  # one PEG point (Krebs 2009; bot.coaching.peg.MEANINGFUL_CHANGE)
SAFETY_KINDS = ("crisis", "crisis_check", "crisis_third_person", "red_flag", "red_flag_screen")


# --- inputs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Whole days `start`..`end` (both included) in the clinic's time zone."""

    start: date
    end: date
    zone: ZoneInfo

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        if (self.end - self.start).days + 1 > MAX_PERIOD_DAYS:
            raise ValueError("choose a period of at most three years")

    @property
    def lower(self) -> datetime:
        """The first instant of the period, in UTC."""
        return datetime.combine(self.start, time(), self.zone).astimezone(timezone.utc)

    @property
    def upper(self) -> datetime:
        """The first instant after the period, in UTC (local midnight after `end`)."""
        return datetime.combine(self.end + timedelta(days=1), time(), self.zone).astimezone(timezone.utc)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def week_starts(self) -> list[date]:
        """Weeks are 7-day blocks from the period's first day; the last may be shorter."""
        return [self.start + timedelta(days=7 * i) for i in range(math.ceil(self.days / 7))]

    @cached_property
    def week_bounds(self) -> list[datetime]:
        """The UTC instants of each block's first local midnight, then of the period's end."""
        starts = [datetime.combine(day, time(), self.zone).astimezone(timezone.utc)
                  for day in self.week_starts()]
        return starts + [self.upper]

    def week_index(self, at: datetime) -> int | None:
        """The block holding `at` (by its clinic-local date), or None outside the period."""
        index = bisect_right(self.week_bounds, at) - 1
        return index if 0 <= index < len(self.week_bounds) - 1 else None

    @classmethod
    def last_weeks(cls, weeks: int, zone: ZoneInfo, today: date | None = None) -> Period:
        """The `weeks` whole weeks ending today (clinic-local)."""
        today = today or utcnow().astimezone(zone).date()
        return cls(today - timedelta(days=7 * weeks - 1), today, zone)


@dataclass(frozen=True)
class Scope:
    """Whose patients the figures cover; build it with `scope_for`."""

    clinician_id: int | None  # None: the whole clinic (leads only)
    include_unlinked: bool  # safety events from people who never consented (whole-clinic view)


def scope_for(viewer: Clinician, clinician_filter: int | None = None) -> Scope:
    """A lead sees the clinic or one clinician's patients; a clinician only their own.

    Raises PermissionError when a plain clinician asks for someone else's patients."""
    if viewer.role == "admin":
        return Scope(clinician_filter, include_unlinked=clinician_filter is None)
    if clinician_filter not in (None, viewer.id):
        raise PermissionError("clinicians see only their own patients")
    return Scope(viewer.id, include_unlinked=False)


def scoped_patient_ids(scope: Scope) -> Select:
    """Consenting patients in scope, as a subquery for `.in_()` filters."""
    stmt = select(Patient.id).where(Patient.consent_status == "given")
    if scope.clinician_id is not None:
        stmt = stmt.where(Patient.id.in_(assigned_ids(scope.clinician_id)))
    return stmt


# --- figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekFigures:
    """One 7-day block of the period.

    enrolled: patients in scope who had consented before the block ended.
    active: patients with at least one contact (see the module docstring) in the block.
    sent: check-ins sent in the block (`sent_at`), not counting ones the patient snoozed
        (each snooze queues a new check-in, counted when that one is sent).
    answered: of those sent, the ones answered (`answered_at` set, whenever that was).
    answer_rate: answered / sent; None when nothing was sent."""

    start: date
    days: int
    enrolled: int
    active: int
    sent: int
    answered: int

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None


@dataclass(frozen=True)
class DropOffWeek:
    """Week k since a patient's start (first consent): [start + 7k days, start + 7(k+1) days).

    at_risk: patients of the cohort whose week k had ended by the as-of time (censoring:
        a patient whose week k has not ended yet is left out of week k, not counted as gone).
    engaged: of those, patients with at least one contact in their week k.
    share: engaged / at_risk."""

    week: int
    at_risk: int
    engaged: int

    @property
    def share(self) -> float | None:
        return self.engaged / self.at_risk if self.at_risk else None


@dataclass(frozen=True)
class PegFigures:
    """PEG-3 change per patient from their first to their latest answer in the period
    (patients with at least two answers there). Change = latest score - first score,
    scores being the exact mean of the three items; lower is better.

    improved: change <= -1 point; worsened: change >= +1; shares are of `patients`.
    bins: counts per PEG_BINS label; median_change: median over patients (None if none)."""

    patients: int
    median_change: float | None
    improved: int
    worsened: int
    bins: list[tuple[str, int]]

    @property
    def share_improved(self) -> float | None:
        return self.improved / self.patients if self.patients else None

    @property
    def share_worsened(self) -> float | None:
        return self.worsened / self.patients if self.patients else None


@dataclass(frozen=True)
class GoalFigures:
    """Goals set in the period (by `created_at`).

    plans_set: action plans set; plans_completed: of those, the ones the patient closed as
    done (status `done`); plans_active: still running; psfs_set: PSFS activities named.
    completion_share: plans_completed / plans_set."""

    plans_set: int
    plans_completed: int
    plans_active: int
    psfs_set: int

    @property
    def completion_share(self) -> float | None:
        return self.plans_completed / self.plans_set if self.plans_set else None


@dataclass(frozen=True)
class SafetyKindFigures:
    kind: str
    events: int
    acknowledged: int
    unacknowledged: int

    @property
    def label(self) -> str:
        return safety_kind_label(self.kind)


@dataclass(frozen=True)
class SafetyFigures:
    """Safety events raised in the period (by `created_at`), by kind.

    Time to acknowledgement is acknowledged_at - created_at, in hours, for events that
    have been acknowledged (whenever that was); median as usual (mean of the middle two),
    90th percentile by nearest rank (the smallest time that at least 90% are at or under).
    unacknowledged: events still without acknowledgement now. The whole-clinic view also
    counts events from people who never consented (they have no clinician)."""

    by_kind: list[SafetyKindFigures]
    median_hours: float | None
    p90_hours: float | None

    @property
    def events(self) -> int:
        return sum(k.events for k in self.by_kind)

    @property
    def unacknowledged(self) -> int:
        return sum(k.unacknowledged for k in self.by_kind)


@dataclass(frozen=True)
class Overview:
    period: Period
    scope: Scope
    as_of: datetime  # the end of the period, or now if that is earlier
    patients: int  # consenting patients in scope (whenever they started)
    weeks: list[WeekFigures]
    cohort: int  # patients in scope who started (first consent) in the period
    drop_off: list[DropOffWeek]
    peg: PegFigures
    goals: GoalFigures
    safety: SafetyFigures


def _in_period(column, period: Period, upper: datetime | None = None):  # noqa: ANN001, ANN202
    return (column >= period.lower) & (column < (upper or period.upper))


def _contact_rows(
    session: Session, ids: Select, period: Period, upper: datetime
) -> list[tuple[int, datetime]]:
    """(patient id, time) of every contact in [period start, upper)."""
    sources = [
        (CheckinDelivery.patient_id, CheckinDelivery.answered_at, None),
        (PegResult.patient_id, PegResult.created_at, None),
        (Phq4Result.patient_id, Phq4Result.created_at, None),
        (ActionPlan.patient_id, ActionPlan.created_at, None),
        (ActionPlan.patient_id, ActionPlan.reviewed_at, None),
        (ProblemSolvingRecord.patient_id, ProblemSolvingRecord.created_at, None),
        (ProblemSolvingRecord.patient_id, ProblemSolvingRecord.reviewed_at, None),
        (FlareEpisode.patient_id, FlareEpisode.started_at, None),
        (Followup.patient_id, Followup.answered_at, None),
        (PatientValue.patient_id, PatientValue.created_at, None),
        (SafetyEvent.patient_id, SafetyEvent.created_at, None),
        (PatientRequest.patient_id, PatientRequest.created_at, None),
        (FunctionalGoal.patient_id, PsfsRating.rated_at, (PsfsRating.goal_id == FunctionalGoal.id)),
    ]
    selects = []
    for patient_col, at_col, join_on in sources:
        stmt = select(patient_col.label("pid"), at_col.label("at"))
        if join_on is not None:
            stmt = stmt.select_from(PsfsRating).join(FunctionalGoal, join_on)
        selects.append(stmt.where(patient_col.in_(ids), _in_period(at_col, period, upper)))
    rows = session.execute(union_all(*selects)).all()
    return [(pid, at) for pid, at in rows]


def _starts(session: Session, ids: Select) -> dict[int, datetime]:
    """Each consenting patient's start: their first `given` consent event, else
    `consent_at` (rows from before consent events were recorded)."""
    first_given = (
        select(ConsentEvent.patient_id, func.min(ConsentEvent.created_at).label("at"))
        .where(ConsentEvent.decision == "given", ConsentEvent.patient_id.in_(ids))
        .group_by(ConsentEvent.patient_id)
        .subquery()
    )
    rows = session.execute(
        select(Patient.id, func.coalesce(first_given.c.at, Patient.consent_at, Patient.created_at))
        .outerjoin(first_given, first_given.c.patient_id == Patient.id)
        .where(Patient.id.in_(ids))
    ).all()
    return {pid: at for pid, at in rows}


def _weeks(session: Session, ids: Select, period: Period, starts: dict[int, datetime],
           contacts: list[tuple[int, datetime]]) -> list[WeekFigures]:
    active: dict[int, set[int]] = defaultdict(set)
    for pid, at in contacts:
        index = period.week_index(at)
        if index is not None:
            active[index].add(pid)
    sent: Counter[int] = Counter()
    answered: Counter[int] = Counter()
    for sent_at, answered_at in session.execute(
        select(CheckinDelivery.sent_at, CheckinDelivery.answered_at).where(
            CheckinDelivery.patient_id.in_(ids), CheckinDelivery.status != "snoozed",
            CheckinDelivery.kind != NOTE_KIND,  # a clinician's note is not a check-in
            _in_period(CheckinDelivery.sent_at, period))
    ):
        index = period.week_index(sent_at)
        if index is None:
            continue
        sent[index] += 1
        answered[index] += answered_at is not None
    ordered_starts = sorted(starts.values())
    out = []
    for index, start in enumerate(period.week_starts()):
        days = min(7, (period.end - start).days + 1)
        block_end = period.week_bounds[index + 1]
        out.append(WeekFigures(
            start=start, days=days,
            enrolled=bisect_left(ordered_starts, block_end),
            active=len(active[index]), sent=sent[index], answered=answered[index],
        ))
    return out


def _drop_off(period: Period, as_of: datetime, starts: dict[int, datetime],
              contacts: list[tuple[int, datetime]]) -> tuple[int, list[DropOffWeek]]:
    lower, upper = period.lower, period.upper
    cohort = {pid: at for pid, at in starts.items() if lower <= at < upper}
    engaged_weeks: dict[int, set[int]] = defaultdict(set)
    for pid, at in contacts:
        start = cohort.get(pid)
        if start is not None and start <= at < as_of:
            engaged_weeks[pid].add((at - start) // WEEK)
    at_risk = [0] * MAX_DROP_OFF_WEEKS
    engaged = [0] * MAX_DROP_OFF_WEEKS
    for pid, start in cohort.items():
        ended = min(MAX_DROP_OFF_WEEKS, (as_of - start) // WEEK)  # weeks wholly before as_of
        for k in range(ended):
            at_risk[k] += 1
            engaged[k] += k in engaged_weeks[pid]
    curve = [DropOffWeek(k, at_risk[k], engaged[k]) for k in range(MAX_DROP_OFF_WEEKS) if at_risk[k]]
    return len(cohort), curve


def _peg(session: Session, ids: Select, period: Period) -> PegFigures:
    first: dict[int, int] = {}
    latest: dict[int, int] = {}
    answers: Counter[int] = Counter()
    for pid, total in session.execute(
        select(PegResult.patient_id, PegResult.pain + PegResult.enjoyment + PegResult.activity)
        .where(PegResult.patient_id.in_(ids), _in_period(PegResult.created_at, period))
        .order_by(PegResult.patient_id, PegResult.created_at, PegResult.id)
    ):
        first.setdefault(pid, total)
        latest[pid] = total
        answers[pid] += 1
    first = {pid: total for pid, total in first.items() if answers[pid] >= 2}
    sum_changes = [latest[pid] - first[pid] for pid in first]
    bins = []
    for label, low, high in PEG_BINS:
        bins.append((label, sum(1 for c in sum_changes
                                if (low is None or c >= low) and (high is None or c <= high))))
    middle = median(Fraction(c, 3) for c in sum_changes) if sum_changes else None
    return PegFigures(
        patients=len(sum_changes),
        median_change=round(float(middle), 2) if middle is not None else None,
        improved=sum(1 for c in sum_changes if c <= -MEANINGFUL_SUM_CHANGE),
        worsened=sum(1 for c in sum_changes if c >= MEANINGFUL_SUM_CHANGE),
        bins=bins,
    )


def _goals(session: Session, ids: Select, period: Period) -> GoalFigures:
    plans_set, done, active = session.execute(
        select(func.count(ActionPlan.id),
               func.coalesce(func.sum(case((ActionPlan.status == "done", 1), else_=0)), 0),
               func.coalesce(func.sum(case((ActionPlan.status == "active", 1), else_=0)), 0))
        .where(ActionPlan.patient_id.in_(ids), _in_period(ActionPlan.created_at, period))
    ).one()
    psfs = session.execute(
        select(func.count(FunctionalGoal.id))
        .where(FunctionalGoal.patient_id.in_(ids), _in_period(FunctionalGoal.created_at, period))
    ).scalar_one()
    return GoalFigures(int(plans_set), int(done), int(active), int(psfs))


def percentile_nearest_rank(values: list[float], share: float) -> float | None:
    """The smallest value that at least `share` of the values are at or under."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _safety(session: Session, ids: Select, scope: Scope, period: Period) -> SafetyFigures:
    whose = SafetyEvent.patient_id.in_(ids)
    if scope.include_unlinked:
        whose = or_(whose, SafetyEvent.patient_id.is_(None))
    rows = session.execute(
        select(SafetyEvent.kind, SafetyEvent.created_at, SafetyEvent.acknowledged_at)
        .where(whose, _in_period(SafetyEvent.created_at, period))
    ).all()
    counts: dict[str, list[int]] = {}
    hours = []
    for kind, created, acknowledged in rows:
        bucket = counts.setdefault(kind, [0, 0])
        bucket[0] += 1
        if acknowledged is not None:
            bucket[1] += 1
            hours.append((acknowledged - created).total_seconds() / 3600)
    order = {kind: i for i, kind in enumerate(SAFETY_KINDS)}
    by_kind = [SafetyKindFigures(kind, n, acked, n - acked)
               for kind, (n, acked) in sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))]
    return SafetyFigures(
        by_kind=by_kind,
        median_hours=round(median(hours), 2) if hours else None,
        p90_hours=round(percentile_nearest_rank(hours, 0.9), 2) if hours else None,
    )


def clinic_overview(session: Session, scope: Scope, period: Period, now: datetime | None = None) -> Overview:
    """Every figure of the overview for one scope and period (see the dataclasses' docstrings)."""
    now = now or utcnow()
    as_of = min(period.upper, now)
    ids = scoped_patient_ids(scope)
    starts = _starts(session, ids)
    contacts = _contact_rows(session, ids, period, as_of)
    cohort, curve = _drop_off(period, as_of, starts, contacts)
    return Overview(
        period=period, scope=scope, as_of=as_of, patients=len(starts),
        weeks=_weeks(session, ids, period, starts, contacts),
        cohort=cohort, drop_off=curve,
        peg=_peg(session, ids, period),
        goals=_goals(session, ids, period),
        safety=_safety(session, ids, scope, period),
    )


# --- one tidy table (the CSV export, and the page's cells) --------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One value: section, metric, group (a bin or kind, else ""), week (a date or week k, else "")."""

    section: str
    metric: str
    group: str
    week: str
    value: int | float | str | None

    @property
    def key(self) -> str:
        return "|".join((self.section, self.metric, self.group, self.week))

    @property
    def text(self) -> str:
        """The value as the CSV writes it: shares to 4 decimals, missing values empty."""
        if self.value is None:
            return ""
        if isinstance(self.value, float):
            return f"{self.value:.4f}"
        return str(self.value)


def figures(overview: Overview) -> list[Figure]:
    """The overview as rows of one tidy table, in page order."""
    out: list[Figure] = []
    add = lambda section, metric, value, group="", week="": out.append(  # noqa: E731
        Figure(section, metric, group, week, value))
    add("scope", "patients", overview.patients)
    for w in overview.weeks:
        week = w.start.isoformat()
        add("engagement", "days", w.days, week=week)
        add("engagement", "enrolled_patients", w.enrolled, week=week)
        add("engagement", "active_patients", w.active, week=week)
        add("engagement", "checkins_sent", w.sent, week=week)
        add("engagement", "checkins_answered", w.answered, week=week)
        add("engagement", "answer_rate", w.answer_rate, week=week)
    add("drop_off", "cohort_patients", overview.cohort)
    for d in overview.drop_off:
        add("drop_off", "patients_at_risk", d.at_risk, week=str(d.week))
        add("drop_off", "patients_engaged", d.engaged, week=str(d.week))
        add("drop_off", "share_engaged", d.share, week=str(d.week))
    peg = overview.peg
    add("peg", "patients_with_2_or_more", peg.patients)
    add("peg", "median_change", peg.median_change)
    add("peg", "improved_1_or_more", peg.improved)
    add("peg", "share_improved_1_or_more", peg.share_improved)
    add("peg", "worsened_1_or_more", peg.worsened)
    add("peg", "share_worsened_1_or_more", peg.share_worsened)
    for label, count in peg.bins:
        add("peg", "patients_in_bin", count, group=label)
    goals = overview.goals
    add("goals", "action_plans_set", goals.plans_set)
    add("goals", "action_plans_completed", goals.plans_completed)
    add("goals", "action_plans_active", goals.plans_active)
    add("goals", "completion_share", goals.completion_share)
    add("goals", "psfs_goals_set", goals.psfs_set)
    safety = overview.safety
    add("safety", "events", safety.events)
    for k in safety.by_kind:
        add("safety", "events", k.events, group=k.kind)
        add("safety", "acknowledged", k.acknowledged, group=k.kind)
        add("safety", "unacknowledged", k.unacknowledged, group=k.kind)
    add("safety", "unacknowledged", safety.unacknowledged)
    add("safety", "median_hours_to_acknowledgement", safety.median_hours)
    add("safety", "p90_hours_to_acknowledgement", safety.p90_hours)
    return out


CSV_COLUMNS = ("section", "metric", "group", "week", "value")


def to_csv(overview: Overview, clinician_label: str) -> str:
    """The figures as CSV, after rows that say which period and patients they cover."""
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer, lineterminator="\n")  # no cell runs as a formula
    writer.writerow(CSV_COLUMNS)
    writer.writerow(("period", "start", "", "", overview.period.start.isoformat()))
    writer.writerow(("period", "end", "", "", overview.period.end.isoformat()))
    writer.writerow(("period", "time_zone", "", "", overview.period.zone.key))
    writer.writerow(("period", "as_of", "", "", overview.as_of.isoformat(timespec="seconds")))
    writer.writerow(("period", "clinician", "", "", clinician_label))
    for figure in figures(overview):
        writer.writerow((figure.section, figure.metric, figure.group, figure.week, figure.text))
    return buffer.getvalue()

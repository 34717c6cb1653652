"""Deterministic conversation summaries and the transcript behind them.

A summary line is never written from free text: each one comes from a row in
Pacer's tables (a value, a rating, a plan and its outcome, a PHQ-4, a safety event,
a request) or from a user turn whose intent matters clinically, and carries the ids
of the tracker-store events (Rasa's `events` table) of the turn it came from, so the
clinician can open the transcript at exactly those turns. The same data always gives
the same summary.

Turn matching: a row written by an action at time t belongs to the last user message
at or before t in the patient's conversations; the line links to that message and to
the action in the same turn that writes such rows.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.coaching.phq4 import Phq4
from bot.safety.kinds import safety_kind_label
from bot.services.dashboard import conversation_ids
from bot.store.models import (
    ActionPlan,
    CheckinDelivery,
    ClinicianNote,
    ClinicResource,
    ConsentEvent,
    FlareEpisode,
    FlarePlanRecord,
    FunctionalGoal,
    GoalProposal,
    PatientRequest,
    PatientValue,
    PegResult,
    Phq4Result,
    ProblemSolvingRecord,
    PsfsRating,
    ResourceOffer,
    SafetyEvent,
)
from bot.store.rasa_events import EVENTS, events_table_exists

# Which actions write which rows: a line links to the action that did it, when present in the turn.
# Actions no longer in the domain that older conversations in the tracker store still contain
# (action_plan_done and action_plan_review became action_report_progress in fc8014a).
RETIRED_ACTIONS = frozenset({"action_plan_done", "action_plan_review"})
WRITERS = {
    "consent": {"validate_onboarding_form", "action_finish_onboarding", "action_greet"},
    "value": {"action_save_values"},
    "psfs": {"action_save_psfs"},
    "plan_set": {"action_save_plan"},
    # Plans are reviewed when reported, dropped or replaced, and at a check-in (action_finish_checkin).
    "plan_outcome": {"action_report_progress", "action_finish_checkin", "action_drop_plan",
                     "action_save_plan", *RETIRED_ACTIONS},
    "phq4": {"action_save_phq4"},
    "safety": {"action_safety_response", "action_red_flag_response", "validate_safety_form",
               "action_talk_to_person"},
    "request": {"action_talk_to_person", "action_data_copy"},
    # Check-ins, PEG, problem solving and flares: the actions in actions/checkins.py, flare.py
    # and problem_solving.py that store each row.
    "checkin": {"action_finish_checkin", "action_snooze_checkin"},
    "peg": {"action_finish_checkin"},
    "problem_solving": {"action_save_problem_solving"},
    "flare_plan": {"action_save_flare_plan"},
    "flare": {"action_start_flare", "validate_flare_form", "action_ask_flare_next", "action_flare_done"},
    # Clinic resources (actions/resources.py): offers, and answers (the fallback hands free text over).
    "resource_offer": {"action_offer_resources", "action_followup_answer"},
    "resource_answer": {"action_resource_answer", "action_offer_resources", "action_pacer_fallback"},
    # Shared decisions (actions/shared_decisions.py): a clinician's note shown, read or answered;
    # a proposed goal presented and what the patient did with it.
    "note": {"action_booster_checkin", "action_session_start", "action_note_ack", "action_save_note_reply"},
    "proposal": {"action_present_proposal", "action_save_plan", "action_save_proposal_psfs",
                 "action_proposal_answer", "action_save_proposal_reason"},
}
# User intents worth a line even when nothing was stored, with the action that answers each:
# the line is written only when that action ran in the turn (an answer inside a form that
# NLU happened to label with one of these intents is not something the person asked).
NOTABLE_INTENTS = {
    "express_distress": ("reported", "Said they were struggling (low mood, stress or worry)",
                         {"action_distress_support"}),
    "delete_my_data": ("asked", "Asked to delete their data", {"utter_ask_delete", "action_erase_data"}),
    "ask_medication": ("asked", "Asked about medication (referred to pharmacist or prescriber)",
                       {"utter_medication_clinician"}),
    # Check-in, problem-solving and flare intents, answered by these actions (rules in data/rules/):
    "stop_checkins": ("asked", "Asked to pause or stop check-ins", {"action_stop_checkins"}),
    "change_checkins": ("asked", "Asked to change check-ins", {"action_change_checkins"}),
    "choose_checkin_channel": ("asked", "Asked for check-ins on another channel",
                               {"action_choose_checkin_channel"}),
    "report_flare": ("reported", "Reported a flare-up", {"action_start_flare"}),
    "problem_solve": ("asked", "Asked for help with something getting in the way",
                      {"action_start_problem_solving"}),
    "make_flare_plan": ("asked", "Asked to write a flare-up plan", {"action_start_flare_plan"}),
}
RESOURCE_CONTEXTS = {"problem_solving": "problem solving", "distress": "after a mood check",
                     "checkin": "at a check-in", "asked": "they asked"}


@dataclass(frozen=True)
class TrackerEvent:
    id: int
    conversation_id: str
    type_name: str
    at: datetime
    intent: str | None
    action: str | None
    text: str | None
    channel: str | None
    shown: str | None = None  # what the patient saw and tapped (metadata.display), e.g. not "/affirm"
    buttons: tuple[str, ...] = ()  # titles of the buttons a bot message offered

    @property
    def is_user(self) -> bool:
        return self.type_name == "user"


@dataclass
class SummaryLine:
    at: datetime
    category: str  # set | changed | reported | flagged | asked
    text: str
    conversation_id: str | None
    event_ids: list[int]
    source: str  # the table (or "events") the line was built from, for tracing


@dataclass
class ConversationSession:
    conversation_id: str
    index: int  # 1-based within the conversation
    started_at: datetime
    ended_at: datetime
    channel: str | None
    events: list[TrackerEvent] = field(default_factory=list)
    lines: list[SummaryLine] = field(default_factory=list)

    @property
    def user_turns(self) -> int:
        return sum(1 for event in self.events if event.is_user)


def _ts(value: datetime) -> float:
    return value.timestamp()


def _from_ts(value: float) -> datetime:
    return datetime.fromtimestamp(value, tz=timezone.utc)


def session_cutoff(session: Session, conversations: Sequence[str], sessions: int) -> float | None:
    """Start time of the `sessions`-th most recent session (None: there are not that many)."""
    if not conversations or not events_table_exists(session):
        return None
    stmt = (
        select(EVENTS.c.timestamp)
        .where(EVENTS.c.sender_id.in_(list(conversations)), EVENTS.c.type_name == "session_started")
        .order_by(EVENTS.c.timestamp.desc())
        .offset(sessions - 1)
        .limit(1)
    )
    return session.execute(stmt).scalar()


def load_events(
    session: Session, conversations: Sequence[str], since: float | None = None
) -> list[TrackerEvent]:
    """The tracker events of these conversations (from `since`, a Unix time), in stored order."""
    if not conversations or not events_table_exists(session):
        return []
    stmt = (
        select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp,
               EVENTS.c.intent_name, EVENTS.c.action_name, EVENTS.c.data)
        .where(EVENTS.c.sender_id.in_(list(conversations)))
        .order_by(EVENTS.c.id)
    )
    if since is not None:
        stmt = stmt.where(EVENTS.c.timestamp >= since)
    out = []
    for event_id, sender, type_name, timestamp, intent, action, raw in session.execute(stmt):
        data: dict[str, Any] = {}
        if raw and type_name in ("user", "bot"):
            try:
                data = json.loads(raw)
            except ValueError:
                data = {}
        out.append(TrackerEvent(
            id=event_id, conversation_id=sender, type_name=type_name, at=_from_ts(timestamp or 0.0),
            intent=intent or None, action=action or None,
            text=data.get("text") if type_name in ("user", "bot") else None,
            channel=data.get("input_channel") if type_name == "user" else None,
            shown=(data.get("metadata") or {}).get("display") if type_name == "user" else None,
            buttons=_button_titles(data) if type_name == "bot" else (),
        ))
    return out


def _button_titles(data: dict[str, Any]) -> tuple[str, ...]:
    extra = data.get("data") or {}
    buttons = extra.get("buttons") or extra.get("quick_replies") or []
    return tuple(str(b["title"]) for b in buttons if isinstance(b, dict) and b.get("title"))


def split_sessions(events: Iterable[TrackerEvent]) -> list[ConversationSession]:
    """Rasa sessions: a new one starts at each `session_started` event of a conversation."""
    by_conversation: dict[str, list[ConversationSession]] = {}
    for event in events:
        sessions = by_conversation.setdefault(event.conversation_id, [])
        if not sessions or event.type_name == "session_started":
            sessions.append(ConversationSession(event.conversation_id, len(sessions) + 1, event.at, event.at,
                                                None))
        current = sessions[-1]
        current.events.append(event)
        current.ended_at = event.at
        if current.channel is None and event.channel:
            current.channel = event.channel
    result = [s for sessions in by_conversation.values() for s in sessions if s.user_turns]
    return sorted(result, key=lambda s: (s.started_at, s.conversation_id, s.index))


class _TurnIndex:
    """Finds the user turn (and the writing action) behind a row written at a given time."""

    def __init__(self, events: Sequence[TrackerEvent]) -> None:
        self.events = list(events)
        self.user = sorted((e for e in self.events if e.is_user), key=lambda e: (_ts(e.at), e.id))
        self.user_times = [_ts(e.at) for e in self.user]
        self.turn_events: dict[int, list[TrackerEvent]] = {}
        current: TrackerEvent | None = None
        by_conversation: dict[str, TrackerEvent | None] = {}
        for event in self.events:
            if event.is_user:
                by_conversation[event.conversation_id] = event
                self.turn_events[event.id] = []
                continue
            current = by_conversation.get(event.conversation_id)
            if current is not None:
                self.turn_events[current.id].append(event)

    def turn(self, at: datetime, conversation_id: str | None = None) -> TrackerEvent | None:
        moment = _ts(at)
        index = bisect_right(self.user_times, moment) - 1
        while index >= 0:
            candidate = self.user[index]
            if conversation_id is None or candidate.conversation_id == conversation_id:
                return candidate
            index -= 1
        return None

    def link(self, at: datetime, writers: set[str], conversation_id: str | None = None) -> tuple[
            str | None, list[int]]:
        user_event = self.turn(at, conversation_id)
        if user_event is None:
            return conversation_id, []
        ids = [user_event.id]
        for event in self.turn_events.get(user_event.id, []):
            if event.type_name == "action" and event.action in writers:
                ids.append(event.id)
                break
        return user_event.conversation_id, ids


def _plan_text(plan: ActionPlan) -> str:
    parts = [plan.what]
    if plan.how_much:
        parts.append(plan.how_much)
    if plan.when_text:
        parts.append(plan.when_text)
    if plan.days_per_week:
        parts.append(f"{plan.days_per_week} day{'s' if plan.days_per_week != 1 else ''} a week")
    return ", ".join(parts)


def _record_lines(
    session: Session, patient_id: int, index: _TurnIndex, since: datetime | None = None
) -> list[SummaryLine]:
    """Lines from Pacer's rows (those written from `since` on, when given)."""
    lines: list[SummaryLine] = []

    def recent(column):  # noqa: ANN001, ANN202 - a SQL condition
        return column >= since if since is not None else column.is_not(None)

    def add(at: datetime | None, category: str, text: str, kind: str, source: str,
            conversation_id: str | None = None) -> None:
        if at is None:
            return
        conversation, ids = index.link(at, WRITERS[kind], conversation_id)
        if ids:  # a row with no conversation turn behind it (e.g. added by a script) is not a summary line
            lines.append(SummaryLine(at, category, text, conversation, ids, source))

    for row in session.execute(select(ConsentEvent).where(ConsentEvent.patient_id == patient_id,
                                                       recent(ConsentEvent.created_at))).scalars():
        add(row.created_at, "set", f"Consent {row.decision} (wording {row.wording_version})", "consent",
            "consent_events")
    for row in session.execute(select(PatientValue).where(PatientValue.patient_id == patient_id,
                                                       recent(PatientValue.created_at))).scalars():
        add(row.created_at, "set", f"Value: \u201c{row.text}\u201d", "value", "patient_values")
    ratings = session.execute(
        select(PsfsRating, FunctionalGoal.activity, FunctionalGoal.created_at)
        .join(FunctionalGoal, FunctionalGoal.id == PsfsRating.goal_id)
        .where(FunctionalGoal.patient_id == patient_id)
        .order_by(PsfsRating.rated_at, PsfsRating.id)
    ).all()
    seen_goals: set[str] = set()
    for rating, activity, _goal_created in ratings:
        first = activity not in seen_goals
        seen_goals.add(activity)
        label = "Activity set" if first else "Activity rated"
        add(rating.rated_at, "set" if first else "reported",
            f"{label}: {activity}, ability {rating.score}/10", "psfs", "psfs_ratings")
    touched = or_(recent(ActionPlan.created_at), recent(ActionPlan.closed_at), recent(ActionPlan.reviewed_at))
    plans = select(ActionPlan).where(ActionPlan.patient_id == patient_id, touched)
    for plan in session.execute(plans).scalars():
        confidence = f" (confidence {plan.confidence}/10)" if plan.confidence is not None else ""
        add(plan.created_at, "set", f"Action plan set: {_plan_text(plan)}{confidence}", "plan_set",
            "action_plans")
        if plan.closed_at is not None:
            add(plan.closed_at, "changed", f"Action plan {plan.status}: {plan.what}", "plan_outcome",
                "action_plans")
        elif plan.reviewed_at is not None and plan.outcome_note:
            add(plan.reviewed_at, "reported", f"Action plan reported {plan.outcome_note}: {plan.what}",
                "plan_outcome", "action_plans")
    for row in session.execute(select(Phq4Result).where(Phq4Result.patient_id == patient_id,
                                                     recent(Phq4Result.created_at))).scalars():
        result = Phq4(row.interest, row.down, row.nervous, row.worry)
        follow = " - follow-up suggested" if result.needs_follow_up else ""
        add(row.created_at, "reported", f"PHQ-4: PHQ-2 {result.phq2}/6, GAD-2 {result.gad2}/6{follow}",
            "phq4", "phq4_results")
    for row in session.execute(select(CheckinDelivery).where(CheckinDelivery.patient_id == patient_id,
                                                          recent(CheckinDelivery.answered_at))).scalars():
        if row.outcome:
            add(row.answered_at, "reported", f"Check-in answered: plan {row.outcome}", "checkin",
                "checkin_deliveries")
    for row in session.execute(select(PegResult).where(PegResult.patient_id == patient_id,
                                                    recent(PegResult.created_at))).scalars():
        score = round((row.pain + row.enjoyment + row.activity) / 3, 1)
        add(row.created_at, "reported", f"PEG-3 {score}/10 (pain {row.pain}, enjoyment {row.enjoyment}, "
            f"activity {row.activity})", "peg", "peg_results")
    problems = select(ProblemSolvingRecord).where(ProblemSolvingRecord.patient_id == patient_id,
                                                  recent(ProblemSolvingRecord.created_at))
    for row in session.execute(problems).scalars():
        chosen = f"; chose \u201c{row.chosen_idea}\u201d" if row.chosen_idea else ""
        add(row.created_at, "set", f"Problem solved: \u201c{row.problem_text}\u201d{chosen}",
            "problem_solving", "problem_solving_records")
    for row in session.execute(select(FlarePlanRecord).where(FlarePlanRecord.patient_id == patient_id,
                                                          recent(FlarePlanRecord.updated_at))).scalars():
        add(row.updated_at, "changed", "Flare-up plan saved", "flare_plan", "flare_plans")
    for row in session.execute(select(FlareEpisode).where(FlareEpisode.patient_id == patient_id,
                                                       recent(FlareEpisode.started_at))).scalars():
        red = " with a red-flag symptom" if row.red_flag else ""
        add(row.started_at, "reported", f"Reported a flare-up{red}", "flare", "flare_episodes")
    offers = (
        select(ResourceOffer, ClinicResource.name)
        .join(ClinicResource, ClinicResource.id == ResourceOffer.resource_id)
        .where(ResourceOffer.patient_id == patient_id,
               or_(recent(ResourceOffer.offered_at), recent(ResourceOffer.responded_at)))
    )
    for offer, name in session.execute(offers):
        context = RESOURCE_CONTEXTS.get(offer.context, offer.context)
        add(offer.offered_at, "asked" if offer.context == "asked" else "set",
            f"Resource offered ({context}): {name}", "resource_offer", "resource_offers")
        if offer.taken_up_at is not None:
            add(offer.taken_up_at, "reported", f"Said they will go to / have joined: {name}",
                "resource_answer", "resource_offers")
        elif offer.responded_at is not None and offer.response in ("interested", "declined"):
            answer = "Interested in" if offer.response == "interested" else "Not for them:"
            add(offer.responded_at, "reported", f"{answer} {name}", "resource_answer", "resource_offers")
    for note in session.execute(select(ClinicianNote).where(ClinicianNote.patient_id == patient_id,
                                                          recent(ClinicianNote.delivered_at))).scalars():
        add(note.delivered_at, "set", f"Note from {note.author_name} delivered", "note", "clinician_notes")
        if note.replied_at is not None:
            reply = f"Replied to {note.author_name}: \u201c{note.reply}\u201d"
            add(note.replied_at, "reported", reply, "note", "clinician_notes")
    for row in session.execute(select(GoalProposal).where(GoalProposal.patient_id == patient_id,
                                                        or_(recent(GoalProposal.presented_at),
                                                            recent(GoalProposal.responded_at)))).scalars():
        if row.presented_at is not None:
            add(row.presented_at, "asked", f"{row.author_name}'s proposed goal shown: {row.what}", "proposal",
                "goal_proposals")
        if row.responded_at is not None and row.status in ("accepted", "changed", "declined"):
            reason = f" (\u201c{row.patient_reason}\u201d)" if row.patient_reason else ""
            outcome = f"Proposed goal {row.status}: {row.final_text or row.what}{reason}"
            add(row.responded_at, "reported", outcome, "proposal", "goal_proposals")
    for event in session.execute(select(SafetyEvent).where(SafetyEvent.patient_id == patient_id,
                                                         recent(SafetyEvent.created_at))).scalars():
        label = safety_kind_label(event.kind)
        ack = f"; acknowledged by {event.acknowledged_by}" if event.acknowledged_by else "; not acknowledged"
        add(event.created_at, "flagged", f"{label}{ack}", "safety", "safety_events", event.conversation_id)
    for request in session.execute(
        select(PatientRequest).where(PatientRequest.patient_id == patient_id,
                                     recent(PatientRequest.created_at))
    ).scalars():
        label = ("Asked to talk to a person" if request.kind == "talk_to_person"
                 else "Asked for a copy of their data")
        add(request.created_at, "asked", label, "request", "patient_requests", request.conversation_id)
    return lines


def _intent_lines(index: _TurnIndex) -> list[SummaryLine]:
    lines = []
    for event in index.user:
        if event.intent not in NOTABLE_INTENTS:
            continue
        category, text, answered_by = NOTABLE_INTENTS[event.intent]
        answer = next((e for e in index.turn_events.get(event.id, [])
                       if e.type_name == "action" and e.action in answered_by), None)
        if answer is not None:
            lines.append(SummaryLine(event.at, category, text, event.conversation_id, [event.id, answer.id],
                                     "events"))
    return lines


@dataclass
class PatientSummaries:
    sessions: list[ConversationSession]
    lines: list[SummaryLine]  # every line, in time order

    def between(self, start: datetime | None, end: datetime | None) -> list[SummaryLine]:
        return [line for line in self.lines
                if (start is None or line.at >= start) and (end is None or line.at < end)]


def summarise_patient(
    session: Session, patient_id: int, recent_sessions: int | None = None
) -> PatientSummaries:
    """Every session of every conversation of the patient (or the most recent few), with their lines."""
    conversations = conversation_ids(session, patient_id)
    since = session_cutoff(session, conversations, recent_sessions) if recent_sessions else None
    events = load_events(session, conversations, since)
    index = _TurnIndex(events)
    since_at = _from_ts(since) if since is not None else None
    lines = _record_lines(session, patient_id, index, since_at) + _intent_lines(index)
    lines.sort(key=lambda line: (line.at, line.event_ids[0] if line.event_ids else 0, line.text))
    sessions = split_sessions(events)
    event_session: dict[int, ConversationSession] = {}
    for conversation_session in sessions:
        for event in conversation_session.events:
            event_session[event.id] = conversation_session
    for line in lines:
        owner = event_session.get(line.event_ids[0]) if line.event_ids else None
        if owner is not None:
            owner.lines.append(line)
    return PatientSummaries(sessions=sessions, lines=lines)


def transcript(session: Session, patient_id: int, conversation_id: str) -> list[TrackerEvent]:
    """User and bot messages (and session starts) of one of the patient's conversations."""
    if conversation_id not in conversation_ids(session, patient_id):
        raise LookupError("not this patient's conversation")
    return [e for e in load_events(session, [conversation_id])
            if e.type_name in ("user", "bot", "session_started")]

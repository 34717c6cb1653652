"""Pacer's own tables. Rasa's `events` table lives in the same database but is
owned by Rasa's tracker store, never by these models or by Alembic."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import declarative_base, relationship

from bot.store.types import UTCDateTime

Base = declarative_base()

# Tables in the same database that belong to others (Rasa's tracker store, an APScheduler
# job store): Alembic neither creates nor drops nor compares them.
FOREIGN_TABLES = frozenset({"events", "apscheduler_jobs"})


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Patient(Base):
    __tablename__ = "patients"

    id = Column(Integer, primary_key=True)
    display_name = Column(String(80))
    clinic_reference = Column(String(40))  # the clinic's own record number, set on the dashboard
    consent_status = Column(String(16))  # given | refused | withdrawn
    consent_at = Column(UTCDateTime)
    region = Column(String(8))  # crisis-contact region they gave (bot.services.regions)
    region_source = Column(String(16))  # said | timezone: how `region` was learnt
    phone_number = Column(String(20))  # E.164, from the SMS channel
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at = Column(UTCDateTime)
    checkins_paused_until = Column(UTCDateTime)
    checkins_paused_by = Column(String(120))
    erase_after = Column(UTCDateTime)  # retention hold after an erasure request

    identities = relationship("ChannelIdentity", back_populates="patient", cascade="all, delete-orphan")
    values = relationship("PatientValue", back_populates="patient", cascade="all, delete-orphan")
    functional_goals = relationship(
        "FunctionalGoal", back_populates="patient", cascade="all, delete-orphan"
    )
    action_plans = relationship("ActionPlan", back_populates="patient", cascade="all, delete-orphan")
    consent_events = relationship("ConsentEvent", back_populates="patient", cascade="all, delete-orphan")
    safety_events = relationship("SafetyEvent", cascade="all, delete-orphan")
    requests = relationship("PatientRequest", cascade="all, delete-orphan")
    phq4_results = relationship("Phq4Result", cascade="all, delete-orphan")
    problem_solving_records = relationship(
        "ProblemSolvingRecord", cascade="all, delete-orphan", order_by="ProblemSolvingRecord.id"
    )
    flare_plan = relationship("FlarePlanRecord", cascade="all, delete-orphan", uselist=False)
    flare_episodes = relationship("FlareEpisode", cascade="all, delete-orphan", order_by="FlareEpisode.id")
    followups = relationship("Followup", cascade="all, delete-orphan", order_by="Followup.id")
    resource_offers = relationship("ResourceOffer", cascade="all, delete-orphan", order_by="ResourceOffer.id")
    clinician_notes = relationship("ClinicianNote", cascade="all, delete-orphan", order_by="ClinicianNote.id")
    goal_proposals = relationship("GoalProposal", cascade="all, delete-orphan", order_by="GoalProposal.id")


class ChannelIdentity(Base):
    """A Rasa conversation (sender id on one channel) that belongs to a patient."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("conversation_id", name="uq_identity_conversation"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False)
    channel = Column(String(32), nullable=False, default="rest")
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_used_at = Column(UTCDateTime)
    # The patient chose this conversation for check-ins (else: the one used last).
    preferred = Column(Boolean, nullable=False, default=False, server_default=false())
    # The provider refused this conversation for good (blocked, unsubscribed): no check-ins
    # go here until the patient writes on it again (bot.services.identities).
    unreachable_at = Column(UTCDateTime)
    unreachable_reason = Column(String(64))

    patient = relationship("Patient", back_populates="identities")


class LinkCode(Base):
    """A short one-time code that joins a new device or channel to an existing patient.

    Only a hash of the code is stored: the code itself is shown once, in the
    conversation that asked for it, and is valid for minutes.
    """

    __tablename__ = "link_codes"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    code_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    used_at = Column(UTCDateTime)
    used_by_channel = Column(String(32))


class ChannelPrompt(Base):
    """The options (buttons) last offered in a text-only conversation (SMS), so that a
    reply of "1" or "2" can choose them; also resolves long Telegram button payloads."""

    __tablename__ = "channel_prompts"

    conversation_id = Column(String(255), primary_key=True)
    options_json = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class SmsOptOut(Base):
    """A phone number that texted STOP: nothing is sent to it until it texts START.

    Kept for strangers too, because carriers require the opt-out to hold for any number.
    """

    __tablename__ = "sms_opt_outs"

    phone_number = Column(String(20), primary_key=True)  # E.164
    keyword = Column(String(16), nullable=False)
    opted_out_at = Column(UTCDateTime, nullable=False, default=utcnow)


class ConsentEvent(Base):
    """Every consent decision with its time and the wording version the person saw."""

    __tablename__ = "consent_events"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    decision = Column(String(16), nullable=False)  # given | refused | withdrawn
    wording_version = Column(String(16), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    patient = relationship("Patient", back_populates="consent_events")


class PatientValue(Base):
    """What matters to the person, in their own words (Kongsted et al. 2021)."""

    __tablename__ = "patient_values"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    text = Column(Text, nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    patient = relationship("Patient", back_populates="values")


class FunctionalGoal(Base):
    """A Patient-Specific Functional Scale activity (Stratford 1995)."""

    __tablename__ = "functional_goals"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    activity = Column(String(200), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    patient = relationship("Patient", back_populates="functional_goals")
    ratings = relationship(
        "PsfsRating",
        back_populates="goal",
        cascade="all, delete-orphan",
        order_by="PsfsRating.rated_at",
    )


class PsfsRating(Base):
    """One 0-10 ability rating of a functional goal; the series shows change over time."""

    __tablename__ = "psfs_ratings"

    id = Column(Integer, primary_key=True)
    goal_id = Column(
        Integer, ForeignKey("functional_goals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    score = Column(Integer, nullable=False)
    rated_at = Column(UTCDateTime, nullable=False, default=utcnow)

    goal = relationship("FunctionalGoal", back_populates="ratings")


class ActionPlan(Base):
    """A SMART weekly action plan (Lorig, CDSMP): what, how much, when, how often, confidence."""

    __tablename__ = "action_plans"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    functional_goal_id = Column(Integer, ForeignKey("functional_goals.id", ondelete="SET NULL"))
    what = Column(String(300), nullable=False)
    how_much = Column(String(100))
    when_text = Column(String(200))
    days_per_week = Column(Integer)
    confidence = Column(Integer)
    status = Column(String(16), nullable=False, default="active")  # active|done|dropped|replaced
    outcome_note = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    reviewed_at = Column(UTCDateTime)
    closed_at = Column(UTCDateTime)

    patient = relationship("Patient", back_populates="action_plans")


class SafetyEvent(Base):
    """A crisis, check question, third-person concern, red flag or request for a person.

    The message text is kept for the clinician (it is why the event exists); alerts
    that leave Pacer never carry it.
    """

    __tablename__ = "safety_events"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    kind = Column(String(24), nullable=False)  # crisis|crisis_check|crisis_third_person|red_flag
    rule = Column(String(80), nullable=False)
    category = Column(String(40))
    message_text = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    acknowledged_at = Column(UTCDateTime)
    acknowledged_by = Column(String(120))

    alerts = relationship("Alert", back_populates="event", cascade="all, delete-orphan")


class Alert(Base):
    """One delivery of a safety event to the clinic (email or webhook), retried with backoff."""

    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_status_next", "status", "next_attempt_at"),)

    id = Column(Integer, primary_key=True)
    safety_event_id = Column(
        Integer, ForeignKey("safety_events.id", ondelete="CASCADE"), nullable=False, index=True
    )
    channel = Column(String(16), nullable=False)  # email | webhook
    target = Column(String(300), nullable=False)
    status = Column(String(16), nullable=False, default="pending")  # pending | sent | failed
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime)
    last_error = Column(Text)
    sent_at = Column(UTCDateTime)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    event = relationship("SafetyEvent", back_populates="alerts")


class PatientRequest(Base):
    """Something a person asked the clinic for: a person to talk to, or a copy of their data."""

    __tablename__ = "patient_requests"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    conversation_id = Column(String(255), nullable=False)
    kind = Column(String(24), nullable=False)  # talk_to_person | data_copy
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    handled_at = Column(UTCDateTime)


class Phq4Result(Base):
    """PHQ-4 item scores (Kroenke 2009); scoring lives in bot.coaching.phq4."""

    __tablename__ = "phq4_results"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    interest = Column(Integer, nullable=False)
    down = Column(Integer, nullable=False)
    nervous = Column(Integer, nullable=False)
    worry = Column(Integer, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class Erasure(Base):
    """An erasure in progress. Rasa's tracker store can write a conversation back after
    it was deleted (it saves in-memory events beyond the rows it finds), so erasure runs
    after the turn is saved and is re-checked for a while; then the ids are dropped."""

    __tablename__ = "erasures"

    id = Column(Integer, primary_key=True)
    conversation_ids = Column(Text)  # newline-separated; cleared once verified
    requested_at = Column(UTCDateTime, nullable=False, default=utcnow)
    due_at = Column(UTCDateTime, nullable=False)
    erased_at = Column(UTCDateTime)
    verify_until = Column(UTCDateTime)


class ProblemSolvingRecord(Base):
    """One guided problem-solving session (Lorig, CDSMP), in the person's own words:
    the problem, every idea listed (theirs and suggested), the one chosen, the small
    plan made from it with its confidence, and how it went at the next check-in."""

    __tablename__ = "problem_solving_records"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    origin = Column(String(16), nullable=False, default="request")  # request | missed | partial
    origin_plan_id = Column(Integer, ForeignKey("action_plans.id", ondelete="SET NULL"))
    problem_text = Column(Text, nullable=False)
    barriers = Column(JSON, nullable=False, default=list)  # barrier keys detected
    ideas = Column(JSON, nullable=False, default=list)  # [{"text": ..., "source": own|suggested}]
    chosen_idea = Column(Text)
    tried_ideas = Column(JSON, nullable=False, default=list)
    plan_text = Column(Text)
    confidence = Column(Integer)
    action_plan_id = Column(Integer, ForeignKey("action_plans.id", ondelete="SET NULL"))
    outcome = Column(String(16))  # worked | partly | not_worked | accepted
    outcome_note = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    reviewed_at = Column(UTCDateTime)


class FlarePlanRecord(Base):
    """A flare-up plan written in advance; one per patient, edited a section at a time."""

    __tablename__ = "flare_plans"
    __table_args__ = (UniqueConstraint("patient_id", name="uq_flare_plan_patient"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False)
    warning_signs = Column(Text)
    what_helps = Column(Text)
    drop_postpone = Column(Text)
    who_to_tell = Column(Text)
    seek_care = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow)


class FlareEpisode(Base):
    """A flare the person told Pacer about: screen result and which plan guided them."""

    __tablename__ = "flare_episodes"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    red_flag = Column(Boolean, nullable=False, default=False)
    plan_source = Column(String(16))  # own | default | none (stopped at the red-flag screen)
    outcome = Column(String(16))  # better | same | worse (next-day follow-up)
    started_at = Column(UTCDateTime, nullable=False, default=utcnow)


class Followup(Base):
    """A question Pacer owes the person later (next-day flare check, problem-solving review).
    The scheduler delivers due rows; until it does, Pacer asks at their next session."""

    __tablename__ = "followups"
    __table_args__ = (Index("ix_followups_due", "delivered_at", "due_at"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = Column(String(24), nullable=False)  # flare | problem_solving
    ref_id = Column(Integer)  # flare_episodes.id or problem_solving_records.id
    due_at = Column(UTCDateTime, nullable=False)
    delivered_at = Column(UTCDateTime)
    answered_at = Column(UTCDateTime)
    answer = Column(String(24))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class CheckinSchedule(Base):
    """A patient's booster check-in schedule: the truth the scheduler works from.

    `next_due_at` is the next occurrence not yet turned into a delivery row; the
    sweeper advances it in the same transaction that inserts the delivery."""

    __tablename__ = "checkin_schedules"
    __table_args__ = (Index("ix_checkin_schedules_due", "status", "next_due_at"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(
        Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    timezone = Column(String(64), nullable=False)
    local_time = Column(String(5), nullable=False, default="10:00")  # HH:MM, patient's zone
    weekday = Column(Integer)  # 0 = Monday; NULL keeps the anchor's weekday
    frequency = Column(String(16), nullable=False, default="taper")  # taper|weekly|fortnightly|monthly
    quiet_start = Column(String(5))  # HH:MM local; NULL = no quiet hours
    quiet_end = Column(String(5))
    status = Column(String(16), nullable=False, default="active")  # active | stopped
    anchor_at = Column(UTCDateTime, nullable=False, default=utcnow)
    next_index = Column(Integer, nullable=False, default=1)
    next_due_at = Column(UTCDateTime)
    paused_until = Column(UTCDateTime)
    checkins_done = Column(Integer, nullable=False, default=0)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class CheckinDelivery(Base):
    """One check-in for one patient at one due time (unique): claimed in a transaction before
    it is sent, so two sweeps or a restarted scheduler cannot send it twice."""

    __tablename__ = "checkin_deliveries"
    __table_args__ = (
        UniqueConstraint("patient_id", "due_at", name="uq_checkin_delivery_patient_due"),
        Index("ix_checkin_deliveries_status_next", "status", "next_attempt_at"),
    )

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    due_at = Column(UTCDateTime, nullable=False)
    kind = Column(String(16), nullable=False, default="booster")  # booster | snoozed | flare_followup
    # pending | sending | sent | failed | skipped | snoozed | cancelled
    status = Column(String(16), nullable=False, default="pending")
    next_attempt_at = Column(UTCDateTime, nullable=False)
    claimed_by = Column(String(80))
    lease_until = Column(UTCDateTime)
    attempts = Column(Integer, nullable=False, default=0)
    deferrals = Column(Integer, nullable=False, default=0)
    defer_reason = Column(String(32))
    last_error = Column(Text)
    conversation_id = Column(String(255))
    channel = Column(String(32))
    sent_at = Column(UTCDateTime)
    received_at = Column(UTCDateTime)  # set by the check-in action (dedup)
    answered_at = Column(UTCDateTime)
    outcome = Column(String(16))  # done | partial | missed
    note = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class PegResult(Base):
    """PEG-3 (Krebs et al. 2009): pain, enjoyment of life, general activity, each 0-10."""

    __tablename__ = "peg_results"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    delivery_id = Column(Integer, ForeignKey("checkin_deliveries.id", ondelete="SET NULL"))
    pain = Column(Integer, nullable=False)
    enjoyment = Column(Integer, nullable=False)
    activity = Column(Integer, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class SchedulerHeartbeat(Base):
    """One row per scheduler process name: `pacer checkins status` reads it."""

    __tablename__ = "scheduler_heartbeats"

    name = Column(String(64), primary_key=True)
    pid = Column(Integer)
    host = Column(String(120))
    started_at = Column(UTCDateTime)
    beat_at = Column(UTCDateTime)
    last_sweep_at = Column(UTCDateTime)
    last_sent = Column(Integer, nullable=False, default=0)
    last_error = Column(Text)


class SchedulerLease(Base):
    """The scheduler leader's lease (SQLite; on PostgreSQL an advisory lock decides and this row
    only shows who leads). `epoch` grows with every change of leader."""

    __tablename__ = "scheduler_leases"

    name = Column(String(64), primary_key=True)
    holder = Column(String(160))
    epoch = Column(Integer, nullable=False, default=0)
    acquired_at = Column(UTCDateTime)
    lease_until = Column(UTCDateTime)


class InboundMessage(Base):
    """One row per patient message that carried an idempotency key (`message_id`): a retried
    request is answered from here instead of being processed twice (bot.channels.rest)."""

    __tablename__ = "inbound_messages"
    __table_args__ = (Index("ix_inbound_messages_sender", "sender_id", "created_at"),)

    message_id = Column(String(64), primary_key=True)
    sender_id = Column(String(255), nullable=False)
    status = Column(String(16), nullable=False)  # processing | answered
    owner = Column(String(160), nullable=False)
    attempts = Column(Integer, nullable=False, default=1)
    replies = Column(Text)
    created_at = Column(UTCDateTime, nullable=False)
    claimed_at = Column(UTCDateTime, nullable=False)
    answered_at = Column(UTCDateTime)
class Clinician(Base):
    """A person who signs in to the dashboard. Passwords are argon2 hashes (bot.web.auth)."""

    __tablename__ = "clinicians"

    id = Column(Integer, primary_key=True)
    email = Column(String(200), nullable=False, unique=True)
    display_name = Column(String(120), nullable=False)
    password_hash = Column(String(200), nullable=False)
    role = Column(String(16), nullable=False, default="clinician")  # clinician | admin
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_login_at = Column(UTCDateTime)
    # Moves on at "sign out everywhere": cookies carry it, so older ones stop working.
    # Signing in does not move it (a second computer leaves the first signed in).
    session_epoch = Column(Integer, nullable=False, default=0, server_default="0")


class PatientAssignment(Base):
    """Which clinician may see which patient: the dashboard's access rule."""

    __tablename__ = "patient_assignments"
    __table_args__ = (UniqueConstraint("clinician_id", "patient_id", name="uq_assignment"),)

    id = Column(Integer, primary_key=True)
    clinician_id = Column(
        Integer, ForeignKey("clinicians.id", ondelete="CASCADE"), nullable=False, index=True
    )
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    source = Column(String(16), nullable=False, default="admin")  # admin | invitation
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class InvitationCode(Base):
    """A one-time code a clinician gives a patient; entered in chat, it assigns them."""

    __tablename__ = "invitation_codes"

    id = Column(Integer, primary_key=True)
    code = Column(String(16), nullable=False, unique=True)
    clinician_id = Column(
        Integer, ForeignKey("clinicians.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False)
    used_at = Column(UTCDateTime)
    used_by_patient_id = Column(Integer, ForeignKey("patients.id", ondelete="SET NULL"))


class AuditLog(Base):
    """Every view or change of a patient record by a clinician (who, what, when).

    `patient_id` is a plain integer, not a foreign key: the audit trail outlives an erasure.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_patient_at", "patient_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    clinician_id = Column(Integer, ForeignKey("clinicians.id", ondelete="SET NULL"), index=True)
    clinician_email = Column(String(200))
    patient_id = Column(Integer)
    action = Column(String(40), nullable=False)  # view_patient | view_transcript | export_fhir | ...
    detail = Column(String(300))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class ClinicResource(Base):
    """A peer support group, class, service or online programme the clinic lists for patients.

    Archived, never deleted: offers already made keep pointing at what was offered.
    """

    __tablename__ = "clinic_resources"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    kind = Column(String(16), nullable=False)  # peer_support | class | service | online
    description = Column(Text, nullable=False, default="")
    when_text = Column(String(200), nullable=False, default="")
    where_text = Column(String(200), nullable=False, default="")
    how_to_join = Column(String(400), nullable=False, default="")
    contact = Column(String(200), nullable=False, default="")
    tags = Column(JSON, nullable=False, default=list)  # bot.coaching.resources.TOPICS keys
    active = Column(Boolean, nullable=False, default=True, server_default=true())
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow)
    archived_at = Column(UTCDateTime)
    created_by_id = Column(Integer, ForeignKey("clinicians.id", ondelete="SET NULL"))
    updated_by_id = Column(Integer, ForeignKey("clinicians.id", ondelete="SET NULL"))

    created_by = relationship("Clinician", foreign_keys=[created_by_id])
    updated_by = relationship("Clinician", foreign_keys=[updated_by_id])


class ResourceOffer(Base):
    """One resource offered to one patient: when, why (context), and what they said."""

    __tablename__ = "resource_offers"
    __table_args__ = (Index("ix_resource_offers_patient_at", "patient_id", "offered_at"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False)
    resource_id = Column(
        Integer, ForeignKey("clinic_resources.id", ondelete="CASCADE"), nullable=False, index=True
    )
    context = Column(String(20), nullable=False)  # problem_solving | distress | checkin | asked
    ref_id = Column(Integer)  # the problem-solving record, for context problem_solving
    offered_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # interested | declined | no_answer
    response = Column(String(16), nullable=False, default="no_answer", server_default="no_answer")
    responded_at = Column(UTCDateTime)
    taken_up_at = Column(UTCDateTime)  # they said they'll go, or have joined
    followed_up_at = Column(UTCDateTime)  # "did you get along to it?" asked at a check-in

    resource = relationship("ClinicResource")
class ClinicianNote(Base):
    """A short note from a clinician to their patient, delivered by Pacer and labelled as
    theirs: at once (through the scheduler, like a check-in) or at the next check-in."""

    __tablename__ = "clinician_notes"
    __table_args__ = (Index("ix_clinician_notes_patient_status", "patient_id", "status"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False)
    clinician_id = Column(Integer, ForeignKey("clinicians.id", ondelete="SET NULL"))
    author_name = Column(String(120), nullable=False)  # kept if the clinician account goes
    body = Column(Text, nullable=False)
    delivery = Column(String(16), nullable=False)  # now | next_checkin
    status = Column(String(16), nullable=False, default="pending")  # pending|delivered|read|withdrawn
    delivery_id = Column(Integer, ForeignKey("checkin_deliveries.id", ondelete="SET NULL"))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    delivered_at = Column(UTCDateTime)
    delivered_via = Column(String(32))  # the check-in delivery or the session that showed it
    read_at = Column(UTCDateTime)
    read_via = Column(String(16))  # button | reply
    reply = Column(Text)
    replied_at = Column(UTCDateTime)


class GoalProposal(Base):
    """An action plan or PSFS activity a clinician suggests (shared decision-making); the
    patient accepts, changes or declines it, and the outcome and their reason are kept."""

    __tablename__ = "goal_proposals"
    __table_args__ = (Index("ix_goal_proposals_patient_status", "patient_id", "status"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False)
    clinician_id = Column(Integer, ForeignKey("clinicians.id", ondelete="SET NULL"))
    author_name = Column(String(120), nullable=False)
    kind = Column(String(16), nullable=False)  # action_plan | psfs
    what = Column(String(300), nullable=False)  # the plan's activity, or the PSFS activity
    how_much = Column(String(100))
    when_text = Column(String(200))
    days_per_week = Column(Integer)
    rationale = Column(Text)  # the clinician's "why", shown to the patient
    # pending | presented | accepted | changed | declined | withdrawn
    status = Column(String(16), nullable=False, default="pending")
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    presented_at = Column(UTCDateTime)
    responded_at = Column(UTCDateTime)
    patient_reason = Column(Text)
    final_text = Column(String(400))  # what the patient ended up with, in words
    action_plan_id = Column(Integer, ForeignKey("action_plans.id", ondelete="SET NULL"))
    functional_goal_id = Column(Integer, ForeignKey("functional_goals.id", ondelete="SET NULL"))


class CodeAttempt(Base):
    """One attempt to redeem a link code or a clinic invitation code (bot.services.code_attempts).

    Kept in the database, not in a process's memory, so that the limits hold across rasa
    replicas, the web app and restarts. Only a hash of what was typed is stored.
    """

    __tablename__ = "code_attempts"
    __table_args__ = (Index("ix_code_attempts_subject", "kind", "subject", "created_at"),)

    id = Column(Integer, primary_key=True)
    kind = Column(String(16), nullable=False)  # link | clinic
    subject = Column(String(255), nullable=False)  # a conversation id, or addr:<client address>
    code_hash = Column(String(64))  # the code row it named, when there was one
    succeeded = Column(Boolean, nullable=False, default=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

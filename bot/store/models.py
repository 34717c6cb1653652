"""Pacer's own tables. Rasa's `events` table lives in the same database but is
owned by Rasa's tracker store, never by these models or by Alembic."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Patient(Base):
    __tablename__ = "patients"

    id = Column(Integer, primary_key=True)
    display_name = Column(String(80))
    consent_status = Column(String(16))  # given | refused | withdrawn
    consent_at = Column(DateTime(timezone=True))
    region = Column(String(8))
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    last_seen_at = Column(DateTime(timezone=True))

    identities = relationship("ChannelIdentity", back_populates="patient", cascade="all, delete-orphan")
    values = relationship("PatientValue", back_populates="patient", cascade="all, delete-orphan")
    functional_goals = relationship(
        "FunctionalGoal", back_populates="patient", cascade="all, delete-orphan"
    )
    action_plans = relationship("ActionPlan", back_populates="patient", cascade="all, delete-orphan")
    consent_events = relationship("ConsentEvent", back_populates="patient", cascade="all, delete-orphan")


class ChannelIdentity(Base):
    """A Rasa conversation (sender id on one channel) that belongs to a patient."""

    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("conversation_id", name="uq_identity_conversation"),)

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False)
    channel = Column(String(32), nullable=False, default="rest")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    last_used_at = Column(DateTime(timezone=True))

    patient = relationship("Patient", back_populates="identities")


class ConsentEvent(Base):
    """Every consent decision with its time and the wording version the person saw."""

    __tablename__ = "consent_events"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    decision = Column(String(16), nullable=False)  # given | refused | withdrawn
    wording_version = Column(String(16), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    patient = relationship("Patient", back_populates="consent_events")


class PatientValue(Base):
    """What matters to the person, in their own words (Kongsted et al. 2021)."""

    __tablename__ = "patient_values"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    text = Column(Text, nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    patient = relationship("Patient", back_populates="values")


class FunctionalGoal(Base):
    """A Patient-Specific Functional Scale activity (Stratford 1995)."""

    __tablename__ = "functional_goals"

    id = Column(Integer, primary_key=True)
    patient_id = Column(Integer, ForeignKey("patients.id", ondelete="CASCADE"), nullable=False, index=True)
    activity = Column(String(200), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

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
    rated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

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
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    reviewed_at = Column(DateTime(timezone=True))
    closed_at = Column(DateTime(timezone=True))

    patient = relationship("Patient", back_populates="action_plans")

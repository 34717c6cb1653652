"""What each dashboard page shows, read in one unit of work per page.

The web layer (`bot.web.dashboard`) calls these and renders the result; it opens no
session and queries no model itself. Access control stays in the queries: a patient
who is not assigned to the signed-in clinician raises `NotAssigned` (the route answers
404 without saying whether the id exists). Reading a patient's record is written to the
audit log in the same transaction as the read, so these functions are read-only apart
from that log line (and the clinician notes' read marks that `clinician_notes.for_patient`
refreshes).

Everything returned is loaded before the session closes (plain values, or ORM rows whose
columns and needed relationships are loaded), so templates never touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services import clinic_overview as ov
from bot.services import clinician_notes, fhir_export, goal_proposals, regions, resources, summaries
from bot.services import dashboard as queries
from bot.store.db import session_scope
from bot.store.models import Clinician, InvitationCode, Patient, SafetyEvent, utcnow


class NotAssigned(LookupError):
    """The patient is not on this clinician's list (or does not exist)."""


def assigned_or_raise(session: Session, clinician_id: int, patient_id: int) -> Patient:
    patient = queries.assigned_patient(session, clinician_id, patient_id)
    if patient is None:
        raise NotAssigned(patient_id)
    return patient


# --- patient list ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientListPage:
    rows: list[queries.PatientRow]  # this page's rows
    total: int
    page: int
    pages: int
    first: int  # 1-based position of the first row shown
    invitations: list[InvitationCode]
    channels: dict[int, list[str]]


def patient_list(clinician_id: int, search: str, flag: str, page: int, page_size: int) -> PatientListPage:
    with session_scope() as session:
        rows = queries.patient_list(session, clinician_id, search=search, flag=flag)
        invitations = list(session.execute(
            select(InvitationCode)
            .where(InvitationCode.clinician_id == clinician_id, InvitationCode.used_at.is_(None),
                   InvitationCode.expires_at > utcnow())
            .order_by(InvitationCode.created_at.desc())
            .limit(5)
        ).scalars())
        pages = max(1, -(-len(rows) // page_size))
        page = min(page, pages)
        shown = rows[(page - 1) * page_size: page * page_size]
        channels = queries.channels_by_patient(session, [row.id for row in shown])
    return PatientListPage(shown, len(rows), page, pages, (page - 1) * page_size + 1, invitations, channels)


# --- one patient ----------------------------------------------------------------------------------------


def patient_record(clinician: Clinician, patient_id: int, recent_sessions: int) -> dict[str, Any]:
    """Every section of the patient page, by the names the templates use."""
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        queries.record_audit(session, clinician, "view_patient", patient.id)
        current_plans, past_plans = queries.action_plans(session, patient.id)
        summary = summaries.summarise_patient(session, patient.id, recent_sessions=recent_sessions)
        peg = queries.peg_history(session, patient.id)
        return {
            "patient": patient,
            "devices": queries.linked_devices(session, patient),
            "region": regions.region_of(patient),
            "values": queries.patient_values(session, patient.id),
            "activities": queries.psfs_activities(session, patient.id),
            "current_plans": current_plans,
            "past_plans": past_plans,
            "adherence": queries.plan_adherence(
                [(p.status, p.outcome_note) for p in current_plans + past_plans]),
            "safety_events": queries.patient_safety_events(session, patient.id),
            "requests": queries.talk_requests(session, patient.id),
            "phq4": queries.phq4_history(session, patient.id),
            "checkin_history": queries.checkin_history(session, patient),
            "peg": peg,
            "peg_trend": queries.peg_trend(peg),
            "problems": queries.problem_solving(session, patient.id),
            "flare_plan": queries.flare_plan(session, patient.id),
            "flare_sections": queries.FLARE_SECTIONS,
            "flare_episodes": queries.flare_episodes(session, patient.id),
            "sessions": list(reversed(summary.sessions))[:recent_sessions],
            "resource_offers": resources.patient_offers(session, patient.id),
            "offer_contexts": resources.CONTEXT_LABELS,
            "offer_responses": resources.RESPONSE_LABELS,
            "audit": queries.audit_entries(session, patient.id, limit=10),
            "paused_until": patient.checkins_paused_until,
            "notes": clinician_notes.for_patient(session, patient.id),
            "proposals": goal_proposals.for_patient(session, patient.id),
        }


@dataclass(frozen=True)
class ConversationsPage:
    patient: Patient
    sessions: list[summaries.ConversationSession]  # newest first
    period_lines: list[summaries.SummaryLine] | None  # only when a period was asked for


def conversations(clinician: Clinician, patient_id: int, start: datetime | None, end: datetime | None,
                  period_text: str) -> ConversationsPage:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        queries.record_audit(session, clinician, "view_summaries", patient.id, period_text)
        summary = summaries.summarise_patient(session, patient.id)
        return ConversationsPage(patient, list(reversed(summary.sessions)),
                                 summary.between(start, end) if (start or end) else None)


def transcript(clinician: Clinician, patient_id: int, conversation_id: str) -> tuple[Patient, list]:
    """The patient and the conversation's events; LookupError when the conversation is not theirs."""
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        events = summaries.transcript(session, patient.id, conversation_id)
        queries.record_audit(session, clinician, "view_transcript", patient.id)
        return patient, events


def measures_csv(clinician: Clinician, patient_id: int) -> str:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        queries.record_audit(session, clinician, "export_csv", patient.id)
        return fhir_export.measures_csv(fhir_export.load_record(session, patient))


def fhir_bundle(clinician: Clinician, patient_id: int) -> str:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        queries.record_audit(session, clinician, "export_fhir", patient.id)
        return fhir_export.build_bundle(fhir_export.load_record(session, patient)).json(indent=2)


def safety_event_location(clinician: Clinician, event_id: int) -> int | None:
    """The patient whose page holds this safety event, when that patient is the clinician's."""
    with session_scope() as session:
        event = session.get(SafetyEvent, event_id)
        if event is not None and event.patient_id is not None and queries.assigned_patient(
                session, clinician.id, event.patient_id):
            return event.patient_id
    return None


# --- admin ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminPage:
    clinicians: list[Clinician]
    unlinked: list[SafetyEvent]  # safety events from people who never consented, not yet acknowledged
    caseloads: dict[int, int]
    unassigned: list[Patient]
    unassigned_channels: dict[int, list[str]]


def admin_page(search: str) -> AdminPage:
    with session_scope() as session:
        clinicians = list(session.execute(
            select(Clinician).order_by(Clinician.active.desc(), Clinician.display_name)).scalars())
        unlinked = list(session.execute(
            select(SafetyEvent).where(SafetyEvent.patient_id.is_(None), SafetyEvent.acknowledged_at.is_(None))
            .order_by(SafetyEvent.created_at.desc())
        ).scalars())
        unassigned = queries.unassigned_consented(session, search)
        return AdminPage(clinicians, unlinked, queries.clinician_caseloads(session), unassigned,
                         queries.channels_by_patient(session, [p.id for p in unassigned]))


# --- clinic overview ------------------------------------------------------------------------------------


def active_clinicians(session: Session) -> list[Clinician]:
    return list(session.execute(
        select(Clinician).where(Clinician.active.is_(True)).order_by(Clinician.display_name)
    ).scalars())


def overview_filter_choices(viewer: Clinician) -> list[Clinician]:
    """Whom a lead can filter the overview by; nobody for a plain clinician (their own patients only)."""
    if viewer.role != "admin":
        return []
    with session_scope() as session:
        return active_clinicians(session)


def _scope_label(session: Session, scope: ov.Scope) -> str:
    if scope.clinician_id is None:
        return "whole clinic"
    clinician = session.get(Clinician, scope.clinician_id)
    return clinician.display_name if clinician else f"clinician {scope.clinician_id}"


@dataclass(frozen=True)
class OverviewPage:
    overview: ov.Overview
    figures: list[ov.Figure]
    scope_label: str
    clinicians: list[Clinician]  # the lead's filter choices


def clinic_overview(viewer: Clinician, scope: ov.Scope, period: ov.Period, audit_action: str) -> OverviewPage:
    """The overview's figures for one scope and period, the viewing written to the audit log."""
    with session_scope() as session:
        overview = ov.clinic_overview(session, scope, period)
        label = _scope_label(session, scope)
        queries.record_audit(session, viewer, audit_action, None, f"{period.start}..{period.end} {label}")
        choices = active_clinicians(session) if viewer.role == "admin" else []
        return OverviewPage(overview, ov.figures(overview), label, choices)


# --- the clinic's resources -----------------------------------------------------------------------------


def resource_list() -> tuple[list, dict[int, tuple[int, int, int]]]:
    """Every resource (archived last) and its offer counts."""
    with session_scope() as session:
        return resources.list_resources(session), resources.offer_counts(session)


def resource(resource_id: int) -> Any | None:
    with session_scope() as session:
        return resources.get_resource(session, resource_id)

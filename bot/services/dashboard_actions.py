"""What the dashboard's forms do: one unit of work per form, the audit line in the same
transaction as the change.

The web layer (`bot.web.dashboard`) checks the form's shape and the CSRF token, calls one
of these and redirects; it opens no session itself. A patient who is not assigned to the
clinician raises `read_models.NotAssigned` (answered 404); a form the rules refuse raises
ValueError with a message for the clinician.
"""

from __future__ import annotations

from bot.services import clinician_notes, goal_proposals, resources
from bot.services import dashboard as queries
from bot.services.read_models import assigned_or_raise
from bot.store.db import session_scope
from bot.store.models import Clinician, SafetyEvent, utcnow

# --- a patient's record ---------------------------------------------------------------------------------


def create_invitation(clinician: Clinician) -> None:
    with session_scope() as session:
        queries.create_invitation(session, clinician.id)


def acknowledge_safety(clinician: Clinician, patient_id: int, event_id: int) -> None:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        if queries.acknowledge_event(session, patient.id, event_id, clinician):
            queries.record_audit(session, clinician, "acknowledge_safety", patient.id,
                                 f"safety event {event_id}")


def mark_request_handled(clinician: Clinician, patient_id: int, request_id: int) -> None:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        if queries.mark_request_handled(session, patient.id, request_id):
            queries.record_audit(session, clinician, "handle_request", patient.id, f"request {request_id}")


def pause_checkins(clinician: Clinician, patient_id: int, days: int | None) -> bool:
    """Pause for `days`, or resume when None (the rule itself: `opt_out.set_pause`).
    False when the patient stopped check-ins themselves: their stop holds."""
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        if not queries.set_checkins_paused(session, patient, days, clinician):
            return False
        queries.record_audit(session, clinician, "pause_checkins" if days else "resume_checkins",
                             patient.id, f"{days} days" if days else None)
    return True


def set_clinic_reference(clinician: Clinician, patient_id: int, reference: str | None) -> None:
    """The clinic's own reference (record number): how the clinic finds the patient in its systems."""
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        patient.clinic_reference = reference
        queries.record_audit(session, clinician, "set_clinic_reference", patient.id)


def write_note(clinician: Clinician, patient_id: int, body: str, delivery: str) -> None:
    """ValueError when the note cannot be sent as asked (its message says why)."""
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        note = clinician_notes.create(session, patient, clinician, body, delivery)
        queries.record_audit(session, clinician, "write_note", patient.id,
                             f"note {note.id} ({note.delivery})")


def withdraw_note(clinician: Clinician, patient_id: int, note_id: int) -> None:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        if clinician_notes.withdraw(session, patient, note_id):
            queries.record_audit(session, clinician, "withdraw_note", patient.id, f"note {note_id}")


def propose_goal(clinician: Clinician, patient_id: int, kind: str, what: str, *, how_much: str | None,
                 when: str | None, days_per_week: int | None, rationale: str | None) -> None:
    """ValueError when the proposal is not one Pacer can offer (its message says why)."""
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        proposal = goal_proposals.create(session, patient, clinician, kind, what,
                                         how_much=how_much, when=when,
                                         days_per_week=days_per_week, rationale=rationale)
        queries.record_audit(session, clinician, "propose_goal", patient.id,
                             f"proposal {proposal.id} ({proposal.kind})")


def withdraw_proposal(clinician: Clinician, patient_id: int, proposal_id: int) -> None:
    with session_scope() as session:
        patient = assigned_or_raise(session, clinician.id, patient_id)
        if goal_proposals.withdraw(session, patient, proposal_id):
            queries.record_audit(session, clinician, "withdraw_proposal", patient.id,
                                 f"proposal {proposal_id}")


# --- admin ----------------------------------------------------------------------------------------------


def audit_clinician_added(admin: Clinician, clinician_id: int, role: str) -> None:
    with session_scope() as session:
        queries.record_audit(session, admin, "add_clinician", None, f"clinician {clinician_id} ({role})")


def set_clinician_active(admin: Clinician, clinician_id: int, active: bool) -> None:
    """LookupError when there is no such clinician."""
    with session_scope() as session:
        clinician = session.get(Clinician, clinician_id)
        if clinician is None:
            raise LookupError(f"no clinician {clinician_id}")
        clinician.active = active
        queries.record_audit(session, admin, "reactivate_clinician" if active else "deactivate_clinician",
                             None,
                             f"clinician {clinician_id}")


def assign_patient(admin: Clinician, clinician_id: int, patient_id: int) -> None:
    """LookupError when the clinician is not active or the patient does not exist."""
    with session_scope() as session:
        clinician = session.get(Clinician, clinician_id)
        if clinician is None or not clinician.active:
            raise LookupError("choose an active clinician")
        queries.assign(session, clinician_id, patient_id)
        queries.record_audit(session, admin, "assign_patient", patient_id, f"to clinician {clinician_id}")


def acknowledge_unlinked_safety(admin: Clinician, event_id: int) -> None:
    """A safety event from someone who never consented; LookupError when there is none such."""
    with session_scope() as session:
        event = session.get(SafetyEvent, event_id)
        if event is None or event.patient_id is not None:
            raise LookupError(f"no unlinked safety event {event_id}")
        if event.acknowledged_at is None:
            event.acknowledged_at = utcnow()
            event.acknowledged_by = admin.display_name
            queries.record_audit(session, admin, "acknowledge_safety", None,
                                 f"unlinked safety event {event_id}")


# --- the clinic's resources -----------------------------------------------------------------------------


def create_resource(clinician: Clinician, form: resources.ResourceForm) -> int:
    with session_scope() as session:
        resource = resources.create_resource(session, form, clinician)
        queries.record_audit(session, clinician, "add_resource", None,
                             f"resource {resource.id}: {resource.name}")
        return resource.id


def update_resource(clinician: Clinician, resource_id: int, form: resources.ResourceForm) -> None:
    """LookupError when there is no such resource."""
    with session_scope() as session:
        resource = resources.get_resource(session, resource_id)
        if resource is None:
            raise LookupError(f"no resource {resource_id}")
        resources.update_resource(session, resource, form, clinician)
        queries.record_audit(session, clinician, "edit_resource", None,
                             f"resource {resource.id}: {resource.name}")


def archive_resource(clinician: Clinician, resource_id: int, archive: bool) -> None:
    """Archive (or restore); LookupError when there is no such resource."""
    with session_scope() as session:
        resource = resources.get_resource(session, resource_id)
        if resource is None:
            raise LookupError(f"no resource {resource_id}")
        resources.set_archived(session, resource, archive, clinician)
        queries.record_audit(session, clinician, "archive_resource" if archive else "restore_resource", None,
                             f"resource {resource.id}: {resource.name}")

"""Clinician notes to a patient: written in the dashboard, delivered by Pacer labelled as
the clinician's, at once (a `clinician_note` row in the check-in delivery queue, so the
scheduler's exactly-once claims, retries and deferrals apply) or at the start of the
next check-in. A note counts as read when the patient presses one of its buttons or
writes anything after it arrived (the first such message in the tracker store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.coaching.checkin_schedule import NOTE_KIND, as_utc
from bot.coaching.shared_decisions import MAX_NOTE_CHARS, clean_note
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import CheckinDelivery, CheckinSchedule, Clinician, ClinicianNote, Patient, utcnow
from bot.store.rasa_events import EVENTS, events_table_exists

DELIVERIES = ("now", "next_checkin")

__all__ = ["DELIVERIES", "MAX_NOTE_CHARS", "NOTE_KIND", "NoteView", "create", "take_for_checkin"]


@dataclass(frozen=True)
class NoteView:
    id: int
    author_name: str
    body: str


def _view(note: ClinicianNote) -> NoteView:
    return NoteView(note.id, note.author_name, note.body)


def author_label(clinician: Clinician) -> str:
    return clinician.display_name or clinician.email


def create(session: Session, patient: Patient, clinician: Clinician, body: str, delivery: str,
           now: datetime | None = None) -> ClinicianNote:
    """Store a note; one to send at once also gets its own delivery row (same transaction)."""
    if delivery not in DELIVERIES:
        raise ValueError("Choose when to send the note.")
    now = as_utc(now or utcnow())
    note = ClinicianNote(patient_id=patient.id, clinician_id=clinician.id,
                         author_name=author_label(clinician), body=clean_note(body), delivery=delivery,
                         status="pending", created_at=now)
    session.add(note)
    if delivery == "now":
        row = CheckinDelivery(patient_id=patient.id, due_at=now, kind=NOTE_KIND, status="pending",
                              next_attempt_at=now)
        session.add(row)
        session.flush()
        note.delivery_id = row.id
    session.flush()
    return note


def withdraw(session: Session, patient: Patient, note_id: int) -> bool:
    """Take back a note that has not been delivered yet (and its queued send)."""
    note = session.get(ClinicianNote, note_id)
    if note is None or note.patient_id != patient.id or note.status != "pending":
        return False
    note.status = "withdrawn"
    _cancel_send(session, note, "note withdrawn")
    return True


def _cancel_send(session: Session, note: ClinicianNote, reason: str) -> None:
    """Cancel the note's queued "at once" send unless the scheduler has claimed it (the
    reason goes where bot.services.checkins puts a cancelled delivery's)."""
    if note.delivery_id:
        session.execute(
            update(CheckinDelivery)
            .where(CheckinDelivery.id == note.delivery_id, CheckinDelivery.status == "pending")
            .values(status="cancelled", last_error=reason)
            .execution_options(synchronize_session=False)
        )


def _has_active_schedule(session: Session, patient: Patient) -> bool:
    status = session.execute(
        select(CheckinSchedule.status).where(CheckinSchedule.patient_id == patient.id)
    ).scalar()
    return status == "active"


def _take(session: Session, patient: Patient, notes: list[ClinicianNote], via: str,
          now: datetime) -> list[NoteView]:
    for note in notes:
        note.status, note.delivered_at, note.delivered_via = "delivered", now, via
    session.flush()
    return [_view(note) for note in notes]


def _pending(session: Session, patient: Patient) -> list[ClinicianNote]:
    return list(session.execute(
        select(ClinicianNote).where(ClinicianNote.patient_id == patient.id, ClinicianNote.status == "pending")
        .order_by(ClinicianNote.id)
    ).scalars())


def take_for_checkin(conversation_id: str, delivery_id: int, now: datetime | None = None,
                     redelivered: bool = False) -> list[NoteView]:
    """Every undelivered note, marked delivered by this check-in (or note) delivery. Called
    once per delivery id: the check-in action's dedup runs first. `redelivered`: the check-in
    is opened again because the turn that first opened it never reached the tracker store (a
    rasa replica died); the notes that turn took are then shown again with it."""
    now = as_utc(now or utcnow())
    via = f"checkin:{delivery_id}"
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return []
        taken_before = list(session.execute(
            select(ClinicianNote).where(ClinicianNote.patient_id == patient.id,
                                        ClinicianNote.status == "delivered",
                                        ClinicianNote.delivered_via == via)
            .order_by(ClinicianNote.id)
        ).scalars()) if redelivered else []
        return _take(session, patient, taken_before + _pending(session, patient), via, now)


def take_at_session_start(conversation_id: str, now: datetime | None = None) -> list[NoteView]:
    """Notes that would otherwise wait: "at once" notes the scheduler has not sent yet, and
    "next check-in" notes of someone who has no check-ins to wait for."""
    now = as_utc(now or utcnow())
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return []
        waiting_for_checkin = _has_active_schedule(session, patient)
        notes = [n for n in _pending(session, patient)
                 if n.delivery == "now" or not waiting_for_checkin]
        for note in notes:  # the queued send now has nothing to carry
            _cancel_send(session, note, "delivered at session start")
        return _take(session, patient, notes, "session", now)


def _own_note(session: Session, conversation_id: str, note_id: int) -> ClinicianNote | None:
    patient = repo.find_patient(session, conversation_id)
    note = session.get(ClinicianNote, note_id) if patient is not None else None
    if note is None or note.patient_id != patient.id or note.status in ("pending", "withdrawn"):
        return None
    return note


def mark_read(conversation_id: str, note_id: int, via: str = "button",
              now: datetime | None = None) -> NoteView | None:
    now = as_utc(now or utcnow())
    with session_scope() as session:
        note = _own_note(session, conversation_id, note_id)
        if note is None:
            return None
        if note.read_at is None:
            note.status, note.read_at, note.read_via = "read", now, via
        return _view(note)


def save_reply(conversation_id: str, note_id: int, text: str, now: datetime | None = None) -> NoteView | None:
    """The patient's answer to the clinician, shown with the note on the dashboard."""
    now = as_utc(now or utcnow())
    with session_scope() as session:
        note = _own_note(session, conversation_id, note_id)
        if note is None:
            return None
        note.reply = (text or "").strip()[:MAX_NOTE_CHARS] or None
        note.replied_at = now
        if note.read_at is None:
            note.status, note.read_at, note.read_via = "read", now, "reply"
        return _view(note)


def refresh_read(session: Session, patient_id: int) -> int:
    """Mark delivered notes read when the patient wrote anything after them. Reads Rasa's
    tracker store, so a reply counts whichever flow it went to. Returns notes marked."""
    unread = list(session.execute(
        select(ClinicianNote).where(ClinicianNote.patient_id == patient_id,
                                    ClinicianNote.status == "delivered")
    ).scalars())
    if not unread or not events_table_exists(session):
        return 0
    conversations = [identity.conversation_id for identity in session.get(Patient, patient_id).identities]
    marked = 0
    for note in unread:
        first = session.execute(
            select(func.min(EVENTS.c.timestamp)).where(
                EVENTS.c.sender_id.in_(conversations), EVENTS.c.type_name == "user",
                EVENTS.c.timestamp > as_utc(note.delivered_at).timestamp(),
                ~func.coalesce(EVENTS.c.intent_name, "").like("EXTERNAL%"),
            )
        ).scalar()
        if first is not None:
            note.status, note.read_via = "read", "reply"
            note.read_at = datetime.fromtimestamp(first, tz=as_utc(note.delivered_at).tzinfo)
            marked += 1
    return marked


def for_patient(session: Session, patient_id: int) -> list[ClinicianNote]:
    refresh_read(session, patient_id)
    return list(session.execute(
        select(ClinicianNote).where(ClinicianNote.patient_id == patient_id).order_by(ClinicianNote.id.desc())
    ).scalars())

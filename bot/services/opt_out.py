"""Stopping, pausing and restarting messages and check-ins.

`set_pause` is the one rule that writes a patient's check-in pause (the scheduler
reads it before every send): a clinician's pause or resume on the dashboard, and
`stop_checkins`, which stops them for good (until the patient restarts them; the
SMS STOP keyword calls it). A stop the patient made holds against anyone else's
pause or resume. SMS opt-outs are kept per phone number, for strangers too, because
carriers require that nothing is sent to a number after STOP.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.coaching.checkin_schedule import as_utc
from bot.services import checkins
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import Patient, SmsOptOut, utcnow

# "Paused until" this date means stopped: the scheduler never reaches it.
STOPPED_UNTIL = datetime(9999, 12, 31, tzinfo=timezone.utc)
SMS_STOP_REASON = "sms:STOP"


def _stopped(patient: Patient) -> bool:
    until = patient.checkins_paused_until
    return until is not None and as_utc(until) >= STOPPED_UNTIL


def set_pause(session: Session, patient: Patient, until: datetime | None, by: str) -> bool:
    """Pause the patient's check-ins until `until` (None resumes them), on behalf of `by`.

    Returns False, changing nothing, when the patient stopped check-ins and `by` is not
    who stopped them: only they (START, or the same flow) can restart them."""
    by = by[:120]
    if _stopped(patient) and patient.checkins_paused_by != by:
        return False
    patient.checkins_paused_until = until
    patient.checkins_paused_by = by if until else None
    return True


def stop_checkins(conversation_id: str, by: str) -> bool:
    """Stop all check-ins for the patient behind `conversation_id`: their schedule is
    stopped and pending deliveries cancelled (bot.services.checkins.stop), and the
    patient is paused for good, which the scheduler checks before every send.
    Returns whether there was a patient to stop them for."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            return False
        set_pause(session, patient, STOPPED_UNTIL, by)  # False: already stopped, and stays so
    checkins.stop(conversation_id)
    return True


def checkins_stopped(conversation_id: str) -> bool:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return patient is not None and _stopped(patient)


def resume_checkins_stopped_by(conversation_id: str, by: str) -> bool:
    """Undo a stop made by `by` (START undoes STOP); a pause set any other way stays."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None or patient.checkins_paused_by != by[:120]:
            return False
        set_pause(session, patient, None, by)
    if checkins.get_schedule(conversation_id) is not None:
        checkins.update_preferences(conversation_id, restart=True)
    return True


def sms_opt_out(phone: str, keyword: str) -> None:
    with session_scope() as session:
        if session.get(SmsOptOut, phone) is None:
            session.add(SmsOptOut(phone_number=phone, keyword=keyword[:16], opted_out_at=utcnow()))


def sms_opt_in(phone: str) -> bool:
    """Returns whether the number had opted out."""
    with session_scope() as session:
        return bool(session.execute(delete(SmsOptOut).where(SmsOptOut.phone_number == phone)).rowcount)


def sms_opted_out(phone: str) -> bool:
    with session_scope() as session:
        return session.get(SmsOptOut, phone) is not None

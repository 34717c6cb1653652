"""Safety use cases: record events, alert the clinic, pick crisis contacts.

Check-ins wait 24 hours after a crisis: that rule is `bot.coaching.checkin_schedule.deferral`
(`AFTER_CRISIS`), which the scheduler applies before every send; pauses are
`bot.services.opt_out.set_pause`.

Safety events are recorded even for people who have not (yet) consented: a crisis
is the one case where Pacer keeps what was said, so that a clinician can act.
"""

from __future__ import annotations

import logging

from bot.clinic import ClinicConfig, load_clinic
from bot.safety import alerts
from bot.safety.contacts import RegionContacts, contacts_for
from bot.services.regions import region_for
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import PatientRequest, SafetyEvent, utcnow

logger = logging.getLogger(__name__)
ALERTING_KINDS = {"crisis", "red_flag"}
MAX_STORED_TEXT = 2000


def record_safety_event(
    conversation_id: str, kind: str, rule: str, category: str | None, text: str
) -> int:
    """Store the event; crisis and red-flag events also alert the clinic (in the background)."""
    clinic = load_clinic()
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        event = SafetyEvent(
            patient_id=patient.id if patient else None,
            conversation_id=conversation_id,
            kind=kind,
            rule=rule[:80],
            category=(category or None),
            message_text=(text or "")[:MAX_STORED_TEXT],
        )
        session.add(event)
        session.flush()
        queued = alerts.queue_alerts(session, event, clinic) if kind in ALERTING_KINDS else []
        event_id, alert_ids = event.id, [alert.id for alert in queued]
    logger.info("safety event %s recorded: kind=%s rule=%s", event_id, kind, rule)
    if alert_ids:
        alerts.deliver_soon(alert_ids)
    return event_id


def region_contacts(conversation_id: str, clinic: ClinicConfig | None = None) -> RegionContacts:
    """Crisis contacts of the patient's region (bot.services.regions.region_for)."""
    return contacts_for(region_for(conversation_id, clinic))


def record_request(conversation_id: str, kind: str) -> int:
    if kind not in ("talk_to_person", "data_copy"):
        raise ValueError(f"unknown request kind {kind!r}")
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        request = PatientRequest(
            patient_id=patient.id if patient else None, conversation_id=conversation_id, kind=kind
        )
        session.add(request)
        session.flush()
        return request.id


def open_safety_events(patient_id: int | None = None) -> list[SafetyEvent]:
    """Unacknowledged events, newest first, for the dashboard."""
    with session_scope() as session:
        return repo.safety_events(session, patient_id=patient_id, open_only=True)


def acknowledge(event_id: int, by: str) -> None:
    with session_scope() as session:
        event = session.get(SafetyEvent, event_id)
        if event is None:
            raise LookupError(f"no safety event {event_id}")
        event.acknowledged_at = utcnow()
        event.acknowledged_by = by

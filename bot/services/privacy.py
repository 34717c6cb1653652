"""Data rights: what Pacer stores, a copy (JSON export), and erasure.

Erasure removes the person's rows from Pacer's tables and their conversations
from Rasa's tracker store (`events`). It runs after the turn that asked for it has
been saved, and is checked again for a while afterwards, because Rasa's
SQLTrackerStore writes back in-memory events beyond the rows it finds.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.orm import object_session

from bot.clinic import load_clinic
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import (
    ChannelPrompt,
    CheckinDelivery,
    CheckinSchedule,
    Clinician,
    Erasure,
    InboundMessage,
    Patient,
    PatientAssignment,
    PatientRequest,
    PegResult,
    SafetyEvent,
    utcnow,
)

logger = logging.getLogger(__name__)
VERIFY_FOR = timedelta(minutes=30)
ERASE_DELAYS_S = (3.0, 15.0, 60.0)


#: Every table that holds a patient id (or one of their conversation ids) and the key of
#: `export_patient` that carries it. tests/unit/test_privacy_export.py walks the models and
#: fails if a table is in neither this nor `EXCLUDED_FROM_EXPORT`.
EXPORTED_TABLES: dict[str, str] = {
    "patients": "patient",
    "channel_identities": "channels",
    "consent_events": "consent_events",
    "patient_values": "values",
    "functional_goals": "activities",
    "psfs_ratings": "activities",
    "action_plans": "action_plans",
    "phq4_results": "phq4",
    "peg_results": "peg",
    "safety_events": "safety_events",
    "patient_requests": "requests",
    "problem_solving_records": "problem_solving",
    "flare_plans": "flare_plan",
    "flare_episodes": "flare_episodes",
    "followups": "followups",
    "checkin_schedules": "checkin_schedule",
    "checkin_deliveries": "checkins",
    "resource_offers": "resource_offers",
    "clinician_notes": "clinician_notes",
    "goal_proposals": "goal_proposals",
    "patient_assignments": "clinicians",
}

#: Tables holding a patient or conversation id that the copy leaves out, and why.
EXCLUDED_FROM_EXPORT: dict[str, str] = {
    "link_codes": "a hash of a one-time device-linking secret that expires in minutes; "
                  "the channels it linked are exported",
    "invitation_codes": "the clinic's one-time code; the clinician assignment it made is exported",
    "audit_log": "the clinic's accountability record of its own staff's access; it outlives "
                 "erasure and the clinic answers requests for it",
    "channel_prompts": "the buttons last offered in an SMS/Telegram conversation, overwritten "
                       "each turn; the conversation itself is in Rasa's tracker store",
    "inbound_messages": "idempotency records of replies already sent (bot.channels.rest), "
                        "deleted at erasure; the conversation itself is in Rasa's tracker store",
    "code_attempts": "rate-limit records holding only a hash of what was typed",
    "erasures": "the erasure request's own bookkeeping, cleared once verified",
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _rows(patient: Patient, model: Any) -> list[Any]:  # noqa: ANN401 - any mapped class
    """Rows of a model with no relationship on Patient, in insertion order."""
    session = object_session(patient)
    if session is None:
        return []
    return list(
        session.execute(select(model).where(model.patient_id == patient.id).order_by(model.id)).scalars()
    )


def export_patient(patient: Patient) -> dict[str, Any]:
    """Everything Pacer's tables hold about one person, as plain JSON-able data.

    The tables behind each key are listed in `EXPORTED_TABLES`.
    """
    schedule = next(iter(_rows(patient, CheckinSchedule)), None)
    return {
        "patient": {
            "id": patient.id,
            "name": patient.display_name,
            "consent_status": patient.consent_status,
            "consent_at": _iso(patient.consent_at),
            "region": patient.region,
            "region_source": patient.region_source,
            "clinic_reference": patient.clinic_reference,
            "phone_number": patient.phone_number,
            "created_at": _iso(patient.created_at),
            "last_seen_at": _iso(patient.last_seen_at),
            "checkins_paused_until": _iso(patient.checkins_paused_until),
            "erase_after": _iso(patient.erase_after),
        },
        "channels": [
            {"conversation_id": i.conversation_id, "channel": i.channel, "created_at": _iso(i.created_at),
             "last_used_at": _iso(i.last_used_at), "preferred_for_checkins": i.preferred}
            for i in patient.identities
        ],
        "consent_events": [
            {"decision": c.decision, "wording_version": c.wording_version, "at": _iso(c.created_at)}
            for c in patient.consent_events
        ],
        "values": [
            {"text": v.text, "active": v.active, "created_at": _iso(v.created_at)} for v in patient.values
        ],
        "activities": [
            {
                "activity": g.activity,
                "ratings": [{"score": r.score, "at": _iso(r.rated_at)} for r in g.ratings],
            }
            for g in patient.functional_goals
        ],
        "action_plans": [
            {
                "what": p.what, "how_much": p.how_much, "when": p.when_text,
                "days_per_week": p.days_per_week, "confidence": p.confidence, "status": p.status,
                "outcome": p.outcome_note, "created_at": _iso(p.created_at), "closed_at": _iso(p.closed_at),
            }
            for p in patient.action_plans
        ],
        "phq4": [
            {"interest": r.interest, "down": r.down, "nervous": r.nervous, "worry": r.worry,
             "at": _iso(r.created_at)}
            for r in patient.phq4_results
        ],
        "peg": [
            {"pain": r.pain, "enjoyment": r.enjoyment, "activity": r.activity, "at": _iso(r.created_at)}
            for r in _rows(patient, PegResult)
        ],
        "safety_events": [
            {"kind": e.kind, "at": _iso(e.created_at), "message": e.message_text}
            for e in patient.safety_events
        ],
        "problem_solving": [
            {"problem": r.problem_text, "ideas": r.ideas, "chosen": r.chosen_idea, "plan": r.plan_text,
             "confidence": r.confidence, "outcome": r.outcome, "created_at": _iso(r.created_at)}
            for r in patient.problem_solving_records
        ],
        "flare_plan": (
            {key: getattr(patient.flare_plan, key) for key in repo.FLARE_SECTIONS}
            | {"updated_at": _iso(patient.flare_plan.updated_at)}
            if patient.flare_plan else None
        ),
        "flare_episodes": [
            {"at": _iso(e.started_at), "red_flag": e.red_flag, "plan": e.plan_source, "outcome": e.outcome}
            for e in patient.flare_episodes
        ],
        "followups": [
            {"kind": f.kind, "due_at": _iso(f.due_at), "delivered_at": _iso(f.delivered_at),
             "answer": f.answer}
            for f in patient.followups
        ],
        "requests": [
            {"kind": r.kind, "at": _iso(r.created_at), "handled_at": _iso(r.handled_at)}
            for r in patient.requests
        ],
        "checkin_schedule": (
            {"timezone": schedule.timezone, "local_time": schedule.local_time, "weekday": schedule.weekday,
             "frequency": schedule.frequency, "quiet_start": schedule.quiet_start,
             "quiet_end": schedule.quiet_end, "status": schedule.status,
             "next_due_at": _iso(schedule.next_due_at), "paused_until": _iso(schedule.paused_until),
             "checkins_done": schedule.checkins_done, "created_at": _iso(schedule.created_at)}
            if schedule else None
        ),
        "checkins": [
            {"kind": d.kind, "due_at": _iso(d.due_at), "status": d.status, "channel": d.channel,
             "sent_at": _iso(d.sent_at), "answered_at": _iso(d.answered_at), "outcome": d.outcome,
             "note": d.note}
            for d in _rows(patient, CheckinDelivery)
        ],
        "clinician_notes": [
            {"from": n.author_name, "body": n.body, "status": n.status, "at": _iso(n.created_at),
             "delivered_at": _iso(n.delivered_at), "read_at": _iso(n.read_at), "reply": n.reply,
             "replied_at": _iso(n.replied_at)}
            for n in patient.clinician_notes
        ],
        "goal_proposals": [
            {"from": g.author_name, "kind": g.kind, "what": g.what, "how_much": g.how_much,
             "when": g.when_text, "days_per_week": g.days_per_week, "rationale": g.rationale,
             "status": g.status, "at": _iso(g.created_at), "responded_at": _iso(g.responded_at),
             "your_reason": g.patient_reason, "final": g.final_text}
            for g in patient.goal_proposals
        ],
        "clinicians": [
            {"name": name, "since": _iso(a.created_at)}
            for a, name in _assignments(patient)
        ],
        "resource_offers": [
            {"resource": o.resource.name if o.resource else None, "context": o.context,
             "offered_at": _iso(o.offered_at), "response": o.response, "responded_at": _iso(o.responded_at),
             "taken_up_at": _iso(o.taken_up_at)}
            for o in patient.resource_offers
        ],
    }


def _assignments(patient: Patient) -> list[Any]:
    """(assignment, clinician name) pairs: who at the clinic can see this record."""
    session = object_session(patient)
    if session is None:
        return []
    return list(session.execute(
        select(PatientAssignment, Clinician.display_name)
        .join(Clinician, Clinician.id == PatientAssignment.clinician_id)
        .where(PatientAssignment.patient_id == patient.id)
        .order_by(PatientAssignment.id)
    ).all())


def export_conversation(conversation_id: str) -> dict[str, Any] | None:
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        return export_patient(patient) if patient else None


def export_by_id(patient_id: int) -> str:
    with session_scope() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise LookupError(f"no patient {patient_id}")
        return json.dumps(export_patient(patient), indent=2)


def summary(conversation_id: str) -> dict[str, int | str | None]:
    """Counts for a plain-words answer to "what do you store about me?"."""
    data = export_conversation(conversation_id) or {}
    return {
        "name": (data.get("patient") or {}).get("name"),
        "values": len(data.get("values", [])),
        "activities": len(data.get("activities", [])),
        "plans": len(data.get("action_plans", [])),
        "phq4": len(data.get("phq4", [])),
        "safety_events": len(data.get("safety_events", [])),
    }


def request_erasure(conversation_id: str) -> datetime | None:
    """Withdraw consent and queue erasure; returns when it will happen (None: nothing stored).

    With a clinic retention period, records are held until it ends; processing
    stops at once either way.
    """
    clinic = load_clinic()
    now = utcnow()
    due = now + timedelta(days=clinic.retention_days) if clinic.retention_days else now
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if patient is None:
            ids = [conversation_id]
        else:
            repo.record_consent(session, patient, "withdrawn")
            patient.erase_after = due
            ids = [identity.conversation_id for identity in patient.identities]
        session.add(Erasure(conversation_ids="\n".join(ids), requested_at=now, due_at=due))
    if due <= now:
        erase_soon()
    return due


def _delete_tracker_events(connection, conversation_ids: list[str], before: datetime | None) -> int:  # noqa: ANN001
    if not conversation_ids or not inspect(connection).has_table("events"):
        return 0
    deleted = 0
    for conversation_id in conversation_ids:
        query = "DELETE FROM events WHERE sender_id = :sender"
        params: dict[str, Any] = {"sender": conversation_id}
        if before is not None:
            query += " AND timestamp <= :before"
            params["before"] = before.timestamp()
        deleted += connection.execute(text(query), params).rowcount or 0
    return deleted


def sweep_erasures(now: datetime | None = None) -> int:
    """Carry out due erasures and re-check recent ones. Returns rows deleted."""
    now = now or utcnow()
    deleted = 0
    with session_scope() as session:
        pending = session.execute(select(Erasure).where(Erasure.due_at <= now)).scalars().all()
        for erasure in pending:
            if erasure.erased_at is not None and erasure.verify_until < now:
                erasure.conversation_ids = None  # verified long enough: forget who it was
                continue
            ids = [i for i in (erasure.conversation_ids or "").splitlines() if i]
            if not ids:
                continue
            first_pass = erasure.erased_at is None
            if first_pass:
                patient_ids = {
                    p.id for i in ids if (p := repo.find_patient(session, i)) is not None
                }
                for patient_id in patient_ids:
                    deleted += session.execute(delete(Patient).where(Patient.id == patient_id)).rowcount
                # Options last offered by SMS/Telegram (not covered by the patient cascade).
                deleted += session.execute(
                    delete(ChannelPrompt).where(ChannelPrompt.conversation_id.in_(ids))
                ).rowcount
                # Rows from before consent carry no patient id, so the cascade misses them.
                for model in (SafetyEvent, PatientRequest):
                    deleted += session.execute(
                        delete(model).where(model.conversation_id.in_(ids))
                    ).rowcount
                erasure.erased_at = now
                erasure.verify_until = now + VERIFY_FOR
            # Idempotency records hold the replies sent (bot.channels.rest); the last one is
            # written after the erasure turn, so every pass removes them.
            deleted += session.execute(
                delete(InboundMessage).where(InboundMessage.sender_id.in_(ids))
            ).rowcount
            # Re-check: anything the tracker store wrote back from before the erasure goes too.
            deleted += _delete_tracker_events(session.connection(), ids, erasure.erased_at)
    if deleted:
        logger.info("erasure sweep deleted %d rows", deleted)
    return deleted




def erase_soon() -> threading.Thread:
    """Run the sweep a few times in the background: after this turn is saved, and again."""

    def run() -> None:
        for delay in ERASE_DELAYS_S:
            time.sleep(delay)
            try:
                sweep_erasures()
            except Exception:  # noqa: BLE001 - a background sweep must never crash the server
                logger.exception("erasure sweep failed; it will run again")

    thread = threading.Thread(target=run, name="pacer-erasure", daemon=True)
    thread.start()
    return thread


"""Invitation codes entered in chat: the patient joins the clinician's dashboard list."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services import dashboard
from bot.store import repository as repo
from bot.store.db import session_scope


@dataclass(frozen=True)
class JoinOutcome:
    status: str  # joined | invalid | not_set_up
    clinician_name: str | None = None


def join_clinician(conversation_id: str, code: str) -> JoinOutcome:
    """Redeem `code` for the patient behind the conversation (only after consent)."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return JoinOutcome("not_set_up")
        clinician = dashboard.redeem_invitation(session, patient, code)
        if clinician is None:
            return JoinOutcome("invalid")
        return JoinOutcome("joined", clinician.display_name)

"""Invitation codes entered in chat: the patient joins the clinician's dashboard list."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services import code_attempts, dashboard
from bot.store import repository as repo
from bot.store.db import session_scope


@dataclass(frozen=True)
class JoinOutcome:
    status: str  # joined | invalid | not_set_up | busy
    clinician_name: str | None = None


def join_clinician(conversation_id: str, code: str) -> JoinOutcome:
    """Redeem `code` for the patient behind the conversation (only after consent).

    A few failed tries per conversation, then `busy` for a while (bot.services.code_attempts).
    """
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return JoinOutcome("not_set_up")
        if code_attempts.blocked(session, "clinic", [conversation_id]):
            return JoinOutcome("busy")
        clinician = dashboard.redeem_invitation(session, patient, code)
        code_attempts.record(session, "clinic", [conversation_id], clinician is not None)
        if clinician is None:
            return JoinOutcome("invalid")
        return JoinOutcome("joined", clinician.display_name)

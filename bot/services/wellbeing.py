"""Distress support: PHQ-4 results (stored only with consent)."""

from __future__ import annotations

from bot.coaching.phq4 import Phq4
from bot.store import repository as repo
from bot.store.db import session_scope
from bot.store.models import Phq4Result


def save_phq4(conversation_id: str, result: Phq4) -> bool:
    """Store the item scores; False when the person has not consented (nothing stored)."""
    with session_scope() as session:
        patient = repo.find_patient(session, conversation_id)
        if not repo.has_consented(patient):
            return False
        session.add(
            Phq4Result(
                patient_id=patient.id,
                interest=result.interest,
                down=result.down,
                nervous=result.nervous,
                worry=result.worry,
            )
        )
        return True

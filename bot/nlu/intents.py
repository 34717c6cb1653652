"""Overriding a classifier's intent, shared by Pacer's deterministic NLU guards."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def force_intent(message: Message, name: str) -> None:
    """Set `name` with confidence 1.0 and put it first in the ranking."""
    forced = {"name": name, "confidence": 1.0}
    ranking = [forced] + [
        entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != name
    ]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def demote_intent(message: Message, name: str) -> None:
    """Drop `name` from the prediction; the runner-up (if any) becomes the intent."""
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != name]
    top = ranking[0] if ranking else {"name": "nlu_fallback", "confidence": 0.0}
    message.set(INTENT, dict(top), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

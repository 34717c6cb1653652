"""Pacer's spaCy pipeline as Rasa graph components.

`PacerSpacyNLP` builds a blank English pipeline with lookup lemmas from
`spacy-lookups-data` and an entity_ruler (patterns in `bot.nlu.patterns`), because
no pretrained pipeline can be downloaded here. Rasa's recipe wires spaCy-based
components to their model provider by class name, so the entity extractor is a
thin subclass registered against `PacerSpacyNLP`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.patterns import build_patterns

ENTITY_LABELS = ("activity", "body_part", "day", "duration", "frequency", "number", "time_of_day")
PIPELINE_VERSION = "1"


def patterns_fingerprint() -> str:
    payload = json.dumps(build_patterns(), sort_keys=True) + PIPELINE_VERSION
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def build_blank_pipeline() -> Any:
    """Blank English + lookup lemmatizer + entity_ruler, once per process.

    Patterns go in after `initialize()`: spaCy wipes earlier ones (warning W036).
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()
    ruler.add_patterns(build_patterns())
    return nlp


# Called with each message's text when the NLU pipeline starts on it (PacerSpacyNLP is first);
# bot.nlu.safety_net registers its prefetch here (it cannot be imported from this module:
# the safety net imports the language guard, which imports this module).
MESSAGE_ARRIVED: list[Callable[[str], None]] = []


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="PacerSpacyNLP",
)
class PacerSpacyNLP(SpacyNLP):
    """Provides the blank-English spaCy pipeline to the components below."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PacerSpacyNLP:
        model = SpacyModel(
            model=build_blank_pipeline(), model_name=f"pacer-blank-en-{patterns_fingerprint()}"
        )
        return cls(model, {**cls.get_default_config(), **config})

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        """First in the pipeline: also tells `MESSAGE_ARRIVED` of each message's text (the safety
        net starts its sentence-model reading there, so it runs while the components in between do)."""
        for message in messages:
            for hook in MESSAGE_ARRIVED:
                hook(message.get(TEXT) or "")
        return super().process(messages, model)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class PacerSpacyTokenizer(SpacyTokenizer):
    """spaCy tokens with lookup lemmas (CountVectorsFeaturizer uses the lemmas)."""


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="PacerSpacyNLP"
)
class PacerEntityExtractor(SpacyEntityExtractor):
    """Entities from the entity_ruler patterns (activity, day, duration, ...)."""


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class EntityTagFeaturizer(SparseFeaturizer, GraphComponent):
    """One-hot sparse features of the ruler's entity label per token, for DIET.

    Lets DIET learn that "10 mins after lunch" is an answer (inform) without
    seeing every number and meal in training.
    """

    @classmethod
    def required_components(cls) -> list[type]:
        return [PacerSpacyTokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**SparseFeaturizer.get_default_config()}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to configure: the labels come from Pacer's entity patterns."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EntityTagFeaturizer:
        return cls(execution_context.node_name, {**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        nlp = build_blank_pipeline()
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            text = message.get(TEXT)
            if not tokens or not text:
                continue
            spans = [(ent.start_char, ent.end_char, ent.label_) for ent in nlp(text.lower()).ents]
            rows, cols = [], []
            for index, token in enumerate(tokens):
                for start, end, label in spans:
                    if token.start < end and token.end > start and label in ENTITY_LABELS:
                        rows.append(index)
                        cols.append(ENTITY_LABELS.index(label))
            shape = (len(tokens), len(ENTITY_LABELS))
            sequence = scipy.sparse.coo_matrix(
                (np.ones(len(rows)), (np.array(rows, dtype=int), np.array(cols, dtype=int))),
                shape=shape,
            )
            sentence = scipy.sparse.coo_matrix(sequence.tocsr().max(axis=0))
            self.add_features_to_message(sequence, sentence, TEXT, message)
        return messages

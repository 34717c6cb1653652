"""Held-out sentences (tests/data/nlu_heldout.yml), never copied into data/nlu/,
parsed by the running model. Guards against a model that only knows its own data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.e2e.stack import PacerStack

pytestmark = pytest.mark.e2e
HELDOUT = Path(__file__).resolve().parents[1] / "data" / "nlu_heldout.yml"
MIN_ACCURACY = 0.80


def heldout_examples() -> list[tuple[str, str]]:
    data = yaml.safe_load(HELDOUT.read_text())
    pairs = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip()[2:].strip()
            if text:
                pairs.append((block["intent"], text))
    return pairs


def training_sentences() -> set[str]:
    sentences = set()
    for path in (Path(__file__).resolve().parents[2] / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            sentences |= {
                line.strip()[2:].strip().lower() for line in block.get("examples", "").splitlines()
            }
    return sentences


def test_no_long_heldout_sentence_was_copied_into_training_data() -> None:
    """Short phrases ("yes please") coincide by chance; long ones only by copying."""
    training = training_sentences()
    copied = [t for _, t in heldout_examples() if len(t.split()) >= 8 and t.lower() in training]
    assert copied == []


def test_heldout_intent_accuracy(stack: PacerStack) -> None:
    training = training_sentences()
    examples = [(i, t) for i, t in heldout_examples() if t.lower() not in training]
    wrong: Counter[str] = Counter()
    misses = []
    for intent, text in examples:
        predicted = stack.parse(text)["intent"]["name"]
        if predicted != intent:
            wrong[intent] += 1
            misses.append((intent, predicted, text))
    accuracy = 1 - sum(wrong.values()) / len(examples)
    print(f"\nheld-out intent accuracy: {accuracy:.3f} on {len(examples)} sentences")
    for intent, predicted, text in misses:
        print(f"  {intent:>24} -> {predicted:<24} {text}")
    assert accuracy >= MIN_ACCURACY

"""Sentences used to measure Pacer never appear in its training data."""

from __future__ import annotations

import csv
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[2]


def _normalised(text: str) -> str:
    return " ".join(text.strip().lower().split())


def test_no_held_out_or_safety_test_sentence_is_trained_on() -> None:
    training = {_normalised(m.get("text")) for m in load_data(str(ROOT / "data" / "nlu")).intent_examples}
    heldout = load_data(str(ROOT / "tests" / "data" / "nlu_heldout.yml"))
    measured = {_normalised(m.get("text")) for m in heldout.intent_examples}
    for table in (ROOT / "tests" / "data").glob("*.csv"):
        with table.open() as handle:
            for row in csv.DictReader(handle):
                # progress_outcomes.csv labels the old training examples on purpose (source column).
                if row.get("source") != "training-2026-11":
                    measured.add(_normalised(row.get("text") or row.get("message") or ""))
    measured.discard("")
    assert len(measured) > 500
    assert sorted(measured & training) == []

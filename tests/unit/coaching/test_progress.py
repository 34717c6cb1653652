"""The outcome of a progress report, read from the patient's own words."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from bot.coaching.progress import classify_outcome

CASES = Path(__file__).resolve().parents[2] / "data" / "progress_outcomes.csv"


def load_cases(source: str) -> list[tuple[str, str]]:
    with CASES.open() as handle:
        return [(row["text"], row["outcome"]) for row in csv.DictReader(handle) if row["source"] == source]


@pytest.mark.parametrize("source,floor", [("training-2026-11", 0.97), ("heldout", 0.94)])
def test_outcome_accuracy_on_labelled_reports(source: str, floor: float) -> None:
    cases = load_cases(source)
    assert len(cases) >= 30
    wrong = [(text, want, classify_outcome(text)) for text, want in cases if classify_outcome(text) != want]
    assert 1 - len(wrong) / len(cases) >= floor, wrong


def test_no_outcome_is_ever_confidently_wrong_in_the_opposite_direction() -> None:
    """Saying 'well done' to someone who did nothing is the error that hurts trust most."""
    flips = Counter()
    for source in ("training-2026-11", "heldout"):
        for text, want in load_cases(source):
            got = classify_outcome(text)
            if {want, got} == {"done", "missed"}:
                flips[text] += 1
    assert not flips


@pytest.mark.parametrize(
    "text,expected",
    [
        ("didnt miss a single day", "done"),
        ("every day without fail", "done"),
        ("yep all done, didnt even flare", "done"),
        ("got through all of it no worries", "done"),
        ("3/3", "done"),
        ("2 of 5", "partial"),
        ("0 out of 4", "missed"),
        ("not all of it", "partial"),
        ("managed twice", "partial"),
        ("not once", "missed"),
        ("didn't do it", "missed"),
        ("nope", "missed"),
        ("yes!", "done"),
        ("hmm", None),
        ("", None),
        ("what is pacing?", None),
    ],
)
def test_outcome_examples(text: str, expected: str | None) -> None:
    assert classify_outcome(text) == expected

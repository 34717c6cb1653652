"""Rule-based entities and lookup lemmas of Pacer's blank spaCy pipeline
(bot/nlu/patterns.py, bot/nlu/spacy_pipeline.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest

from bot.nlu import spacy_pipeline
from bot.nlu.patterns import build_patterns
from bot.nlu.spacy_pipeline import ENTITY_LABELS, build_blank_pipeline, patterns_fingerprint


@pytest.fixture(scope="session")
def nlp() -> Any:
    return build_blank_pipeline()


def entities(nlp: Any, text: str) -> list[tuple[str, str]]:
    return [(ent.text, ent.label_) for ent in nlp(text).ents]


CASES = [
    # A whole plan in one message, as the plan question invites.
    (
        "walk to the letterbox and back, 10 minutes, after lunch, 4 days",
        [
            ("walk", "activity"),
            ("10 minutes", "duration"),
            ("after lunch", "time_of_day"),
            ("4 days", "frequency"),
        ],
    ),
    (
        "swim for half an hour twice a week",
        [("swim", "activity"), ("half an hour", "duration"), ("twice a week", "frequency")],
    ),
    ("20min walk at 9am", [("20min", "duration"), ("walk", "activity"), ("at 9am", "time_of_day")]),
    (
        "stretches 3x a week in the arvo",
        [("stretches", "activity"), ("3x a week", "frequency"), ("in the arvo", "time_of_day")],
    ),
    ("walking the dog every morning", [("walking the dog", "activity"), ("every morning", "frequency")]),
    ("tai chi before bed", [("tai chi", "activity"), ("before bed", "time_of_day")]),
    (
        "gardening for an hour on the weekend",
        [("gardening", "activity"), ("an hour", "duration"), ("weekend", "day")],
    ),
    # durations
    ("walk 10 mins", [("10 mins", "duration")]),
    ("ten minutes", [("ten minutes", "duration")]),
    ("walk 10-15 minutes", [("10-15 minutes", "duration")]),
    ("walk 1hr", [("1hr", "duration")]),
    ("run 5k", [("5k", "duration")]),
    ("swim 2 laps", [("2 laps", "duration")]),
    # frequencies
    ("4 days", [("4 days", "frequency")]),
    ("4 days a week", [("4 days a week", "frequency")]),
    ("3 times per week", [("3 times per week", "frequency")]),
    ("every other day", [("every other day", "frequency")]),
    ("once a week", [("once a week", "frequency")]),
    ("x3 a week", [("x3 a week", "frequency")]),
    # times of day
    ("after lunch", [("after lunch", "time_of_day")]),
    ("at 9am", [("at 9am", "time_of_day")]),
    ("around 7:30pm", [("7:30pm", "time_of_day")]),
    ("at 9 am", [("at 9 am", "time_of_day")]),
    ("in the arvo", [("in the arvo", "time_of_day")]),
    ("after brekkie", [("after brekkie", "time_of_day")]),
    ("before work", [("before work", "time_of_day")]),
    ("first thing", [("first thing", "time_of_day")]),
    # days
    ("yoga on fri", [("fri", "day")]),
    ("walk sat sun", [("sat", "day"), ("sun", "day")]),
    ("tues thurs", [("tues", "day"), ("thurs", "day")]),
    ("swim weds", [("weds", "day")]),
    ("on weekdays", [("weekdays", "day")]),
    # body parts
    ("my lower back is sore", [("lower back", "body_part")]),
    ("my neck and shoulders", [("neck", "body_part"), ("shoulders", "body_part")]),
    ("pain in my left knee", [("knee", "body_part")]),
    # numbers (confidence / PSFS answers)
    ("id say 7/10", [("7/10", "number")]),
    ("7", [("7", "number")]),
    ("seven", [("seven", "number")]),
    ("10/10", [("10/10", "number")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_entities_in_realistic_messages(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    found = entities(nlp, text)
    for entity in expected:
        assert entity in found, f"{entity} not in {found}"




@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("walk mon and fri", ["mon", "fri"]),
        ("swim tue thu sat", ["tue", "thu", "sat"]),
        ("Monday, Wednesday and Friday", ["Monday", "Wednesday", "Friday"]),
        pytest.param("yoga mon wed fri", ["mon", "wed", "fri"]),
        pytest.param("yoga on wed", ["wed"]),
    ],
)
def test_day_lists(nlp: Any, text: str, days: list[str]) -> None:
    assert [t for t, label in entities(nlp, text) if label == "day"] == days


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("11", "number"),  # scores run 0..10
        ("I feel sad", "activity"),
        ("it was ok", "time_of_day"),
    ],
)
def test_no_entity_where_there_is_none(nlp: Any, text: str, label: str) -> None:
    assert label not in [lab for _, lab in entities(nlp, text)]


def test_every_label_is_a_known_entity_label(nlp: Any) -> None:
    labels = {pattern["label"] for pattern in build_patterns()}
    assert labels == set(ENTITY_LABELS)
    text = "walk 10 minutes after lunch 4 days mon with my sore knee 7/10"
    assert {label for _, label in entities(nlp, text)} == set(ENTITY_LABELS)


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("walking", "walk"),
        ("walked", "walk"),
        ("swimming", "swim"),
        ("stretched", "stretch"),
        ("knees", "knee"),
        ("feet", "foot"),
        ("laps", "lap"),
    ],
)
def test_lookup_lemmatizer(nlp: Any, word: str, lemma: str) -> None:
    assert nlp(word)[0].lemma_ == lemma


def test_activity_matches_inflected_forms_through_lemmas(nlp: Any) -> None:
    found = entities(nlp, "I walked then went swimming and cycled")
    assert [t for t, label in found if label == "activity"] == ["walked", "swimming", "cycled"]


def test_pipeline_is_built_once(nlp: Any) -> None:
    assert build_blank_pipeline() is nlp
    assert nlp.pipe_names == ["lemmatizer", "entity_ruler"]


# --------------------------------------------------------------- fingerprint


def test_fingerprint_is_the_same_in_another_process() -> None:
    """It names the trained model: a new process (another hash seed) must compute the same one."""
    code = "from bot.nlu.spacy_pipeline import patterns_fingerprint; print(patterns_fingerprint())"
    others = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    assert others == {patterns_fingerprint()}
    assert re.fullmatch(r"[0-9a-f]{12}", patterns_fingerprint())


def test_fingerprint_changes_when_patterns_change(monkeypatch: pytest.MonkeyPatch) -> None:
    before = patterns_fingerprint()
    extra = {"label": "activity", "pattern": [{"LOWER": "waka"}, {"LOWER": "ama"}]}
    monkeypatch.setattr(spacy_pipeline, "build_patterns", lambda: [*build_patterns(), extra])
    changed = patterns_fingerprint()
    assert changed != before
    monkeypatch.setattr(spacy_pipeline, "build_patterns", lambda: build_patterns()[1:])
    assert patterns_fingerprint() not in (before, changed)
    monkeypatch.setattr(spacy_pipeline, "build_patterns", build_patterns)
    assert patterns_fingerprint() == before


def test_fingerprint_changes_with_the_pipeline_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = patterns_fingerprint()
    monkeypatch.setattr(spacy_pipeline, "PIPELINE_VERSION", spacy_pipeline.PIPELINE_VERSION + "-next")
    assert patterns_fingerprint() != before

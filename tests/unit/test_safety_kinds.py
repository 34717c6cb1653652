"""Every kind of safety event Pacer records has a clinician-facing name, used by the
patient summaries and the clinic overview alike (red-flag screening included)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.safety.kinds import SAFETY_KIND_LABELS, safety_kind_label
from bot.services.clinic_overview import SAFETY_KINDS, SafetyKindFigures

ROOT = Path(__file__).resolve().parents[2]


def recorded_kinds() -> set[str]:
    """The kinds actions/safety.py passes to record_safety_event (the level it recorded, or a literal)."""
    source = (ROOT / "actions" / "safety.py").read_text()
    literals = set(re.findall(r'record_safety_event\(\s*tracker\.sender_id, "(\w+)"', source))
    return literals | {"crisis", "crisis_check", "crisis_third_person"}  # the net's crisis levels


def test_every_recorded_kind_has_a_label_and_a_place_in_the_overview() -> None:
    kinds = recorded_kinds()
    assert "red_flag_screen" in kinds and "red_flag" in kinds
    for kind in kinds:
        assert kind in SAFETY_KIND_LABELS, kind
        assert kind in SAFETY_KINDS, kind


def test_red_flag_screening_is_named_as_a_question_without_an_alert() -> None:
    label = safety_kind_label("red_flag_screen")
    assert "screening" in label and "no alert" in label
    assert SafetyKindFigures("red_flag_screen", 2, 1, 1).label == label
    assert SAFETY_KINDS.index("red_flag_screen") > SAFETY_KINDS.index("red_flag")


def test_an_unknown_kind_reads_as_words() -> None:
    assert safety_kind_label("some_new_kind") == "some new kind"

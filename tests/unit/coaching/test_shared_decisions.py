"""Reading a patient's answer to a clinician's suggestion, and what counts as accepting it."""

from __future__ import annotations

import pytest

from bot.coaching.action_plan import PlanDraft
from bot.coaching.shared_decisions import (
    MAX_NOTE_CHARS,
    Proposal,
    activity_outcome,
    apply_changes,
    classify_proposal_answer,
    clean_note,
    clean_reason,
    plan_outcome,
)

PLAN = Proposal("action_plan", "walk to the park", "10 minutes", "after lunch", 4)


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("Sounds good", None, "accept"),
    ("yeah ok I'll give that a go", None, "accept"),
    ("yep happy to", None, "accept"),
    ("more than happy to try it", None, "accept"),
    ("could I do 5 minutes instead", None, "change"),
    ("yes but only 3 days", None, "change"),
    ("I'd change it a bit", None, "change"),
    ("nah not for me", None, "decline"),
    ("no thanks", None, "decline"),
    ("i dont want to do that one", None, "decline"),
    ("hmm", None, None),
    ("what's the weather", None, None),
    ("👍", "affirm", "accept"),
    ("", None, None),
])
def test_answers_are_read_in_the_right_order(text: str, intent: str | None, expected: str | None) -> None:
    assert classify_proposal_answer(text, intent) == expected


def test_a_plan_is_accepted_only_when_unchanged() -> None:
    assert plan_outcome(PLAN, PLAN.draft) == "accepted"
    assert plan_outcome(PLAN, PlanDraft("Walk to the park", "10 minutes", "after lunch", 4)) == "accepted"
    assert plan_outcome(PLAN, PlanDraft("walk to the park", "5 minutes", "after lunch", 4)) == "changed"
    assert plan_outcome(PLAN, PlanDraft("walk to the park", "10 minutes", "after lunch", 3)) == "changed"


def test_an_activity_kept_in_other_words_is_a_change() -> None:
    washing = Proposal("psfs", "hanging out the washing")
    assert activity_outcome(washing, "Hanging out the washing") == "accepted"
    assert activity_outcome(washing, "pegging the washing") == "changed"
    assert washing.describe() == "hanging out the washing"


def test_changes_named_while_answering_are_applied_but_the_activity_is_never_guessed() -> None:
    draft, changed = apply_changes(PLAN.draft, "could I do 5 minutes instead")
    assert changed and draft == PlanDraft("walk to the park", "5 minutes", "after lunch", 4)
    draft, changed = apply_changes(PLAN.draft, "after dinner instead, 5 days")
    assert changed
    assert (draft.what, draft.when, draft.days_per_week) == ("walk to the park", "after dinner", 5)
    assert apply_changes(PLAN.draft, "I'd change it") == (PLAN.draft, False)
    assert apply_changes(PLAN.draft, '/proposal_answer{"proposal_choice":"change"}') == (PLAN.draft, False)


def test_reasons_and_notes_are_cleaned() -> None:
    assert clean_reason("  my shoulder  ") == "my shoulder"
    assert clean_reason("skip") is None and clean_reason("no reason") is None
    assert clean_reason('/inform{"proposal_choice":"skip"}') is None
    assert clean_note("  Keep going!\n\nLee  ") == "Keep going!\n\nLee"
    with pytest.raises(ValueError):
        clean_note("   ")
    with pytest.raises(ValueError):
        clean_note("x" * (MAX_NOTE_CHARS + 1))

"""Flare-plan logic: sections, edits, the walkthrough and the next-day follow-up."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.flare_plan import (
    DEFAULT_STEPS,
    HELP_OPTIONS,
    SECTION_KEYS,
    FlarePlan,
    classify_followup,
    describe,
    next_day_due,
    parse_helps,
    section_from_text,
    walkthrough,
    wants_suggested,
)


def test_no_plan_gives_the_default_steps() -> None:
    steps, source = walkthrough(None)
    assert source == "default" and steps == list(DEFAULT_STEPS)
    assert walkthrough(FlarePlan())[1] == "default"
    assert any("bed" in step for step in steps)  # keep moving rather than bed rest
    assert any("bladder" in step for step in steps)  # red flags


def test_own_plan_is_walked_in_their_words_with_care_advice_at_the_end() -> None:
    plan = FlarePlan(what_helps="hot water bottle and a slow walk", who_to_tell="my sister Mere")
    steps, source = walkthrough(plan)
    assert source == "own"
    assert "hot water bottle and a slow walk" in steps[1] and "my sister Mere" in steps[2]
    assert steps[-1] == DEFAULT_STEPS[-1]  # they did not write "when to get help"


def test_sections_are_edited_one_at_a_time() -> None:
    plan = FlarePlan(what_helps="heat").with_section("who_to_tell", "  my  partner ")
    assert plan.what_helps == "heat" and plan.who_to_tell == "my partner"
    assert plan.filled == ["what_helps", "who_to_tell"] and not plan.complete
    with pytest.raises(ValueError):
        plan.with_section("lunch", "x")
    assert "(not written yet)" in describe(plan) and "my partner" in describe(plan)


@pytest.mark.parametrize(("text", "key"), [
    ("change who to tell", "who_to_tell"),
    ("i want to update what helps", "what_helps"),
    ("my triggers have changed", "warning_signs"),
    ("edit when to get medical help", "seek_care"),
    ("the bit about what to drop", "drop_postpone"),
    ("drop_postpone", "drop_postpone"),
])
def test_section_named_in_free_text(text: str, key: str) -> None:
    assert section_from_text(text) == key


def test_section_keys_are_the_five_from_the_design() -> None:
    assert SECTION_KEYS == ("warning_signs", "what_helps", "drop_postpone", "who_to_tell", "seek_care")


def test_helps_from_numbers_and_own_words() -> None:
    assert parse_helps("1 and 3") == f"{HELP_OPTIONS[0]}; {HELP_OPTIONS[2]}"
    assert parse_helps("2, plus my wheat bag") == f"{HELP_OPTIONS[1]}; my wheat bag"
    assert parse_helps("a hot bath and my dog") == "a hot bath and my dog"


def test_suggested_wording_accepted_briefly() -> None:
    assert wants_suggested("use the suggested list")
    assert wants_suggested("yes")
    assert not wants_suggested("if my legs go numb or I can't pee I go to ED, otherwise GP after a week ok")


@pytest.mark.parametrize(("text", "outcome"), [
    ("much better today thanks", "better"),
    ("it's settling", "better"),
    ("about the same", "same"),
    ("not any better", "same"),
    ("worse, it's spreading down my leg", "worse"),
    ("hmm", None),
])
def test_followup_answers(text: str, outcome: str | None) -> None:
    assert classify_followup(text) == outcome


def test_followup_is_next_morning_locally_and_never_too_soon() -> None:
    auckland = ZoneInfo("Pacific/Auckland")
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=auckland)
    assert next_day_due(evening, auckland) == datetime(2026, 11, 24, 9, 0, tzinfo=auckland)
    late = datetime(2026, 11, 24, 2, 30, tzinfo=auckland)  # after midnight: not three hours later
    assert next_day_due(late, auckland) == datetime(2026, 11, 25, 9, 0, tzinfo=auckland)
    assert next_day_due(late, auckland).tzinfo == timezone.utc
    afternoon = datetime(2026, 11, 23, 23, 0, tzinfo=timezone.utc)  # 12:00 in Auckland
    assert next_day_due(afternoon, auckland) == datetime(2026, 11, 24, 20, 0, tzinfo=timezone.utc)

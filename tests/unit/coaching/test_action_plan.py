"""Tests for bot.coaching.action_plan (Lorig-style weekly action plans)."""

from __future__ import annotations

import pytest

from bot.coaching.action_plan import (
    FIELDS,
    PlanDraft,
    amount_quantity,
    describe_plan,
    format_quantity,
    make_easier,
    minutes_per_session,
    parse_amount,
    parse_days_per_week,
    parse_plan,
    parse_when,
)

P = PlanDraft


# ---------------------------------------------------------------- PlanDraft


def test_fields_order_is_what_how_much_when_how_often() -> None:
    assert FIELDS == ("what", "how_much", "when", "how_often")


@pytest.mark.parametrize(
    ("plan", "missing"),
    [
        (P(), ["what", "how_much", "when", "how_often"]),
        (P(what="walk"), ["how_much", "when", "how_often"]),
        (P(days_per_week=3), ["what", "how_much", "when"]),
        (P(what="walk", how_much="10 minutes", when="after lunch"), ["how_often"]),
        (P(what="walk", how_much="10 minutes", when="after lunch", days_per_week=4), []),
        (P(what="   ", how_much="", when="after lunch", days_per_week=4), ["what", "how_much"]),
    ],
)
def test_missing(plan: PlanDraft, missing: list[str]) -> None:
    assert plan.missing() == missing
    assert plan.is_complete() is (missing == [])


@pytest.mark.parametrize(
    ("base", "update", "expected"),
    [
        (P(what="walk"), P(how_much="10 minutes"), P(what="walk", how_much="10 minutes")),
        (P(what="walk"), P(what="swim"), P(what="swim")),
        (P(what="walk", days_per_week=3), P(days_per_week=5), P(what="walk", days_per_week=5)),
        (P(what="walk", when="after lunch"), P(), P(what="walk", when="after lunch")),
        (P(what="walk"), P(what="  "), P(what="walk")),
    ],
)
def test_merge_update_wins_and_blanks_are_ignored(
    base: PlanDraft, update: PlanDraft, expected: PlanDraft
) -> None:
    assert base.merge(update) == expected


def test_merge_builds_complete_plan_over_turns() -> None:
    plan = P()
    for reply in ["walk the dog", "15 mins", "after brekkie", "four days"]:
        plan = plan.merge(parse_plan(reply))
    plan = plan.merge(P(days_per_week=parse_days_per_week("four days")))
    assert plan == P("walk the dog", "15 minutes", "after breakfast", 4)
    assert plan.is_complete()


def test_plan_is_frozen() -> None:
    plan = P(what="walk")
    with pytest.raises(AttributeError):
        plan.what = "swim"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [0, 8, -1, 2.5])
def test_days_per_week_out_of_range_is_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        P(days_per_week=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["4", True])
def test_days_per_week_wrong_type_is_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        P(days_per_week=bad)  # type: ignore[arg-type]


def test_days_per_week_whole_float_from_rasa_slot_is_accepted() -> None:
    plan = P(days_per_week=4.0)  # type: ignore[arg-type]
    assert plan.days_per_week == 4
    assert isinstance(plan.days_per_week, int)


# --------------------------------------------------------------- parse_plan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The examples from the brief.
        (
            "walk to the letterbox and back, 10 minutes, after lunch, 4 days",
            P("walk to the letterbox and back", "10 minutes", "after lunch", 4),
        ),
        (
            "I'd like to do my stretches every morning for 5 mins",
            P("do my stretches", "5 minutes", "in the morning", 7),
        ),
        ("swimming twice a week", P(what="swimming", days_per_week=2)),
        ("3 times this week", P(days_per_week=3)),
        ("weekdays", P(when="on weekdays", days_per_week=5)),
        ("mon wed fri", P(when="on Monday, Wednesday and Friday", days_per_week=3)),
        ("every other day", P(days_per_week=4)),
        # Full sentences, any order, messy.
        (
            "Walk 20 mins 3x a week in the arvo",
            P("walk", "20 minutes", "in the afternoon", 3),
        ),
        (
            "I'm going to walk 2 km on mon and thurs before work",
            P("walk", "2 km", "before work on Monday and Thursday", 2),
        ),
        (
            "maybe try to walk the dog round the block for 15 minutes most days",
            P("walk the dog round the block", "15 minutes", None, 5),
        ),
        (
            "gardening for an hour and a half on the weekend",
            P("gardening", "90 minutes", "at the weekend", 2),
        ),
        (
            "I will try and do 3 sets of 10 squats monday wednesday friday at 7am",
            P("do squats", "3 sets of 10 reps", "at 7am on Monday, Wednesday and Friday", 3),
        ),
        (
            "walk on the treadmill 20 min 3 days a week",
            P("walk on the treadmill", "20 minutes", None, 3),
        ),
        (
            (
                "um so i think i'll go for a walk with my sister after work, like 20-30 mins, "
                "3 or 4 days"
            ),
            P("go for a walk with my sister", "20 minutes", "after work", 3),
        ),
        (
            "Walk for 10 minutes on 4 days this week after lunch.",
            P("walk", "10 minutes", "after lunch", 4),
        ),
        ("I WANT TO WALK 10 MINS EVERY DAY!!!", P("walk", "10 minutes", None, 7)),
        ("evry day walk 10 mins", P("walk", "10 minutes", None, 7)),
        ("bike 30 mins 5 days/wk", P("bike", "30 minutes", None, 5)),
        ("walk 2x a week", P(what="walk", days_per_week=2)),
        ("walk x3 a week", P(what="walk", days_per_week=3)),
        ("walk 15 mins 3 times", P("walk", "15 minutes", None, 3)),
        ("walk fifteen minutes four days a week", P("walk", "15 minutes", None, 4)),
        ("walk after brekkie", P(what="walk", when="after breakfast")),
        ("walk for 10 after lunch", P("walk", "10 minutes", "after lunch")),
        ("stretch twice a day", P(what="stretch", when="twice a day", days_per_week=7)),
        (
            "read for half an hour before bed every night",
            P("read", "30 minutes", "before bed", 7),
        ),
        (
            "I'm gonna stretch for 5-10 mins b4 bed nightly",
            P("stretch", "5 minutes", "before bed", 7),
        ),
        (
            "yoga 45 mins on tues and thurs evenings",
            P("yoga", "45 minutes", "in the evening on Tuesday and Thursday", 2),
        ),
        ("I want to walk 5k steps daily", P("walk", "5000 steps", None, 7)),
        ("hydro pool once a week", P(what="hydro pool", days_per_week=1)),
        ("walk the dog mon-fri", P(what="walk the dog", when="on weekdays", days_per_week=5)),
        (
            "I'd like to go for a swim, maybe 10 lengths, once",
            P("go for a swim", "10 lengths", None, 1),
        ),
        (
            "walk around the block after tea 5 days a week",
            P("walk around the block", None, "after tea", 5),
        ),
        ("after dinner walk around the block", P("walk around the block", None, "after dinner")),
        ("walk once I get home from work", P(what="walk", when="once I get home from work")),
        (
            (
                "ok so this week I reckon I could maybe manage a short walk, like 10 min, "
                "3 x per week, in the mornings when its cooler"
            ),
            P("a short walk", "10 minutes", "in the morning when its cooler", 3),
        ),
        (
            "swim for 20 minutes at the pool on sat",
            P("swim at the pool", "20 minutes", "on Saturday", 1),
        ),
        (
            "Go to the pool and do 10 lengths, Tuesday and Friday mornings",
            P("go to the pool", "10 lengths", "in the morning on Tuesday and Friday", 2),
        ),
        ("walk 500m to the shop and back", P("walk to the shop and back", "500 metres")),
        ("ride my exercise bike for 1 hour 15 minutes", P("ride my exercise bike", "75 minutes")),
        (
            "stand up from the chair 10 times every day",
            P("stand up from the chair", "10 times", None, 7),
        ),
        ("walk a mile on weekends", P("walk", "1 mile", "at the weekend", 2)),
        (
            "do my physio exercises, 2 sets of 15, morning and night",
            P("do my physio exercises", "2 sets of 15 reps", "in the morning and at night"),
        ),
        ("walk every couple of days", P(what="walk", days_per_week=4)),
        ("walk a couple of times this week", P(what="walk", days_per_week=2)),
        ("walk at 6:30pm", P(what="walk", when="at 6:30pm")),
        ("walk around 10am", P(what="walk", when="at 10am")),
        (
            "pilates class every wednesday",
            P(what="pilates class", when="on Wednesday", days_per_week=1),
        ),
        ("I'll do 20 minutes of walking every day", P("walking", "20 minutes", None, 7)),
        # Rambling: preamble, hedges and conditions are not the activity.
        (
            (
                "my back has been really bad so I'll just try walking to the end of the street "
                "and back, maybe 5 min, a couple of times this week if the weather's ok"
            ),
            P("walking to the end of the street and back", "5 minutes", None, 2),
        ),
        (
            "hmm not sure, maybe some gentle yoga? 10 mins, evenings",
            P("some gentle yoga", "10 minutes", "in the evening"),
        ),
        (
            "I will walk the dog 4 times this week for 15 minutes each time after breakfast",
            P("walk the dog", "15 minutes", "after breakfast", 4),
        ),
        ("walk 10 mins if my knee lets me", P("walk", "10 minutes")),
        ("knitting for 20 minutes per session", P("knitting", "20 minutes")),
        (
            (
                "Id like to get back into swimming. 20 mins on tuesday and friday mornings at the "
                "aquatic centre"
            ),
            P(
                "get back into swimming at the aquatic centre",
                "20 minutes",
                "in the morning on Tuesday and Friday",
                2,
            ),
        ),
        (
            "Do the hydrotherapy exercises the physio gave me, 15 mins, mon/wed/fri",
            P(
                "do the hydrotherapy exercises the physio gave me",
                "15 minutes",
                "on Monday, Wednesday and Friday",
                3,
            ),
        ),
        ("walk 10mins 5x pw", P("walk", "10 minutes", None, 5)),
        ("walk for 10 min every second day", P("walk", "10 minutes", None, 4)),
        ("cycle 5km 3 days", P("cycle", "5 km", None, 3)),
        ("Walking!", P(what="walking")),
        (
            "stretch every morning and evening for 5 mins",
            P("stretch", "5 minutes", "in the morning and in the evening", 7),
        ),
        # Words that look like plan parts but aren't.
        ("look after my garden for 20 mins", P("look after my garden", "20 minutes")),
        ("sit in the sun for 10 mins", P("sit in the sun", "10 minutes")),
        (
            "walk with one of my friends for 10 minutes",
            P("walk with one of my friends", "10 minutes"),
        ),
        ("I sat down and read a book", P(what="I sat down and read a book")),
    ],
)
def test_parse_plan_sentences(text: str, expected: PlanDraft) -> None:
    assert parse_plan(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 minutes", P(how_much="10 minutes")),
        ("half an hour", P(how_much="30 minutes")),
        ("an hour", P(how_much="60 minutes")),
        ("1 hr", P(how_much="60 minutes")),
        ("20 mins", P(how_much="20 minutes")),
        ("2 km", P(how_much="2 km")),
        ("10 laps", P(how_much="10 laps")),
        ("5000 steps", P(how_much="5000 steps")),
        ("twenty-five minutes", P(how_much="25 minutes")),
        ("10-15 mins", P(how_much="10 minutes")),
        ("after dinner", P(when="after dinner")),
        ("in the arvo", P(when="in the afternoon")),
        ("five days out of seven", P(days_per_week=5)),
        ("a few times a week", P(days_per_week=3)),
        ("walk the dog", P(what="walk the dog")),
        # Bare numbers are ambiguous: the caller asks parse_days/parse_amount.
        ("4", P()),
        ("four", P()),
        ("", P()),
        ("ok", P()),
        ("not sure", P()),
        ("I'll do it every day", P(days_per_week=7)),
    ],
)
def test_parse_plan_single_answers(text: str, expected: PlanDraft) -> None:
    assert parse_plan(text) == expected


def test_parse_plan_ignores_more_than_seven_times_a_week() -> None:
    assert parse_plan("walk 10 times a week").days_per_week is None


# ------------------------------------------------------ parse_days_per_week


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", 4),
        ("four", 4),
        ("Four", 4),
        ("4 days", 4),
        ("5 days", 5),
        ("7 days", 7),
        ("every day", 7),
        ("evry day", 7),
        ("everyday", 7),
        ("daily", 7),
        ("most days", 5),
        ("a couple of times", 2),
        ("once", 1),
        ("just the once", 1),
        ("only one day", 1),
        ("twice", 2),
        ("2x", 2),
        ("3x a week", 3),
        ("x3 a week", 3),
        ("maybe 3?", 3),
        ("Three days I think", 3),
        ("4 or 5", 4),
        ("4-5", 4),
        ("I'll try for three", 3),
        ("weekdays", 5),
        ("mon wed fri", 3),
        ("Tuesdays and Thursdays", 2),
        ("every other day", 4),
        ("alternate days", 4),
        ("weekends", 2),
        # Nothing sensible: ask again rather than guess.
        ("none", None),
        ("0", None),
        ("8", None),
        ("10 times", None),
        ("not sure", None),
        ("", None),
        ("1.5", None),
        ("2 weeks", None),
        ("I walked 2 km last week so 3", None),
    ],
)
def test_parse_days_per_week(text: str, expected: int | None) -> None:
    assert parse_days_per_week(text) == expected


# -------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", "10 minutes"),
        ("ten", "10 minutes"),
        ("about 10", "10 minutes"),
        ("maybe 20?", "20 minutes"),
        ("10 i think", "10 minutes"),
        ("I'll try for ten", "10 minutes"),
        ("for 15", "15 minutes"),
        ("10-15", "10 minutes"),
        ("10 minutes", "10 minutes"),
        ("1 minute", "1 minute"),
        ("20 mins", "20 minutes"),
        ("20 minuts", "20 minutes"),
        ("fifteen mins", "15 minutes"),
        ("20m", "20 minutes"),
        ("half an hour", "30 minutes"),
        ("half hour", "30 minutes"),
        ("an hour", "60 minutes"),
        ("1 hr", "60 minutes"),
        ("2 hrs", "120 minutes"),
        ("1.5 hours", "90 minutes"),
        ("an hour and a half", "90 minutes"),
        ("1 and a half hours", "90 minutes"),
        ("quarter of an hour", "15 minutes"),
        ("three quarters of an hour", "45 minutes"),
        ("1h30", "90 minutes"),
        ("1 hour 15 minutes", "75 minutes"),
        ("2 km", "2 km"),
        ("2.5km", "2.5 km"),
        ("2 kms", "2 km"),
        ("a km", "1 km"),
        ("half a mile", "0.5 miles"),
        ("1 mile", "1 mile"),
        ("500m", "500 metres"),
        ("10 laps", "10 laps"),
        ("a lap", "1 lap"),
        ("10 lengths", "10 lengths"),
        ("5000 steps", "5000 steps"),
        ("5,000 steps", "5000 steps"),
        ("5k steps", "5000 steps"),
        ("15 reps", "15 reps"),
        ("2 sets of 10", "2 sets of 10 reps"),
        ("90 seconds", "90 seconds"),
        ("a couple of minutes", "2 minutes"),
        ("10 mins or so", "10 minutes"),
        # Not an amount.
        ("not sure", None),
        ("", None),
        ("0", None),
        ("3 days", None),
        ("4 days", None),
        ("twice", None),
        ("2x", None),
        ("1000", None),
    ],
)
def test_parse_amount(text: str, expected: str | None) -> None:
    assert parse_amount(text) == expected


# ---------------------------------------------------------------- parse_when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("after dinner", "after dinner"),
        ("After Lunch.", "after lunch"),
        ("in the arvo", "in the afternoon"),
        ("arvo", "in the afternoon"),
        ("mornings", "in the morning"),
        ("early morning", "in the early morning"),
        ("at night", "at night"),
        ("before bed", "before bed"),
        ("b4 bed", "before bed"),
        ("I'll do it after brekkie", "after breakfast"),
        ("um probably in the evening after tea", "after tea"),
        ("first thing", "first thing in the morning"),
        ("at lunch", "at lunchtime"),
        ("on my lunch break", "in my lunch break"),
        ("7am", "at 7am"),
        ("at 7", "at 7"),
        ("at 7.30", "at 7:30"),
        ("mon and thu mornings", "in the morning on Monday and Thursday"),
        ("every day after lunch", "after lunch"),
        ("weekends", "at the weekend"),
        ("when the kids are at school", "when the kids are at school"),
        # Unrecognised but short: keep the person's own words.
        ("whenever I can", "whenever I can"),
        ("when my husband is home", "when my husband is home"),
        ("between the school runs", "between the school runs"),
        # Nothing usable.
        ("not sure", None),
        ("", None),
        ("?", None),
        (
            (
                "I don't really know, it depends on how my back is feeling on the day and "
                "whether I slept"
            ),
            None,
        ),
    ],
)
def test_parse_when(text: str, expected: str | None) -> None:
    assert parse_when(text) == expected


# ------------------------------------------------------ amounts and minutes


@pytest.mark.parametrize(
    ("how_much", "expected"),
    [
        ("10 minutes", 10),
        ("1 minute", 1),
        ("1 hr", 60),
        ("half an hour", 30),
        ("90 minutes", 90),
        ("2 km", None),
        ("10 laps", None),
        ("30 seconds", None),
        ("a bit", None),
        (None, None),
    ],
)
def test_minutes_per_session(how_much: str | None, expected: int | None) -> None:
    assert minutes_per_session(P(what="walk", how_much=how_much)) == expected


@pytest.mark.parametrize(
    ("how_much", "expected"),
    [
        ("10 minutes", (10.0, "minute")),
        ("2 km", (2.0, "km")),
        ("1.5 miles", (1.5, "mile")),
        ("10 laps", (10.0, "lap")),
        ("5000 steps", (5000.0, "step")),
        ("3 sets of 10 reps", (30.0, "rep")),
        ("10 times", (10.0, "time")),
        ("an hour", (60.0, "minute")),
        ("a bit", None),
        ("", None),
        (None, None),
    ],
)
def test_amount_quantity(how_much: str | None, expected: tuple[float, str] | None) -> None:
    assert amount_quantity(how_much) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.5, "hour", "90 minutes"),
        (1, "minute", "1 minute"),
        (2, "km", "2 km"),
        (1, "mile", "1 mile"),
        (2, "mile", "2 miles"),
        (1, "lap", "1 lap"),
        (3, "flight of stairs", "3 flights of stairs"),
        (0, "minute", None),
    ],
)
def test_format_quantity(value: float, unit: str, expected: str | None) -> None:
    assert format_quantity(value, unit) == expected


# -------------------------------------------------------------- describe_plan


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (
            P("walk to the letterbox and back", "10 minutes", "after lunch", 4),
            "walk to the letterbox and back for 10 minutes after lunch, on 4 days this week",
        ),
        (
            P("do my stretches", "5 minutes", "in the morning", 7),
            "do your stretches for 5 minutes in the morning, every day this week",
        ),
        (P("swim", "10 laps", None, 1), "swim 10 laps, once this week"),
        (
            P("walk with my dog", "2 km", "after I get home", 2),
            "walk with your dog 2 km after you get home, on 2 days this week",
        ),
        (
            P("walk", "20 minutes", "before work on Monday and Thursday", 2),
            "walk for 20 minutes before work on Monday and Thursday",
        ),
        (P("walk", "20 minutes", "on weekdays", 5), "walk for 20 minutes on weekdays"),
        (P("plank", "30 seconds", None, 3), "plank for 30 seconds, on 3 days this week"),
        (P("walk"), "walk"),
        (P(), "do your activity"),
    ],
)
def test_describe_plan(plan: PlanDraft, expected: str) -> None:
    assert describe_plan(plan) == expected


def test_describe_plan_round_trips_a_parsed_message() -> None:
    plan = parse_plan("I'd like to do my stretches every morning for 5 mins")
    assert describe_plan(plan) == (
        "do your stretches for 5 minutes in the morning, every day this week"
    )


# --------------------------------------------------------------- make_easier


def _shapes(plans: list[PlanDraft]) -> list[tuple[str | None, int | None]]:
    return [(p.how_much, p.days_per_week) for p in plans]


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (
            P("walk", "10 minutes", "after lunch", 4),
            [("5 minutes", 4), ("10 minutes", 3), ("5 minutes", 3)],
        ),
        (
            P("walk", "25 minutes", None, 7),
            [("12 minutes", 7), ("25 minutes", 5), ("12 minutes", 5)],
        ),
        (
            P("walk", "45 minutes", None, 2),
            [("20 minutes", 2), ("45 minutes", 1), ("20 minutes", 1)],
        ),
        (P("walk", "3 minutes", None, 1), [("2 minutes", 1)]),
        (P("walk", "2 minutes", None, 1), []),
        (P("walk", "2 minutes", None, 3), [("2 minutes", 2)]),
        (P("swim", "10 laps", None, 2), [("5 laps", 2), ("10 laps", 1), ("5 laps", 1)]),
        (P("walk", "1 km", None, 3), [("0.5 km", 3), ("1 km", 2), ("0.5 km", 2)]),
        (
            P("walk", "5000 steps", None, 5),
            [("2500 steps", 5), ("5000 steps", 4), ("2500 steps", 4)],
        ),
        (
            P("squats", "3 sets of 10 reps", None, 3),
            [("1 set of 10 reps", 3), ("3 sets of 10 reps", 2), ("1 set of 10 reps", 2)],
        ),
        (P("squats", "1 set of 10 reps", None, 1), [("1 set of 5 reps", 1)]),
        (P("walk", None, None, 3), [(None, 2)]),
        (P("walk", "a bit", None, 1), []),
    ],
)
def test_make_easier(plan: PlanDraft, expected: list[tuple[str | None, int | None]]) -> None:
    assert _shapes(make_easier(plan)) == expected


@pytest.mark.parametrize(
    "plan",
    [
        P("walk", "60 minutes", "after lunch", 7),
        P("walk", "10 minutes", "after lunch", 4),
        P("walk", "3 minutes", "after lunch", 2),
        P("swim", "20 laps", None, 3),
    ],
)
def test_make_easier_options_are_smaller_and_keep_the_rest(plan: PlanDraft) -> None:
    options = make_easier(plan)
    assert 1 <= len(options) <= 3
    for option in options:
        assert option != plan
        assert option.what == plan.what and option.when == plan.when
        assert (option.days_per_week or 0) <= (plan.days_per_week or 0)
        assert (option.days_per_week or 1) >= 1
        q_new, q_old = amount_quantity(option.how_much), amount_quantity(plan.how_much)
        assert q_new is not None and q_old is not None
        assert q_new[0] <= q_old[0]
        new_minutes = minutes_per_session(option)
        if new_minutes is not None:
            assert new_minutes >= 2


@pytest.mark.parametrize(
    ("what", "phrase"),
    [
        ("walk to the shops", "walk to the shops"),
        ("gardening", "do gardening"),
        ("some gardening", "do some gardening"),
        ("I dunno maybe some gardening", "do some gardening"),
        ("swimming", "go swimming"),
        ("my physio stretches", "do my physio stretches"),
        ("idk, stretch", "stretch"),
    ],
)
def test_plans_read_back_as_verb_phrases(what: str, phrase: str) -> None:
    from bot.coaching.action_plan import as_verb_phrase

    assert as_verb_phrase(what) == phrase


@pytest.mark.parametrize(("text", "days", "when"), [
    ("only 3 nights", 3, "at night"),
    ("walk 3 mornings a week", 3, "in the morning"),
    ("stretch on 4 evenings", 4, "in the evening"),
    ("2-3 mornings a week", 2, "in the morning"),  # the lower end of a range, as for days
])
def test_n_parts_of_the_day_are_days_and_a_time(text: str, days: int, when: str) -> None:
    plan = parse_plan(text)
    assert (plan.days_per_week, plan.when) == (days, when)


def test_a_proposal_changed_to_three_nights_keeps_the_rest() -> None:
    from bot.coaching.shared_decisions import apply_changes

    draft, changed = apply_changes(PlanDraft("stretch your hamstrings", "5 minutes", "before bed", 5),
                                   "mm maybe but only 3 nights")
    assert changed and (draft.what, draft.how_much, draft.days_per_week) == ("stretch your hamstrings",
                                                                            "5 minutes", 3)

"""Matching clinic resources to a context, and reading the answer to an offer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.coaching.resources import (
    MAX_PER_OFFER,
    TOPICS,
    Need,
    PastOffer,
    ResourceInfo,
    checkin_offer_due,
    choose_offers,
    classify_response,
    details_text,
    kinds_in,
    named,
    need_for_checkin,
    need_for_distress,
    need_for_problem,
    need_for_request,
    rank,
    topics_in,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)

WALKING = ResourceInfo(1, "Tuesday walking group", "peer_support", ("movement", "isolation", "motivation"))
MONEY = ResourceInfo(2, "Community benefits advice", "service", ("money",))
MOOD = ResourceInfo(3, "Mood and pain course", "class", ("mood", "worry", "relaxation"))
SLEEP = ResourceInfo(4, "Better sleep online", "online", ("sleep", "relaxation", "flexible"))
PEERS = ResourceInfo(5, "Pain peer support", "peer_support", ("isolation", "pain_skills", "family"))
HYDRO = ResourceInfo(6, "Warm water exercise", "class", ("movement", "pain_skills"))
GARDEN = ResourceInfo(7, "Community garden mornings", "peer_support", ("hobbies", "isolation"))
ARCHIVED = ResourceInfo(8, "Old pain school", "class", ("pain_skills", "movement", "money"), active=False)
ALL = (WALKING, MONEY, MOOD, SLEEP, PEERS, HYDRO, GARDEN, ARCHIVED)


def ids(resources: list[ResourceInfo]) -> list[int]:
    return [r.id for r in resources]


# ----------------------------------------------------------------- problem solving


def test_a_money_problem_gets_the_money_service_first() -> None:
    need = need_for_problem("the pool costs too much and i cant afford the gym")
    assert need.context == "problem_solving"
    assert ids(rank(ALL, need, now=NOW))[0] == MONEY.id


def test_a_sleep_problem_gets_sleep_resources_and_never_more_than_two() -> None:
    chosen = rank(ALL, need_for_problem("i sleep so badly i cant face my walk"), now=NOW)
    assert ids(chosen)[0] == SLEEP.id
    assert len(chosen) <= MAX_PER_OFFER


def test_unsupportive_people_favour_peer_support() -> None:
    need = need_for_problem("my family dont understand, they think im lazy")
    assert ids(rank(ALL, need, now=NOW))[0] == PEERS.id


def test_the_first_barrier_named_counts_most() -> None:
    sleep_first = rank(ALL, need_for_problem("bad sleep, and money is tight"), now=NOW)
    money_first = rank(ALL, need_for_problem("money is tight, and bad sleep"), now=NOW)
    assert ids(sleep_first)[0] == SLEEP.id
    assert ids(money_first)[0] == MONEY.id


def test_barrier_keys_can_be_given_instead_of_words() -> None:
    assert ids(rank(ALL, need_for_problem("", ["money"]), now=NOW)) == [MONEY.id]


def test_a_problem_without_a_named_barrier_gets_general_pain_help() -> None:
    chosen = rank(ALL, need_for_problem("it rained every day"), now=NOW)
    assert chosen and all("pain_skills" in r.tags or "motivation" in r.tags for r in chosen)


def test_archived_resources_are_never_offered() -> None:
    need = need_for_problem("cant afford it")
    assert ARCHIVED.id not in ids(rank(ALL, need, now=NOW, limit=10))
    assert rank([ARCHIVED], need_for_request("any classes"), now=NOW) == []


# ----------------------------------------------------------------- distress


def test_worry_in_their_words_ranks_the_mood_course_first() -> None:
    chosen = rank(ALL, need_for_distress("im so anxious about everything"), now=NOW)
    assert ids(chosen)[0] == MOOD.id


def test_loneliness_ranks_peer_groups_first() -> None:
    chosen = rank(ALL, need_for_distress("i feel so lonely, nobody to talk to"), now=NOW)
    assert set(ids(chosen)) <= {WALKING.id, PEERS.id, GARDEN.id}


def test_phq_subscales_of_three_add_mood_and_worry() -> None:
    need = need_for_distress("", phq2=4, gad2=1)
    assert need.topics["mood"] > need.topics["worry"]
    assert need_for_distress("", phq2=1, gad2=3).topics["worry"] == 2.0


def test_distress_never_offers_something_unrelated() -> None:
    assert rank([MONEY, HYDRO], need_for_distress("feeling really down"), now=NOW) == []


# ----------------------------------------------------------------- check-in


def test_checkin_matches_values_and_plans() -> None:
    need = need_for_checkin(["gardening"], ["walk to the letterbox after lunch"])
    chosen = ids(rank(ALL, need, now=NOW))
    assert chosen[0] == GARDEN.id  # what matters to them counts more than this week's plan
    assert chosen[1] in (WALKING.id, HYDRO.id)


def test_checkin_without_a_match_offers_nothing() -> None:
    assert rank([MONEY, SLEEP], need_for_checkin(["my grandkids"], ["read a book"]), now=NOW) == []


def test_checkin_offers_come_every_four_weeks_at_most() -> None:
    assert checkin_offer_due([], NOW)
    last = [PastOffer(WALKING.id, NOW - timedelta(days=20), context="checkin")]
    assert not checkin_offer_due(last, NOW)
    assert checkin_offer_due([PastOffer(WALKING.id, NOW - timedelta(days=29), context="checkin")], NOW)
    # any offer in the last two weeks (they asked, or problem solving) also waits
    assert not checkin_offer_due([PastOffer(MONEY.id, NOW - timedelta(days=3), context="asked")], NOW)


# ----------------------------------------------------------------- asked


@pytest.mark.parametrize(("text", "first"), [
    ("are there any support groups near me", PEERS.id),
    ("any classes i could go to for my back", HYDRO.id),
    ("is there something online for sleep", SLEEP.id),
    ("who can help with money", MONEY.id),
    ("a walking group?", WALKING.id),
])
def test_requests_rank_by_kind_and_topic(text: str, first: int) -> None:
    assert ids(rank(ALL, need_for_request(text), now=NOW))[0] == first


def test_a_general_request_lists_any_active_resources() -> None:
    need = need_for_request("what resources are there")
    assert not need.specific
    assert len(rank(ALL, need, now=NOW)) == MAX_PER_OFFER


def test_a_specific_request_with_no_match_finds_nothing() -> None:
    assert rank([MONEY], need_for_request("any yoga class"), now=NOW) == []
    assert ids(rank(ALL, need_for_request("who can help with money"), now=NOW)) == [MONEY.id]


def test_asking_again_shows_the_ones_not_just_shown() -> None:
    need = Need("asked")
    first = rank(ALL, need, now=NOW)
    history = [PastOffer(r.id, NOW - timedelta(minutes=2), context="asked") for r in first]
    second = rank(ALL, need, history, now=NOW)
    assert not set(ids(first)) & set(ids(second))


def test_limit_is_capped_at_two() -> None:
    assert len(rank(ALL, Need("asked"), now=NOW, limit=5)) == MAX_PER_OFFER


# ----------------------------------------------------------------- history


def test_a_declined_resource_is_not_offered_again_for_90_days() -> None:
    need = need_for_problem("cant afford it")
    declined = [PastOffer(MONEY.id, NOW - timedelta(days=30), "declined", "problem_solving")]
    assert MONEY.id not in ids(rank(ALL, need, declined, now=NOW))
    assert MONEY.id not in ids(rank(ALL, need_for_request("money help"), declined, now=NOW))
    old = [PastOffer(MONEY.id, NOW - timedelta(days=91), "declined", "problem_solving")]
    assert ids(rank(ALL, need, old, now=NOW))[0] == MONEY.id


def test_unprompted_offers_skip_what_was_offered_in_the_last_two_weeks() -> None:
    need = need_for_problem("cant afford it")
    recent = [PastOffer(MONEY.id, NOW - timedelta(days=5), "interested", "asked")]
    assert MONEY.id not in ids(rank(ALL, need, recent, now=NOW))
    # but when they ask, an interesting one is still listed
    assert MONEY.id in ids(rank(ALL, need_for_request("money help"), recent, now=NOW))


# ----------------------------------------------------------------- vocabulary


def test_topic_and_kind_words() -> None:
    assert "movement" in topics_in("a hydro class for my knees")
    assert "isolation" in topics_in("i want to meet others like me")
    assert kinds_in("any support groups") == ["peer_support"]
    assert "online" in kinds_in("something on zoom")
    assert set(TOPICS) >= {"mood", "worry", "isolation", "money", "sleep"}


# ----------------------------------------------------------------- answers


@pytest.mark.parametrize(("text", "expected"), [
    ("I'd like to try it", "interested"),
    ("yeah sounds good", "interested"),
    ("might give it a go", "interested"),
    ("not for me thanks", "declined"),
    ("nah", "declined"),
    ("no", "declined"),
    ("i'm not interested", "declined"),
    ("don't fancy it", "declined"),
    ("tell me more", "more"),
    ("where is it?", "more"),
    ("how do i join", "more"),
    ("i'll go along next week", "taken_up"),
    ("I've joined already", "taken_up"),
    ("signed up last night, i joined", "taken_up"),
    ("count me in", "taken_up"),
    ("hmm what's the weather like", None),
])
def test_answers_in_free_text(text: str, expected: str | None) -> None:
    assert classify_response(text) == expected


def test_which_offer_an_answer_is_about() -> None:
    names = ["Tuesday walking group", "Mood and pain course"]
    assert choose_offers("the walking group sounds good", names) == [0]
    assert choose_offers("tell me more about the course", names) == [1]
    assert choose_offers("2", names) == [1]
    assert choose_offers("the first one", names) == [0]
    assert choose_offers("both sound good", names) == [0, 1]
    assert choose_offers("yes", names) is None
    assert choose_offers("yes", names[:1]) == [0]
    groups = ["Tuesday walking group", "Pain peer support group"]
    assert choose_offers("tell me more about the group", groups) is None  # both are groups: ask which
    assert named("i joined the walking group last week", groups) == 0
    assert named("i joined a choir", groups) is None


def test_details_show_only_what_the_clinic_filled_in() -> None:
    resource = ResourceInfo(9, "Walk", "peer_support", when="Tuesdays 10am", how_to_join="just turn up")
    assert details_text(resource) == "When: Tuesdays 10am\nHow to join: just turn up"


def test_an_interested_offer_is_followed_up_once_after_a_week() -> None:
    from bot.coaching.resources import InterestedOffer, offer_to_follow_up

    week = timedelta(days=7)
    assert offer_to_follow_up([InterestedOffer(1, NOW - timedelta(days=3))], NOW) is None  # too soon
    offers = [InterestedOffer(1, NOW - 2 * week), InterestedOffer(2, NOW - 3 * week)]
    assert offer_to_follow_up(offers, NOW) == 2  # the oldest first
    assert offer_to_follow_up([InterestedOffer(2, NOW - 3 * week, followed_up=True)], NOW) is None
    assert offer_to_follow_up([InterestedOffer(2, NOW - 3 * week, taken_up=True)], NOW) is None
    assert offer_to_follow_up([InterestedOffer(3, NOW - timedelta(days=100))], NOW) is None  # long gone

"""Places and time zones from what patients type (bot.coaching.places)."""

from __future__ import annotations

from zoneinfo import available_timezones

import pytest

from bot.coaching.places import (
    COMMON_ZONES,
    PLACES,
    find_place,
    is_place_statement,
    read_place,
    region_for_zone,
)
from bot.safety.contacts import supported_regions


@pytest.mark.parametrize(
    ("text", "zone", "region"),
    [
        ("thursday mornings before it gets busy, we're in perth", "Australia/Perth", "AU"),
        ("perth time pls", "Australia/Perth", "AU"),
        ("im out in fremantle these days", "Australia/Perth", "AU"),
        ("i'm living in brisbane now", "Australia/Brisbane", "AU"),
        ("can u do uk time instead", "Europe/London", "GB"),
        ("wrong zone mate, im in galway", "Europe/Dublin", "IE"),
        ("not auckland, im down in dunedin", "Pacific/Auckland", "NZ"),
        ("we shifted from sydney to hobart", "Australia/Hobart", "AU"),
        ("Im not in NZ anymore, moved to adelaide", "Australia/Adelaide", "AU"),
        ("perth, scotland", "Europe/London", "GB"),  # the qualifier picks the other Perth
        ("london ontario", "America/Toronto", "CA"),
        ("victoria bc", "America/Vancouver", "CA"),
        ("hamilton", "Pacific/Auckland", "NZ"),  # the clinic's country first (NZ by default)
        ("use AWST please", "Australia/Perth", "AU"),
        ("on chatham islands time", "Pacific/Chatham", "NZ"),
        ("America/Denver", "America/Denver", "US"),
        ("im in calgary", "America/Edmonton", "CA"),
    ],
)
def test_places_give_a_zone_and_a_region(text: str, zone: str, region: str) -> None:
    place = find_place(text)
    assert place is not None, text
    assert (place.zone, place.region) == (zone, region)


def test_the_clinic_region_decides_a_town_in_two_countries() -> None:
    assert find_place("newcastle", prefer_region="GB").zone == "Europe/London"
    assert find_place("newcastle", prefer_region="AU").zone == "Australia/Sydney"
    assert find_place("im in hamilton", prefer_region="CA").zone == "America/Toronto"


@pytest.mark.parametrize(
    "text",
    [
        "can we pause over christmas",  # Indian/Christmas is an IANA zone
        "my granddaughter sydney comes on saturdays",
        "darwin was right about evolution lol",
        "i want to act on it this week",
        "wake me at 9",
        "im in pain most days",
        "I'm not in New Zealand",
        "i had a hot bath",
        "my son lives in brisbane and rings on sundays",  # someone else's place
        "she's just moved to perth",
        "9am my time",
        "tuesdays",
    ],
)
def test_names_and_words_that_are_not_where_the_patient_is(text: str) -> None:
    assert find_place(text) is None


def test_a_country_with_several_zones_or_an_unknown_town_is_asked_about() -> None:
    reading = read_place("i'm over in australia now")
    assert reading.place is None and reading.region == "AU"
    assert read_place("we live in the states").region == "US"
    unknown = read_place("I live in Little Snoring")
    assert unknown.place is None and unknown.unknown == "Little Snoring"
    assert read_place("i live in a small town").unknown is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("perth time please", True),
        ("i'm in melbourne now", True),
        ("sundays at 10 please, i live in canberra", True),
        ("No, Brisbane time. Queensland.", True),
        ("Perth", True),
        ("Sydney", False),  # also a first name: only with "in", "time" ...
        ("my son lives in Sydney and visits on the weekend", False),
        ("walk along the beach in Perth for 20 minutes", False),
        ("im in pain", False),
        ("thursdays at 4, I live in Much Wenlock", True),  # a town no table knows
        ("I live in a small town with my dogs", False),
    ],
)
def test_place_statements(text: str, expected: bool) -> None:
    assert is_place_statement(text) is expected


def test_curated_table_uses_real_zones_and_their_countries() -> None:
    zones = available_timezones()
    for name, candidates in PLACES.items():
        for zone, region in candidates:
            assert zone in zones, name
            if region:
                assert region_for_zone(zone) == region, (name, zone)
    for region, options in COMMON_ZONES.items():
        assert region in supported_regions()
        assert all(zone in zones and region_for_zone(zone) in supported_regions() for _, zone in options)


def test_region_for_zone_from_cldr() -> None:
    assert region_for_zone("Australia/Perth") == "AU"
    assert region_for_zone("Europe/London") == "GB"
    assert region_for_zone("America/Vancouver") == "CA"
    assert region_for_zone("Pacific/Chatham") == "NZ"
    assert region_for_zone("UTC") is None
    assert region_for_zone(None) is None

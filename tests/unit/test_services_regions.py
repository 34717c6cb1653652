"""A patient's crisis-contact region (bot.services.regions) against a migrated database."""

from __future__ import annotations

import pytest

from bot.services import checkins, goals, regions, safety
from bot.store.db import session_scope
from bot.store.repository import find_patient


@pytest.fixture(autouse=True)
def _db(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PACER_CLINIC_FILE", "PACER_CLINIC_REGION", "PACER_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)


def consented(conversation_id: str) -> str:
    goals.record_consent(conversation_id, "given", name="Bev")
    return conversation_id


def set_phone(conversation_id: str, phone: str) -> None:
    with session_scope() as session:
        find_patient(session, conversation_id).phone_number = phone


def test_without_anything_said_the_clinic_region_applies() -> None:
    conv = consented("r1")
    assert regions.region_for(conv) == "NZ"
    assert regions.region_for("a-stranger") == "NZ"
    with session_scope() as session:
        assert regions.region_of(find_patient(session, conv)).label == "NZ (clinic default)"


def test_clinic_region_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACER_CLINIC_REGION", "IE")
    assert regions.region_for(consented("r2")) == "IE"


def test_the_phone_number_country_beats_the_clinic_default() -> None:
    conv = consented("r3")
    set_phone(conv, "+61412345678")
    assert regions.region_for(conv) == "AU"
    set_phone(conv, "+16045550123")  # a Vancouver number: +1 told apart by area code
    assert regions.region_for(conv) == "CA"
    assert regions.region_for("+447400123456") == "GB"  # an SMS sender not (yet) a patient


def test_a_check_in_time_zone_sets_the_region_and_beats_the_phone() -> None:
    conv = consented("r4")
    set_phone(conv, "+64211234567")
    checkins.update_preferences(conv, timezone="Australia/Perth")
    assert regions.region_for(conv) == "AU"
    assert safety.region_contacts(conv).emergency == "000"
    with session_scope() as session:
        patient = find_patient(session, conv)
        assert (patient.region, patient.region_source) == ("AU", "timezone")
        assert "check-in time zone" in regions.region_of(patient).label
    checkins.update_preferences(conv, timezone="Europe/London")  # moved again: latest wins
    assert regions.region_for(conv) == "GB"


def test_a_country_said_without_a_zone_and_unsupported_regions() -> None:
    conv = consented("r5")
    assert regions.note_region_said(conv, "us")
    assert regions.region_for(conv) == "US"
    checkins.update_preferences(conv, timezone="Asia/Tokyo")  # no crisis contacts on file for JP
    assert regions.region_for(conv) == "US"
    assert not regions.note_region_said("never-consented", "AU")

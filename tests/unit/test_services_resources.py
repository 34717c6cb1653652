"""The resources service on a real migrated SQLite file: form checks, offers, answers, the
patient's data copy, and erasure (the database cascade that `bot.services.privacy` relies on)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from bot.coaching.resources import need_for_request
from bot.services import goals, privacy, resources
from bot.store.db import session_scope
from bot.store.models import ClinicResource, Patient, ResourceOffer

pytestmark = pytest.mark.usefixtures("database_url")
CONV = "res-service-1"


def test_form_checks_name_kind_topics_and_how_to_join() -> None:
    form, errors = resources.parse_form({"name": "  Walk  group ", "kind": "peer_support",
                                         "how_to_join": "turn up"}, ["isolation", "movement"])
    assert errors == [] and form.name == "Walk group" and form.tags == ("movement", "isolation")
    form, errors = resources.parse_form({"name": "x" * 121, "kind": "club"}, ["astrology"])
    assert form is None and len(errors) == 4  # kind, how to join, name length, topic


def test_offers_answers_export_and_erasure() -> None:
    goals.record_consent(CONV, "given", name="Tui")
    form, _ = resources.parse_form({"name": "Pain peer group", "kind": "peer_support",
                                    "how_to_join": "email us"}, ["isolation", "pain_skills"])
    with session_scope() as session:
        resource_id = resources.create_resource(session, form).id
    result = resources.offer(CONV, need_for_request("any support groups"))
    assert result.status == "offered" and [v.resource.id for v in result.offers] == [resource_id]
    offer_id = result.offers[0].id
    assert resources.record_response(CONV, offer_id, "taken_up")
    assert not resources.record_response("someone-else", offer_id, "declined")  # not theirs
    [row] = privacy.export_conversation(CONV)["resource_offers"]
    assert (row["resource"], row["context"], row["response"]) == ("Pain peer group", "asked", "interested")
    assert row["taken_up_at"] is not None
    with session_scope() as session:
        session.execute(delete(Patient))
    with session_scope() as session:
        assert session.execute(select(ResourceOffer)).first() is None
        assert session.get(ClinicResource, resource_id) is not None  # the clinic's list stays

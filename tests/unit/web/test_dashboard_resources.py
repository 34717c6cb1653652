"""Clinic resources in the dashboard: list, add, edit, archive (any clinician, CSRF, audit log),
and the "Resources offered" section of the patient page. A real `pacer web` process on a
migrated SQLite file; offers are made through the same service the chat uses."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from bot.coaching.resources import need_for_problem, need_for_request
from bot.services import resources
from bot.store.db import session_scope
from bot.store.models import AuditLog, ChannelIdentity, ClinicResource, ResourceOffer
from tests.unit.web.test_dashboard_access import new_clinician, new_patient, signed_in
from tests.web.server import Browserish, WebServer


def form(name: str, **changes: object) -> dict:
    data = {"name": name, "kind": "peer_support", "description": "A friendly walk at your own pace.",
            "when_text": "Tuesdays 10am", "where_text": "Riverside park gates", "how_to_join": "Just turn up",
            "contact": "Aroha 021 555 0101", "tags": ["movement", "isolation"]}
    data.update(changes)
    return data


def post(client: Browserish, path: str, data: dict) -> object:
    return client.post(path, data={**data, "csrf_token": client.csrf("/dashboard/resources")})


def resource_named(name: str) -> ClinicResource | None:
    with session_scope() as session:
        row = session.execute(select(ClinicResource).where(ClinicResource.name == name)).scalar_one_or_none()
        if row is not None:
            session.expunge(row)
        return row


def audit_actions(clinician_id: int) -> list[str]:
    with session_scope() as session:
        return list(session.execute(
            select(AuditLog.action).where(AuditLog.clinician_id == clinician_id).order_by(AuditLog.id)
        ).scalars())


def conversation_of(patient_id: int) -> str:
    with session_scope() as session:
        return session.execute(
            select(ChannelIdentity.conversation_id).where(ChannelIdentity.patient_id == patient_id)
        ).scalar_one()


@pytest.fixture(scope="module")
def staff(server: WebServer) -> dict:
    a_id, a_email = new_clinician("Tama")
    b_id, b_email = new_clinician("Wiremu")
    return {"a": (a_id, a_email), "b": (b_id, b_email)}


def test_signed_out_visitors_cannot_see_or_add_resources(server: WebServer, staff: dict) -> None:
    client = server.client()
    assert client.get("/dashboard/resources").status_code == 302
    token = client.csrf()
    name = f"Sneaky {uuid.uuid4().hex[:6]}"
    response = client.post("/dashboard/resources", data={**form(name), "csrf_token": token})
    assert response.status_code == 302 and "/dashboard/login" in response.headers["location"]
    assert resource_named(name) is None


def test_add_without_the_csrf_token_is_refused(server: WebServer, staff: dict) -> None:
    client = signed_in(server, staff["a"][1])
    name = f"No token {uuid.uuid4().hex[:6]}"
    assert client.post("/dashboard/resources", data=form(name)).status_code == 403
    assert resource_named(name) is None


def test_a_clinician_adds_edits_archives_and_restores_a_resource(server: WebServer, staff: dict) -> None:
    a_id, a_email = staff["a"]
    b_id, b_email = staff["b"]
    client = signed_in(server, a_email)
    assert "Add a resource" in client.get("/dashboard/resources").text
    assert 'name="tags"' in client.get("/dashboard/resources/new").text
    name = f"Riverside walkers {uuid.uuid4().hex[:6]}"
    response = post(client, "/dashboard/resources", form(name))
    assert response.status_code == 303
    row = resource_named(name)
    assert row is not None and row.active and row.created_by_id == a_id
    assert (row.kind, row.when_text, row.tags) == ("peer_support", "Tuesdays 10am", ["movement", "isolation"])
    page = client.get("/dashboard/resources").text
    assert name in page and "Tuesdays 10am" in page and "Just turn up" in page
    assert "movement and exercise" in page and "0 offered" in page

    # another clinician may edit the clinic's list
    other = signed_in(server, b_email)
    edit_page = other.get(f"/dashboard/resources/{row.id}/edit").text
    assert name in edit_page and "checked" in edit_page
    response = post(other, f"/dashboard/resources/{row.id}",
                    form(name, when_text="Thursdays 9:30am", kind="class", tags=["movement"]))
    assert response.status_code == 303
    edited = resource_named(name)
    assert (edited.when_text, edited.kind, edited.tags, edited.updated_by_id) == (
        "Thursdays 9:30am", "class", ["movement"], b_id)
    assert "updated by Dr Wiremu" in other.get("/dashboard/resources").text

    response = post(client, f"/dashboard/resources/{row.id}/archive", {"archive": "1"})
    assert response.status_code == 303
    archived = resource_named(name)
    assert not archived.active and archived.archived_at is not None
    assert "Restore" in client.get("/dashboard/resources").text
    post(client, f"/dashboard/resources/{row.id}/archive", {"archive": "0"})
    assert resource_named(name).active

    assert audit_actions(a_id)[-3:] == ["add_resource", "archive_resource", "restore_resource"]
    assert audit_actions(b_id)[-1] == "edit_resource"


def test_an_incomplete_form_is_shown_again_with_what_is_missing(server: WebServer, staff: dict) -> None:
    client = signed_in(server, staff["a"][1])
    response = post(client, "/dashboard/resources", form("", tags=[], how_to_join="", contact=""))
    assert response.status_code == 400
    text = response.text
    assert "Give the resource a name" in text and "at least one topic" in text and "how to join" in text
    response = post(client, "/dashboard/resources", form("Odd kind", kind="rocket"))
    assert response.status_code == 400 and "what kind" in response.text
    assert resource_named("Odd kind") is None
    missing = client.get("/dashboard/resources/999999/edit")
    assert missing.status_code == 404


def test_an_archived_resource_is_never_offered(server: WebServer, staff: dict) -> None:
    client = signed_in(server, staff["a"][1])
    name = f"Money help {uuid.uuid4().hex[:6]}"
    post(client, "/dashboard/resources", form(name, kind="service", tags=["money"]))
    row = resource_named(name)
    patient_id, _ = new_patient("Rangi", staff["a"][0])
    conversation = conversation_of(patient_id)
    post(client, f"/dashboard/resources/{row.id}/archive", {"archive": "1"})
    offered = resources.offer(conversation, need_for_problem("i cant afford the pool"))
    assert row.id not in [view.resource.id for view in offered.offers]
    post(client, f"/dashboard/resources/{row.id}/archive", {"archive": "0"})
    offered = resources.offer(conversation, need_for_problem("i cant afford the pool"))
    assert [view.resource.id for view in offered.offers][:1] == [row.id]


def test_the_patient_page_shows_resources_offered_and_only_to_their_clinician(
    server: WebServer, staff: dict
) -> None:
    a_id, a_email = staff["a"]
    client = signed_in(server, a_email)
    name = f"Hydro for backs {uuid.uuid4().hex[:6]}"
    post(client, "/dashboard/resources", form(name, kind="class", tags=["movement", "pain_skills"]))
    patient_id, _ = new_patient("Moana", a_id)
    conversation = conversation_of(patient_id)
    assert "No resources offered yet" in client.get(f"/dashboard/patients/{patient_id}").text

    result = resources.offer(conversation, need_for_request("is there a hydro class for my back"))
    assert result.status == "offered"
    [view] = [v for v in result.offers if v.resource.name == name]
    assert resources.record_response(conversation, view.id, "taken_up")

    page = client.get(f"/dashboard/patients/{patient_id}").text
    section = page[page.index('id="resources-offered"'):]
    section = section[:section.index("</section>")]
    assert name in section and "they asked" in section and "interested" in section
    assert re.search(r'class="ack">yes</span>, \d\d \w{3} \d{4}', section)
    with session_scope() as session:
        offer = session.get(ResourceOffer, view.id)
        assert offer.taken_up_at is not None and offer.response == "interested"

    # another clinician's patient page is not reachable at all
    other = signed_in(server, staff["b"][1])
    assert other.get(f"/dashboard/patients/{patient_id}").status_code == 404

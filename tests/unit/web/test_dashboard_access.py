"""Access control of the dashboard, against a real `pacer web` process and a real database."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from bot.services import dashboard, goals, opt_out, safety
from bot.store.db import session_scope
from bot.store.models import AuditLog, ChannelIdentity, Patient, PatientRequest, SafetyEvent
from bot.web import auth
from tests.web.server import Browserish, WebServer

PASSWORD = "correct horse battery"


def new_clinician(name: str, role: str = "clinician") -> tuple[int, str]:
    email = f"{name.lower()}-{uuid.uuid4().hex[:6]}@clinic.test"
    return auth.create_clinician(email, f"Dr {name}", PASSWORD, role=role), email


def new_patient(name: str, clinician_id: int | None = None, crisis: bool = False) -> tuple[int, int | None]:
    conversation = f"web-{uuid.uuid4().hex[:8]}"
    goals.record_consent(conversation, "given", name=name)
    event_id = safety.record_safety_event(conversation, "crisis", "crisis.test", "suicide",
                                          "I don't want to be here") if crisis else None
    with session_scope() as session:
        patient_id = session.execute(
            select(ChannelIdentity.patient_id).where(ChannelIdentity.conversation_id == conversation)
        ).scalar_one()
        if clinician_id is not None:
            dashboard.assign(session, clinician_id, patient_id)
    return patient_id, event_id


@pytest.fixture(scope="module")
def world(server: WebServer) -> dict:
    a_id, a_email = new_clinician("Ames")
    b_id, b_email = new_clinician("Brook")
    pa, ea = new_patient("Ana", a_id, crisis=True)
    pb, eb = new_patient("Ben", b_id, crisis=True)
    return {"a": (a_id, a_email), "b": (b_id, b_email), "pa": pa, "ea": ea, "pb": pb, "eb": eb}


def signed_in(server: WebServer, email: str) -> Browserish:
    client = server.client()
    response = client.sign_in(email, PASSWORD)
    assert response.status_code == 303, response.text[:500]
    return client


def is_acknowledged(event_id: int) -> bool:
    with session_scope() as session:
        return session.get(SafetyEvent, event_id).acknowledged_at is not None


@pytest.mark.parametrize("path", [
    "/dashboard/", "/dashboard/patients/1", "/dashboard/patients/1/conversations",
    "/dashboard/patients/1/transcript?c=x", "/dashboard/patients/1/export.csv",
    "/dashboard/patients/1/export.fhir.json", "/dashboard/admin",
])
def test_unauthenticated_requests_are_redirected_to_sign_in(
    server: WebServer, world: dict, path: str
) -> None:
    response = server.client().get(path)
    assert response.status_code == 302
    assert response.headers["location"].startswith("/dashboard/login?next=")


def test_unauthenticated_post_changes_nothing(server: WebServer, world: dict) -> None:
    client = server.client()
    token = client.csrf()  # an anonymous session's token is no sign-in
    response = client.post(f"/dashboard/patients/{world['pa']}/safety/{world['ea']}/acknowledge",
                           data={"csrf_token": token})
    assert response.status_code == 302 and "/dashboard/login" in response.headers["location"]
    assert not is_acknowledged(world["ea"])


def test_clinician_cannot_open_another_clinicians_patient(server: WebServer, world: dict) -> None:
    client = signed_in(server, world["a"][1])
    own = client.get(f"/dashboard/patients/{world['pa']}")
    assert own.status_code == 200 and "Ana" in own.text
    for suffix in ("", "/conversations", "/transcript?c=anything", "/export.csv", "/export.fhir.json"):
        response = client.get(f"/dashboard/patients/{world['pb']}{suffix}")
        assert response.status_code in (403, 404), suffix
        assert "Ben" not in response.text
    for unknown in (world["pb"] + 1000, 0):
        assert client.get(f"/dashboard/patients/{unknown}").status_code == 404
    listing = client.get("/dashboard/")
    assert "Ana" in listing.text and "Ben" not in listing.text
    token = client.csrf("/dashboard/")
    forged = client.post(f"/dashboard/patients/{world['pb']}/safety/{world['eb']}/acknowledge",
                         data={"csrf_token": token})
    assert forged.status_code == 404 and not is_acknowledged(world["eb"])
    # Own patient's URL with the other patient's event id: still refused.
    crossed = client.post(f"/dashboard/patients/{world['pa']}/safety/{world['eb']}/acknowledge",
                          data={"csrf_token": token})
    assert crossed.status_code == 303 and not is_acknowledged(world["eb"])


def test_posts_without_a_valid_csrf_token_fail(server: WebServer, world: dict) -> None:
    client = signed_in(server, world["a"][1])
    url = f"/dashboard/patients/{world['pa']}/safety/{world['ea']}/acknowledge"
    assert client.post(url).status_code == 403
    assert client.post(url, data={"csrf_token": "not-the-token"}).status_code == 403
    other = signed_in(server, world["b"][1])  # a real token, but another session's
    assert client.post(url, data={"csrf_token": other.csrf("/dashboard/")}).status_code == 403
    pause = client.post(f"/dashboard/patients/{world['pa']}/checkins", data={"pause_days": "7"})
    assert pause.status_code == 403
    assert not is_acknowledged(world["ea"])
    fresh = server.client()
    no_token = {"email": world["a"][1], "password": PASSWORD}
    assert fresh.post("/dashboard/login", data=no_token).status_code == 403


def test_acknowledge_with_token_records_who(server: WebServer, world: dict) -> None:
    _, event_id = new_patient("Cleo", world["a"][0], crisis=True)
    with session_scope() as session:
        patient_id = session.get(SafetyEvent, event_id).patient_id
    client = signed_in(server, world["a"][1])
    token = client.csrf(f"/dashboard/patients/{patient_id}")
    response = client.post(f"/dashboard/patients/{patient_id}/safety/{event_id}/acknowledge",
                           data={"csrf_token": token})
    assert response.status_code == 303
    with session_scope() as session:
        event = session.get(SafetyEvent, event_id)
        assert event.acknowledged_by == "Dr Ames" and event.acknowledged_at is not None
    page = client.get(f"/dashboard/patients/{patient_id}")
    assert "Acknowledged by Dr Ames" in page.text


def test_audit_log_records_every_view(server: WebServer, world: dict) -> None:
    a_id, a_email = world["a"]
    client = signed_in(server, a_email)

    def entries() -> list[tuple]:
        with session_scope() as session:
            return [(e.clinician_id, e.patient_id, e.action) for e in session.execute(
                select(AuditLog).where(AuditLog.clinician_id == a_id).order_by(AuditLog.id)).scalars()]

    before = len(entries())
    client.get(f"/dashboard/patients/{world['pa']}")
    client.get(f"/dashboard/patients/{world['pa']}")
    client.get(f"/dashboard/patients/{world['pa']}/conversations")
    client.get(f"/dashboard/patients/{world['pa']}/export.fhir.json")
    client.get(f"/dashboard/patients/{world['pb']}")  # refused: not a view
    after = entries()[before:]
    assert after == [(a_id, world["pa"], "view_patient"), (a_id, world["pa"], "view_patient"),
                     (a_id, world["pa"], "view_summaries"), (a_id, world["pa"], "export_fhir")]
    page = client.get(f"/dashboard/patients/{world['pa']}")
    assert a_email in page.text  # the page shows who looked at the record


def test_sign_out_ends_the_session_even_for_a_copied_cookie(server: WebServer, world: dict) -> None:
    client = signed_in(server, world["a"][1])
    copied = dict(client.cookies)
    assert client.get("/dashboard/").status_code == 200
    token = client.csrf("/dashboard/")
    assert client.post("/dashboard/logout", data={"csrf_token": token}).status_code == 303
    replay = Browserish(server.base_url)
    replay.cookies.update(copied)
    assert replay.get("/dashboard/").status_code == 302


def test_tampered_cookie_is_not_a_session(server: WebServer, world: dict) -> None:
    client = signed_in(server, world["a"][1])
    value = client.cookies[auth.COOKIE_NAME]
    client.cookies.clear()
    client.cookies.set(auth.COOKIE_NAME, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert client.get("/dashboard/").status_code == 302


def test_wrong_passwords_never_lock_the_right_one_out(server: WebServer) -> None:
    _, email = new_clinician("Rate")
    client = server.client()
    for _ in range(5):  # anyone who knows the email can do this
        assert client.sign_in(email, "wrong password!!").status_code == 401
    assert client.sign_in(email, PASSWORD).status_code == 303  # slower, but the clinician gets in


def test_login_throttle_slows_the_account_down_and_forgets_on_success() -> None:
    throttle = auth.LoginThrottle(free=2, base_s=1.0, max_s=4.0)
    delays = []
    for _ in range(6):
        delays.append(throttle.delay_s("a@example.org"))
        throttle.record_failure("a@example.org")
    assert delays == [0.0, 0.0, 1.0, 2.0, 4.0, 4.0]
    assert throttle.delay_s("b@example.org") == 0.0  # per account
    throttle.reset("a@example.org")
    assert throttle.delay_s("a@example.org") == 0.0


def test_a_second_computer_leaves_the_first_signed_in_until_sign_out_everywhere(server: WebServer) -> None:
    _, email = new_clinician("Two")
    first = signed_in(server, email)
    second = signed_in(server, email)
    assert first.get("/dashboard/").status_code == 200
    assert second.get("/dashboard/").status_code == 200
    csrf = second.csrf("/dashboard/")
    assert second.post("/dashboard/logout", data={auth.CSRF_FIELD: csrf}).status_code == 303
    assert first.get("/dashboard/").status_code == 302  # signed out everywhere


def test_patient_list_puts_open_safety_events_first(server: WebServer) -> None:
    clinician_id, email = new_clinician("Order")
    quiet, _ = new_patient("Quiet Person", clinician_id)
    asked, _ = new_patient("Asked Person", clinician_id)
    with session_scope() as session:
        conversation = session.execute(
            select(ChannelIdentity.conversation_id).where(ChannelIdentity.patient_id == asked)).scalar_one()
    safety.record_request(conversation, "talk_to_person")
    urgent, _ = new_patient("Urgent Person", clinician_id, crisis=True)
    rows = signed_in(server, email).get("/dashboard/").text
    positions = [rows.index(name) for name in ("Urgent Person", "Asked Person", "Quiet Person")]
    assert positions == sorted(positions)
    filtered = signed_in(server, email).get("/dashboard/?flag=safety").text
    assert "Urgent Person" in filtered and "Quiet Person" not in filtered
    searched = signed_in(server, email).get("/dashboard/?q=quiet").text
    assert "Quiet Person" in searched and "Urgent Person" not in searched


def test_pause_and_resume_checkins(server: WebServer, world: dict) -> None:
    client = signed_in(server, world["a"][1])
    url = f"/dashboard/patients/{world['pa']}/checkins"
    token = client.csrf(f"/dashboard/patients/{world['pa']}")
    assert client.post(url, data={"csrf_token": token, "pause_days": "14"}).status_code == 303
    with session_scope() as session:
        patient = session.get(Patient, world["pa"])
        assert patient.checkins_paused_until is not None and patient.checkins_paused_by == "Dr Ames"
    assert "Resume check-ins" in client.get(f"/dashboard/patients/{world['pa']}").text
    assert client.post(url, data={"csrf_token": token, "pause_days": "9999"}).status_code == 400
    assert client.post(url, data={"csrf_token": token, "pause_days": "resume"}).status_code == 303
    with session_scope() as session:
        assert session.get(Patient, world["pa"]).checkins_paused_until is None
    with session_scope() as session:  # the patient texts STOP: a clinician's resume cannot undo it
        patient = session.get(Patient, world["pa"])
        assert opt_out.set_pause(session, patient, opt_out.STOPPED_UNTIL, opt_out.SMS_STOP_REASON)
    refused = client.post(url, data={"csrf_token": token, "pause_days": "resume"})
    assert refused.status_code == 303 and "error=" in refused.headers["location"]
    with session_scope() as session:
        assert session.get(Patient, world["pa"]).checkins_paused_by == opt_out.SMS_STOP_REASON


def test_talk_to_person_request_can_be_marked_handled(server: WebServer, world: dict) -> None:
    with session_scope() as session:
        conversation = session.execute(
            select(ChannelIdentity.conversation_id).where(ChannelIdentity.patient_id == world["pa"])
        ).scalar_one()
    request_id = safety.record_request(conversation, "talk_to_person")
    client = signed_in(server, world["a"][1])
    page = client.get(f"/dashboard/patients/{world['pa']}")
    assert "Asked to talk to a person" in page.text
    token = client.csrf(f"/dashboard/patients/{world['pa']}")
    response = client.post(f"/dashboard/patients/{world['pa']}/requests/{request_id}/handled",
                           data={"csrf_token": token})
    assert response.status_code == 303
    with session_scope() as session:
        assert session.get(PatientRequest, request_id).handled_at is not None


def test_admin_page_is_for_admins_only(server: WebServer, world: dict) -> None:
    assert signed_in(server, world["a"][1]).get("/dashboard/admin").status_code == 403
    admin_id, admin_email = new_clinician("Root", role="admin")
    admin = signed_in(server, admin_email)
    assert admin.get("/dashboard/admin").status_code == 200
    unassigned, _ = new_patient("Dana")
    token = admin.csrf("/dashboard/admin")
    response = admin.post("/dashboard/admin/assign", data={"csrf_token": token, "clinician_id": world["a"][0],
                                                           "patient_id": unassigned})
    assert response.status_code == 303
    assert signed_in(server, world["a"][1]).get(f"/dashboard/patients/{unassigned}").status_code == 200


def test_dashboard_pages_carry_a_strict_content_security_policy(server: WebServer) -> None:
    _, email = new_clinician("Csp")
    for response in (server.client().get("/dashboard/login"), signed_in(server, email).get("/dashboard/")):
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy

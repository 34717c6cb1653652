"""Tests for bot.safety.alerts against a real SMTP server and a real HTTP receiver.

Nothing is mocked: aiosmtpd listens on loopback, `http.server` plays the clinic's
webhook, and the database is a migrated SQLite file (`database_url` fixture).
Every safety event carries a unique canary as its message text; the canary must
never leave Pacer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from bot import clinic as clinic_module
from bot.clinic import ENV_OVERRIDES, ClinicConfig
from bot.safety import alerts
from bot.store.db import session_scope
from bot.store.models import Alert, Patient, SafetyEvent, utcnow

SMTP_PASSWORD = "never-log-this-smtp-password"
SECRET_HOOK_PATH = "/hooks/T0KEN-s3cret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------- receivers


class SmtpRecorder:
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001 - aiosmtpd hook
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 Message accepted"


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpRecorder]:
    recorder = SmtpRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_FROM", "pacer@clinic.test")
    try:
        yield recorder
    finally:
        controller.stop()


class Webhook:
    """A loopback HTTP server answering POSTs with scripted status codes (then 200)."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.requests: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                owner.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = owner.statuses.pop(0) if owner.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args) -> None:  # noqa: ANN002 - keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{SECRET_HOOK_PATH}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook_factory() -> Iterator:
    started: list[Webhook] = []

    def start(statuses: list[int] | None = None) -> Webhook:
        hook = Webhook(statuses)
        started.append(hook)
        return hook

    yield start
    for hook in started:
        hook.close()


# ----------------------------------------------------------------- environment


@pytest.fixture(autouse=True)
def environment(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A migrated database, a clinic from the environment only, no proxies, no SMTP auth."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(clinic_module, "PROJECT_ROOT", home)
    monkeypatch.setattr(clinic_module, "ENV_FILE", home / ".env")
    monkeypatch.setattr(alerts, "ENV_FILE", home / ".env")
    for variable in (*ENV_OVERRIDES, "PACER_CLINIC_FILE", "SMTP_USER", "SMTP_STARTTLS", "SMTP_SSL"):
        monkeypatch.delenv(variable, raising=False)
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("SMTP_PASSWORD", SMTP_PASSWORD)  # set but unused without SMTP_USER
    monkeypatch.setenv("PACER_CLINIC_NAME", "Test Clinic")
    monkeypatch.setenv("PACER_PUBLIC_URL", "http://dash.test")
    caplog.set_level(logging.DEBUG)
    yield
    # Whatever happened, no message text and no secret went to the logs.
    logged = "\n".join(
        f"{record.name} {record.getMessage()}"
        for phase in ("setup", "call")
        for record in caplog.get_records(phase)
    )
    assert "CANARY" not in logged
    assert SMTP_PASSWORD not in logged
    assert SECRET_HOOK_PATH not in logged


def make_clinic(email: str | None = None, webhook: str | None = None) -> ClinicConfig:
    return ClinicConfig(
        name="Test Clinic",
        alert_email=email,
        alert_webhook_url=webhook,
        public_url="http://dash.test",
    )


def record_event(
    clinic: ClinicConfig, kind: str = "crisis", with_patient: bool = True
) -> tuple[int, int | None, str, list[int]]:
    """A safety event with a canary as its text, plus its queued alerts (committed)."""
    canary = f"CANARY-{uuid.uuid4().hex}"
    with session_scope() as session:
        patient_id = None
        if with_patient:
            patient = Patient(display_name="Alex", consent_status="given")
            session.add(patient)
            session.flush()
            patient_id = patient.id
        event = SafetyEvent(
            patient_id=patient_id,
            conversation_id=f"conv-{uuid.uuid4().hex[:8]}",
            kind=kind,
            rule="crisis.plan" if kind == "crisis" else "red_flag.cauda_equina",
            category="self_harm" if kind == "crisis" else "neuro",
            message_text=f"I wrote something private {canary}",
        )
        session.add(event)
        queued = alerts.queue_alerts(session, event, clinic)
        assert all(alert.id is not None for alert in queued)
        event_id, alert_ids = event.id, [alert.id for alert in queued]
    return event_id, patient_id, canary, alert_ids


def load_alert(alert_id: int) -> Alert:
    with session_scope() as session:
        return session.get(Alert, alert_id)


# ----------------------------------------------------------------- queueing


def test_queue_creates_one_pending_alert_per_channel() -> None:
    clinic = make_clinic(email="alerts@clinic.test", webhook="https://hooks.clinic.test/x")
    before = utcnow()
    event_id, _, _, alert_ids = record_event(clinic)
    rows = [load_alert(alert_id) for alert_id in alert_ids]
    assert [(row.channel, row.target) for row in rows] == [
        ("email", "alerts@clinic.test"),
        ("webhook", "https://hooks.clinic.test/x"),
    ]
    for row in rows:
        assert row.safety_event_id == event_id
        assert (row.status, row.attempts, row.sent_at, row.last_error) == ("pending", 0, None, None)
        assert row.next_attempt_at >= before - timedelta(seconds=1)


def test_queue_without_channels_warns_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(alerts, "_warned_unconfigured", False)
    assert record_event(make_clinic())[3] == []
    assert record_event(make_clinic())[3] == []
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "not configured" in r.message]
    assert len(warnings) == 1


def test_backoff_grows_and_is_capped() -> None:
    waits = [alerts.backoff(n).total_seconds() for n in range(1, 10)]
    assert waits[:5] == [30, 120, 600, 1800, 7200]
    assert waits == sorted(waits)
    assert max(waits) == waits[-1] == waits[-2]  # capped


# ----------------------------------------------------------------- email


def test_email_alert_arrives_without_message_text(smtp_server: SmtpRecorder) -> None:
    clinic = make_clinic(email="alerts@clinic.test")
    event_id, patient_id, canary, [alert_id] = record_event(clinic)

    assert alerts.deliver(alert_id, clinic, timeout=5) is True

    [(recipients, raw)] = smtp_server.messages
    assert recipients == ["alerts@clinic.test"]
    assert canary.encode() not in raw
    assert b"private" not in raw
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == "[Pacer] Crisis flag - action needed"
    assert message["From"] == "pacer@clinic.test"
    assert message["To"] == "alerts@clinic.test"
    body = message.get_content()
    assert f"http://dash.test/patients/{patient_id}#safety-{event_id}" in body
    assert "Kind:     crisis" in body
    assert f"patient-{patient_id}" in body
    assert canary not in body

    row = load_alert(alert_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None and row.next_attempt_at is None
    # Delivered alerts are not sent again.
    assert alerts.deliver(alert_id, clinic, timeout=5) is True
    assert len(smtp_server.messages) == 1


def test_red_flag_email_subject_and_link_without_patient(smtp_server: SmtpRecorder) -> None:
    clinic = make_clinic(email="alerts@clinic.test")
    event_id, _, canary, [alert_id] = record_event(clinic, kind="red_flag", with_patient=False)
    assert alerts.deliver(alert_id, clinic, timeout=5)
    message = message_from_bytes(smtp_server.messages[0][1], policy=policy.default)
    assert message["Subject"] == "[Pacer] Red flag - please review"
    assert f"http://dash.test/safety/{event_id}" in message.get_content()
    assert canary.encode() not in smtp_server.messages[0][1]


def test_email_to_unreachable_server_is_retried_later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(free_port()))
    clinic = make_clinic(email="alerts@clinic.test")
    _, _, _, [alert_id] = record_event(clinic)
    assert alerts.deliver(alert_id, clinic, timeout=2) is False
    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error and SMTP_PASSWORD not in row.last_error


# ----------------------------------------------------------------- webhook


def test_webhook_payload_has_fields_and_no_message_text(webhook_factory) -> None:  # noqa: ANN001
    hook = webhook_factory()
    clinic = make_clinic(webhook=hook.url)
    event_id, patient_id, canary, [alert_id] = record_event(clinic)

    assert alerts.deliver(alert_id, clinic, timeout=5) is True

    [request] = hook.requests
    assert request["path"] == SECRET_HOOK_PATH
    assert request["headers"]["Content-Type"] == "application/json"
    assert canary.encode() not in request["body"]
    payload = json.loads(request["body"])
    assert payload == {
        "type": "pacer.safety_event",
        "event_id": event_id,
        "kind": "crisis",
        "category": "self_harm",
        "created_at": payload["created_at"],
        "patient_ref": f"patient-{patient_id}",
        "link": f"http://dash.test/patients/{patient_id}#safety-{event_id}",
        "clinic": "Test Clinic",
    }
    assert payload["created_at"].endswith("+00:00")
    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("sent", 1)


def test_webhook_retries_until_accepted(webhook_factory) -> None:  # noqa: ANN001
    hook = webhook_factory([500, 500])
    clinic = make_clinic(webhook=hook.url)
    _, _, _, [alert_id] = record_event(clinic)

    assert alerts.deliver(alert_id, clinic, timeout=5) is False
    first = load_alert(alert_id)
    assert (first.status, first.attempts, first.last_error) == ("pending", 1, "DeliveryError: HTTP 500")
    assert alerts.deliver(alert_id, clinic, timeout=5) is False
    assert alerts.deliver(alert_id, clinic, timeout=5) is True

    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("sent", 3)
    assert len(hook.requests) == 3


def test_deliver_due_follows_the_backoff_schedule(webhook_factory) -> None:  # noqa: ANN001
    hook = webhook_factory([500])
    _, _, _, [alert_id] = record_event(make_clinic(webhook=hook.url))

    assert alerts.deliver_due() == (0, 1)  # queued alerts are due at once; this one fails
    failed_at = utcnow()
    assert alerts.deliver_due() == (0, 0)  # not due again yet (30 s backoff)
    assert alerts.deliver_due(now=failed_at + timedelta(seconds=15)) == (0, 0)
    assert alerts.deliver_due(now=failed_at + timedelta(seconds=31)) == (1, 0)
    assert alerts.deliver_due(now=failed_at + timedelta(hours=1)) == (0, 0)  # nothing left
    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("sent", 2)
    assert len(hook.requests) == 2


def test_unreachable_webhook_backs_off_then_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{free_port()}{SECRET_HOOK_PATH}"  # nothing listens there
    clinic = make_clinic(webhook=url)
    _, _, _, [alert_id] = record_event(clinic)

    waits = []
    for attempt in range(1, alerts.MAX_ATTEMPTS):
        before = utcnow()
        assert alerts.deliver(alert_id, clinic, timeout=2) is False
        row = load_alert(alert_id)
        assert (row.status, row.attempts) == ("pending", attempt)
        assert row.last_error and SECRET_HOOK_PATH not in row.last_error
        next_at = row.next_attempt_at
        assert next_at > before
        waits.append(next_at - before)
    # 30 s, 2 min, 10 min, 30 min, 2 h, then capped at 6 h (the attempt itself may take a few seconds
    # on a loaded machine, so the wait is measured from before the attempt).
    expected = [30, 120, 600, 1800, 7200, 21600, 21600]
    assert len(waits) == len(expected)
    for wait, seconds in zip(waits, expected, strict=True):
        assert seconds <= wait.total_seconds() < seconds + 10

    assert alerts.deliver(alert_id, clinic, timeout=2) is False
    row = load_alert(alert_id)
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", alerts.MAX_ATTEMPTS, None)
    assert row.last_error
    # Given up: neither the scheduler nor a manual attempt sends it again.
    assert alerts.deliver_due(now=utcnow() + timedelta(days=30)) == (0, 0)
    assert alerts.deliver(alert_id, clinic, timeout=2) is False
    assert load_alert(alert_id).attempts == alerts.MAX_ATTEMPTS


# ----------------------------------------------------------------- background


def test_deliver_soon_returns_at_once_and_delivers(
    webhook_factory,  # noqa: ANN001
    smtp_server: SmtpRecorder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = webhook_factory()
    monkeypatch.setenv("PACER_ALERT_WEBHOOK", hook.url)  # deliver_soon loads the clinic itself
    clinic = make_clinic(email="alerts@clinic.test", webhook=hook.url)
    _, _, canary, alert_ids = record_event(clinic)

    started = time.monotonic()
    thread = alerts.deliver_soon(alert_ids)
    assert time.monotonic() - started < 0.5
    assert thread.daemon
    thread.join(timeout=8)
    assert not thread.is_alive()

    assert [load_alert(alert_id).status for alert_id in alert_ids] == ["sent", "sent"]
    assert len(smtp_server.messages) == 1 and len(hook.requests) == 1
    assert canary.encode() not in hook.requests[0]["body"] + smtp_server.messages[0][1]


def test_deliver_soon_retries_quickly(webhook_factory, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(alerts, "QUICK_RETRY_SECONDS", (0.2, 0.4))
    hook = webhook_factory([503])
    _, _, _, [alert_id] = record_event(make_clinic(webhook=hook.url))
    thread = alerts.deliver_soon([alert_id])
    thread.join(timeout=8)
    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("sent", 2)


def test_deliver_soon_leaves_failures_to_the_scheduler_and_never_raises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(alerts, "QUICK_RETRY_SECONDS", (0.2, 0.4))
    url = f"http://127.0.0.1:{free_port()}/down"
    _, _, _, [alert_id] = record_event(make_clinic(webhook=url))
    started = time.monotonic()
    thread = alerts.deliver_soon([alert_id, 999_999])  # a missing alert is skipped, not an error
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert time.monotonic() - started < 5
    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("pending", 1 + len(alerts.QUICK_RETRY_SECONDS))
    # Back on the normal schedule after the quick retries.
    wait = row.next_attempt_at - utcnow()
    assert wait > timedelta(minutes=5)


def test_only_the_leading_scheduler_retries_due_alerts(webhook_factory) -> None:  # noqa: ANN001
    from bot.scheduler import service

    hook = webhook_factory([500])
    _, _, _, [alert_id] = record_event(make_clinic(webhook=hook.url))
    asyncio.run(service.retry_alerts(SimpleNamespace(is_leader=False)))
    assert load_alert(alert_id).attempts == 0 and hook.requests == []
    asyncio.run(service.retry_alerts(SimpleNamespace(is_leader=True)))
    row = load_alert(alert_id)
    assert (row.status, row.attempts) == ("pending", 1) and len(hook.requests) == 1  # failed: backs off


def test_alerts_are_de_duplicated_per_conversation_and_kind_within_the_window() -> None:
    clinic = make_clinic(webhook="https://hooks.clinic.test/x")
    conversation = f"conv-{uuid.uuid4().hex[:8]}"

    def queue(kind: str, conversation_id: str = conversation) -> int:
        with session_scope() as session:
            event = SafetyEvent(conversation_id=conversation_id, kind=kind, rule="r", message_text="x")
            session.add(event)
            return len(alerts.queue_alerts(session, event, clinic))

    assert queue("crisis") == 1
    assert queue("crisis") == 0  # a flood of messages is one alert
    assert queue("red_flag") == 1  # another kind still alerts
    assert queue("crisis", f"conv-{uuid.uuid4().hex[:8]}") == 1  # another conversation too
    with session_scope() as session:
        session.execute(update(Alert).values(created_at=utcnow() - timedelta(hours=1)))
    assert queue("crisis") == 1  # after the window, alerted again

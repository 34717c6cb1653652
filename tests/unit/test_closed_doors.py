"""Issue 15's parts that need no running stack: bounds, REST ids, the action server's door,
client addresses, CSV cells, file modes, the REST-id migration and erasure's leftovers."""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sanic import Sanic
from sanic.request import Request
from sqlalchemy import select, text

from bot import processes
from bot.channels import bounds
from bot.channels.rest import rest_conversation_id
from bot.config import ensure_env_file, load_settings
from bot.services import csv_safe, goals, privacy
from bot.store import backup
from bot.store.db import get_engine, session_scope
from bot.store.models import InboundMessage, SafetyEvent, utcnow
from bot.web import auth


def test_rest_senders_live_in_their_own_namespace() -> None:
    assert rest_conversation_id("+64211234567") == "rest:+64211234567"
    assert rest_conversation_id("tg:42") == "rest:tg:42"
    assert rest_conversation_id("0123456789abcdef0123456789abcdef").startswith("rest:")
    assert rest_conversation_id("rest:abc") == "rest:abc"  # already inside: unchanged


def test_messages_over_the_bound_or_the_rate_are_refused() -> None:
    assert bounds.refusal("c1", "x" * bounds.MAX_MESSAGE_CHARS) is None
    assert bounds.refusal("c1", "x" * (bounds.MAX_MESSAGE_CHARS + 1)) == bounds.TOO_LONG_REPLY
    limit = bounds.ConversationRateLimit(limit=3, window_s=60)
    assert [limit.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limit.allow("b", now=3)  # per conversation
    assert limit.allow("a", now=61.5)  # the window slides


def test_socket_origins_are_checked_against_pacer_cors() -> None:
    allowed = bounds.allowed_origins("https://pacer.example.org, http://localhost:8000")
    assert bounds.origin_allowed("https://pacer.example.org", allowed)
    assert not bounds.origin_allowed("https://evil.example", allowed)
    assert bounds.origin_allowed("http://127.0.0.1:5005", allowed, host="127.0.0.1:5005")  # its own
    assert bounds.origin_allowed(None, allowed)  # not a browser page
    assert bounds.origin_allowed("https://anything.example", bounds.allowed_origins("*"))


def _request(app: Sanic, headers: dict[str, str], peer: str) -> Request:
    request = Request(b"/", {k.lower(): v for k, v in headers.items()}, "1.1", "GET", None, app)

    class Conn:
        client_ip = peer
        peername = (peer, 1234)

    request.conn_info = Conn()  # type: ignore[assignment]
    return request


def test_client_address_believes_forwarded_for_only_from_trusted_proxies() -> None:
    app = Sanic("pacer_test_addresses")
    forwarded = {"X-Forwarded-For": "203.0.113.5, 10.0.0.2"}
    direct = _request(app, forwarded, "198.51.100.1")
    assert auth.client_address(direct, trusted="") == "198.51.100.1"
    assert auth.client_address(direct, trusted="127.0.0.1") == "198.51.100.1"  # not a proxy
    proxied = _request(app, forwarded, "127.0.0.1")
    assert auth.client_address(proxied, trusted="127.0.0.1 10.0.0.0/8") == "203.0.113.5"
    assert auth.client_address(proxied, trusted="127.0.0.1") == "10.0.0.2"  # nearest untrusted


@pytest.fixture(scope="module")
def action_server() -> Iterator[str]:
    """The real action server (bot.action_server) on a free loopback port."""
    import os
    import subprocess
    import sys
    import time

    from tests.e2e.stack import free_port

    port = free_port()
    env = {**os.environ, "PACER_ACTION_TOKEN": "s3cret", "LOG_LEVEL": "WARNING"}
    child = subprocess.Popen([sys.executable, "-m", "bot.action_server", "--port", str(port)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield base
    finally:
        child.terminate()
        child.wait(timeout=20)


def test_the_action_server_refuses_requests_without_the_secret(action_server: str) -> None:
    from bot.action_server import TOKEN_HEADER, create_action_app

    with pytest.raises(RuntimeError):
        create_action_app("")
    assert httpx.get(f"{action_server}/health").status_code == 200
    call = {"next_action": "action_give_link_code", "sender_id": "+64211234567", "tracker": {}, "domain": {}}
    for headers in ({}, {TOKEN_HEADER: "wrong"}, {"Authorization": "Bearer s3cret"}):
        assert httpx.get(f"{action_server}/actions", headers=headers).status_code == 401
        assert httpx.post(f"{action_server}/webhook", json=call, headers=headers).status_code == 401
    listed = httpx.get(f"{action_server}/actions", headers={TOKEN_HEADER: "s3cret"})
    assert listed.status_code == 200 and {"name": "action_give_link_code"} in listed.json()


def test_the_action_servers_500_does_not_echo_the_tracker(action_server: str) -> None:
    from bot.action_server import TOKEN_HEADER

    secret_text = "my ex-husband knows where I live"
    call = {"next_action": "action_show_plans", "sender_id": "x", "version": "3.6.21",
            "tracker": {"latest_message": {"text": secret_text}}, "domain": {}}
    response = httpx.post(f"{action_server}/webhook", json=call, headers={TOKEN_HEADER: "s3cret"})
    assert response.status_code == 500
    assert secret_text not in response.text and "request_body" not in response.text


def test_rasa_and_the_action_server_bind_loopback_and_share_the_secret() -> None:
    settings = load_settings()
    rasa = processes.rasa_command(settings, Path("model.tar.gz"))
    assert rasa[rasa.index("--interface") + 1] == "127.0.0.1"
    actions = processes.actions_command(settings)
    assert "bot.action_server" in actions and actions[actions.index("--host") + 1] == "127.0.0.1"
    env = processes.child_env(settings)
    assert env["PACER_ACTION_TOKEN"] == settings.action_token and len(settings.action_token) >= 32
    endpoints = (Path(__file__).resolve().parents[2] / "endpoints.yml").read_text()
    assert "X-Pacer-Action-Token: ${PACER_ACTION_TOKEN}" in endpoints  # unquoted, so it expands


def test_env_file_gets_every_secret_and_owner_only_mode(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("RASA_TOKEN=kept\n")
    path.chmod(0o644)
    ensure_env_file(path)
    content = path.read_text()
    assert "RASA_TOKEN=kept" in content
    for name in ("PACER_SECRET_KEY=", "PACER_ACTION_TOKEN=", "PACER_REST_TOKEN="):
        assert content.count(name) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    ensure_env_file(path)
    assert path.read_text() == content  # never overwritten


def test_formula_cells_are_neutralised() -> None:
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)
    formulas = ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-cmd", "@SUM(A1)"]
    writer.writerow([*formulas, "walk 10 min", -1.5, 3, "-0.3300", "+2"])
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert row[:4] == ["'=HYPERLINK(\"http://x\")", "'+1+cmd|' /C calc'!A0", "'-cmd", "'@SUM(A1)"]
    assert row[4:] == ["walk 10 min", "-1.5", "3", "-0.3300", "+2"]  # numbers, even as text, stay numbers


@pytest.mark.usefixtures("database_url")
def test_sqlite_file_and_backups_are_owner_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    from bot.store.db import build_engine

    engine = build_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    assert stat.S_IMODE((tmp_path / "fresh.db").stat().st_mode) == 0o600
    out = backup.backup(url, tmp_path / "copy.db")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.usefixtures("database_url")
def test_erasure_removes_idempotency_records_and_pre_consent_rows() -> None:
    conversation = "rest:erase-me"
    now = utcnow()
    with session_scope() as session:  # said before consent: no patient id on the row
        session.add(SafetyEvent(patient_id=None, conversation_id=conversation, kind="distress",
                                rule="test", message_text="pre-consent message"))
    goals.record_consent(conversation, "given", "rest", name="Tui")
    with session_scope() as session:
        session.add(InboundMessage(message_id="erase-me-0001", sender_id=conversation, status="answered",
                                   owner="x", replies="[]", created_at=now, claimed_at=now))
    privacy.request_erasure(conversation)
    privacy.sweep_erasures()
    with session_scope() as session:
        left = select(SafetyEvent).where(SafetyEvent.conversation_id == conversation)
        assert session.execute(left).first() is None
        assert session.get(InboundMessage, "erase-me-0001") is None


def test_rest_conversations_are_renamed_by_the_migration(tmp_path: Path) -> None:
    from bot.store import migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate.upgrade(url, revision="0010_scheduler_leader")
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                                "type_name TEXT)"))
        for sender in ("old-rest-1", "+64211234567", "tg:5", "0123456789abcdef0123456789abcdef"):
            connection.execute(text("INSERT INTO events (sender_id, type_name) VALUES (:s, 'user')"),
                               {"s": sender})
        connection.execute(text(
            "INSERT INTO inbound_messages (message_id, sender_id, status, owner, attempts, created_at, "
            "claimed_at) VALUES ('k-00000001', 'old-rest-1', 'answered', 'x', 1, '2026-01-01', "
            "'2026-01-01')"))
    migrate.upgrade(url)
    with engine.connect() as connection:
        senders = {row[0] for row in connection.execute(text("SELECT sender_id FROM events"))}
        inbound = connection.execute(text("SELECT sender_id FROM inbound_messages")).scalar_one()
    assert senders == {"rest:old-rest-1", "+64211234567", "tg:5", "0123456789abcdef0123456789abcdef"}
    assert inbound == "rest:old-rest-1"

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.store import db
from tests import postgres
from tests.conftest import DIALECTS, require_postgres
from tests.e2e.stack import PacerStack


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test gets the SQLite stack; `both_dialects` tests the PostgreSQL one as well.
    Parametrizing all of them keeps one cache key per stack, so pytest groups the tests
    by stack and runs at most one stack at a time."""
    if "stack" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_dialects") is not None
        metafunc.parametrize("stack", DIALECTS if both else DIALECTS[:1], indirect=True, scope="session")


class WebhookReceiver:
    """A real HTTP endpoint on loopback standing in for the clinic's alert webhook."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"raw": body.decode(), "json": json.loads(body or b"{}")})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/clinic-alerts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def alert_webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture(scope="session")
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, alert_webhook: WebhookReceiver
) -> Iterator[PacerStack]:
    """rasa and the action server on a fresh database: SQLite, or PostgreSQL (param)."""
    dialect = getattr(request, "param", "sqlite")
    server, url = None, None
    if dialect == "postgresql":
        server = require_postgres(request.getfixturevalue("postgres_server"))
        url = server.create_database(name=f"{postgres.PREFIX}e2e")
    running = PacerStack(tmp_path_factory.mktemp(f"pacer-e2e-{dialect}"), database_url=url)
    os.environ["DATABASE_URL"] = running.settings.database_url
    os.environ["PACER_ALERT_WEBHOOK"] = alert_webhook.url
    os.environ["PACER_CLINIC_NAME"] = "Test Valley Pain Clinic"
    os.environ["PACER_CLINIC_PHONE"] = "09 555 0100"
    # Scripted patients (the robustness matrix) type far faster than people; the per-conversation
    # rate limit itself is probed in tests/security.
    os.environ["PACER_RATE_LIMIT"] = "100000"
    db.reset_engines()
    running.start()
    yield running
    running.stop()
    db.reset_engines()
    if server is not None:
        server.drop_database(url)

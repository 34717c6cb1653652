from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.e2e.stack import PacerStack


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
def stack(tmp_path_factory: pytest.TempPathFactory, alert_webhook: WebhookReceiver) -> Iterator[PacerStack]:
    running = PacerStack(tmp_path_factory.mktemp("pacer-e2e"))
    os.environ["DATABASE_URL"] = running.settings.database_url
    os.environ["PACER_ALERT_WEBHOOK"] = alert_webhook.url
    os.environ["PACER_CLINIC_NAME"] = "Test Valley Pain Clinic"
    os.environ["PACER_CLINIC_PHONE"] = "09 555 0100"
    running.start()
    yield running
    running.stop()

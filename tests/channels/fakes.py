"""Local stand-ins for Telegram's Bot API and Twilio's REST API, on loopback.

They are real HTTP servers: Pacer's channel classes inside a real rasa process send
their requests here, and the tests read back exactly what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body or b"{}")

    @property
    def form(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}

    @property
    def api_method(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class FakeApi:
    """Records every request; `answer(request)` gives (status, JSON body)."""

    def __init__(self, answer: Callable[[Recorded], tuple[int, dict]]) -> None:
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._refusals: list[tuple[int, dict, dict[str, str]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                recorded = Recorded("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with fake._lock:
                    fake.requests.append(recorded)
                with fake._lock:
                    refusal = fake._refusals.pop(0) if fake._refusals else None
                status, payload, headers = refusal or (*answer(recorded), {})
                data = json.dumps(payload).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def refuse_next(self, *refusals: tuple[int, dict] | tuple[int, dict, dict[str, str]]) -> None:
        """The next requests get these answers (status, JSON body[, headers]) in turn, then normal ones."""
        with self._lock:
            self._refusals.extend((r[0], r[1], r[2] if len(r) > 2 else {}) for r in refusals)

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            self._refusals.clear()

    def snapshot(self) -> list[Recorded]:
        with self._lock:
            return list(self.requests)

    def wait_for(self, done: Callable[[list[Recorded]], bool], timeout: float = 30.0) -> list[Recorded]:
        """Requests so far, once `done(requests)` holds (or the timeout passes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            requests = self.snapshot()
            if done(requests):
                time.sleep(0.3)  # let any trailing request of the same turn arrive
                return self.snapshot()
            time.sleep(0.1)
        return self.snapshot()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def telegram_api(token: str) -> FakeApi:
    def answer(request: Recorded) -> tuple[int, dict]:
        if not request.path.startswith(f"/bot{token}/"):
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        method = request.api_method
        if method == "sendMessage":
            body = request.json
            chat = {"id": body.get("chat_id")}
            result = {"message_id": len(request.body), "chat": chat, "text": body.get("text")}
            return 200, {"ok": True, "result": result}
        return 200, {"ok": True, "result": True}

    return FakeApi(answer)


def twilio_api(account_sid: str, auth_header: str) -> FakeApi:
    def answer(request: Recorded) -> tuple[int, dict]:
        if request.path != f"/2010-04-01/Accounts/{account_sid}/Messages.json":
            return 404, {"code": 20404, "message": "not found"}
        if request.headers.get("authorization") != auth_header:
            return 401, {"code": 20003, "message": "Authenticate"}
        return 201, {"sid": f"SM{len(request.body):032d}", "status": "queued", **request.form}

    return FakeApi(answer)


# What the real APIs answer when they refuse (documented bodies, trimmed).
def telegram_refusal(status: int, retry_after: int | None = None) -> tuple[int, dict]:
    """Telegram's error object: 403 "blocked by the user", 429 with `retry_after`, 5xx."""
    description = {403: "Forbidden: bot was blocked by the user",
                   429: f"Too Many Requests: retry after {retry_after}"}.get(status, "Internal Server Error")
    body: dict = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return status, body


def twilio_refusal(status: int, retry_after: int | None = None) -> tuple[int, dict, dict[str, str]]:
    """Twilio's error object: 403 (e.g. 20003 permission), 429 (20429 too many requests), 5xx."""
    code = {403: 20003, 429: 20429}.get(status, 20500)
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return status, {"code": code, "message": "refused", "status": status}, headers

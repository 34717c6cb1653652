"""Probes of issue 15 against a running Pacer stack: every one must be refused.

Run on a running `pacer run` (settings from `.env`):  `python -m tests.security.probes`
(`make probe`). It prints each probe, whether it was refused, its status and the time
the refusal took, then "N probes tried, N refused". tests/security/test_probes.py runs
the same probes on a throwaway stack and checks the database is unchanged afterwards.

A probe returns a `Result`; `refused` is what the probe proves (the status, and for the
REST probes that the patient's own conversation was not reached).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import httpx

PATIENT_PHONE = "+64211234567"
LONG_REST = 990_000
LONG_SOCKET = 900_000
TOO_LONG_MARK = "too long"


@dataclass
class Target:
    rasa_url: str
    action_url: str  # .../webhook
    web_url: str
    rasa_token: str
    rest_token: str

    @property
    def action_base(self) -> str:
        return self.action_url.rsplit("/webhook", 1)[0]

    @property
    def rest_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    def rest(self, body: dict, token: str | None = None, timeout: float = 60) -> httpx.Response:
        token = self.rest_token if token is None else token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.post(self.rest_url, json=body, headers=headers, timeout=timeout)

    def tracker(self, conversation_id: str) -> dict:
        response = httpx.get(f"{self.rasa_url}/conversations/{conversation_id}/tracker",
                             params={"token": self.rasa_token}, timeout=30)
        response.raise_for_status()
        return response.json()


@dataclass
class Result:
    name: str
    refused: bool
    detail: str
    seconds: float = 0.0


def _said(response: httpx.Response) -> str:
    """The reply texts of a REST turn ("" when it was not a list of replies)."""
    body = response.json()
    if not isinstance(body, list):
        return ""
    return " ".join(str(reply.get("text") or "") for reply in body)


def _user_texts(target: Target, conversation_id: str) -> list[str]:
    return [e.get("text") for e in target.tracker(conversation_id)["events"] if e.get("event") == "user"]


# --- internal services ----------------------------------------------------------------------------


def action_list_without_token(target: Target) -> Result:
    response = httpx.get(f"{target.action_base}/actions", timeout=10)
    return Result("action server: GET /actions without the secret", response.status_code in (401, 403),
                  f"HTTP {response.status_code}")


def action_run_without_token(target: Target) -> Result:
    call = {"next_action": "action_give_link_code", "sender_id": PATIENT_PHONE, "version": "3.6.21",
            "tracker": {"sender_id": PATIENT_PHONE, "slots": {}, "latest_message": {}, "events": [],
                        "paused": False, "followup_action": None, "active_loop": {},
                        "latest_action_name": None},
            "domain": {}}
    results = [httpx.post(f"{target.action_base}/webhook", json=call, timeout=10, headers=headers)
               for headers in ({}, {"X-Pacer-Action-Token": "wrong"})]
    codes = [r.status_code for r in results]
    return Result("action server: POST /webhook action_give_link_code as a phone number",
                  all(code in (401, 403) for code in codes), f"HTTP {codes} (none, wrong secret)")


def _outside_address() -> str | None:
    """An address of this machine that is not loopback (None when there is none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def internal_ports_not_on_other_interfaces(target: Target) -> Result:
    address = _outside_address()
    if address is None:
        return Result("rasa and action server listen on loopback only", True, "no other interface to try")
    reachable = []
    for url in (target.rasa_url, target.action_base):
        port = httpx.URL(url).port
        with socket.socket() as sock:
            sock.settimeout(2)
            if sock.connect_ex((address, port)) == 0:
                reachable.append(port)
    return Result("rasa and action server listen on loopback only", not reachable,
                  f"{address}: reachable ports {reachable or 'none'}")


def rasa_api_without_token(target: Target) -> Result:
    response = httpx.get(f"{target.rasa_url}/conversations/{PATIENT_PHONE}/tracker", timeout=10)
    return Result("rasa HTTP API without its token", response.status_code == 401,
                  f"HTTP {response.status_code}")


# --- REST channel -----------------------------------------------------------------------------------


def rest_without_token(target: Target) -> Result:
    body = {"sender": PATIENT_PHONE, "message": "show my plans"}
    codes = [target.rest(body, token=token).status_code for token in ("", "wrong")]
    return Result("REST channel without or with a wrong token", all(c in (401, 403) for c in codes),
                  f"HTTP {codes}")


def rest_as_a_phone_number(target: Target, secret: str | None = None) -> Result:
    before = _user_texts(target, PATIENT_PHONE)
    replies = []
    for text in ("show my plans", "link my laptop", "delete my data"):
        response = target.rest({"sender": PATIENT_PHONE, "message": text})
        replies.append(_said(response))
    after = _user_texts(target, PATIENT_PHONE)
    leaked = bool(secret) and any(secret.lower() in reply.lower() for reply in replies)
    return Result("REST sender = an SMS patient's number (plans, link code, erasure)",
                  before == after and not leaked,
                  f"patient's conversation {'unchanged' if before == after else 'CHANGED'}; "
                  f"her data {'LEAKED' if leaked else 'not in replies'}")


def rest_input_channel_from_body(target: Target) -> Result:
    sender = f"probe-{uuid.uuid4().hex[:8]}"
    target.rest({"sender": sender, "message": "hi", "input_channel": "sms"})
    channel = target.tracker(f"rest:{sender}").get("latest_input_channel")
    return Result("REST body input_channel=sms", channel == "rest", f"latest_input_channel={channel}")


def _long_message(target: Target) -> tuple[bool, float, str]:
    started = time.monotonic()
    health: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                health.append(httpx.get(f"{target.rasa_url}/", timeout=5).status_code)
            except httpx.HTTPError:
                health.append(0)
            stop.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    response = target.rest({"sender": f"probe-{uuid.uuid4().hex[:8]}", "message": "a" * LONG_REST})
    seconds = time.monotonic() - started
    stop.set()
    watcher.join()
    said = _said(response).lower()
    ok = response.status_code == 200 and TOO_LONG_MARK in said and all(code == 200 for code in health)
    return ok, seconds, f"HTTP {response.status_code}, {seconds:.2f} s, health {sorted(set(health))}"


def rest_long_message(target: Target) -> Result:
    ok, seconds, detail = _long_message(target)
    return Result(f"REST message of {LONG_REST:,} characters", ok, detail, seconds)


# --- socket.io ---------------------------------------------------------------------------------------


def _socket(target: Target, headers: dict | None = None):  # noqa: ANN202 - socketio.Client
    import socketio

    client = socketio.Client(reconnection=False)
    client.connect(target.rasa_url, transports=["websocket"], socketio_path="/socket.io",
                   headers=headers or {}, wait_timeout=10)
    return client


def socket_foreign_origin(target: Target) -> Result:
    import socketio

    try:
        client = _socket(target, {"Origin": "https://evil.example"})
    except socketio.exceptions.ConnectionError as error:
        return Result("socket.io from a foreign Origin", True, f"refused ({type(error).__name__})")
    client.disconnect()
    return Result("socket.io from a foreign Origin", False, "connected")


def socket_long_message(target: Target) -> Result:
    client = _socket(target)
    confirmed: list[str] = []
    replies: list[dict] = []
    arrived = threading.Event()
    client.on("session_confirm", lambda data: (confirmed.append(data), arrived.set()))
    client.on("bot_uttered", lambda data: (replies.append(data), arrived.set()))
    try:
        client.emit("session_request", {"session_id": None})
        arrived.wait(10)
        arrived.clear()
        started = time.monotonic()
        client.emit("user_uttered", {"message": "b" * LONG_SOCKET, "session_id": confirmed[0]})
        arrived.wait(30)
        seconds = time.monotonic() - started
    finally:
        client.disconnect()
    said = " ".join(str(r.get("text") or "") for r in replies).lower()
    stored = _user_texts(target, confirmed[0])
    return Result(f"socket.io message of {LONG_SOCKET:,} characters", TOO_LONG_MARK in said and not stored,
                  f"{seconds:.2f} s, {'too-long reply' if TOO_LONG_MARK in said else 'no too-long reply'}, "
                  f"{len(stored)} user events stored", seconds)


# --- web app -----------------------------------------------------------------------------------------


def link_codes_cannot_be_blocked_for_everyone(target: Target) -> Result:
    """60 bad codes from new sessions (each from another address when the web app trusts
    this client as a proxy), then one more from a new session and address: it must get an
    ordinary "invalid" (400), not "busy" for everyone (429). Without trusted proxies all
    tries come from one address, which is held back (429) after a few: also a refusal."""
    def attempt() -> int:
        # A fresh address each time (198.18.0.0/15, for benchmarks), as 60 people would have.
        fresh = uuid.uuid4().bytes
        headers = {"X-Forwarded-For": f"198.{18 + fresh[0] % 2}.{fresh[1]}.{fresh[2]}"}
        response = httpx.post(f"{target.web_url}/chat/link", headers=headers,
                              json={"session_id": uuid.uuid4().hex, "code": "ZZZZZZ"}, timeout=10)
        return response.status_code

    statuses = [attempt() for _ in range(60)]
    last = attempt()
    if 429 in statuses:  # one address: held back after a few tries
        return Result("60 bad link codes from new sessions", statuses.index(429) <= 10,
                      f"this address held back after {statuses.index(429)} tries (HTTP 429)")
    return Result("60 bad link codes from new sessions (distinct addresses)", last == 400,
                  f"all HTTP {sorted(set(statuses))}; a new client then gets HTTP {last}, not 429")


def rest_flood(target: Target) -> Result:
    import os

    limit = int(os.environ.get("PACER_RATE_LIMIT") or 60)
    sender = f"probe-{uuid.uuid4().hex[:8]}"
    refused_at = None
    for index in range(limit + 1):
        response = target.rest({"sender": sender, "message": "hi"})
        if response.headers.get("X-Pacer-Refused"):
            refused_at = index
            break
    return Result(f"{limit + 1} REST messages in a row on one conversation", refused_at is not None,
                  f"slowed down at message {refused_at + 1 if refused_at is not None else 'never'}")


def history_of_a_phone_number(target: Target) -> Result:
    response = httpx.post(f"{target.web_url}/chat/history", json={"session_id": PATIENT_PHONE}, timeout=10)
    return Result("/chat/history for a phone number", response.status_code == 400,
                  f"HTTP {response.status_code}")


def dashboard_policy(target: Target) -> Result:
    response = httpx.get(f"{target.web_url}/dashboard/login", timeout=10)
    policy = response.headers.get("content-security-policy", "")
    ok = "default-src 'self'" in policy and "unsafe-inline" not in policy
    return Result("dashboard without a content security policy", ok, policy[:60] or "no policy")


def sign_in_lockout(target: Target) -> Result:
    """Six wrong passwords for one account: the sixth is still checked (401, slower), not
    refused (429): the right password would still get in. (tests/unit/web signs in with it.)"""
    import re

    email = f"probe-{uuid.uuid4().hex[:8]}@example.org"
    statuses = []
    with httpx.Client(base_url=target.web_url, timeout=30) as client:
        for _ in range(6):
            page = client.get("/dashboard/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            response = client.post("/dashboard/login", data={
                "email": email, "password": "not the password", "csrf_token": token.group(1) if token else "",
                "next": "/dashboard/"})
            statuses.append(response.status_code)
    return Result("six wrong passwords for one clinician's email", statuses[-1] == 401,
                  f"HTTP {statuses} (no lock-out; each failure slows the next try)")


PROBES: tuple[Callable[[Target], Result], ...] = (
    action_list_without_token,
    action_run_without_token,
    internal_ports_not_on_other_interfaces,
    rasa_api_without_token,
    rest_without_token,
    rest_as_a_phone_number,
    rest_input_channel_from_body,
    rest_long_message,
    rest_flood,
    socket_foreign_origin,
    socket_long_message,
    link_codes_cannot_be_blocked_for_everyone,
    history_of_a_phone_number,
    dashboard_policy,
    sign_in_lockout,
)


def run_all(target: Target, report: Callable[[str], None] = print) -> list[Result]:
    results = []
    for probe in PROBES:
        started = time.monotonic()
        try:
            result = probe(target)
        except Exception as error:  # noqa: BLE001 - a probe that crashes is not a refusal
            result = Result(probe.__name__, False, f"error: {type(error).__name__}: {error}")
        result.seconds = result.seconds or time.monotonic() - started
        results.append(result)
        report(f"{'refused' if result.refused else 'OPEN   '}  {result.seconds:6.2f} s  {result.name}: "
               f"{result.detail}")
    refused = sum(result.refused for result in results)
    report(f"{len(results)} probes tried, {refused} refused")
    return results


def main() -> int:
    from bot.config import load_settings

    settings = load_settings()
    target = Target(rasa_url=settings.rasa_url.replace("localhost", "127.0.0.1"),
                    action_url=settings.action_url.replace("localhost", "127.0.0.1"),
                    web_url=settings.web_url.replace("localhost", "127.0.0.1"),
                    rasa_token=settings.rasa_token, rest_token=settings.rest_token)
    results = run_all(target)
    return 0 if all(result.refused for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())

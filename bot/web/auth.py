"""Clinician accounts and sessions for the dashboard.

- Accounts and passwords: `bot.services.clinicians` (argon2id; re-exported here).
- Sessions: a signed, time-limited cookie (itsdangerous) that holds the clinician id, a
  per-clinician session epoch (so that "sign out everywhere" ends every copy of the cookie;
  signing in on another computer does not) and the CSRF token. Nothing else about the
  clinician or any patient goes into the cookie.
- CSRF: every form carries the session's token; every POST is refused without it.
- Failed sign-ins slow the next attempt on that account down (a growing delay, capped),
  and never lock the right password out: anyone who knows a clinician's email could
  otherwise keep them out. A client address with many failures is refused for a while:
  that is the attacker's own address. The address comes from `X-Forwarded-For` only
  when the peer is listed in `PACER_TRUSTED_PROXIES` (else every client behind the
  proxy would share one bucket, or any client could claim any address).
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sanic.exceptions import Forbidden
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.services.clinicians import (  # noqa: F401 - the accounts, re-exported for the web layer's callers
    MIN_PASSWORD_LENGTH,
    active_clinician,
    authenticate,
    count_clinicians,
    create_clinician,
    hash_password,
    normalise_email,
    session_epoch,
    sign_out_everywhere,
    verify_password,
)

if TYPE_CHECKING:
    from bot.store.models import Clinician

COOKIE_NAME = "pacer_session"
SESSION_MAX_AGE_S = 8 * 3600  # one working day
CSRF_FIELD = "csrf_token"
LOGIN_PATH = "/dashboard/login"


def load_clinician(web_session: WebSession) -> Clinician | None:
    """The signed-in clinician of this cookie, if still active and not signed out everywhere."""
    if web_session.clinician_id is None:
        return None
    return active_clinician(web_session.clinician_id, web_session.epoch)


class LoginThrottle:
    """A delay before checking a password, growing with recent failures for the key.

    `delay_s(key)` is 0 for the first `free` failures, then doubles from `base_s` up to
    `max_s`. The right password is still accepted after the delay.
    """

    def __init__(self, free: int = 3, base_s: float = 1.0, max_s: float = 8.0,
                 window_s: float = 900.0) -> None:
        self.free, self.base_s, self.max_s = free, base_s, max_s
        self._failures = LoginRateLimiter(limit=10**9, window_s=window_s)

    def delay_s(self, key: str) -> float:
        count = self._failures.count(key)
        if count < self.free:
            return 0.0
        return min(self.max_s, self.base_s * 2 ** (count - self.free))

    def record_failure(self, key: str) -> None:
        self._failures.record_failure(key)

    def reset(self, key: str) -> None:
        self._failures.reset(key)


def client_address(request: Request, trusted: str | None = None) -> str:
    """The client's address: the peer, or, when the peer is a trusted proxy
    (`PACER_TRUSTED_PROXIES`, addresses or networks), the nearest untrusted address in
    `X-Forwarded-For`."""
    peer = request.ip or ""
    if trusted is None:
        trusted = os.environ.get("PACER_TRUSTED_PROXIES", "")
    networks = _trusted_networks(trusted)
    if not networks or not _in(peer, networks):
        return peer
    chain = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    for address in reversed(chain):
        if not _in(address, networks):
            return address
    return chain[0] if chain else peer


def _trusted_networks(value: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for part in value.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            continue
    return networks


def _in(address: str, networks: list) -> bool:  # noqa: ANN001
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


class LoginRateLimiter:
    """At most `limit` failed sign-ins per key within `window_s` seconds."""

    def __init__(self, limit: int = 5, window_s: float = 900.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and now - failures[0] > self.window_s:
            failures.popleft()
        return failures

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._prune(key, now)) >= self.limit for key in keys)

    def record_failure(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._prune(key, now).append(now)

    def reset(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def count(self, key: str) -> int:
        with self._lock:
            return len(self._prune(key, time.monotonic()))


@dataclass(frozen=True)
class WebSession:
    """What the signed cookie holds."""

    csrf: str
    clinician_id: int | None = None
    epoch: int = 0

    def dumps(self) -> dict[str, Any]:
        return {"csrf": self.csrf, "cid": self.clinician_id, "ep": self.epoch}


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    if not secret_key:
        raise RuntimeError("PACER_SECRET_KEY is not set (run `pacer run` once to generate it)")
    return URLSafeTimedSerializer(secret_key, salt="pacer-dashboard-session")


def encode_session(secret_key: str, web_session: WebSession) -> str:
    return _serializer(secret_key).dumps(web_session.dumps())


def decode_session(secret_key: str, token: str | None) -> WebSession | None:
    if not token:
        return None
    try:
        data = _serializer(secret_key).loads(token, max_age=SESSION_MAX_AGE_S)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
        return None
    cid = data.get("cid")
    return WebSession(csrf=data["csrf"], clinician_id=cid if isinstance(cid, int) else None,
                      epoch=int(data.get("ep") or 0))


def new_session(clinician_id: int | None = None, epoch: int = 0) -> WebSession:
    return WebSession(csrf=secrets.token_urlsafe(32), clinician_id=clinician_id, epoch=epoch)


def _secret(request: Request) -> str:
    return request.app.ctx.settings.secret_key


def _secure_cookies(request: Request) -> bool:
    return request.app.ctx.settings.web_url.startswith("https://")


def current_session(request: Request) -> WebSession:
    """This request's session; an anonymous one (with a fresh CSRF token) if none is valid."""
    existing = getattr(request.ctx, "web_session", None)
    if existing is not None:
        return existing
    decoded = decode_session(_secret(request), request.cookies.get(COOKIE_NAME))
    request.ctx.web_session = decoded or new_session()
    request.ctx.session_is_new = decoded is None
    return request.ctx.web_session


def set_session_cookie(request: Request, response: HTTPResponse, web_session: WebSession) -> None:
    response.cookies[COOKIE_NAME] = encode_session(_secret(request), web_session)
    cookie = response.cookies[COOKIE_NAME]
    cookie["httponly"] = True
    cookie["samesite"] = "Lax"
    cookie["path"] = "/"
    cookie["max-age"] = SESSION_MAX_AGE_S
    if _secure_cookies(request):
        cookie["secure"] = True


def clear_session_cookie(response: HTTPResponse) -> None:
    response.cookies[COOKIE_NAME] = ""
    response.cookies[COOKIE_NAME]["max-age"] = 0
    response.cookies[COOKIE_NAME]["path"] = "/"


def csrf_valid(request: Request) -> bool:
    sent = request.form.get(CSRF_FIELD) if request.form else None
    sent = sent or request.headers.get("x-csrf-token")
    expected = current_session(request).csrf
    return bool(sent) and hmac.compare_digest(str(sent), expected)


def check_csrf(request: Request) -> None:
    if not csrf_valid(request):
        raise Forbidden("This form has expired or did not come from Pacer. Go back, reload and try again.")


Handler = Callable[..., Awaitable[HTTPResponse]]


def login_required(handler: Handler) -> Handler:
    """Signed-in clinicians only; others go to the sign-in page. POSTs also need the CSRF token."""

    @wraps(handler)
    async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        clinician = await asyncio.to_thread(load_clinician, current_session(request))
        if clinician is None:
            target = request.path + (f"?{request.query_string}" if request.query_string else "")
            return redirect(f"{LOGIN_PATH}?next={quote(target, safe='')}")
        if request.method == "POST":
            check_csrf(request)
        request.ctx.clinician = clinician
        return await handler(request, *args, **kwargs)

    return wrapper


def admin_required(handler: Handler) -> Handler:
    @wraps(handler)
    async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        if request.ctx.clinician.role != "admin":
            raise Forbidden("Only an administrator can do this.")
        return await handler(request, *args, **kwargs)

    return login_required(wrapper)

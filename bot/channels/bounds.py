"""Bounds on what a patient channel accepts, shared by REST, socket.io, Telegram and SMS.

- A message longer than `MAX_MESSAGE_CHARS` is answered with `TOO_LONG_REPLY` and is
  neither parsed nor stored: NLU time grows with length (a 990,000-character message
  held rasa for 21 s and its health check timed out) and nothing a patient needs to
  say takes more than a few paragraphs.
- Each conversation may send `RATE_LIMIT` messages per `RATE_WINDOW_S`; beyond that the
  message is answered with `SLOW_DOWN_REPLY`, also unparsed and unstored. The count is
  per rasa process: it stops a flood, it is not an accounting.
- socket.io connections from a browser must come from an origin in `PACER_CORS`.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict, deque
from urllib.parse import urlsplit

MAX_MESSAGE_CHARS = int(os.environ.get("PACER_MAX_MESSAGE_CHARS") or 2000)
RATE_LIMIT = int(os.environ.get("PACER_RATE_LIMIT") or 60)
RATE_WINDOW_S = float(os.environ.get("PACER_RATE_WINDOW_S") or 60)

TOO_LONG_REPLY = (
    "That message is too long for me to read in one go. Could you send it as a shorter "
    f"message (under {MAX_MESSAGE_CHARS:,} characters)? A few sentences is plenty."
)
SLOW_DOWN_REPLY = "You're sending messages faster than I can answer. Please wait a minute, then try again."


def too_long(text: str) -> bool:
    return len(text) > MAX_MESSAGE_CHARS


class ConversationRateLimit:
    """At most `limit` messages per conversation within `window_s` seconds (sliding)."""

    def __init__(self, limit: int = RATE_LIMIT, window_s: float = RATE_WINDOW_S) -> None:
        self.limit = limit
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, conversation_id: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            seen = self._seen[conversation_id]
            while seen and now - seen[0] > self.window_s:
                seen.popleft()
            if len(seen) >= self.limit:
                return False
            seen.append(now)
            if len(self._seen) > 10_000:  # forget idle conversations
                for key in [k for k, v in self._seen.items() if not v or now - v[-1] > self.window_s]:
                    del self._seen[key]
            return True


RATE = ConversationRateLimit()


def refusal(conversation_id: str, text: str) -> str | None:
    """The reply that replaces a message this channel must not process, or None to go on."""
    if too_long(text):
        return TOO_LONG_REPLY
    if not RATE.allow(conversation_id):
        return SLOW_DOWN_REPLY
    return None


def allowed_origins(cors: str | None = None) -> list[str]:
    """PACER_CORS as a list ("*" allows any origin)."""
    cors = cors if cors is not None else os.environ.get("PACER_CORS", "")
    return [origin.strip().rstrip("/") for origin in cors.replace(",", " ").split() if origin.strip()]


def origin_allowed(origin: str | None, allowed: list[str], host: str | None = None) -> bool:
    """A browser's Origin must be listed, or be the socket server's own (`host`, the
    request's Host header). A client that sends none (not a browser page) may connect,
    since a cross-site page always sends one."""
    if not origin:
        return True
    if "*" in allowed or origin.rstrip("/") in allowed:
        return True
    return bool(host) and urlsplit(origin).netloc == host

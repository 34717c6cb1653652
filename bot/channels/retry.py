"""Retry an outgoing channel request that the provider refused for now (429, 5xx).

Telegram and Twilio answer 429 when Pacer sends too fast and 5xx when they are briefly
down; both ask the client to try again, Telegram with `parameters.retry_after`, HTTP
with `Retry-After`. Any other refusal (403 "bot was blocked by the user", 400, 401) is
final: sending the same request again cannot succeed, so it is not repeated.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx

logger = logging.getLogger(__name__)

ATTEMPTS = 3
BASE_DELAY_S = 0.5
# The wait happens inside a conversation turn: a longer hint is cut short, and the
# message is dropped (logged) if the provider still refuses after the last attempt.
MAX_DELAY_S = 5.0


def retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _hinted_delay(reply: httpx.Response) -> float | None:
    """The provider's own wait: Telegram's `parameters.retry_after`, else `Retry-After` seconds."""
    try:
        hint = ((reply.json() or {}).get("parameters") or {}).get("retry_after")
    except (ValueError, AttributeError):
        hint = None
    if hint is None:
        hint = reply.headers.get("retry-after")
    try:
        return max(float(hint), 0.0) if hint is not None else None
    except ValueError:
        return None


async def post_with_retry(post: Callable[[], Awaitable[httpx.Response]], what: str) -> httpx.Response:
    """`post()` again with backoff while the answer is 429 or 5xx; the last answer.

    Connection errors are raised to the caller as before (`httpx.HTTPError`).
    """
    reply = await post()
    for attempt in range(1, ATTEMPTS):
        if not retryable(reply.status_code):
            break
        delay = min(_hinted_delay(reply) or BASE_DELAY_S * 2 ** (attempt - 1), MAX_DELAY_S)
        logger.info("%s answered HTTP %s; retry %d in %.1f s", what, reply.status_code, attempt, delay)
        await asyncio.sleep(delay)
        reply = await post()
    return reply

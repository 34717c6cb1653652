"""Every variation of a response in domain/, so that assertions accept them all."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot import training


@lru_cache(maxsize=1)
def _responses() -> dict[str, list[dict[str, Any]]]:
    return training.domain_dict()["responses"]


def texts_of(response: str, **slots: str) -> list[str]:
    return [variant["text"].format(**slots) for variant in _responses()[response]]


def buttons_of(response: str) -> list[list[tuple[str, str]]]:
    return [
        [(button["title"], button["payload"]) for button in variant.get("buttons") or []]
        for variant in _responses()[response]
    ]

"""Every variation of a response in domain.yml, so that assertions accept them all."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from bot.config import PROJECT_ROOT


@lru_cache(maxsize=1)
def _responses() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]


def texts_of(response: str, **slots: str) -> list[str]:
    return [variant["text"].format(**slots) for variant in _responses()[response]]


def buttons_of(response: str) -> list[list[tuple[str, str]]]:
    return [
        [(button["title"], button["payload"]) for button in variant.get("buttons") or []]
        for variant in _responses()[response]
    ]

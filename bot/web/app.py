"""The Sanic app behind `pacer web`.

Feature modules (chat page, dashboard, ...) each expose a Sanic `Blueprint` and
are listed in `BLUEPRINT_MODULES`; a module that is missing is skipped so that
parts can land one at a time.
"""

from __future__ import annotations

import importlib
import logging

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.config import Settings, load_settings

log = logging.getLogger(__name__)

# "module:attribute" of each feature's Blueprint, in registration order.
BLUEPRINT_MODULES: tuple[str, ...] = (
    "bot.web.chat:blueprint",
    "bot.web.brand:blueprint",
    "bot.web.dashboard:blueprint",
)


def create_app(settings: Settings | None = None, name: str = "pacer_web") -> Sanic:
    settings = settings or load_settings()
    app = Sanic(name)
    app.config.FALLBACK_ERROR_FORMAT = "html"
    app.config.REQUEST_MAX_SIZE = 1_000_000
    app.ctx.settings = settings

    @app.get("/healthz")
    async def healthz(_: Request) -> HTTPResponse:
        return json({"status": "ok"})

    for spec in BLUEPRINT_MODULES:
        module_name, attribute = spec.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        app.blueprint(getattr(module, attribute))
    return app

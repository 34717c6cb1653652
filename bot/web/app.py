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

# The dashboard loads only its own files: no inline script or style, no other origin, no
# framing. (The chat page sets its own policy, which also allows the socket.io origin.)
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)

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

    @app.middleware("response")
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        if request.path.startswith("/dashboard") and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = DASHBOARD_CSP
            response.headers.setdefault("X-Content-Type-Options", "nosniff")

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

"""Pacer's action server: rasa-sdk's app, reachable only by rasa.

rasa-sdk 3.6 runs any action for anyone who can reach it (`GET /actions` lists them, a
POST to `/webhook` with any sender runs one) and binds 0.0.0.0. Pacer starts the app
itself so that:

- it binds `PACER_BIND_HOST` (127.0.0.1 unless a deployment says otherwise; in a
  cluster a NetworkPolicy lets only rasa reach it);
- every request except `GET /health` carries the shared secret rasa sends in the
  `action_endpoint` headers (endpoints.yml: `X-Pacer-Action-Token: ${PACER_ACTION_TOKEN}`),
  compared in constant time; a missing or wrong one gets 401 (rasa reads a 400 as an
  action rejection, so never 400);
- an action that raises answers a bare 500: rasa-sdk's own handler echoes the whole
  tracker (every patient message) in the body, and rasa logs that body;
- a request without the domain gets it here: rasa sends none (bot.rasa_speedups: its ~120 KB
  went with every form validation, a third of all bytes sent), and the action server has the
  model's domain (`served_domain`: read once from the model archive rasa serves).
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
from functools import cache
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

TOKEN_ENV = "PACER_ACTION_TOKEN"
TOKEN_HEADER = "x-pacer-action-token"
OPEN_PATHS = frozenset({"/health"})


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison; an empty expected token never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


@cache
def served_domain() -> dict[str, Any]:
    """The domain exactly as rasa's `Domain.as_dict()` gives it for the model rasa serves
    (`PACER_MODEL`, by default models/pacer.tar.gz): read from the archive's metadata.json (the
    trained domain carries what training adds, such as retrieval intents), loaded once per
    process. Without a model, from the domain files."""
    import json
    import tarfile
    from pathlib import Path

    from rasa.shared.core.domain import Domain

    from bot.config import PROJECT_ROOT
    from bot.training import DOMAIN_DIR, model_path

    model = Path(os.environ.get("PACER_MODEL") or model_path())
    if model.exists():
        with tarfile.open(model) as archive:
            for member in archive:
                if member.name.lstrip("./") == "metadata.json":
                    metadata = json.load(archive.extractfile(member))  # type: ignore[arg-type]
                    return Domain.from_dict(metadata["domain"]).as_dict()
    return Domain.load(str(PROJECT_ROOT / DOMAIN_DIR)).as_dict()


def fill_in_domain() -> None:
    """rasa-sdk reads `action_call["domain"]`; fill it in where rasa left it out (idempotent)."""
    from rasa_sdk.executor import ActionExecutor

    if getattr(ActionExecutor.run, "_pacer_fills_domain", False):
        return
    original = ActionExecutor.run

    async def run(self: Any, action_call: dict[str, Any]) -> Any:
        if not action_call.get("domain"):
            action_call["domain"] = served_domain()
        return await original(self, action_call)

    run._pacer_fills_domain = True  # type: ignore[attr-defined]
    ActionExecutor.run = run


def parse_json_with_orjson() -> None:
    """Sanic 21.12 parses request bodies with ujson; orjson reads rasa's 80-160 KB tracker
    payloads in about two thirds of the time. A body orjson refuses (NaN, say) goes to Sanic's
    own parser, so it is accepted or refused as before (idempotent)."""
    import orjson
    from sanic.request import Request as SanicRequest

    if getattr(SanicRequest.load_json, "_pacer_orjson", False):
        return
    original = SanicRequest.load_json

    def load_json(self: Any, loads: Any = None) -> Any:
        if loads is None and self.body:
            try:
                self.parsed_json = orjson.loads(self.body)
                return self.parsed_json
            except orjson.JSONDecodeError:
                pass
        return original(self) if loads is None else original(self, loads)

    load_json._pacer_orjson = True  # type: ignore[attr-defined]
    SanicRequest.load_json = load_json


def create_action_app(token: str, actions_package: str = "actions") -> Sanic:
    """rasa-sdk's app with the token check and a 500 handler that says nothing about the request."""
    if not token:
        raise RuntimeError(f"{TOKEN_ENV} is not set: the action server refuses to start without it")
    from rasa_sdk.endpoint import create_app

    app = create_app(actions_package, cors_origins="")
    fill_in_domain()
    parse_json_with_orjson()
    served_domain()  # at start-up, not in the first patient's turn

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS and request.method in ("GET", "HEAD"):
            return None
        if token_matches(request.headers.get(TOKEN_HEADER), token):
            return None
        return response.json({"error": "unauthorised"}, status=401)

    async def quiet_error(request: Request, exception: Exception) -> HTTPResponse:
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - a deflated or broken body
            body = None
        action = body.get("next_action") if isinstance(body, dict) else None
        # The exception type and the action's name only: messages can quote patient text.
        logger.error("action %s failed: %s", action, type(exception).__name__)
        return response.json({"error": "action failed", "action_name": action}, status=500)

    app.error_handler.add(Exception, quiet_error)
    if os.environ.get("PACER_PROFILE"):  # bench/turn_profile.py: off (nothing added) by default
        from bot import profiling

        profiling.install_action_server(app)
    return app


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Pacer's action server (rasa-sdk)")
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("PACER_BIND_HOST", "127.0.0.1"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
    logging.getLogger("httpx").setLevel(logging.WARNING)  # URLs can hold bot tokens
    app = create_action_app(os.environ.get(TOKEN_ENV, ""), args.actions)
    logger.info("Action server on http://%s:%s (token required)", args.host, args.port)
    app.run(host=args.host, port=args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

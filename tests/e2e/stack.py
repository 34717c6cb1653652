"""A real rasa server and action server on free ports, on a throwaway SQLite file (or the
PostgreSQL database given as `database_url`)."""

from __future__ import annotations

import re
import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bot import processes, training
from bot.config import Settings
from bot.store import migrate

STARTUP_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PacerStack:
    workdir: Path
    database_url: str | None = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    services: list[processes.Service] = field(default_factory=list)
    #: The last bot message per conversation, for the no-verbatim-repeat check in `say`.
    last_bot_text: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rasa_port, action_port, web_port = free_port(), free_port(), free_port()
        (self.workdir / "logs").mkdir(parents=True, exist_ok=True)
        self.settings = Settings(
            database_url=self.database_url or f"sqlite:///{self.workdir / 'pacer.db'}",
            rasa_token=self.token,
            rasa_port=rasa_port,
            action_port=action_port,
            rasa_url=f"http://127.0.0.1:{rasa_port}",
            action_url=f"http://127.0.0.1:{action_port}/webhook",
            cors_origins="*",
            log_level="INFO",
            web_port=web_port,
            web_url=f"http://localhost:{web_port}",
            secret_key=uuid.uuid4().hex,
            rest_token=uuid.uuid4().hex,
        )

    @property
    def rasa_url(self) -> str:
        return self.settings.rasa_url

    def start(self) -> None:
        migrate.upgrade(self.settings.database_url)
        model = training.model_path()
        assert model.exists(), "train first: .venv/bin/pacer train"
        env = processes.child_env(self.settings)
        self.services = processes.services(self.settings, model)
        for service in self.services:
            service.command = [
                part.replace(str(self.settings.var_dir / "logs"), str(self.workdir / "logs"))
                for part in service.command
            ]
            processes.start(service, env, self.workdir / "logs")
        for service in self.services:
            if not processes.wait_healthy(service, STARTUP_TIMEOUT_S):
                log = processes.tail(service.log_path, 60)
                self.stop()
                raise RuntimeError(f"{service.name} did not start:\n{log}")

    def stop(self) -> None:
        for service in reversed(self.services):
            processes.stop(service)

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def rest_auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.settings.rest_token}"}

    def say(self, sender: str, text: str) -> list[dict]:
        """One REST turn. REST conversations live in the `rest:` namespace: pass an id that
        starts with it (new_sender() does) to find the same id in the database."""
        response = httpx.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers=self.rest_auth,
            timeout=60,
        )
        response.raise_for_status()
        replies = response.json()
        self.last_bot_text[sender] = assert_no_verbatim_repeat(
            self.last_bot_text.get(sender), [r.get("text") or "" for r in replies], text)
        return replies

    def parse(self, text: str) -> dict:
        response = httpx.post(
            f"{self.rasa_url}/model/parse",
            params={"token": self.token},
            json={"text": text},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = httpx.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def logs(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in sorted((self.workdir / "logs").glob("*"))
        )


# Crisis contacts (phone numbers, "call 111") may be given again on request.
CRISIS_CONTACT = re.compile(r"\b\d{3}\b|\b\d[\d ]{5,}\d\b|lifeline|samaritans|988|helpline", re.I)


def assert_no_verbatim_repeat(previous: str | None, bot_texts: list[str], said: str) -> str | None:
    """No bot message follows itself word for word in any test conversation (issue 14):
    a question asked again is rephrased, a second "no that's all" gets no second goodbye.
    Returns the last bot text, to compare with the next turn's first."""
    for current in (t for t in bot_texts if t.strip()):
        repeated = previous is not None and current.strip() == previous.strip()
        if repeated and not CRISIS_CONTACT.search(current):
            raise AssertionError(f"bot repeated itself word for word after {said!r}: {current!r}")
        previous = current
    return previous


def texts(replies: list[dict]) -> str:
    """All reply texts and button titles of one turn, lower-cased, for assertions."""
    parts = []
    for reply in replies:
        parts.append(reply.get("text") or "")
        parts += [button.get("title", "") for button in reply.get("buttons") or []]
    return "\n".join(parts).lower()

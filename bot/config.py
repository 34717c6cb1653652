"""Settings from the environment (and `.env`), shared by every Pacer process.

One variable, `DATABASE_URL`, moves the whole system (Pacer's tables and Rasa's
tracker store) to another database.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(os.environ.get("PACER_HOME", Path(__file__).resolve().parent.parent))
ENV_FILE = PROJECT_ROOT / ".env"


def default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'pacer.db'}"


def normalize_database_url(url: str) -> str:
    """`postgres://` (Heroku, some managed services) is `postgresql://` to SQLAlchemy 1.4."""
    if url.startswith("postgres://"):
        return "postgresql://" + url.removeprefix("postgres://")
    return url


GENERATED_SECRETS = (
    ("RASA_TOKEN", "protects Rasa's HTTP API"),
    ("PACER_SECRET_KEY", "signs the web app's session cookies"),
    ("PACER_ACTION_TOKEN", "rasa sends it to the action server, which refuses requests without it"),
    ("PACER_REST_TOKEN", "the REST channel's bearer token (the channel is closed without one)"),
)


def ensure_env_file(path: Path = ENV_FILE) -> None:
    """Create `.env` (mode 0600) with random secrets on first run; never overwrite one."""
    existing = path.read_text() if path.exists() else ""
    additions = [
        f"# Generated on first run: {why}.\n{name}={secrets.token_urlsafe(32)}\n"
        for name, why in GENERATED_SECRETS
        if f"{name}=" not in existing
    ]
    if path.exists():
        path.chmod(0o600)
    if not additions:
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a") as handle:
        if existing and not existing.endswith("\n"):
            handle.write("\n")
        handle.write("".join(additions))


@dataclass(frozen=True)
class Settings:
    database_url: str
    rasa_token: str
    rasa_port: int
    action_port: int
    rasa_url: str
    action_url: str
    cors_origins: str
    log_level: str
    web_port: int = 8000
    web_url: str = "http://localhost:8000"
    secret_key: str = ""
    # Shared secret rasa sends to the action server (a fresh one when not configured:
    # then only processes started together, by `pacer run`, agree on it).
    action_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    rest_token: str = ""  # PACER_REST_TOKEN: the REST channel refuses every request without it
    bind_host: str = "127.0.0.1"  # where rasa and the action server listen (PACER_BIND_HOST)

    @property
    def var_dir(self) -> Path:
        return PROJECT_ROOT / "var"


def load_settings() -> Settings:
    """Read settings; `.env` fills gaps but never overrides the real environment."""
    load_dotenv(ENV_FILE, override=False)
    rasa_port = int(os.environ.get("RASA_PORT", "5005"))
    action_port = int(os.environ.get("ACTION_PORT", "5055"))
    web_port = int(os.environ.get("PACER_WEB_PORT", "8000"))
    return Settings(
        database_url=normalize_database_url(os.environ.get("DATABASE_URL") or default_database_url()),
        rasa_token=os.environ.get("RASA_TOKEN", ""),
        rasa_port=rasa_port,
        action_port=action_port,
        rasa_url=os.environ.get("RASA_URL", f"http://localhost:{rasa_port}"),
        action_url=os.environ.get("ACTION_ENDPOINT", f"http://localhost:{action_port}/webhook"),
        cors_origins=os.environ.get("PACER_CORS", "http://localhost:8000"),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        web_port=web_port,
        web_url=os.environ.get("PACER_WEB_URL", f"http://localhost:{web_port}"),
        secret_key=os.environ.get("PACER_SECRET_KEY", ""),
        action_token=os.environ.get("PACER_ACTION_TOKEN") or secrets.token_urlsafe(32),
        rest_token=os.environ.get("PACER_REST_TOKEN", ""),
        bind_host=os.environ.get("PACER_BIND_HOST", "127.0.0.1"),
    )

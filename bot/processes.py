"""Start, watch and stop Pacer's processes (rasa, action server, ...).

Each child runs in its own process group so that Ctrl-C stops all of it, and
`pacer run` waits for every health endpoint before it prints the URLs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx

from bot.config import PROJECT_ROOT, Settings


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str
    public_url: str
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    health_check: Callable[[], bool] | None = None  # instead of health_url (no HTTP server)


def child_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": settings.database_url,
            "RASA_TOKEN": settings.rasa_token,
            "RASA_URL": settings.rasa_url,
            "PACER_WEB_PORT": str(settings.web_port),
            "PACER_WEB_URL": settings.web_url,
            "PACER_SECRET_KEY": settings.secret_key,
            "ACTION_ENDPOINT": settings.action_url,
            "PYTHONUNBUFFERED": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_WARN_20": "0",
            "RASA_TELEMETRY_ENABLED": "false",
        }
    )
    env.setdefault("PACER_HOME", str(PROJECT_ROOT))
    return env


def rasa_command(settings: Settings, model: Path) -> list[str]:
    return [
        sys.executable, "-m", "rasa", "run",
        "--model", str(model),
        "--enable-api",
        "--auth-token", settings.rasa_token,
        "--endpoints", "endpoints.yml",
        "--credentials", "credentials.yml",
        "--port", str(settings.rasa_port),
        "--cors", settings.cors_origins,
        "--log-file", str(settings.var_dir / "logs" / "rasa.log"),
    ]


def actions_command(settings: Settings) -> list[str]:
    return [
        sys.executable, "-m", "rasa_sdk",
        "--actions", "actions",
        "--port", str(settings.action_port),
    ]


def web_command(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "web", "--port", str(settings.web_port)]


def scheduler_command(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "scheduler"]


def scheduler_health(settings: Settings) -> Callable[[], bool]:
    """Healthy once the scheduler has written a heartbeat since it was started."""
    from bot.store.models import utcnow

    since = utcnow() - timedelta(seconds=2)

    def check() -> bool:
        from bot.scheduler.store import heartbeat_since

        return heartbeat_since(settings.database_url, since)

    return check


def services(settings: Settings, model: Path) -> list[Service]:
    """Every long-running process of `pacer run`, in start order."""
    action_base = f"http://localhost:{settings.action_port}"
    rasa_base = f"http://localhost:{settings.rasa_port}"
    web_base = f"http://localhost:{settings.web_port}"
    return [
        Service("actions", actions_command(settings), f"{action_base}/health", f"{action_base}/webhook"),
        Service("rasa", rasa_command(settings, model), f"{rasa_base}/", f"{rasa_base}/webhooks/rest/webhook"),
        Service("web", web_command(settings), f"{web_base}/healthz", web_base),
        # Booster check-ins: sweeps Pacer's schedules and sends through rasa's API.
        Service("scheduler", scheduler_command(settings), "heartbeat row", "",
                health_check=scheduler_health(settings)),
    ]


def start(service: Service, env: dict[str, str], log_dir: Path) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    service.log_path = log_dir / f"{service.name}.out"
    handle = service.log_path.open("ab")
    service.process = subprocess.Popen(
        service.command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_healthy(service: Service, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process is not None and service.process.poll() is not None:
            return False
        try:
            if service.health_check is not None:
                if service.health_check():
                    return True
            elif httpx.get(service.health_url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        except Exception:  # noqa: BLE001 - e.g. the heartbeat table is not there yet
            pass
        time.sleep(0.5)
    return False


def stop(service: Service, grace: float = 10.0) -> None:
    process = service.process
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def tail(path: Path | None, lines: int = 30) -> str:
    if path is None or not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

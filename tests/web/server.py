"""A real `pacer web` process on a free port, and an httpx client that signs in like a browser."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.config import PROJECT_ROOT
from tests.e2e.stack import free_port

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class WebServer:
    def __init__(self, database_url: str, workdir: Path, secret_key: str = "test-secret-key") -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "web.log"
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": database_url, "PACER_SECRET_KEY": secret_key, "PACER_WEB_PORT": str(self.port),
            "PACER_WEB_URL": self.base_url, "PYTHONUNBUFFERED": "1",
        })
        env.setdefault("PACER_CLINIC_NAME", "Test Valley Pain Clinic")  # "" leaves the clinic file's
        env.pop("PACER_ALERT_WEBHOOK", None)
        env.pop("PACER_ALERT_EMAIL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "web", "--port", str(self.port)],
            cwd=PROJECT_ROOT, env=env, stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"web app exited:\n{self.log_path.read_text()}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"web app did not start:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def client(self) -> Browserish:
        return Browserish(self.base_url)


class Browserish(httpx.Client):
    """Keeps cookies, does not follow redirects (tests look at them), reads CSRF tokens from forms."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url=base_url, follow_redirects=False, timeout=30)

    def csrf(self, path: str = "/dashboard/login") -> str:
        page = self.get(path)
        match = CSRF_RE.search(page.text)
        assert match, f"no CSRF token on {path} ({page.status_code})"
        return match.group(1)

    def sign_in(self, email: str, password: str) -> httpx.Response:
        token = self.csrf()
        return self.post("/dashboard/login", data={"email": email, "password": password, "csrf_token": token,
                                                    "next": "/dashboard/"})

"""`pacer cluster`: the replica profile on one machine, on loopback.

N rasa replicas and N action servers behind nginx, one web app, several schedulers (one
leads), Redis for Rasa's lock store and the socket.io manager, all on one database. The
load and fault benches (bench/load.py, bench/fault.py) and tests/fault use it; a clinic
server runs the same processes from systemd or Kubernetes (docs/deployment.md).

    public  nginx :P   /webhooks/*, /socket.io (sticky), the web app; REST needs a token
    internal nginx :I  Rasa's API for the scheduler and web app (any replica)
    internal nginx :A  action servers for the rasa replicas (any action server)

Every process binds 127.0.0.1 (PACER_BIND_HOST); only nginx's public listener faces
patients. Across machines, set PACER_BIND_HOST to a private interface and keep the
action servers' port reachable from the rasa hosts only (they also require
PACER_ACTION_TOKEN on every request; docs/deployment.md).
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import signal
from dataclasses import dataclass, field
from pathlib import Path

from bot import processes, training
from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.processes import Service, StopSignal

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx" / "pacer.conf.template"
STARTUP_TIMEOUT_S = 300
PLACEHOLDER = re.compile(r"\$\{([a-z_]+)\}")
LOCK_LIFETIME_S = 30  # Rasa's conversation lock: longer than any turn, short after a crash


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_nginx(
    rasa_ports: list[int], action_ports: list[int], web_port: int, public_port: int,
    internal_rasa_port: int, internal_actions_port: int, run_dir: Path, log_dir: Path,
    rest_open: bool, workers: int = 1, host: str = "127.0.0.1",
) -> str:
    """The nginx configuration from deploy/nginx/pacer.conf.template."""

    def servers(ports: list[int]) -> str:
        return "\n".join(f"        server {host}:{port} max_fails=1 fail_timeout=5s;" for port in ports)

    return fill(
        TEMPLATE.read_text(),
        user_directive="user root;" if os.geteuid() == 0 else "",
        workers=workers,
        run_dir=run_dir,
        log_dir=log_dir,
        rasa_servers=servers(rasa_ports),
        action_servers=servers(action_ports),
        web_servers=f"        server {host}:{web_port};",
        public_listen=f"{host}:{public_port}",
        internal_rasa_listen=f"{host}:{internal_rasa_port}",
        internal_actions_listen=f"{host}:{internal_actions_port}",
        rest_rule="" if rest_open else "return 404;",
        rest_note="here it requires PACER_REST_TOKEN (Bearer)" if rest_open else
        "closed, because no PACER_REST_TOKEN is set",
    )


def fill(template: str, **values: object) -> str:
    """Replace `${name}` placeholders; nginx's own `$variables` are left alone. Every
    placeholder must have a value (a missing one would be a broken config)."""
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise KeyError(f"no value for {sorted(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise RuntimeError("nginx not found: apt-get install nginx-light (see docs/deployment.md)")
    return found


def redis_ping(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@dataclass
class Cluster:
    """Start, inspect, fault and stop the replica profile. `workdir` holds logs and config."""

    workdir: Path
    replicas: int = 2
    schedulers: int = 2
    database_url: str | None = None
    redis_url: str | None = None
    rest_token: str = field(default_factory=lambda: secrets.token_hex(24))
    extra_env: dict[str, str] = field(default_factory=dict)
    services: list[Service] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir)
        self.log_dir = self.workdir / "logs"
        self.run_dir = self.workdir / "run"
        base = load_settings()
        self.database_url = self.database_url or f"sqlite:///{self.workdir / 'pacer.db'}"
        self.public_port, self.internal_rasa_port, self.internal_actions_port = (
            free_port(), free_port(), free_port())
        self.web_port = free_port()
        self.rasa_ports = [free_port() for _ in range(self.replicas)]
        self.action_ports = [free_port() for _ in range(self.replicas)]
        self.settings = dataclasses.replace(
            base,
            database_url=self.database_url,
            rasa_token=base.rasa_token or secrets.token_hex(24),
            rasa_url=f"http://127.0.0.1:{self.internal_rasa_port}",
            action_url=f"http://127.0.0.1:{self.internal_actions_port}/webhook",
            web_port=self.web_port,
            web_url=f"http://127.0.0.1:{self.public_port}",
            secret_key=base.secret_key or secrets.token_hex(24),
            cors_origins=base.cors_origins,
        )

    @property
    def public_url(self) -> str:
        return f"http://127.0.0.1:{self.public_port}"

    @property
    def rasa_api_url(self) -> str:
        return self.settings.rasa_url

    @property
    def rasa(self) -> list[Service]:
        return [s for s in self.services if s.name.startswith("rasa-")]

    @property
    def scheduler_services(self) -> list[Service]:
        return [s for s in self.services if s.name.startswith("scheduler-")]

    def env(self) -> dict[str, str]:
        env = processes.child_env(self.settings)
        env.update({
            "REDIS_URL": self.redis_url or "",
            "PACER_REST_TOKEN": self.rest_token,
            "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_S),
            "PACER_IDEMPOTENCY_LEASE_S": str(LOCK_LIFETIME_S + 30),
            "PACER_CHAT_SOCKET_URL": self.public_url,
            # The web app sits behind nginx on loopback: believe its X-Forwarded-For, or
            # every client would share one address for sign-in and link-code limits.
            "PACER_TRUSTED_PROXIES": "127.0.0.1",
        })
        env.update(self.extra_env)
        return env

    def _redis(self) -> Service | None:
        if self.redis_url:
            return None
        port = free_port()
        self.redis_url = f"redis://127.0.0.1:{port}/0"
        url = self.redis_url
        return Service(
            "redis",
            [str(PROJECT_ROOT / "scripts" / "start-redis"), "--port", str(port),
             "--dir", str(self.workdir / "redis"), "--foreground"],
            "redis ping", url, health_check=lambda: redis_ping(url),
        )

    def _rasa(self, index: int, port: int, model: Path) -> Service:
        settings = dataclasses.replace(self.settings, rasa_port=port)
        command = processes.rasa_command(settings, model)
        command[command.index("--log-file") + 1] = str(self.log_dir / f"rasa-{index}.log")
        base = f"http://127.0.0.1:{port}"
        return Service(f"rasa-{index}", command, f"{base}/", f"{base}/webhooks/rest/webhook")

    def _actions(self, index: int, port: int) -> Service:
        command = processes.actions_command(dataclasses.replace(self.settings, action_port=port))
        base = f"http://127.0.0.1:{port}"
        return Service(f"actions-{index}", command, f"{base}/health", f"{base}/webhook")

    def _scheduler(self, index: int) -> Service:
        from bot.scheduler.leader import current_leader
        from bot.store.db import get_engine

        url = self.database_url

        def someone_leads() -> bool:
            row = current_leader(get_engine(url))
            return bool(row and row["holder"])

        return Service(f"scheduler-{index}", processes.scheduler_command(self.settings), "leader row", "",
                       health_check=someone_leads)

    def _nginx(self) -> Service:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        conf = self.run_dir / "nginx.conf"
        conf.write_text(render_nginx(
            self.rasa_ports, self.action_ports, self.web_port, self.public_port,
            self.internal_rasa_port, self.internal_actions_port, self.run_dir, self.log_dir,
            rest_open=bool(self.rest_token),
        ))
        command = [nginx_binary(), "-p", str(self.run_dir), "-c", str(conf), "-g", "daemon off;"]
        return Service("nginx", command, f"{self.public_url}/healthz", self.public_url)

    def start(self) -> None:
        from bot.store import migrate

        self.log_dir.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(self.database_url)
        model = training.model_path()
        if not model.exists():
            raise RuntimeError("no trained model: run `pacer train` first")
        redis_service = self._redis()
        first = [redis_service] if redis_service else []
        rest = (
            [self._actions(i + 1, port) for i, port in enumerate(self.action_ports)]
            + [self._rasa(i + 1, port, model) for i, port in enumerate(self.rasa_ports)]
            + [Service("web", processes.web_command(self.settings),
                       f"http://127.0.0.1:{self.web_port}/healthz", "")]
            + [self._nginx()]
        )
        try:
            for group in (first, rest):
                env = self.env()  # REDIS_URL is known once Redis is chosen
                for service in group:
                    processes.start(service, env, self.log_dir)
                    self.services.append(service)
                for service in group:
                    self._wait(service)
            env = self.env()
            for index in range(self.schedulers):
                service = self._scheduler(index + 1)
                processes.start(service, env, self.log_dir)
                self.services.append(service)
            for service in self.scheduler_services:
                self._wait(service)
        except BaseException:
            self.stop()
            raise

    def _wait(self, service: Service) -> None:
        if not processes.wait_healthy(service, STARTUP_TIMEOUT_S):
            raise RuntimeError(f"{service.name} did not start:\n{processes.tail(service.log_path, 40)}")

    def stop(self) -> None:
        for service in reversed(self.services):
            processes.stop(service)
        self.services = []

    def kill(self, service: Service) -> None:
        """SIGKILL a process group: no cleanup, no commit (the fault runs)."""
        if service.process is not None and service.process.poll() is None:
            os.killpg(service.process.pid, signal.SIGKILL)
            service.process.wait(timeout=30)

    def restart(self, service: Service) -> None:
        """Start a killed process again with the cluster's environment and wait for it."""
        processes.start(service, self.env(), self.log_dir)
        self._wait(service)

    def leader(self) -> Service | None:
        """The scheduler process that holds the lead now."""
        from bot.scheduler.leader import current_leader
        from bot.store.db import get_engine

        row = current_leader(get_engine(self.database_url))
        if not row or not row["holder"]:
            return None
        pid = int(row["holder"].rsplit(":", 2)[1])
        return next((s for s in self.scheduler_services if s.process and s.process.pid == pid), None)


def run_forever(replicas: int, schedulers: int) -> int:
    """`pacer cluster`: start everything, print the URLs, stop on Ctrl-C."""
    import time

    settings: Settings = load_settings()
    cluster = Cluster(PROJECT_ROOT / "var" / "cluster", replicas=replicas, schedulers=schedulers,
                      database_url=settings.database_url if os.environ.get("DATABASE_URL") else None,
                      redis_url=os.environ.get("REDIS_URL") or None,
                      rest_token=os.environ.get("PACER_REST_TOKEN") or secrets.token_hex(24))
    stop = StopSignal()
    cluster.start()
    try:
        print(f"\nPacer cluster: {replicas} rasa + {replicas} action servers, {schedulers} schedulers")
        print(f"  Public (nginx):  {cluster.public_url}  (chat page {cluster.public_url}/chat)")
        print(f"  REST channel:    POST {cluster.public_url}/webhooks/rest/webhook "
              f"with 'Authorization: Bearer {cluster.rest_token}'")
        print(f"  Rasa API (internal): {cluster.rasa_api_url}")
        print(f"  Redis:           {cluster.redis_url}")
        print(f"  Database:        {cluster.database_url}")
        print(f"  Logs:            {cluster.log_dir}\nPress Ctrl-C to stop.", flush=True)
        while not stop.requested:
            time.sleep(0.5)
    finally:
        cluster.stop()
    return 0

"""`pacer`: the one entry point that `make` and operators use."""

from __future__ import annotations

import argparse
import sys
import time

from bot import processes, training
from bot.config import ensure_env_file, load_settings

STARTUP_TIMEOUT_S = 300


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.store import migrate

    migrate.upgrade(revision=args.revision)
    print("Database is at the latest schema.")
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.store import backup

    settings = load_settings()
    out = Path(args.out) if args.out else settings.var_dir / "backups"
    if args.out is None or args.out.endswith("/") or out.is_dir():  # a directory: a dated file in it
        out = backup.default_backup_path(settings.database_url, out)
    try:
        written = backup.backup(settings.database_url, out)
    except backup.BackupError as error:
        print(f"Backup failed: {error}", file=sys.stderr)
        return 1
    print(f"Backup written: {written} ({written.stat().st_size} bytes)")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.store import backup

    settings = load_settings()
    try:
        backup.restore(Path(args.path), settings.database_url, force=args.force)
    except backup.BackupError as error:
        print(f"Restore failed: {error}", file=sys.stderr)
        return 1
    print(f"Restored {args.path} into {_safe_url(settings.database_url)}. Run 'pacer db upgrade' next.")
    return 0


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_train(args: argparse.Namespace) -> int:
    training.train(config=args.config, force=args.force)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Set up (env, database, model) and run every Pacer process until Ctrl-C."""
    from bot.store import migrate

    ensure_env_file()
    settings = load_settings()
    migrate.upgrade(settings.database_url)
    model = training.train(config=args.config)
    env = processes.child_env(settings)
    log_dir = settings.var_dir / "logs"
    running = processes.services(settings, model)
    stop = processes.StopSignal()
    try:
        for service in running:
            processes.start(service, env, log_dir)
        for service in running:
            if not processes.wait_healthy(service, STARTUP_TIMEOUT_S):
                print(f"{service.name} did not become healthy. Last log lines:", file=sys.stderr)
                print(processes.tail(service.log_path), file=sys.stderr)
                return 1
        by_name = {service.name: service for service in running}
        print("\nPacer is running:")
        print(f"  Web app:         {settings.web_url}")
        print(f"  Patient chat:    {settings.web_url}/chat")
        print(f"  Chat (REST):     POST {by_name['rasa'].public_url} "
              "(Authorization: Bearer $PACER_REST_TOKEN from .env)")
        print(f"  Chat (socket.io): http://localhost:{settings.rasa_port}/socket.io")
        print(f"  Rasa health:     {by_name['rasa'].health_url}")
        print(f"  Action server:   {by_name['actions'].health_url}")
        print("  Check-ins:       scheduler running ('pacer checkins status')")
        print(f"  Database:        {_safe_url(settings.database_url)}")
        print(f"  Logs:            {log_dir}")
        print("Press Ctrl-C to stop.\n", flush=True)
        while not stop.requested:
            for service in running:
                if service.process is not None and service.process.poll() is not None:
                    print(f"{service.name} exited; stopping. Last log lines:", file=sys.stderr)
                    print(processes.tail(service.log_path), file=sys.stderr)
                    return 1
            time.sleep(0.5)
        return 0
    finally:
        print("Stopping Pacer...", flush=True)
        for service in reversed(running):
            processes.stop(service)


def cmd_cluster(args: argparse.Namespace) -> int:
    """The replica profile on loopback: rasa and action replicas behind nginx, Redis, schedulers."""
    from bot.cluster import run_forever

    ensure_env_file()
    return run_forever(args.replicas, args.schedulers)


def cmd_web(args: argparse.Namespace) -> int:
    """Pacer's own web app (patient chat page, clinician dashboard)."""
    from bot.web.app import create_app

    settings = load_settings()
    port = args.port or settings.web_port
    create_app(settings).run(host=args.host, port=port, access_log=False, workers=1)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Everything Pacer stores about one patient, as JSON (for a data-copy request)."""
    from bot.services import privacy

    print(privacy.export_by_id(args.patient_id))
    return 0


def cmd_alerts_deliver(args: argparse.Namespace) -> int:
    from bot.safety import alerts

    sent, failed = alerts.deliver_due()
    print(f"alerts sent: {sent}, failed this round: {failed}")
    return 0


def cmd_privacy_sweep(args: argparse.Namespace) -> int:
    from bot.services import privacy

    print(f"rows erased: {privacy.sweep_erasures()}")
    return 0


def cmd_scheduler(args: argparse.Namespace) -> int:
    """The booster check-in scheduler (started by `pacer run`)."""
    from bot.scheduler import service

    service.run(interval=args.interval or None)
    return 0


def _parse_when(value: str):  # noqa: ANN202 - datetime
    from datetime import datetime, timezone

    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def cmd_checkins_list(args: argparse.Namespace) -> int:
    from bot.services import checkins

    schedules = checkins.list_schedules()
    if not schedules:
        print("no check-in schedules")
    for view in schedules:
        paused = f" paused until {view.paused_until:%Y-%m-%d}" if view.paused_until else ""
        due = f"; next {view.next_text} ({view.next_due_at:%Y-%m-%d %H:%M} UTC)" if view.next_due_at else ""
        print(f"patient {view.patient_id}: {view.status}{paused}{due}; {view.summary}")
    return 0


def cmd_checkins_due(args: argparse.Namespace) -> int:
    from bot.services import checkins

    rows = checkins.due_at(_parse_when(args.at))
    for patient_id, when, source in rows:
        print(f"patient {patient_id}: due {when:%Y-%m-%d %H:%M} UTC ({source})")
    print(f"{len(rows)} check-in(s) due at {args.at}")
    return 0


def cmd_checkins_status(args: argparse.Namespace) -> int:
    """Exit status 1 when something needs attention (for monitoring)."""
    from bot.services import checkins

    report = checkins.status()
    beat = f"{report.heartbeat_at:%Y-%m-%d %H:%M:%S} UTC" if report.heartbeat_at else "never"
    counts = ", ".join(f"{key} {value}" for key, value in sorted(report.counts.items())) or "none"
    print(f"scheduler heartbeat: {beat}")
    from bot.scheduler.leader import current_leader
    from bot.store.db import get_engine

    lease = current_leader(get_engine())
    if lease and lease["holder"]:
        print(f"scheduler leader: {lease['holder']} (epoch {lease['epoch']})")
    else:
        print("scheduler leader: none")
    print(f"deliveries: {counts}; deferred now: {report.deferred}")
    problems = report.warnings()
    for problem in problems:
        print(f"WARNING: {problem}")
    if not problems:
        print("OK: nothing due is waiting")
    return 1 if problems else 0


def cmd_checkins_run_once(args: argparse.Namespace) -> int:
    import asyncio

    from bot.scheduler import service

    print(asyncio.run(service.run_once()))
def cmd_clinician_add(args: argparse.Namespace) -> int:
    """Create a dashboard account; the password is read from a prompt (or PACER_NEW_PASSWORD)."""
    import getpass
    import os

    from bot.web import auth

    password = os.environ.get("PACER_NEW_PASSWORD") or getpass.getpass("Password (10+ characters): ")
    try:
        clinician_id = auth.create_clinician(args.email, args.name, password, role=args.role)
    except ValueError as error:
        print(f"Not added: {error}", file=sys.stderr)
        return 1
    print(f"Clinician {clinician_id} added: {auth.normalise_email(args.email)} ({args.role})")
    return 0


def cmd_clinician_assign(args: argparse.Namespace) -> int:
    """Admin command: give a clinician access to a patient."""
    from bot.services import clinicians

    try:
        added = clinicians.assign_patient_by_email(args.email, args.patient_id)
    except LookupError as error:
        print(f"Not assigned: {error}", file=sys.stderr)
        return 1
    print("Assigned." if added else "Already assigned.")
    return 0


def cmd_clinician_invite(args: argparse.Namespace) -> int:
    """An invitation code for a patient to type in chat; it assigns them to the clinician."""
    from bot.services import clinicians

    try:
        code, expires = clinicians.invitation_by_email(args.email)
    except LookupError as error:
        print(f"No code: {error}", file=sys.stderr)
        return 1
    print(f"Invitation code {code} (valid until {expires:%d %b %Y})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pacer", description="Pacer pain self-management coach")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="set up and start rasa and the action server")
    run.add_argument("--config", default="config.yml")
    run.set_defaults(func=cmd_run)

    cluster = sub.add_parser("cluster", help="replicas behind nginx with Redis (loopback)")
    cluster.add_argument("--replicas", type=int, default=2)
    cluster.add_argument("--schedulers", type=int, default=2)
    cluster.set_defaults(func=cmd_cluster)

    train = sub.add_parser("train", help="train the model if data or config changed")
    train.add_argument("--config", default="config.yml")
    train.add_argument("--force", action="store_true")
    train.set_defaults(func=cmd_train)

    web = sub.add_parser("web", help="run only Pacer's web app")
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=0)
    web.set_defaults(func=cmd_web)

    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply Alembic migrations")
    upgrade.add_argument("--revision", default="head")
    upgrade.set_defaults(func=cmd_db_upgrade)
    backup = db_sub.add_parser(
        "backup", help="consistent backup of DATABASE_URL (SQLite backup API or pg_dump -Fc)"
    )
    backup.add_argument(
        "--out",
        help="file to write, or a directory for a dated file (default: var/backups/pacer-<UTC>.db|.dump)",
    )
    backup.set_defaults(func=cmd_db_backup)
    restore = db_sub.add_parser("restore", help="restore a backup into DATABASE_URL (stop Pacer first)")
    restore.add_argument("path", help="a file written by 'pacer db backup'")
    restore.add_argument("--force", action="store_true", help="restore over a database that has tables")
    restore.set_defaults(func=cmd_db_restore)

    export = sub.add_parser("export", help="print one patient's data as JSON")
    export.add_argument("patient_id", type=int)
    export.set_defaults(func=cmd_export)

    alerts = sub.add_parser("alerts", help="clinic alerts")
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True)
    alerts_sub.add_parser("deliver", help="send alerts that are due").set_defaults(func=cmd_alerts_deliver)

    scheduler = sub.add_parser("scheduler", help="run the booster check-in scheduler")
    scheduler.add_argument("--interval", type=float, default=0, help="seconds between sweeps")
    scheduler.set_defaults(func=cmd_scheduler)

    checkins = sub.add_parser("checkins", help="booster check-ins")
    checkins_sub = checkins.add_subparsers(dest="checkins_command", required=True)
    checkins_sub.add_parser("list", help="every schedule and its next check-in").set_defaults(
        func=cmd_checkins_list
    )
    due = checkins_sub.add_parser("due", help="what is due at a time")
    due.add_argument("--at", required=True, help="ISO time, e.g. 2026-12-01T09:00+13:00")
    due.set_defaults(func=cmd_checkins_due)
    checkins_sub.add_parser("status", help="heartbeat, counts, warnings").set_defaults(
        func=cmd_checkins_status
    )
    checkins_sub.add_parser("run-once", help="send due check-ins now, once").set_defaults(
        func=cmd_checkins_run_once
    )
    clinician = sub.add_parser("clinician", help="dashboard accounts")
    clinician_sub = clinician.add_subparsers(dest="clinician_command", required=True)
    add = clinician_sub.add_parser("add", help="create a clinician account")
    add.add_argument("email")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=("clinician", "admin"), default="clinician")
    add.set_defaults(func=cmd_clinician_add)
    assign = clinician_sub.add_parser("assign", help="assign a patient to a clinician")
    assign.add_argument("email")
    assign.add_argument("patient_id", type=int)
    assign.set_defaults(func=cmd_clinician_assign)
    invite = clinician_sub.add_parser("invite", help="make an invitation code for a patient")
    invite.add_argument("email")
    invite.set_defaults(func=cmd_clinician_invite)

    privacy = sub.add_parser("privacy", help="data rights")
    privacy_sub = privacy.add_subparsers(dest="privacy_command", required=True)
    privacy_sub.add_parser("sweep", help="carry out due erasures").set_defaults(func=cmd_privacy_sweep)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""`pacer scheduler`: APScheduler drives one sweeper job; Pacer's tables hold the truth.

Why one sweeper job and an in-memory job store (docs/decisions/0024-tables-are-the-truth.md):
- the schedules and deliveries tables are the only state; APScheduler holds nothing that
  would be lost on restart, so no persistent job store (and no shared engine: its
  SQLAlchemyJobStore calls engine.execute(), which fails on Pacer's future=True engine);
- one job claiming due rows scales to 10,000 patients where one job per patient would
  not, and there is no per-patient job state to keep in step with the table;
- coalesce=True and max_instances=1: a slow pass is never run twice at once and missed
  ticks collapse into one; misfire_grace_time is set to several intervals on purpose
  (the 1 s default silently skips a tick when the event loop was busy with a big pass;
  a skipped tick is harmless anyway because the next pass picks up everything due).

Settings from the environment: DATABASE_URL, RASA_URL, RASA_TOKEN,
PACER_SCHEDULER_INTERVAL_S (default 5), PACER_CHECKIN_LEASE_S (120),
PACER_CHECKIN_RETRY_S (30), PACER_SCHEDULER_CONCURRENCY (8), PACER_SCHEDULER_BATCH (500),
PACER_CHECKIN_FORM_RETRY_S (600), PACER_CHECKIN_SAFETY_RETRY_S (3600),
PACER_CHECKIN_RECENT_CONTACT_S (1800), PACER_LEADER_LEASE_S (15), PACER_LEADER_POLL_S (2).

Several `pacer scheduler` processes may run (replicas, or a standby on a second host):
exactly one leads and sweeps (bot.scheduler.leader); the others poll for the lock and
take over within one poll (PostgreSQL, or a dead process on the same host) or the lease
time plus one poll (a SQLite lease whose holder vanished elsewhere).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from datetime import timedelta

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.coaching.checkin_schedule import DeferralRules
from bot.config import Settings, load_settings
from bot.safety import alerts
from bot.scheduler import store
from bot.scheduler.leader import Elector, make_elector
from bot.scheduler.rasa_api import RasaApi
from bot.scheduler.sweeper import Sweeper
from bot.store.db import get_engine
from bot.store.models import utcnow

logger = logging.getLogger(__name__)
HEARTBEAT_NAME = "scheduler"


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def build_elector(settings: Settings) -> Elector:
    return make_elector(
        get_engine(settings.database_url), timedelta(seconds=_env_float("PACER_LEADER_LEASE_S", 15))
    )


def build_sweeper(settings: Settings, elector: Elector | None = None) -> Sweeper:
    rasa = RasaApi(settings.rasa_url, settings.rasa_token,
                   max_connections=int(_env_float("PACER_SCHEDULER_CONCURRENCY", 8)))
    return Sweeper(
        get_engine(settings.database_url),
        rasa,
        worker=HEARTBEAT_NAME,
        batch_size=int(_env_float("PACER_SCHEDULER_BATCH", 500)),
        concurrency=int(_env_float("PACER_SCHEDULER_CONCURRENCY", 8)),
        lease=timedelta(seconds=_env_float("PACER_CHECKIN_LEASE_S", 120)),
        retry_base_s=_env_float("PACER_CHECKIN_RETRY_S", 30),
        fault=os.environ.get("PACER_SCHEDULER_FAULT"),
        rules=deferral_rules(),
        still_leader=(lambda: elector.is_leader) if elector is not None else None,
    )


def deferral_rules() -> DeferralRules:
    """The product's waits, unless an operator or a test shortens them."""
    default = DeferralRules()
    return DeferralRules(
        form_retry=timedelta(
            seconds=_env_float("PACER_CHECKIN_FORM_RETRY_S", default.form_retry.total_seconds())
        ),
        safety_retry=timedelta(
            seconds=_env_float("PACER_CHECKIN_SAFETY_RETRY_S", default.safety_retry.total_seconds())
        ),
        recent_contact=timedelta(
            seconds=_env_float("PACER_CHECKIN_RECENT_CONTACT_S", default.recent_contact.total_seconds())
        ),
    )


async def _poll_leadership(elector: Elector) -> None:
    try:
        await asyncio.to_thread(elector.poll)
    except Exception:  # noqa: BLE001 - database briefly unavailable: a follower until it answers
        logger.exception("leader poll failed")
        elector.is_leader = False


async def _safe_sweep(sweeper: Sweeper, elector: Elector | None = None) -> None:
    if elector is not None and not elector.is_leader:
        return  # standing by; the leader's heartbeat row shows who sweeps
    try:
        await sweeper.sweep()
    except Exception as exc:  # noqa: BLE001 - keep the scheduler alive; the error is recorded
        logger.exception("sweep failed")
        try:
            store.beat(sweeper.engine, sweeper.worker, sweeper.started_at, utcnow(), sent=0, error=repr(exc))
        except Exception:  # noqa: BLE001 - database down too: the stale heartbeat shows it
            logger.exception("heartbeat failed")


async def retry_alerts(elector: Elector) -> None:
    """Clinic alerts that failed their quick retries in the action server are retried here,
    on the leader only (each attempt is claimed in the database, so a racing
    `pacer alerts deliver` cannot send one twice)."""
    if not elector.is_leader:
        return
    try:
        await asyncio.to_thread(alerts.deliver_due)
    except Exception:  # noqa: BLE001 - database or network down: try again next round
        logger.exception("alert retries failed")


async def serve(settings: Settings, interval: float) -> None:
    elector = build_elector(settings)
    sweeper = build_sweeper(settings, elector)
    await _poll_leadership(elector)
    if elector.is_leader:
        store.beat(sweeper.engine, sweeper.worker, sweeper.started_at, utcnow())
    else:
        logger.info("standing by: another scheduler leads")
    poll = _env_float("PACER_LEADER_POLL_S", 2.0)
    scheduler = AsyncIOScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": AsyncIOExecutor()},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": max(30, int(interval * 6))},
        timezone="UTC",
    )
    scheduler.add_job(
        _poll_leadership, "interval", args=[elector], seconds=poll, id="leader-poll",
        next_run_time=utcnow() + timedelta(seconds=poll), replace_existing=True,
    )
    scheduler.add_job(
        _safe_sweep, "interval", args=[sweeper, elector], seconds=interval, id="checkin-sweeper",
        next_run_time=utcnow(), replace_existing=True,
    )
    alert_every = _env_float("PACER_ALERT_RETRY_S", 30.0)
    scheduler.add_job(
        retry_alerts, "interval", args=[elector], seconds=alert_every, id="alert-retries",
        next_run_time=utcnow() + timedelta(seconds=alert_every), replace_existing=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    scheduler.start()
    logger.info("check-in scheduler running: every %ss, rasa at %s", interval, settings.rasa_url)
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
        await sweeper.rasa.close()
        await asyncio.to_thread(elector.release)


def run(interval: float | None = None) -> None:
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per tick otherwise
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(serve(settings, interval or _env_float("PACER_SCHEDULER_INTERVAL_S", 5.0)))


async def run_once(settings: Settings | None = None) -> dict[str, int]:
    """`pacer checkins run-once`: one pass now, then exit."""
    sweeper = build_sweeper(settings or load_settings())
    try:
        result = await sweeper.sweep()
    finally:
        await sweeper.rasa.close()
    return {"materialized": result.materialized, "claimed": result.claimed, **result.counts}

"""Fault run: patients chat through nginx while check-ins fire; one rasa replica and the
scheduler leader are SIGKILLed mid-run. Then the database is asked what happened:

- every acknowledged message is in the tracker store exactly once (by its message_id);
- every message whose first attempt failed was retried, answered, and stored once;
- every check-in due was sent and opened exactly once (none lost, none twice).

    python -m bench.fault [--patients 20] [--checkins 30] [--duration 60] [--kill-at 15]

Prints a table and writes bench/results/fault-<time>.json. Loopback only; bounded in
time (duration + 120 s for stragglers + settling) and in count.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from bench import ledger, patients
from bench.output import save_results
from bot.cluster import Cluster
from bot.store import db
from bot.store.models import utcnow

BENCH_ENV = {
    "PACER_SCHEDULER_INTERVAL_S": "1", "PACER_LEADER_POLL_S": "1", "PACER_LEADER_LEASE_S": "10",
    "PACER_CHECKIN_RECENT_CONTACT_S": "0", "PACER_CHECKIN_FORM_RETRY_S": "2",
    "PACER_CHECKIN_LEASE_S": "10", "PACER_CHECKIN_RETRY_S": "2", "LOG_LEVEL": "INFO",
}


def use_database(url: str) -> None:
    """Point this process's storage code (ledger, seeding) at the cluster's database."""
    os.environ["DATABASE_URL"] = url
    db.reset_engines()


async def wait_checkins(patient_ids: list[int], timeout_s: float) -> ledger.CheckinCounts:
    deadline = time.monotonic() + timeout_s
    while True:
        counts = ledger.checkin_counts(db.get_engine(), patient_ids)
        if (counts.due == len(patient_ids) and not counts.not_sent) or time.monotonic() > deadline:
            return counts
        await asyncio.sleep(1)


def message_counts(run: patients.Run, prefix: str) -> dict:
    stored = ledger.user_events_by_message_id(db.get_engine(), prefix)
    acked = [t for t in run.turns if t.acked]
    retried = [t for t in run.turns if t.attempts > 1]
    return {
        "acknowledged": len(acked),
        "acknowledged_missing_from_tracker": sum(1 for t in acked if stored[t.message_id] == 0),
        "stored_more_than_once": sum(1 for count in stored.values() if count > 1),
        "unacknowledged_first_attempt": len(retried),
        "retried": sum(1 for t in retried if t.attempts > 1),
        "retried_then_answered": sum(1 for t in retried if t.acked),
        "retried_stored_exactly_once": sum(1 for t in retried if stored[t.message_id] == 1),
        "answered_by_replay": sum(1 for t in retried if t.replayed),
        "never_answered": sum(1 for t in run.turns if not t.acked),
    }


async def fault_run(cluster: Cluster, n_patients: int, n_checkins: int, duration_s: float,
                    kill_at_s: float, prefix: str = "fault") -> dict:
    """Chat + check-ins, kill rasa-1 and the scheduler leader at `kill_at_s`; counts."""
    use_database(cluster.database_url)
    checkin_ids = ledger.seed_checkin_patients(
        f"{prefix}-ci", n_checkins, utcnow() + timedelta(seconds=2), spread_s=max(kill_at_s * 2, 4))
    chat = asyncio.ensure_future(patients.chat(
        f"{cluster.public_url}/webhooks/rest/webhook", cluster.rest_token, n_patients, f"{prefix}-pt",
        duration_s))
    await asyncio.sleep(kill_at_s)
    killed_leader = cluster.leader()
    victim = cluster.rasa[0]
    cluster.kill(victim)
    if killed_leader is not None:
        cluster.kill(killed_leader)
    killed_at = time.monotonic()
    new_leader = None
    while time.monotonic() - killed_at < 60:
        new_leader = await asyncio.to_thread(cluster.leader)
        if new_leader is not None and new_leader is not killed_leader:
            break
        await asyncio.sleep(0.2)
    takeover_s = time.monotonic() - killed_at
    run = await chat
    checkin_counts = await wait_checkins(checkin_ids, 120)
    return {
        "patients": n_patients,
        "killed": [victim.name, killed_leader.name if killed_leader else None],
        "new_leader": new_leader.name if new_leader else None,
        "leader_takeover_s": round(takeover_s, 2),
        "load": patients.summary(run),
        "messages": message_counts(run, f"{prefix}-pt"),
        "checkins": checkin_counts.as_dict(),
    }


def fault_ok(result: dict) -> list[str]:
    """What went wrong, if anything (empty: the run proved the property)."""
    m, c = result["messages"], result["checkins"]
    problems = []
    if m["acknowledged_missing_from_tracker"]:
        problems.append("acknowledged messages missing from the tracker")
    if m["stored_more_than_once"]:
        problems.append("a message was processed twice")
    if m["never_answered"]:
        problems.append("messages never answered")
    if m["retried_then_answered"] != m["unacknowledged_first_attempt"] or \
            m["retried_stored_exactly_once"] != m["unacknowledged_first_attempt"]:
        problems.append("a retried message was not answered exactly once")
    if c["lost"] or c["shown_twice"] or c["not_sent"]:
        problems.append("check-ins lost or duplicated")
    if result["new_leader"] is None:
        problems.append("no scheduler took over")
    return problems


def print_table(result: dict) -> None:
    rows = [("killed", ", ".join(x for x in result["killed"] if x)),
            ("new scheduler leader (s after kill)",
             f"{result['new_leader']} ({result['leader_takeover_s']})")]
    rows += [(f"messages: {k}", v) for k, v in result["messages"].items()]
    rows += [(f"check-ins: {k}", v) for k, v in result["checkins"].items()]
    rows += [(f"load: {k}", v) for k, v in result["load"].items()]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=20)
    parser.add_argument("--checkins", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--kill-at", type=float, default=15)
    parser.add_argument("--schedulers", type=int, default=3)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pacer-fault-"))
    cluster = Cluster(workdir, replicas=2, schedulers=args.schedulers, database_url=args.database_url,
                      extra_env=BENCH_ENV)
    started = time.monotonic()
    cluster.start()
    print(f"cluster up in {time.monotonic() - started:.0f} s ({workdir})", flush=True)
    try:
        load_before = os.getloadavg()
        result = asyncio.run(fault_run(cluster, args.patients, args.checkins, args.duration, args.kill_at,
                                       prefix=f"fault-{uuid.uuid4().hex[:6]}"))
        result["database"] = cluster.database_url.split("://")[0]
        result["loadavg_before_after"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
    finally:
        cluster.stop()
    problems = fault_ok(result)
    result["problems"] = problems
    print_table(result)
    path = save_results("fault", result)
    print(f"\n{'OK' if not problems else 'FAILED: ' + '; '.join(problems)}  ({path})")
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())

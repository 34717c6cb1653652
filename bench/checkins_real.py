"""Real check-in throughput: N check-ins due at once go through the real scheduler
(`pacer scheduler`: leader, sweeper, claims, trigger_intent), real rasa replicas with the
trained model behind nginx, and the real action servers, on SQLite (bot/cluster.py).

    python -m bench.checkins_real [--checkins 1000] [--replicas 1 2] [--concurrency 8] [--batch 500]

For each replica count a fresh cluster and database are started; N consenting patients on
the REST channel are seeded with a check-in due a few seconds later, and the run waits until
every delivery is marked sent. Then the database is asked, not the logs:

- `checkin_deliveries`: one row per patient, every row `sent` and received by the action;
- the tracker store: each patient's tracker holds the EXTERNAL_booster_checkin trigger and
  the opened check-in (`checkin_delivery_id`) exactly once.

Prints check-ins per second (from the due time to the last delivery committed as sent, so
the sweeper's tick is included), lost and duplicated, per replica count, and writes
bench/results/checkins-real-<time>.json. Loopback only; bounded by `--timeout`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from bench import ledger
from bench.checkins import seed
from bench.fault import BENCH_ENV, use_database
from bench.output import save_results
from bot.cluster import Cluster
from bot.store import db
from bot.store.models import CheckinDelivery, utcnow

START_DELAY_S = 3.0  # seeding done, the first sweep after this picks everything up
COLUMNS = ["replicas", "checkins", "wall_s", "per_s", "per_s_per_rasa", "sent", "lost", "duplicated",
           "triggers_twice", "loadavg"]


def wait_sent(patient_ids: list[int], timeout_s: float) -> float | None:
    """Seconds (monotonic) at which every patient's delivery was committed as sent, or None."""
    deadline = time.monotonic() + timeout_s
    engine = db.get_engine()
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            sent = conn.execute(
                select(func.count()).select_from(CheckinDelivery)
                .where(CheckinDelivery.status == "sent", CheckinDelivery.received_at.is_not(None))
            ).scalar()
        if sent >= len(patient_ids):
            return time.monotonic()
        time.sleep(0.2)
    return None


def tally(patient_ids: list[int]) -> dict:
    """Lost and duplicated, from Pacer's deliveries table and from every patient's tracker."""
    engine = db.get_engine()
    counts = ledger.checkin_counts(engine, patient_ids)
    with engine.connect() as conn:
        rows = conn.execute(select(CheckinDelivery.id, CheckinDelivery.patient_id)).all()
    by_patient = Counter(patient for _, patient in rows)
    patient_of = {str(delivery): patient for delivery, patient in rows}
    shown_per_patient = Counter()
    for delivery, times in counts.shown.items():
        shown_per_patient[patient_of[delivery]] += times
    return {
        "deliveries": len(rows),
        "sent": counts.sent,
        "received": counts.received,
        "not_sent": len(counts.not_sent),
        "patients_without_delivery": sum(1 for p in patient_ids if by_patient[p] == 0),
        "patients_with_two_deliveries": sum(1 for p in patient_ids if by_patient[p] > 1),
        "trackers_without_checkin": sum(1 for p in patient_ids if shown_per_patient[p] == 0),
        "trackers_with_checkin_twice": sum(1 for p in patient_ids if shown_per_patient[p] > 1),
        "triggers_in_trackers": sum(counts.triggers.values()),
        "triggers_twice": sum(1 for v in counts.triggers.values() if v > 1),
    }


def run(replicas: int, n: int, concurrency: int, batch: int, timeout_s: float) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"pacer-checkins-r{replicas}-"))
    env = {**BENCH_ENV, "LOG_LEVEL": "WARNING", "PACER_SCHEDULER_CONCURRENCY": str(concurrency),
           "PACER_SCHEDULER_BATCH": str(batch)}
    cluster = Cluster(workdir, replicas=replicas, schedulers=1, extra_env=env)
    started = time.monotonic()
    cluster.start()
    print(f"{replicas} replica(s) up in {time.monotonic() - started:.0f} s ({workdir})", flush=True)
    try:
        use_database(cluster.database_url)
        due = utcnow() + timedelta(seconds=START_DELAY_S)
        patient_ids = seed(cluster.database_url, n, due=due, prefix="ckreal", channels=("rest",))
        wait_s = max((due - utcnow()).total_seconds(), 0)
        time.sleep(wait_s)
        t0, load_before = time.monotonic(), os.getloadavg()[0]
        done = wait_sent(patient_ids, timeout_s)
        wall = (done or time.monotonic()) - t0
        load_after = os.getloadavg()[0]
        counts = tally(patient_ids)
    finally:
        cluster.stop()
    lost = max(counts["patients_without_delivery"], counts["not_sent"], counts["trackers_without_checkin"])
    duplicated = counts["patients_with_two_deliveries"] + counts["trackers_with_checkin_twice"]
    rate = counts["sent"] / wall if wall else 0.0
    return {
        "replicas": replicas, "checkins": n, "wall_s": round(wall, 1), "per_s": round(rate, 1),
        "per_s_per_rasa": round(rate / replicas, 1), "sent": counts["sent"], "lost": lost,
        "duplicated": duplicated, "triggers_twice": counts["triggers_twice"],
        "loadavg": f"{load_before:.1f}->{load_after:.1f}", "finished": done is not None,
        "concurrency": concurrency, "batch": batch, "detail": counts, "workdir": str(workdir),
    }


def print_table(rows: list[dict]) -> None:
    widths = {c: max(len(c), *(len(str(r.get(c))) for r in rows)) for c in COLUMNS}
    print("  ".join(c.rjust(widths[c]) for c in COLUMNS))
    for row in rows:
        print("  ".join(str(row.get(c)).rjust(widths[c]) for c in COLUMNS), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkins", type=int, default=1000)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--concurrency", type=int, default=8, help="PACER_SCHEDULER_CONCURRENCY")
    parser.add_argument("--batch", type=int, default=500, help="PACER_SCHEDULER_BATCH")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    rows = []
    for replicas in args.replicas:
        row = run(replicas, args.checkins, args.concurrency, args.batch, args.timeout)
        rows.append(row)
        print_table([row])
    print()
    print_table(rows)
    path = save_results("checkins-real", {"cores": os.cpu_count(), "rows": rows})
    print(f"\n{path}")
    bad = [r for r in rows if r["lost"] or r["duplicated"] or not r["finished"]]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Load run: N concurrent simulated patients chat through nginx (REST channel, multi-turn
conversations, bench/patients.py) while check-ins fire, on one rasa replica and on two.

    python -m bench.load [--replicas 1 2] [--patients 1 10 50] [--duration 60]

For each replica count a cluster is started (bot/cluster.py: rasa + action replicas behind
nginx, Redis, 2 schedulers, one database); for each N the patients start together, no new
turn starts after `--duration` seconds, and check-ins (N/2, at least 2) fall due during
the run. Reports p50/p95/p99 acknowledgement latency, acknowledged messages per second,
errors, and the check-in and tracker counts; prints a table and writes
bench/results/load-<time>.json. Loopback only.
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
from bench.fault import BENCH_ENV, message_counts, use_database, wait_checkins
from bench.output import save_results
from bot.cluster import Cluster
from bot.store.models import utcnow

RUN_ID = uuid.uuid4().hex[:6]
COLUMNS = ["replicas", "patients", "messages", "p50_ms", "p95_ms", "p99_ms", "messages_per_s", "errors",
           "given_up", "checkins_due", "checkins_lost", "checkins_twice", "missing", "loadavg"]


async def level(cluster: Cluster, replicas: int, n: int, duration_s: float) -> dict:
    prefix = f"load-{RUN_ID}-r{replicas}-n{n}"  # fresh conversations on a reused database
    n_checkins = max(2, n // 2)
    checkin_ids = ledger.seed_checkin_patients(
        f"{prefix}-ci", n_checkins, utcnow() + timedelta(seconds=2), spread_s=duration_s / 2)
    load_before = os.getloadavg()[0]
    run = await patients.chat(f"{cluster.public_url}/webhooks/rest/webhook", cluster.rest_token, n,
                              f"{prefix}-pt", duration_s)
    load_after = os.getloadavg()[0]
    checkins = (await wait_checkins(checkin_ids, 90)).as_dict()
    counts = message_counts(run, f"{prefix}-pt")
    summary = patients.summary(run)
    return {
        "replicas": replicas, "patients": n, **summary,
        "checkins": checkins, "tracker": counts,
        "checkins_due": checkins["due"], "checkins_lost": checkins["lost"],
        "checkins_twice": checkins["shown_twice"],
        "missing": counts["acknowledged_missing_from_tracker"],
        "loadavg": f"{load_before:.1f}->{load_after:.1f}",
    }


def print_table(rows: list[dict]) -> None:
    widths = {c: max(len(c), *(len(str(r.get(c))) for r in rows)) for c in COLUMNS}
    print("  ".join(c.rjust(widths[c]) for c in COLUMNS))
    for row in rows:
        print("  ".join(str(row.get(c)).rjust(widths[c]) for c in COLUMNS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--patients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    rows = []
    for replicas in args.replicas:
        workdir = Path(tempfile.mkdtemp(prefix=f"pacer-load-r{replicas}-"))
        database_url = args.database_url
        cluster = Cluster(workdir, replicas=replicas, schedulers=2, database_url=database_url,
                          extra_env=BENCH_ENV)
        started = time.monotonic()
        cluster.start()
        print(f"{replicas} replica(s) up in {time.monotonic() - started:.0f} s ({workdir})", flush=True)
        use_database(cluster.database_url)
        try:
            for n in args.patients:
                row = asyncio.run(level(cluster, replicas, n, args.duration))
                row["database"] = cluster.database_url.split("://")[0]
                rows.append(row)
                print_table([row])
        finally:
            cluster.stop()
    print()
    print_table(rows)
    path = save_results("load", {"cores": os.cpu_count(), "rows": rows})
    print(f"\n{path}")
    bad = [r for r in rows if r["missing"] or r["checkins_lost"] or r["checkins_twice"] or r["given_up"]]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())

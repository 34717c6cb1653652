"""Where a turn goes: one realistic conversation against a real stack, profiled per turn.

    python -m bench.turn_profile [--rounds 3] [--json bench/results/turn-profile-<time>.json]

Starts rasa, the action server, the web app and the scheduler on a throwaway SQLite file
(tests/e2e/stack.py, the e2e launcher) with `PACER_PROFILE` set, so that rasa and the
action server append one JSON line per turn and per action call (bot/profiling.py). Each
round is a new patient: onboarding (consent, name, values, PSFS), a plan, "are you a bot",
show plans, a check-in sent by the stack's own scheduler through rasa's trigger_intent
and answered, then problem solving. The first round warms up; the table gives the median
of the other rounds per turn, then the totals and their proportions, and the top five costs.

Columns (ms unless said): wall = the client's round trip; rasa = rasa's own turn (from
tracker load to tracker save); nlu, policy (all predictions; memo/rule/ted are the policy
nodes), load/save = tracker store, act = rasa's time in actions, http = its calls to the
action server, srv = the action server's handler time, sql = the action server's time in
SQL, KB = JSON bytes rasa sent to the action server, n = action calls.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx

from bench.output import save_results

ONBOARDING_AND_PLAN = [
    "hello",
    "yes that's fine",
    "I'm Aroha",
    "being able to play with my grandkids without paying for it after",
    "gardening and walking the dog",
    "about a 4",
    "6",
    "walk to the letterbox and back, 10 minutes, after lunch, 4 days",
    "yep",
    "8",
    "are you a bot",
    "show me my plans",
]
CHECKIN_ANSWERS = [
    "managed most days but not the weekend", "6", "5", "4", "keep the same plan", "8",
]
PROBLEM_SOLVING = [
    "help me work through a problem, something keeps getting in my way",
    "i never have time after work, the kids need me",
    "no idea to be honest",
    "1",
    "stretches after my morning cuppa, 20 minutes, every day",
    "about a 5",
    "stretches after my morning cuppa for 5 minutes on 3 days",
    "8",
]
CHECKIN_LABEL = "<check-in via trigger_intent>"
SCRIPT = ONBOARDING_AND_PLAN + [CHECKIN_LABEL] + CHECKIN_ANSWERS + PROBLEM_SOLVING
STACK_ENV = {
    # as tests/e2e: scripted patients type faster than the rate limit allows; the scheduler
    # sweeps every second and does not wait for a quiet conversation
    "PACER_RATE_LIMIT": "100000", "PACER_SCHEDULER_INTERVAL_S": "1",
    "PACER_CHECKIN_RECENT_CONTACT_S": "0", "PACER_CHECKIN_FORM_RETRY_S": "2",
    "PACER_CLINIC_NAME": "Bench Valley Pain Clinic", "PACER_CLINIC_PHONE": "09 555 0100",
}
COLUMNS = ["wall", "rasa", "nlu", "policy", "memo", "rule", "ted", "load", "save", "act", "http", "srv",
           "sql", "KB", "n", "chan"]


class ProfileLog:
    """Reads the lines appended since the last read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def new_records(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as handle:
            handle.seek(self.offset)
            text = handle.read()
        complete = text[: text.rfind("\n") + 1]
        self.offset += len(complete.encode())
        return [json.loads(line) for line in complete.splitlines() if line.strip()]


def policy_node(nodes: dict, name: str) -> float:
    return sum(ms for node, ms in nodes.items() if name in node)


def turn_row(wall_ms: float, records: list[dict]) -> dict:
    """One turn's figures from the rasa turn line(s) and the action server lines."""
    rasa = [r for r in records if r["source"] == "rasa"]
    served = [r for r in records if r["source"] == "actions"]
    actions = [a for r in rasa for a in r["actions"]]
    remote = [a for a in actions if a["http_ms"]]
    policy_nodes: dict[str, float] = defaultdict(float)
    nlu_nodes: dict[str, float] = defaultdict(float)
    for record in rasa:
        for node, ms in record["policy_nodes"].items():
            policy_nodes[node] += ms
        for node, ms in record["nlu_nodes"].items():
            nlu_nodes[node] += ms
    return {
        "wall": wall_ms,
        "rasa": sum(r["total_ms"] for r in rasa),
        "nlu": sum(r["nlu_ms"] for r in rasa),
        "policy": sum(r["policy_ms"] for r in rasa),
        "memo": policy_node(policy_nodes, "MemoizationPolicy"),
        "rule": policy_node(policy_nodes, "RulePolicy"),
        "ted": policy_node(policy_nodes, "TEDPolicy"),
        "load": sum(r["tracker_load_ms"] for r in rasa),
        "save": sum(r["tracker_save_ms"] for r in rasa),
        "act": sum(a["ms"] for a in actions),
        "http": sum(a["http_ms"] for a in remote),
        "build": sum(a["request_build_ms"] for a in remote),
        "srv": sum(r["total_ms"] for r in served),
        "sql": sum(r["db_ms"] for r in served),
        "sql_n": sum(r["db_statements"] for r in served),
        "rasa_sql": sum(r["db_ms"] for r in rasa),
        "KB": sum(r["request_bytes"] for r in served) / 1024,
        "domain_KB": sum(r["domain_bytes"] for r in served) / 1024,
        "n": len(served),
        "chan": sum(r["channel_ms"] for r in rasa),
        "predictions": sum(r["predictions"] for r in rasa),
        "policy_graph": sum(policy_nodes.values()),
        "policy_nodes": dict(policy_nodes),
        "nlu_nodes": dict(nlu_nodes),
        "actions": [a["name"] for a in remote],
    }


def cost_breakdown(rows: list[dict]) -> dict[str, float]:
    """Non-overlapping parts of the total wall time, summed over the turns."""
    total = defaultdict(float)
    for row in rows:
        nodes_policy = row["policy_graph"]
        parts = {
            "NLU": row["nlu"],
            "policy: MemoizationPolicy": row["memo"],
            "policy: RulePolicy": row["rule"],
            "policy: TEDPolicy": row["ted"],
            "policy: other graph nodes": nodes_policy - row["memo"] - row["rule"] - row["ted"],
            "policy: outside the graph": row["policy"] - nodes_policy,
            "tracker store load": row["load"],
            "tracker store save": row["save"],
            "action request build in rasa (tracker+domain JSON)": row["build"],
            "action server: SQL": row["sql"],
            "action server: handler except SQL": row["srv"] - row["sql"],
            "action HTTP transport + (de)serialisation": row["http"] - row["srv"],
            "channel output": row["chan"],
            "rasa around actions (tracker copy, events)":
                row["act"] - row["http"] - row["build"] - row["chan"],
            "rasa other (slots, session, bookkeeping)":
                row["rasa"] - row["nlu"] - row["policy"] - row["load"] - row["save"] - row["act"],
            "outside rasa's turn (HTTP, REST channel, lock)": row["wall"] - row["rasa"],
        }
        for name, ms in parts.items():
            total[name] += ms
    return dict(total)


def print_report(labels: list[str], rounds: list[list[dict]]) -> dict:
    medians = []
    figures = COLUMNS + ["build", "sql_n", "domain_KB", "policy_graph"]
    for index in range(len(labels)):
        per_round = [r[index] for r in rounds]
        row = {c: statistics.median(p[c] for p in per_round) for c in figures}
        row.update({k: per_round[-1][k] for k in ("policy_nodes", "nlu_nodes", "actions", "predictions")})
        medians.append(row)
    width = max(len(label) for label in labels) if labels else 10
    width = min(width, 44)
    print(f"{'turn':<{width}}  " + "  ".join(f"{c:>6}" for c in COLUMNS) + "  actions")
    for label, row in zip(labels, medians, strict=True):
        cells = "  ".join(f"{row[c]:6.0f}" if c != "KB" else f"{row[c]:6.1f}" for c in COLUMNS)
        print(f"{label[:width]:<{width}}  {cells}  {','.join(row['actions'])}")
    sums = {c: sum(r[c] for r in medians) for c in COLUMNS + ["build", "sql_n", "domain_KB"]}
    print(f"{'TOTAL':<{width}}  " + "  ".join(
        f"{sums[c]:6.0f}" if c != "KB" else f"{sums[c]:6.1f}" for c in COLUMNS))
    turns = len(medians)
    print(f"\n{turns} turns, wall {sums['wall']:.0f} ms (mean {sums['wall'] / turns:.0f} ms per turn); "
          f"{sums['n']:.0f} action calls carrying {sums['KB']:.0f} KB "
          f"({sums['domain_KB']:.0f} KB of it domain); {sums['sql_n']:.0f} SQL calls in the action server")
    costs = cost_breakdown(medians)
    print("\nWhere the wall time goes (sum of per-turn medians):")
    for name, ms in sorted(costs.items(), key=lambda item: -item[1]):
        print(f"  {ms:8.0f} ms  {100 * ms / sums['wall']:5.1f} %  {name}")
    nodes: dict[str, float] = defaultdict(float)
    for row in medians:
        for node, ms in {**row["nlu_nodes"], **row["policy_nodes"]}.items():
            nodes[node] += ms
    print("\nGraph nodes (NLU and policy), ms summed over the turns:")
    for node, ms in sorted(nodes.items(), key=lambda item: -item[1])[:12]:
        print(f"  {ms:8.1f}  {node}")
    top5 = sorted(costs.items(), key=lambda item: -item[1])[:5]
    print("\nTop five costs: " + "; ".join(f"{name} {ms:.0f} ms ({100 * ms / sums['wall']:.0f} %)"
                                         for name, ms in top5))
    turns = [dict(label=label, **row) for label, row in zip(labels, medians, strict=True)]
    return {"turns": turns, "totals": sums, "costs": costs, "nodes": dict(nodes)}


def run_round(client: httpx.Client, stack, log: ProfileLog, sender: str) -> list[dict]:  # noqa: ANN001
    from bot.services import checkins
    from bot.store.db import session_scope
    from bot.store.models import CheckinDelivery, utcnow
    from bot.store.repository import find_patient

    rows = []
    log.new_records()  # drop anything from before this round (scheduler sweeps, warm-up)
    for text in SCRIPT:
        if text == CHECKIN_LABEL:
            checkins.update_preferences(sender, quiet_off=True)  # the bench runs at any hour
            with session_scope() as session:
                patient_id = find_patient(session, sender).id
            delivery_id = checkins.queue_checkin(patient_id, utcnow())
            deadline = time.monotonic() + 90
            records: list[dict] = []
            while True:
                records += log.new_records()
                if any(r.get("kind") == "trigger_intent" and r["sender"] == sender for r in records):
                    with session_scope() as session:
                        status = session.get(CheckinDelivery, delivery_id).status
                    if status == "sent":
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("the scheduler did not send the check-in in 90 s")
                time.sleep(0.2)
            # the scheduler's wall time is not ours to see: rasa's own turn time stands for it
            row = turn_row(0.0, records)
            row["wall"] = row["rasa"]
            rows.append(row)
            continue
        started = time.perf_counter()
        response = client.post(f"{stack.rasa_url}/webhooks/rest/webhook",
                               json={"sender": sender, "message": text}, headers=stack.rest_auth)
        wall_ms = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        rows.append(turn_row(wall_ms, log.new_records()))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="conversations; the first one warms up")
    parser.add_argument("--json", type=Path, default=None, help="where to write the figures")
    parser.add_argument("--cprofile", action="store_true",
                        help="also run rasa's turns under cProfile and print its top functions "
                             "(slower turns: compare such runs only with each other)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pacer-turn-profile-"))
    profile = workdir / "profile.jsonl"
    os.environ.update(STACK_ENV)
    os.environ["PACER_PROFILE"] = str(profile)
    if args.cprofile:
        os.environ["PACER_PROFILE_CPROFILE"] = "1"
    from bot.store import db
    from tests.e2e.stack import PacerStack

    stack = PacerStack(workdir)
    os.environ["DATABASE_URL"] = stack.settings.database_url
    db.reset_engines()
    load_before = os.getloadavg()
    stack.start()
    log = ProfileLog(profile)
    try:
        with httpx.Client(timeout=60) as client:
            rounds = [run_round(client, stack, log, f"rest:profile-{uuid.uuid4().hex[:8]}")
                      for _ in range(max(2, args.rounds))]
    finally:
        stack.stop()
        os.environ.pop("PACER_PROFILE", None)
    load_after = os.getloadavg()
    print(f"load average {load_before[0]:.2f} -> {load_after[0]:.2f} on {os.cpu_count()} cores; "
          f"median of {len(rounds) - 1} rounds after one warm-up\n")
    report = print_report(SCRIPT, rounds[1:])
    report.update({"loadavg": [load_before[0], load_after[0]], "cores": os.cpu_count(),
                   "rounds": len(rounds) - 1})
    if args.cprofile:
        import pstats

        print("\nrasa under cProfile, all rounds (cumulative, top 40):")
        pstats.Stats(f"{profile}.rasa.pstats").sort_stats("cumulative").print_stats(40)
    path = save_results("turn-profile", report, path=args.json)
    print(f"\n{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

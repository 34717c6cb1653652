"""Issue 18's acceptance: Pacer against Rasa's own `rasa init` starter bot, in one run on
one machine, over the REST channel.

    python -m bench.vs_starter [--single-turns 60] [--users 10] [--duration 30] [--warmup 3]
                               [--only starter|pacer]

The starter bot (its tracker in memory, no action server: a hard reference) is created and
trained once per Rasa version under bench/.starter/ and served with `rasa run --enable-api`.
Pacer runs as `make run` runs it (tests/e2e/stack.py: rasa, action server, web app and
scheduler from bot/processes.py, on a throwaway SQLite file). The bots are measured one after
the other, each alone, on free loopback ports, and every process is stopped at the end.

Each simulated user is a closed loop: it sends the next message as soon as the reply to the
last one arrives; every conversation is a fresh sender id. The first `--warmup` turns of each
user are left out of the figures (the first turn after a start is cold). Two levels per bot:
1 user for `--single-turns` measured turns, and `--users` users for `--duration` seconds
(from the moment the last user finished its warm-up). Latency is send -> full reply;
throughput is replies completed inside the measured window over its length.

Prints the issue's table, the load average and PASS/FAIL against the acceptance (Pacer's p95
at most 2x the starter's at 1 and at 10 users, at least 20 messages a second at 10 users) and
writes bench/results/vs-starter-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp
import yaml

from bench import patients
from bench.output import save_results

BENCH_DIR = Path(__file__).resolve().parent
STARTER_CACHE = BENCH_DIR / ".starter"
STARTUP_TIMEOUT_S = 300
REQUEST_TIMEOUT_S = 60

# The acceptance of issue 18.
MAX_P95_RATIO = 2.0
MIN_MESSAGES_PER_S = 20.0


# --- conversations --------------------------------------------------------------------------

def starter_conversation(index: int) -> list[str]:
    """One pass through the starter bot's own stories and rules: greet, a mood (great, or
    unhappy then did-that-help yes/no), sometimes "are you a bot", goodbye."""
    rng = random.Random(index)
    turns = [rng.choice(["hello", "hi", "hey there", "good morning"])]
    if rng.random() < 0.5:
        turns.append(rng.choice(["I am feeling great", "very good", "amazing"]))
    else:
        turns.append(rng.choice(["I'm sad", "very unhappy", "not good"]))
        turns.append(rng.choice(["yes", "of course", "no", "not really"]))
    if rng.random() < 0.5:
        turns.append(rng.choice(["are you a bot?", "am I talking to a human?"]))
    turns.append(rng.choice(["bye", "goodbye", "see you later"]))
    return turns


def pacer_conversation(index: int) -> list[str]:
    """bench/patients.py's patient: onboarding, values, PSFS, a plan with its confidence
    rating, an education question, show my plans, goodbye."""
    return patients.conversation(index)


def messages(conversation: Callable[[int], list[str]], user: int) -> Iterator[tuple[int, str]]:
    """Endless (conversation number, text) for one user; each conversation is new."""
    number = 0
    while True:
        for text in conversation(user * 10_000 + number):
            yield number, text
        number += 1


# --- the pure part: samples, statistics, table, verdict ---------------------------------------

@dataclass
class Sample:
    """One message: when it was sent and answered (monotonic seconds), and how."""

    user: int
    turn: int  # the user's n-th message in this level, from 0
    sent: float
    answered: float
    ok: bool
    replies: int = 0
    error: str = ""
    text: str = ""  # what the user said (the scripts are synthetic: nothing sensitive)
    reply: str = ""  # the start of the bot's first reply, to see the conversation went as meant

    @property
    def latency_s(self) -> float:
        return self.answered - self.sent


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (the same rule as bench/patients.py)."""
    return patients.percentile(values, q)


def measured(samples: list[Sample], warmup: int) -> list[Sample]:
    return [s for s in samples if s.turn >= warmup]


def summarise(samples: list[Sample], warmup: int, window: tuple[float, float] | None = None) -> dict:
    """Figures of one level. Latency: every message after each user's warm-up that was sent
    inside the window; throughput: answers completed inside the window over its length. The
    window defaults to the first measured send -> the last measured answer."""
    after_warmup = measured(samples, warmup)
    if not after_warmup:
        return {"messages": 0, "ok": 0, "errors": 0, "empty_replies": 0, "p50_ms": None, "p95_ms": None,
                "p99_ms": None, "messages_per_s": None, "window_s": 0.0}
    start, end = window or (min(s.sent for s in after_warmup), max(s.answered for s in after_warmup))
    in_window = [s for s in after_warmup if start <= s.sent < end or s.sent == start]
    ok = [s for s in in_window if s.ok]
    latencies = [s.latency_s for s in ok]
    completed = sum(1 for s in after_warmup if s.ok and start < s.answered <= end)
    length = end - start
    return {
        "messages": len(in_window),
        "ok": len(ok),
        "errors": len(in_window) - len(ok),
        "empty_replies": sum(1 for s in ok if s.replies == 0),
        "p50_ms": _ms(percentile(latencies, 50)),
        "p95_ms": _ms(percentile(latencies, 95)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "messages_per_s": round(completed / length, 2) if length > 0 else None,
        "window_s": round(length, 2),
    }


def slowest(samples: list[Sample], warmup: int, n: int = 5) -> list[dict]:
    """The `n` messages with the highest median latency, by what was said: where to look."""
    by_text: dict[str, list[float]] = {}
    for s in measured(samples, warmup):
        if s.ok:
            by_text.setdefault(s.text, []).append(s.latency_s)
    ranked = sorted(by_text.items(), key=lambda item: percentile(item[1], 50) or 0.0, reverse=True)
    return [{"text": text, "p50_ms": _ms(percentile(values, 50)), "count": len(values)}
            for text, values in ranked[:n]]


def ratio(pacer: float | None, starter: float | None) -> float | None:
    if pacer is None or not starter:
        return None
    return round(pacer / starter, 2)


def verdict(starter: dict, pacer: dict, users: int = 10) -> list[tuple[str, bool]]:
    """The acceptance, one (criterion, met) per line. `starter` and `pacer` map "single" and
    "concurrent" to summarise() results. A level with errors, or without figures, fails."""
    checks = []
    for level, label in (("single", "1 user"), ("concurrent", f"{users} users")):
        r = ratio(pacer[level]["p95_ms"], starter[level]["p95_ms"])
        checks.append((f"Pacer p95 <= {MAX_P95_RATIO:g}x starter at {label} ({_fmt_ratio(r)})",
                       r is not None and r <= MAX_P95_RATIO))
    rate = pacer["concurrent"]["messages_per_s"]
    checks.append((f"Pacer >= {MIN_MESSAGES_PER_S:g} msg/s at {users} users ({_fmt(rate)})",
                   rate is not None and rate >= MIN_MESSAGES_PER_S))
    errors = sum(bot[level]["errors"] for bot in (starter, pacer) for level in ("single", "concurrent"))
    checks.append((f"no failed messages ({errors})", errors == 0))
    return checks


def table(starter: dict, pacer: dict, users: int) -> str:
    """The issue's table: p50 / p95 at 1 user and at `users`, messages per second, ratios."""
    def pair(figures: dict) -> str:
        return f"{_fmt(figures['p50_ms'])} / {_fmt(figures['p95_ms'])} ms"

    def ratios(level: str) -> str:
        return (f"{_fmt_ratio(ratio(pacer[level]['p50_ms'], starter[level]['p50_ms']))} / "
                f"{_fmt_ratio(ratio(pacer[level]['p95_ms'], starter[level]['p95_ms']))}")

    rows = [
        ("", "starter bot", "Pacer", "ratio"),
        ("1 user, p50 / p95", pair(starter["single"]), pair(pacer["single"]), ratios("single")),
        (f"{users} users, p50 / p95", pair(starter["concurrent"]), pair(pacer["concurrent"]),
         ratios("concurrent")),
        (f"{users} users, messages per second", _fmt(starter["concurrent"]["messages_per_s"]),
         _fmt(pacer["concurrent"]["messages_per_s"]),
         _fmt_ratio(ratio(pacer["concurrent"]["messages_per_s"], starter["concurrent"]["messages_per_s"]))),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


# --- the load: closed-loop users over REST --------------------------------------------------

@dataclass
class Level:
    users: int
    warmup: int
    turns: int | None = None  # stop after this many measured messages (all users) ...
    duration_s: float | None = None  # ... or this long after the last user warmed up
    samples: list[Sample] = field(default_factory=list)
    window: tuple[float, float] | None = None


async def run_level(url: str, token: str, conversation: Callable[[int], list[str]], level: Level,
                    prefix: str) -> Level:
    """`level.users` closed-loop users; each message waits for the reply to the last."""
    warmed: set[int] = set()
    state = {"start": None, "end": None, "measured_sent": 0}
    if level.warmup == 0:
        state["start"] = time.monotonic()
        if level.duration_s is not None:
            state["end"] = state["start"] + level.duration_s

    def keep_going() -> bool:
        if level.turns is not None:
            return state["measured_sent"] < level.turns
        return state["end"] is None or time.monotonic() < state["end"]

    async def user(session: aiohttp.ClientSession, index: int) -> None:
        run_id = uuid.uuid4().hex[:6]
        turn = 0
        for number, text in messages(conversation, index):
            if not keep_going():
                return
            if turn >= level.warmup:
                state["measured_sent"] += 1
            sender = f"{prefix}-{run_id}-u{index}-c{number}"
            sample = await send(session, url, token, sender, text, index, turn)
            sample.text = text
            level.samples.append(sample)
            turn += 1
            if turn == level.warmup:
                warmed.add(index)
                if len(warmed) == level.users:
                    state["start"] = time.monotonic()
                    if level.duration_s is not None:
                        state["end"] = state["start"] + level.duration_s

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(user(session, i) for i in range(level.users)))
    if level.duration_s is not None and state["start"] is not None:
        level.window = (state["start"], state["end"])
    return level


async def send(session: aiohttp.ClientSession, url: str, token: str, sender: str, text: str,
               user: int, turn: int) -> Sample:
    """One message, one attempt (a failure is counted, not retried)."""
    body = {"sender": sender, "message": text, "metadata": {"message_id": uuid.uuid4().hex}}
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    sent = time.monotonic()
    try:
        async with session.post(url, json=body, headers=headers,
                                timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as response:
            if response.status != 200:
                await response.read()
                return Sample(user, turn, sent, time.monotonic(), False, error=f"HTTP {response.status}")
            replies = await response.json()
            answered = time.monotonic()
            first = next((r.get("text") for r in replies if r.get("text")), "") or ""
            return Sample(user, turn, sent, answered, True, replies=len(replies), reply=first[:80])
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        return Sample(user, turn, sent, time.monotonic(), False, error=type(exc).__name__)


@dataclass
class Bot:
    name: str
    url: str
    token: str
    conversation: Callable[[int], list[str]]


def levels(args: argparse.Namespace) -> list[tuple[str, Callable[[], Level]]]:
    return [
        ("single", lambda: Level(users=1, warmup=args.warmup, turns=args.single_turns)),
        ("concurrent", lambda: Level(users=args.users, warmup=args.warmup, duration_s=args.duration)),
    ]


def measure_level(bot: Bot, level: Level, name: str) -> dict:
    """One level against one running bot; its figures plus the load average around it."""
    load_before = os.getloadavg()[0]
    asyncio.run(run_level(bot.url, bot.token, bot.conversation, level, f"{bot.name}-{name}"))
    load_after = os.getloadavg()[0]
    figures = summarise(level.samples, level.warmup, level.window)
    figures["users"] = level.users
    figures["loadavg"] = f"{load_before:.1f}->{load_after:.1f}"
    figures["error_kinds"] = sorted({s.error for s in level.samples if s.error})
    print(f"  {bot.name:7} {name:10} {json.dumps(figures)}", flush=True)
    figures["slowest"] = slowest(level.samples, level.warmup)
    return figures


# --- the two bots ---------------------------------------------------------------------------

def rasa_version() -> str:
    import rasa

    return rasa.__version__


def git_commit() -> str:
    """The Pacer code measured (`+changes` when the tree differs from it), for before/after."""
    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=BENCH_DIR, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def starter_project() -> Path:
    """The `rasa init` project with its trained model, made once per Rasa version (the
    training takes about a minute) in a scratch directory and then moved into place."""
    project = STARTER_CACHE / f"rasa-{rasa_version()}"
    if list((project / "models").glob("*.tar.gz")):
        return project
    STARTER_CACHE.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="init-", dir=STARTER_CACHE))
    print(f"Creating and training the starter bot in {scratch} (about a minute) ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(scratch)],
                       cwd=scratch, env=starter_env(), check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        if not list((scratch / "models").glob("*.tar.gz")):
            raise RuntimeError("rasa init trained no model")
        shutil.rmtree(project, ignore_errors=True)
        scratch.rename(project)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return project


def starter_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PACER_", "DATABASE_URL", "RASA_"))}
    env.update({"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"})
    return env


def check_starter_endpoints(path: Path) -> None:
    """The reference must stay the reference: no action server, tracker in memory."""
    config = yaml.safe_load(path.read_text()) or {}
    extra = sorted(set(config) & {"action_endpoint", "tracker_store", "lock_store", "event_broker"})
    if extra:
        raise RuntimeError(f"{path} configures {', '.join(extra)}: the starter bot must run without them")


class StarterBot:
    """`rasa run --enable-api` on the starter project, loopback, a free port."""

    def __init__(self, project: Path, workdir: Path) -> None:
        from bot import processes
        from tests.e2e.stack import free_port

        self.project, self.workdir = project, workdir
        self.port = free_port()
        model = sorted((project / "models").glob("*.tar.gz"))[-1]
        endpoints = project / "endpoints.yml"
        check_starter_endpoints(endpoints)
        base = f"http://127.0.0.1:{self.port}"
        self.service = processes.Service(
            "starter-rasa",
            [sys.executable, "-m", "rasa", "run", "--enable-api", "--model", str(model),
             "--endpoints", str(endpoints), "--credentials", str(project / "credentials.yml"),
             "--interface", "127.0.0.1", "--port", str(self.port),
             "--log-file", str(workdir / "logs" / "starter-rasa.log")],
            f"{base}/", f"{base}/webhooks/rest/webhook")

    def launch(self) -> None:
        log_dir = self.workdir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        self.service.log_path = log_dir / "starter-rasa.out"
        # In the starter project (not Pacer's root, where rasa would find Pacer's files).
        with self.service.log_path.open("ab") as handle:
            self.service.process = subprocess.Popen(
                self.service.command, cwd=self.project, env=starter_env(), stdout=handle,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def wait_healthy(self) -> None:
        from bot import processes

        if not processes.wait_healthy(self.service, STARTUP_TIMEOUT_S):
            log = processes.tail(self.service.log_path, 40)
            self.stop()
            raise RuntimeError(f"the starter bot did not start:\n{log}")

    def stop(self) -> None:
        from bot import processes

        processes.stop(self.service)


def warm(bot: Bot) -> list[dict]:
    """One whole untimed conversation right after start-up (the cold first turns); its
    transcript goes into the results, to show the conversation went the way it was meant."""
    level = Level(users=1, warmup=0, turns=len(bot.conversation(0)))
    asyncio.run(run_level(bot.url, bot.token, bot.conversation, level, f"{bot.name}-warm"))
    return [{"said": s.text, "first_reply": s.reply, "replies": s.replies, "ms": _ms(s.latency_s),
             "error": s.error} for s in level.samples]


def bench(args: argparse.Namespace, workdir: Path) -> dict:
    """Both bots up at once (each idle while the other is measured), then each level on the
    starter and right after on Pacer: on a shared machine the pair sees the same load."""
    from tests.e2e.stack import PacerStack

    starter = StarterBot(starter_project(), workdir) if args.only != "pacer" else None
    stack = PacerStack(workdir / "pacer") if args.only != "starter" else None
    bots: list[Bot] = []
    started = time.monotonic()
    try:
        if starter is not None:
            starter.launch()  # loads its model while Pacer starts
        if stack is not None:
            stack.start()
            print(f"Pacer up in {time.monotonic() - started:.0f} s "
                  f"({', '.join(s.name for s in stack.services)}, SQLite)", flush=True)
            bots.append(Bot("pacer", f"{stack.rasa_url}/webhooks/rest/webhook", stack.settings.rest_token,
                            pacer_conversation))
        if starter is not None:
            starter.wait_healthy()
            print(f"starter bot up in {time.monotonic() - started:.0f} s "
                  "(tracker in memory, no action server)", flush=True)
            bots.insert(0, Bot("starter", starter.service.public_url, "", starter_conversation))
        results: dict = {bot.name: {"warm_up_transcript": warm(bot)} for bot in bots}
        for name, make_level in levels(args):
            for bot in bots:
                results[bot.name][name] = measure_level(bot, make_level(), name)
        return results
    finally:
        if stack is not None:
            stack.stop()
        if starter is not None:
            starter.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--single-turns", type=int, default=60, help="measured messages at 1 user")
    parser.add_argument("--users", type=int, default=10, help="users of the concurrent level")
    parser.add_argument("--duration", type=float, default=30, help="seconds measured at --users")
    parser.add_argument("--warmup", type=int, default=3, help="first messages of each user left out")
    parser.add_argument("--only", choices=["starter", "pacer"], help="measure one bot (no verdict)")
    args = parser.parse_args()

    def stop_cleanly(*_: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up short
        raise KeyboardInterrupt  # unwinds through the finally blocks that stop the servers

    signal.signal(signal.SIGTERM, stop_cleanly)
    workdir = Path(tempfile.mkdtemp(prefix="pacer-vs-starter-"))
    results: dict = {
        "commit": git_commit(), "rasa": rasa_version(), "cores": os.cpu_count(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "settings": vars(args),
        "loadavg_start": os.getloadavg(),
    }
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    try:
        results.update(bench(args, workdir))
    except KeyboardInterrupt:
        print("stopped: every process the bench started has been stopped", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["loadavg_end"] = os.getloadavg()
    exit_code = 0
    print()
    if "starter" in results and "pacer" in results:
        print(table(results["starter"], results["pacer"], args.users))
        checks = verdict(results["starter"], results["pacer"], args.users)
        results["verdict"] = [{"criterion": c, "met": met} for c, met in checks]
        print()
        for criterion, met in checks:
            print(f"{'PASS' if met else 'FAIL'}  {criterion}")
        exit_code = 0 if all(met for _, met in checks) else 1
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    path = save_results("vs-starter", results, default=_jsonable)
    print(path)
    return exit_code


def _jsonable(value: object) -> object:
    return asdict(value) if hasattr(value, "__dataclass_fields__") else str(value)


if __name__ == "__main__":
    raise SystemExit(main())

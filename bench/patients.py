"""Simulated patients for the load and fault benches: realistic multi-turn conversations
through the REST channel (via nginx), each message with an idempotency key, retried on
failure until it is answered.

A request is *acknowledged* when it got HTTP 200 with the bot's replies. A connection
error, a 5xx or a timeout leaves it unacknowledged: the client retries the same
`message_id` (the replica that answers the retry either processes it, or replays the
answer it already stored: bot/channels/rest.py).
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

NAMES = ["Aroha", "Mele", "Tom", "Priya", "Sione", "Grace", "Wiremu", "Ana", "Li", "Sam"]
VALUES = [
    "being able to play with my grandkids without paying for it after",
    "getting back to my garden",
    "walking my dog every morning like I used to",
    "going back to work part time",
]
ACTIVITIES = ["gardening and walking the dog", "walking and cooking dinner", "swimming and housework"]
PLANS = [
    "walk to the letterbox and back, 10 minutes, after lunch, 4 days",
    "stretch for 5 minutes after breakfast, 5 days",
    "garden for 15 minutes in the morning, 3 days",
]
QUESTIONS = ["why does pain hang around after an injury heals?", "what is pacing?",
             "does stress make pain worse?"]


def conversation(index: int) -> list[str]:
    """Onboarding, values, PSFS, an action plan with a confidence rating, then a question,
    the plans and goodbye: about a dozen turns, varied by patient."""
    rng = random.Random(index)
    return [
        rng.choice(["hello", "hi there", "hey"]),
        rng.choice(["yes that's fine", "yes, ok"]),
        f"I'm {rng.choice(NAMES)}",
        rng.choice(VALUES),
        rng.choice(ACTIVITIES),
        str(rng.randint(2, 5)),
        str(rng.randint(3, 7)),
        rng.choice(PLANS),
        rng.choice(["yep", "yes"]),
        str(rng.randint(7, 9)),
        rng.choice(QUESTIONS),
        "show my plans",
        rng.choice(["thanks, bye", "bye for now"]),
    ]


@dataclass
class Turn:
    sender: str
    message_id: str
    attempts: int = 0
    latency_s: float | None = None  # first attempt to acknowledgement
    acked: bool = False
    replayed: bool = False
    replies: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Run:
    turns: list[Turn] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0


async def send(session: aiohttp.ClientSession, url: str, token: str, turn: Turn, text: str,
               deadline: float, timeout_s: float) -> None:
    """POST until acknowledged (same message_id every time) or the deadline passes."""
    body = {"sender": turn.sender, "message": text, "metadata": {"message_id": turn.message_id}}
    headers = {"Authorization": f"Bearer {token}"}
    start = time.monotonic()
    delay = 0.2
    while time.monotonic() < deadline:
        turn.attempts += 1
        try:
            async with session.post(url, json=body, headers=headers,
                                    timeout=aiohttp.ClientTimeout(total=timeout_s)) as response:
                if response.status == 200:
                    replies = await response.json()
                    turn.acked, turn.latency_s = True, time.monotonic() - start
                    turn.replayed = response.headers.get("X-Pacer-Replayed") == "1"
                    turn.replies = len(replies)
                    return
                turn.errors.append(f"HTTP {response.status}")
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            turn.errors.append(type(exc).__name__)
        await asyncio.sleep(delay)
        delay = min(delay * 2, 2.0)


async def patient(session: aiohttp.ClientSession, url: str, token: str, sender: str, index: int,
                  run: Run, stop_at: float, give_up_at: float, timeout_s: float) -> None:
    for text in conversation(index):
        if time.monotonic() > stop_at:
            return
        turn = Turn(sender, f"{sender}-{uuid.uuid4().hex[:12]}")
        run.turns.append(turn)
        await send(session, url, token, turn, text, give_up_at, timeout_s)
        if not turn.acked:
            return


async def chat(url: str, token: str, patients: int, prefix: str, duration_s: float,
               timeout_s: float = 60.0) -> Run:
    """`patients` concurrent conversations; no new turn starts after `duration_s`, and a
    message still unacknowledged `duration_s + 120` seconds in is given up (an error)."""
    run = Run(started=time.monotonic())
    stop_at, give_up_at = run.started + duration_s, run.started + duration_s + 120
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(
            patient(session, url, token, f"{prefix}-{i:03d}", i, run, stop_at, give_up_at, timeout_s)
            for i in range(patients)
        ))
    run.ended = time.monotonic()
    return run


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(run: Run) -> dict:
    acked = [t for t in run.turns if t.acked]
    latencies = [t.latency_s for t in acked]
    wall = max(run.ended - run.started, 1e-9)
    return {
        "messages": len(run.turns),
        "acknowledged": len(acked),
        "p50_ms": _ms(percentile(latencies, 50)),
        "p95_ms": _ms(percentile(latencies, 95)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "messages_per_s": round(len(acked) / wall, 2),
        "errors": sum(len(t.errors) for t in run.turns),
        "given_up": len(run.turns) - len(acked),
        "retried": sum(1 for t in run.turns if t.attempts > 1),
        "empty_replies": sum(1 for t in acked if t.replies == 0),
        "wall_s": round(wall, 1),
    }


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)

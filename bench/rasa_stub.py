"""A local stand-in for the Rasa HTTP API endpoint the scheduler uses, on loopback.

`POST /conversations/{id}/trigger_intent` checks the token and the body and logs every
request (the scheduler reads a conversation's state from the tracker store's `events`
table, not through Rasa: `record_events` writes what a test needs there). With
`--record-receipts` it also does what Pacer's check-in action and Rasa do (`open_checkin`:
the tracker check, `bot.services.checkins.receive()` and the slot event committed to
`events`, against DATABASE_URL), so the fault test sees what a patient would see.

It runs as its own process (an aiohttp server): in a thread of the process under test,
the GIL hand-offs between client and server cost more than the work being measured.
`RasaStub` starts it and reads its log and counters through `/_stub/*`.

    python -m bench.rasa_stub --token TOKEN [--record-receipts]   # prints "port N"
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


class RasaStub:
    """Start the stub process; `url` for the scheduler, counters for assertions."""

    def __init__(self, token: str = "stub-token", record_receipts: bool = False,
                 env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "bench.rasa_stub", "--token", token]
        if record_receipts:
            command.append("--record-receipts")
        self.token = token
        self.process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, text=True,
            start_new_session=True,
        )
        line = self.process.stdout.readline().strip()
        if not line.startswith("port "):
            self.close()
            raise RuntimeError(f"rasa stub did not start: {line!r}")
        self.port = int(line.split()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def configure(self, **settings: object) -> None:
        """fail_next=N (answer N triggers with 503)."""
        httpx.post(f"{self.url}/_stub/config", json=settings, timeout=10).raise_for_status()

    def stats(self) -> dict:
        return httpx.get(f"{self.url}/_stub/stats", timeout=30).json()

    def raw(self) -> Counter:
        """delivery id -> trigger_intent requests received."""
        return Counter(delivery for _, delivery, _ in self.stats()["triggers"])

    def shown(self) -> Counter:
        """delivery id -> check-ins the patient would have seen (first receipt only)."""
        return Counter(self.stats()["shown"])


_EVENTS_LOCK = threading.Lock()


def _events_table():  # noqa: ANN202 - a Table
    """The tracker store's `events` table (Rasa's SQLTrackerStore shape), created if missing."""
    from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

    from bot.store.db import get_engine

    events = Table(
        "events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
        Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
        Column("action_name", String(255)), Column("data", Text),
    )
    with _EVENTS_LOCK:  # the stub's request threads would race to create it
        events.create(get_engine(), checkfirst=True)
    return events


def record_events(conversation_id: str, events: list[dict]) -> None:
    """Commit Rasa events (their JSON form: {"event": "user", "timestamp": ..., ...}) to the
    tracker store, as a rasa turn would: what the scheduler then reads about the conversation."""
    import json
    import time

    from bot.store.db import get_engine

    table = _events_table()
    with get_engine().begin() as conn:
        for event in events:
            conn.execute(table.insert().values(
                sender_id=conversation_id, type_name=event["event"],
                timestamp=event.get("timestamp") or time.time(),
                intent_name=((event.get("parse_data") or {}).get("intent") or {}).get("name"),
                action_name=event.get("name") if event["event"] == "action" else None,
                data=json.dumps(event),
            ))


def open_checkin(conversation_id: str, delivery_id: int) -> bool:
    """What Rasa and action_booster_checkin do with a trigger, in one transaction each: skip
    a check-in the tracker already opened, else record the receipt and commit the action's
    `checkin_delivery_id` slot event to the tracker store's `events` table."""
    import json
    import time

    from bot.scheduler.rasa_api import DELIVERY_SLOT
    from bot.scheduler.store import committed_deliveries
    from bot.services import checkins
    from bot.store.db import get_engine

    engine = get_engine()
    events = _events_table()
    with engine.connect() as conn:
        if delivery_id in committed_deliveries(conn, [(conversation_id, delivery_id)]):
            return False
    if checkins.receive(delivery_id, conversation_id, redeliver=True) is None:
        return False
    with engine.begin() as conn:
        conn.execute(events.insert().values(
            sender_id=conversation_id, type_name="slot", timestamp=time.time(),
            data=json.dumps({"event": "slot", "name": DELIVERY_SLOT, "value": float(delivery_id)}),
        ))
    return True


def serve(token: str, record_receipts: bool) -> None:
    import asyncio

    from aiohttp import web

    state = {"fail_next": 0, "triggers": [], "shown": Counter()}

    def authorised(request: web.Request) -> bool:
        return request.query.get("token") == token

    async def trigger(request: web.Request) -> web.Response:
        if not authorised(request):
            return web.json_response({"status": "failure"}, status=401)
        if state["fail_next"] > 0:
            state["fail_next"] -= 1
            return web.json_response({"status": "failure", "message": "stub: rasa down"}, status=503)
        payload = await request.json()
        if payload.get("name") != "EXTERNAL_booster_checkin":
            return web.json_response({"status": "failure", "reason": "unexpected intent"}, status=400)
        cid = request.match_info["cid"]
        delivery = str((payload.get("entities") or {}).get("delivery_id"))
        first = True
        if record_receipts:
            first = await asyncio.to_thread(open_checkin, cid, int(delivery))
        state["triggers"].append((cid, delivery, request.query.get("output_channel", "")))
        if first:
            state["shown"][delivery] += 1
        return web.json_response({"tracker": {"sender_id": cid}, "messages": []})

    async def config(request: web.Request) -> web.Response:
        body = await request.json()
        if "fail_next" in body:
            state["fail_next"] = int(body["fail_next"])
        return web.json_response({"ok": True})

    async def stats(_: web.Request) -> web.Response:
        return web.json_response({"triggers": state["triggers"], "shown": state["shown"]})

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/conversations/{cid}/trigger_intent", trigger)
        app.router.add_post("/_stub/config", config)
        app.router.add_get("/_stub/stats", stats)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        print(f"port {site._server.sockets[0].getsockname()[1]}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--token", required=True)
    parser.add_argument("--record-receipts", action="store_true")
    args = parser.parse_args()
    serve(args.token, args.record_receipts)

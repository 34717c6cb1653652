"""Idempotency keys (bot.services.inbound) on a real migrated SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from sqlalchemy import text

from bot.services import inbound
from bot.store.db import get_engine
from bot.store.models import utcnow
from bot.store.owners import HOST

LEASE = timedelta(seconds=60)
ME, OTHER = f"{HOST}:{1}:me", "elsewhere:77:alive"


def dead_owner() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{HOST}:{child.pid}:gone"


def add_events(sender: str, events: list[tuple[str, dict]]) -> None:
    with get_engine().begin() as conn:
        conn.execute(text(
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, "
            "timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"))
        for kind, data in events:
            conn.execute(text("INSERT INTO events (sender_id, type_name, data) VALUES (:s, :k, :d)"),
                         {"s": sender, "k": kind, "d": json.dumps(data)})


def test_first_claim_processes_then_retries_replay(database_url: str) -> None:
    engine = get_engine()
    assert inbound.claim(engine, "msg-00000001", "ana", OTHER, LEASE).action == "process"
    assert inbound.claim(engine, "msg-00000001", "ana", ME, LEASE).action == "wait"  # live owner
    inbound.answer(engine, "msg-00000001", OTHER, [{"recipient_id": "ana", "text": "Hi Ana"}])
    again = inbound.claim(engine, "msg-00000001", "ana", ME, LEASE)
    assert again.action == "replay" and again.replies == [{"recipient_id": "ana", "text": "Hi Ana"}]
    assert inbound.claim(engine, "msg-00000001", "bob", ME, LEASE).action == "conflict"


def test_dead_owner_without_a_saved_turn_is_processed_again(database_url: str) -> None:
    engine = get_engine()
    assert inbound.claim(engine, "msg-00000002", "ana", dead_owner(), LEASE).action == "process"
    add_events("ana", [("user", {"text": "older", "message_id": "other-id-1"}), ("bot", {"text": "x"})])
    assert inbound.claim(engine, "msg-00000002", "ana", ME, LEASE).action == "process"


def test_dead_owner_with_a_saved_turn_is_replayed_from_the_tracker(database_url: str) -> None:
    engine = get_engine()
    inbound.claim(engine, "msg-00000003", "ana", dead_owner(), LEASE)
    add_events("ana", [
        ("user", {"text": "hi", "message_id": "msg-00000003"}),
        ("action", {"name": "utter_greet"}),
        ("bot", {"text": "Hello", "data": {"buttons": [{"title": "Yes", "payload": "/affirm"}]}}),
        ("bot", {"text": "Shall we start?", "data": {"buttons": None}}),
        ("user", {"text": "next", "message_id": "msg-00000004"}),
        ("bot", {"text": "not this turn"}),
    ])
    decision = inbound.claim(engine, "msg-00000003", "ana", ME, LEASE)
    assert decision.action == "replay"
    assert decision.replies == [
        {"recipient_id": "ana", "text": "Hello", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
        {"recipient_id": "ana", "text": "Shall we start?"},
    ]
    assert inbound.claim(engine, "msg-00000003", "ana", OTHER, LEASE).action == "replay"  # stored now


def test_expired_claim_elsewhere_is_taken_over_and_release_frees_it(database_url: str) -> None:
    engine = get_engine()
    inbound.claim(engine, "msg-00000005", "ana", OTHER, LEASE, now=utcnow() - timedelta(seconds=61))
    assert inbound.claim(engine, "msg-00000005", "ana", ME, LEASE).action == "process"
    inbound.release(engine, "msg-00000005", ME)
    assert inbound.claim(engine, "msg-00000005", "ana", OTHER, LEASE).action == "process"


def test_message_id_shape() -> None:
    assert inbound.valid_message_id("pt-001-3f2a9c0d1e2b")
    assert not inbound.valid_message_id("short") and not inbound.valid_message_id("a b c d e f g h")
    assert not inbound.valid_message_id("x" * 65) and not inbound.valid_message_id(12345678)

"""Opt-in per-turn profile of rasa and the action server (bench/turn_profile.py reads it).

Nothing here runs unless `PACER_PROFILE` names a file: then rasa (through the tracker
store module it imports at start-up) and the action server (bot.action_server) wrap a few
of their own functions with timers and append one JSON line per turn or action call:

- rasa, per turn (a REST message or a trigger_intent): time in NLU and in each NLU graph
  node, in policy prediction and each policy node, tracker store load and save, each
  action (the HTTP call and the rest of rasa's work around it), channel output, SQL.
- the action server, per request: the action, the JSON body's size in bytes, time in the
  handler, time and statement count in SQL.

The lines hold names and timings only, never message text or slot values (health data).
Without the variable none of this is imported and no function is wrapped.
"""

from __future__ import annotations

import contextvars
import functools
import json
import os
import threading
import time
from collections import defaultdict
from typing import Any

PROFILE_ENV = "PACER_PROFILE"
#: Also run rasa's turns under cProfile and keep the stats in `<PACER_PROFILE>.rasa.pstats`
#: (which functions; slows every turn, so the timings of such a run are not comparable).
CPROFILE_ENV = "PACER_PROFILE_CPROFILE"

_turn: contextvars.ContextVar[dict | None] = contextvars.ContextVar("pacer_profile_turn", default=None)
_write_lock = threading.Lock()
_installed: set[str] = set()


def profile_path() -> str | None:
    """The file to append to, or None (profiling off)."""
    return os.environ.get(PROFILE_ENV) or None


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _write(record: dict) -> None:
    path = profile_path()
    if not path:
        return
    line = json.dumps(record, separators=(",", ":")) + "\n"
    with _write_lock, open(path, "a", encoding="utf-8") as handle:
        handle.write(line)


def _new_turn(source: str, kind: str, sender: str) -> dict:
    return {
        "source": source, "kind": kind, "sender": sender, "pid": os.getpid(), "started": time.time(),
        "_t0": time.perf_counter(), "phase": None,
        "nlu_ms": 0.0, "nlu_nodes": defaultdict(float), "policy_ms": 0.0,
        "policy_nodes": defaultdict(float), "predictions": 0, "other_nodes": defaultdict(float),
        "tracker_load_ms": 0.0, "tracker_save_ms": 0.0, "channel_ms": 0.0,
        "db_ms": 0.0, "db_statements": 0, "actions": [],
    }


def _finish(turn: dict) -> None:
    turn["total_ms"] = _ms(time.perf_counter() - turn.pop("_t0"))
    turn.pop("phase", None)
    for key in ("nlu_ms", "policy_ms", "tracker_load_ms", "tracker_save_ms", "channel_ms", "db_ms"):
        if key in turn:
            turn[key] = round(turn[key], 3)
    for key in ("nlu_nodes", "policy_nodes", "other_nodes"):
        if key in turn:
            turn[key] = {name: round(ms, 3) for name, ms in turn[key].items()}
    _write(turn)


def _add(key: str, seconds: float) -> None:
    turn = _turn.get()
    if turn is not None:
        turn[key] += seconds * 1000


def _async_timed(function: Any, key: str) -> Any:
    @functools.wraps(function)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            _add(key, time.perf_counter() - started)

    return wrapper


def _sync_phase(function: Any, phase: str, key: str) -> Any:
    """Time a synchronous graph run and file its nodes under `phase`."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        turn = _turn.get()
        if turn is None:
            return function(*args, **kwargs)
        outer, turn["phase"] = turn["phase"], phase
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            turn[key] += (time.perf_counter() - started) * 1000
            turn["phase"] = outer
            if phase == "policy":
                turn["predictions"] += 1

    return wrapper


def install_sql_timing() -> None:
    """Time every SQL statement, commit and rollback of SQLAlchemy's dialects (the DBAPI
    calls themselves, so it covers rasa's tracker store and Pacer's own sessions)."""
    if "sql" in _installed:
        return
    _installed.add("sql")
    from sqlalchemy.engine.default import DefaultDialect

    def timed(name: str) -> None:
        original = getattr(DefaultDialect, name)

        @functools.wraps(original)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            turn = _turn.get()
            if turn is None:
                return original(self, *args, **kwargs)
            started = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                turn["db_ms"] += (time.perf_counter() - started) * 1000
                turn["db_statements"] += 1

        setattr(DefaultDialect, name, wrapper)

    for name in ("do_execute", "do_executemany", "do_execute_no_params", "do_commit", "do_rollback"):
        timed(name)


def install_rasa() -> None:
    """Wrap rasa's turn handling (called from the tracker store module when profiling is on)."""
    if "rasa" in _installed:
        return
    _installed.add("rasa")
    install_sql_timing()
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import OutputChannel
    from rasa.core.processor import MessageProcessor
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    handle_message = MessageProcessor.handle_message

    profiler = None
    if os.environ.get(CPROFILE_ENV):
        import cProfile

        profiler = cProfile.Profile()

    @functools.wraps(handle_message)
    async def profiled_handle_message(self: Any, message: Any) -> Any:
        turn = _new_turn("rasa", "message", str(message.sender_id))
        token = _turn.set(turn)
        if profiler is not None:
            profiler.enable()
        try:
            return await handle_message(self, message)
        finally:
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(f"{profile_path()}.rasa.pstats")
            _turn.reset(token)
            _finish(turn)

    MessageProcessor.handle_message = profiled_handle_message

    fetch = MessageProcessor.fetch_tracker_and_update_session

    @functools.wraps(fetch)
    async def profiled_fetch(self: Any, sender_id: str, *args: Any, **kwargs: Any) -> Any:
        if _turn.get() is None:  # trigger_intent fetches before the processor's own turn starts
            _turn.set(_new_turn("rasa", "trigger_intent", str(sender_id)))
        return await fetch(self, sender_id, *args, **kwargs)

    MessageProcessor.fetch_tracker_and_update_session = profiled_fetch

    trigger = MessageProcessor.trigger_external_user_uttered

    @functools.wraps(trigger)
    async def profiled_trigger(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return await trigger(self, *args, **kwargs)
        finally:
            turn = _turn.get()
            if turn is not None and turn["kind"] == "trigger_intent":
                _turn.set(None)
                _finish(turn)

    MessageProcessor.trigger_external_user_uttered = profiled_trigger

    MessageProcessor._parse_message_with_graph = _sync_phase(
        MessageProcessor._parse_message_with_graph, "nlu", "nlu_ms")
    MessageProcessor._predict_next_with_tracker = _sync_phase(
        MessageProcessor._predict_next_with_tracker, "policy", "policy_ms")

    node_call = GraphNode.__call__

    @functools.wraps(node_call)
    def profiled_node(self: Any, *args: Any) -> Any:
        turn = _turn.get()
        if turn is None:
            return node_call(self, *args)
        started = time.perf_counter()
        try:
            return node_call(self, *args)
        finally:
            bucket = {"nlu": "nlu_nodes", "policy": "policy_nodes"}.get(turn["phase"], "other_nodes")
            turn[bucket][self._node_name] += (time.perf_counter() - started) * 1000

    GraphNode.__call__ = profiled_node

    run_action = MessageProcessor._run_action

    @functools.wraps(run_action)
    async def profiled_run_action(self: Any, action: Any, *args: Any, **kwargs: Any) -> Any:
        turn = _turn.get()
        if turn is None:
            return await run_action(self, action, *args, **kwargs)
        record = {"name": action.name(), "ms": 0.0, "http_ms": 0.0, "request_build_ms": 0.0}
        turn["actions"].append(record)
        started = time.perf_counter()
        try:
            return await run_action(self, action, *args, **kwargs)
        finally:
            record["ms"] = _ms(time.perf_counter() - started)

    MessageProcessor._run_action = profiled_run_action

    def current_action() -> dict | None:
        turn = _turn.get()
        return turn["actions"][-1] if turn is not None and turn["actions"] else None

    call_format = RemoteAction._action_call_format

    @functools.wraps(call_format)
    def profiled_call_format(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return call_format(self, *args, **kwargs)
        finally:
            record = current_action()
            if record is not None:
                record["request_build_ms"] += _ms(time.perf_counter() - started)

    RemoteAction._action_call_format = profiled_call_format

    request = EndpointConfig.request

    @functools.wraps(request)
    async def profiled_request(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await request(self, *args, **kwargs)
        finally:
            record = current_action()
            if record is not None:
                record["http_ms"] += _ms(time.perf_counter() - started)

    EndpointConfig.request = profiled_request
    OutputChannel.send_response = _async_timed(OutputChannel.send_response, "channel_ms")


def install_tracker_store(store_class: type) -> None:
    """Time the tracker store's load and save (the class rasa instantiates from endpoints.yml)."""
    store_class.retrieve = _async_timed(store_class.retrieve, "tracker_load_ms")
    store_class.save = _async_timed(store_class.save, "tracker_save_ms")


def install_action_server(app: Any) -> None:
    """Per request of rasa-sdk's app: action name, body size, handler time and SQL time."""
    install_sql_timing()

    @app.middleware("request")
    async def profile_start(request: Any) -> None:
        if request.path != "/webhook":
            return
        try:
            body = request.json or {}
        except Exception:  # noqa: BLE001 - a broken body is the handler's business
            body = {}
        turn = _new_turn("actions", "action", str((body.get("tracker") or {}).get("sender_id")))
        turn["action"] = body.get("next_action")
        turn["request_bytes"] = len(request.body or b"")
        turn["domain_bytes"] = len(json.dumps(body.get("domain"))) if body.get("domain") else 0
        turn["tracker_events"] = len((body.get("tracker") or {}).get("events") or [])
        request.ctx.profile = turn
        _turn.set(turn)

    @app.middleware("response")
    async def profile_end(request: Any, response: Any) -> None:
        turn = getattr(request.ctx, "profile", None)
        if turn is None:
            return
        request.ctx.profile = None
        _turn.set(None)
        turn["status"] = getattr(response, "status", None)
        for key in ("nlu_ms", "nlu_nodes", "policy_ms", "policy_nodes", "other_nodes", "predictions",
                    "tracker_load_ms", "tracker_save_ms", "channel_ms", "actions"):
            turn.pop(key, None)
        _finish(turn)

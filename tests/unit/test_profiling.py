"""bot.profiling: off unless PACER_PROFILE is set; lines carry names and timings only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot import profiling


def test_without_the_variable_nothing_of_rasa_is_wrapped() -> None:
    env = {k: v for k, v in os.environ.items() if k != profiling.PROFILE_ENV}
    code = ("import sys, bot.store.tracker_store; from rasa.core.processor import MessageProcessor; "
            "print(MessageProcessor.handle_message.__module__, 'bot.profiling' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["rasa.core.processor", "False"]


def test_a_turn_line_holds_timings_and_names(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "profile.jsonl"
    monkeypatch.setenv(profiling.PROFILE_ENV, str(path))
    turn = profiling._new_turn("rasa", "message", "rest:abc")
    turn["nlu_nodes"]["run_PlaceGuard7"] += 1.5
    turn["actions"].append({"name": "action_greet", "ms": 2.0, "http_ms": 1.0, "request_build_ms": 0.1})
    profiling._finish(turn)
    [line] = path.read_text().splitlines()
    record = json.loads(line)
    assert record["sender"] == "rest:abc" and record["nlu_nodes"] == {"run_PlaceGuard7": 1.5}
    assert record["total_ms"] >= 0 and "phase" not in record and "_t0" not in record

"""The Rasa project itself: data validation and the dialogue policies' test stories."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import training

ROOT = Path(__file__).resolve().parents[1]


def run_rasa(*args: str) -> subprocess.CompletedProcess:
    env = training.quiet_env()
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )


def test_rasa_data_validate_is_clean() -> None:
    result = run_rasa("data", "validate", "--domain", training.DOMAIN_DIR, "--data", *training.TRAINING_DATA)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    warnings = re.findall(r"UserWarning: (.*)", output)
    # Responses sent by custom actions are not "used" in stories; every other warning fails.
    unused = {m for w in warnings for m in re.findall(r"The utterance '(\w+)' is not used", w)}
    # EXTERNAL_* intents only arrive through trigger_intent (the scheduler): NLU examples
    # would let DIET predict them for things patients type.
    external = re.compile(r"The intent 'EXTERNAL_\w+' is listed in the domain file, but is not found")
    # Button-only intents (a note's Thanks / Reply, a proposal's three answers) carry ids in
    # their payload; typed words go to thank / affirm / deny / inform, so no NLU examples.
    button_only = re.compile(r"The intent '(note_ack|note_reply|proposal_answer)' is listed in the domain "
                             r"file, but is not found")
    # Rasa 3.6 merges every retrieval intent into the domain a second time
    # (ResponsesSyncImporter.get_domain), so a retrieval intent that stories may use (it must be
    # listed in the domain) is always reported as duplicated. Only that exact warning is allowed.
    known = "The following duplicated intents have been found across multiple domain files: ask_education"
    others = [w for w in warnings if "is not used in any story or rule" not in w
              and not external.search(w) and not button_only.search(w) and w.strip() != known]
    assert others == []
    action_code = "".join(p.read_text() for p in (ROOT / "actions").glob("*.py"))
    unreferenced = {u for u in unused if u not in action_code and not _dynamic(u, action_code)}
    assert unreferenced == set(), "responses nobody sends"


def _dynamic(name: str, code: str) -> bool:
    """Responses chosen by an f-string, e.g. utter_progress_{outcome} or utter_ask_*."""
    prefix = name.rsplit("_", 1)[0] + "_{"
    return prefix in code or name.startswith("utter_ask_")


@pytest.mark.skipif(not training.model_path().exists(), reason="needs a trained model")
def test_test_stories_pass_without_prediction_errors(tmp_path: Path) -> None:
    result = run_rasa(
        "test", "core",
        "--model", str(training.model_path()),
        "--stories", "tests/stories",
        "--out", str(tmp_path),
        "--fail-on-prediction-errors",
    )
    failed = (tmp_path / "failed_test_stories.yml")
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:] + detail
    assert "correct" in (result.stdout + result.stderr) or os.path.exists(tmp_path / "story_report.json")

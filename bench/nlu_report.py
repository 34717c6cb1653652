"""5-fold cross-validated intent report for Pacer's NLU pipeline.

Prints per-intent precision/recall/F1, the macro F1 and the wall time of one
full NLU training, so the closing notes can quote real numbers.

    .venv/bin/python bench/nlu_report.py [--folds 5] [--config config.yml]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.training import quiet_env  # noqa: E402


def rasa(*args: str, cache: Path) -> None:
    env = {**quiet_env(), "RASA_CACHE_DIRECTORY": str(cache)}  # cold: no reuse of earlier training
    subprocess.run([sys.executable, "-m", "rasa", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def print_report(title: str, report: dict) -> float:
    print(f"\n{title}")
    print(f"{'intent':<28}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for name, row in sorted(report.items()):
        if not isinstance(row, dict) or "f1-score" not in row or name.endswith("avg"):
            continue
        print(f"{name:<28}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1-score']:>10.3f}"
              f"{row['support']:>10}")
    macro = report["macro avg"]["f1-score"]
    print(f"{'macro avg':<28}{report['macro avg']['precision']:>10.3f}"
          f"{report['macro avg']['recall']:>10.3f}{macro:>10.3f}")
    return macro


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", default="config.yml")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="pacer-nlu-cv-"))
    try:
        started = time.monotonic()
        rasa("train", "nlu", "--config", args.config, "--nlu", "data/nlu", "--out", str(out / "model"),
             cache=out / "cache")
        train_seconds = time.monotonic() - started
        started = time.monotonic()
        rasa("test", "nlu", "--config", args.config, "--nlu", "data/nlu", "--cross-validation",
             "--folds", str(args.folds), "--out", str(out / "cv"), cache=out / "cache")
        cv_seconds = time.monotonic() - started
        intents = json.loads((out / "cv" / "intent_report.json").read_text())
        macro = print_report(f"Intents, {args.folds}-fold cross-validation", intents)
        selector = out / "cv" / "response_selection_report.json"
        selector_macro = None
        if selector.exists():
            selector_macro = print_report("Response selector", json.loads(selector.read_text()))
        print(f"\nintent macro F1: {macro:.3f}")
        if selector_macro is not None:
            print(f"response selector macro F1: {selector_macro:.3f}")
        print(f"NLU train time (full data, no cache): {train_seconds:.0f} s; "
              f"cross-validation: {cv_seconds:.0f} s")
        return 0
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

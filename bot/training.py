"""Train the Rasa model only when its inputs changed.

`rasa train` has its own cache, but even a no-op run costs half a minute of imports
and graph checks; a fingerprint of the inputs lets `make run` skip it entirely.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT

MODELS_DIR = PROJECT_ROOT / "models"
FINGERPRINT_FILE = MODELS_DIR / ".fingerprint"
MODEL_NAME = "pacer"
TRAINING_DATA = ("data/nlu", "data/rules", "data/stories")
DOMAIN_DIR = "domain"
"""One file per capability (domain/goals.yml, domain/checkins.yml, ...); Rasa merges the directory."""
INPUTS = ("config.yml", DOMAIN_DIR, *TRAINING_DATA, "bot/nlu")


def _files(config: str) -> list[Path]:
    paths: list[Path] = []
    for entry in (config, *INPUTS[1:]):
        path = PROJECT_ROOT / entry
        if path.is_dir():
            paths += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            paths.append(path)
    return paths


def quiet_env() -> dict[str, str]:
    """No telemetry or crash reports leave the machine (health data), and less noise."""
    env = dict(os.environ)
    env.update({"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_WARN_20": "0"})
    return env


def fingerprint(config: str = "config.yml") -> str:
    digest = hashlib.sha256()
    for path in _files(config):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def domain_dict() -> dict[str, Any]:
    """The merged domain as Rasa sees it: lists concatenated, mappings (slots, forms, responses) joined."""
    merged: dict[str, Any] = {}
    for path in sorted((PROJECT_ROOT / DOMAIN_DIR).glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text()) or {}).items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged[key] = value
    return merged


def model_path() -> Path:
    return MODELS_DIR / f"{MODEL_NAME}.tar.gz"


def is_current(config: str = "config.yml") -> bool:
    return (
        model_path().exists()
        and FINGERPRINT_FILE.exists()
        and FINGERPRINT_FILE.read_text().strip() == fingerprint(config)
    )


def train(config: str = "config.yml", force: bool = False) -> Path:
    """Train into models/pacer.tar.gz unless data, domain, config and components are unchanged."""
    if not force and is_current(config):
        print(f"Model is up to date ({model_path().relative_to(PROJECT_ROOT)}); not retraining.")
        return model_path()
    MODELS_DIR.mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "rasa", "train",
        "--config", config,
        "--domain", DOMAIN_DIR,
        "--data", *TRAINING_DATA,
        "--out", str(MODELS_DIR),
        "--fixed-model-name", MODEL_NAME,
    ]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, env=quiet_env())
    FINGERPRINT_FILE.write_text(fingerprint(config))
    return model_path()

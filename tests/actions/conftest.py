"""Fixtures for running Pacer's real Rasa actions (the database fixture is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """domain.yml as the action server receives it (slots, forms, responses...)."""
    return yaml.safe_load(DOMAIN_FILE.read_text())

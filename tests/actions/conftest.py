"""Fixtures for running Pacer's real Rasa actions (the database fixture is in tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest

from bot import training


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The merged domain/ as the action server receives it (slots, forms, responses...)."""
    return training.domain_dict()

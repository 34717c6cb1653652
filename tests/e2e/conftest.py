from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.e2e.stack import PacerStack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PacerStack]:
    running = PacerStack(tmp_path_factory.mktemp("pacer-e2e"))
    os.environ["DATABASE_URL"] = running.settings.database_url
    running.start()
    yield running
    running.stop()

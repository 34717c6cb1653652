"""Web tests: one real `pacer web` process per module on its own migrated SQLite file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import db
from tests.web.server import WebServer


@pytest.fixture(scope="module")
def web_db(migrated_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("web") / "pacer.db"
    shutil.copyfile(migrated_template, path)
    url = f"sqlite:///{path}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        patch.delenv("PACER_ALERT_WEBHOOK", raising=False)
        patch.delenv("PACER_ALERT_EMAIL", raising=False)
        patch.delenv("PACER_CLINIC_FILE", raising=False)
        db.reset_engines()
        yield url
        db.get_engine().dispose()
        db.reset_engines()


@pytest.fixture(scope="module")
def server(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    running = WebServer(web_db, tmp_path_factory.mktemp("weblogs"))
    yield running
    running.stop()

"""Rasa's SQL tracker store, pointed at Pacer's `DATABASE_URL`.

Rasa's own config wants dialect/host/db pieces; passing the whole URL as `host`
is supported by `SQLTrackerStore.get_db_url`, so one variable moves both.
"""

from __future__ import annotations

import os
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from bot import rasa_speedups
from bot.config import load_settings
from bot.store.db import configure_sqlite, ensure_sqlite_dir, pool_options


class PacerTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: str | None = None, **kwargs: Any) -> None:
        url = load_settings().database_url
        ensure_sqlite_dir(url)
        kwargs.pop("dialect", None)
        kwargs.pop("db", None)
        super().__init__(domain=domain, dialect=url.split(":", 1)[0], host=url, **kwargs)
        if pool_options(url):  # a SQLite file: pooled connections, as Pacer's own engine
            self.engine.dispose()
            self.engine = create_engine(url, pool_pre_ping=True, **pool_options(url))
            self.sessionmaker = sessionmaker(bind=self.engine)
        configure_sqlite(self.engine)
        self.engine.dispose()  # connections made before the pragma listener get replaced


rasa_speedups.install()  # rasa imports this module at start-up (endpoints.yml: tracker_store)

if os.environ.get("PACER_PROFILE"):  # bench/turn_profile.py: off (nothing wrapped) by default
    from bot import profiling

    profiling.install_rasa()
    profiling.install_tracker_store(PacerTrackerStore)

"""Rasa's SQL tracker store, pointed at Pacer's `DATABASE_URL`.

Rasa's own config wants dialect/host/db pieces; passing the whole URL as `host`
is supported by `SQLTrackerStore.get_db_url`, so one variable moves both.

Each turn rasa loads the conversation's tracker: every event of the session read, parsed
from JSON and replayed. This store remembers the tracker it saved (a bounded number of
conversations) with the ids of the rows that hold its events, and on the next load reads only
the ids of the session's rows: when they are exactly those, the remembered tracker is what
rasa would rebuild from them (rows are never changed in place), so a copy of it is returned;
otherwise (another process wrote, a session started, data was erased) rasa's own load runs.
Copies share the event objects, which lets bot.rasa_speedups resume its walks across turns.
docs/decisions/0060-turn-cost.md
"""

from __future__ import annotations

import copy
import json
import logging
import os
from collections import OrderedDict
from collections import deque as Deque
from functools import cached_property
from itertools import islice
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from bot import rasa_speedups
from bot.config import load_settings
from bot.store.db import configure_sqlite, ensure_sqlite_dir, pool_options

logger = logging.getLogger(__name__)

REMEMBERED_CONVERSATIONS = 256


def detached_copy(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """A tracker in the same state with its own slots, loop and event list (the events themselves
    are shared, as a replay shares them): what loading the same rows would give, without the replay."""
    duplicate = object.__new__(type(tracker))
    duplicate.__dict__.update({name: value for name, value in tracker.__dict__.items()
                               if name != rasa_speedups.STATES_CACHE_ATTRIBUTE})
    duplicate.slots = {name: copy.copy(slot) for name, slot in tracker.slots.items()}
    duplicate.events = Deque(tracker.events, maxlen=tracker.events.maxlen)
    duplicate.latest_action = dict(tracker.latest_action) if tracker.latest_action is not None else None
    duplicate.active_loop = copy.copy(tracker.active_loop)
    duplicate.model_id = duplicate.assistant_id = None  # as a loaded tracker: rasa sets them per turn
    return duplicate


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
        self._remembered: OrderedDict[str, tuple[list[int], DialogueStateTracker]] = OrderedDict()
        self._handed_out: OrderedDict[str, list[int]] = OrderedDict()  # row ids of the trackers loaded

    def _session_row_ids(self, session: Any, sender_id: str) -> list[int]:
        """The ids of the rows rasa's `retrieve` reads (`SQLTrackerStore._event_query`: the rows
        from the latest session start on, or all of them before any), in its order."""
        return [row_id for (row_id,) in session.execute(self._session_ids_sql, {"sender": sender_id})]

    @cached_property
    def _session_ids_sql(self) -> Any:
        """Built once per store: the table and the event type name never change."""
        table = self.SQLEvent.__table__.name
        session_start = (f"(SELECT max(timestamp) FROM {table} "
                         f"WHERE sender_id = :sender AND type_name = '{SessionStarted.type_name}')")
        return text(f"SELECT id FROM {table} WHERE sender_id = :sender AND "
                    f"(timestamp >= {session_start} OR {session_start} IS NULL) ORDER BY id")

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        remembered = self._remembered.pop(sender_id, None)
        self._handed_out.pop(sender_id, None)
        with self.session_scope() as session:
            row_ids = self._session_row_ids(session, sender_id)
        if remembered is not None and row_ids == remembered[0]:
            self._remembered[sender_id] = remembered
            tracker: DialogueStateTracker | None = detached_copy(remembered[1])
        else:
            tracker = await super().retrieve(sender_id)
        if tracker is not None and len(tracker.events) == len(row_ids):
            self._handed_out[sender_id] = row_ids
            while len(self._handed_out) > REMEMBERED_CONVERSATIONS:
                self._handed_out.popitem(last=False)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """rasa's `SQLTrackerStore.save` (3.6.21), counting the stored rows by their ids (one
        query for rasa's count and for remembering), then remembering the tracker when its events
        are exactly the rows a load would read."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = self._session_row_ids(session, tracker.sender_id)
            rows = []
            for event in islice(tracker.events, len(stored), len(tracker.events)):
                data = event.as_dict()
                rows.append(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.add_all(rows)
            session.flush()
            row_ids = stored + [row.id for row in rows]
            session.commit()
        logger.debug("Tracker saved to the database.")
        self._remember(tracker, loaded_from=self._handed_out.pop(tracker.sender_id, None), stored=stored,
                       row_ids=row_ids)

    def _remember(self, tracker: DialogueStateTracker, loaded_from: list[int] | None, stored: list[int],
                  row_ids: list[int]) -> None:
        """Keep a copy of a saved tracker when it was loaded from exactly the rows that were
        stored (nobody wrote in between) and its events are exactly the rows a load will read."""
        self._remembered.pop(tracker.sender_id, None)
        if loaded_from != stored or len(row_ids) != len(tracker.events):
            return
        if any(isinstance(event, SessionStarted) for event in islice(tracker.events, 1, None)):
            return  # a session started in this turn: a load reads from there on
        self._remembered[tracker.sender_id] = (row_ids, detached_copy(tracker))
        while len(self._remembered) > REMEMBERED_CONVERSATIONS:
            self._remembered.popitem(last=False)


rasa_speedups.install()  # rasa imports this module at start-up (endpoints.yml: tracker_store)

if os.environ.get("PACER_PROFILE"):  # bench/turn_profile.py: off (nothing wrapped) by default
    from bot import profiling

    profiling.install_rasa()
    profiling.install_tracker_store(PacerTrackerStore)

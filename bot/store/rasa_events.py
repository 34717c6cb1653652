"""Rasa's tracker-store `events` table, described for reading only.

Rasa's SQLTrackerStore owns and creates the table; Pacer reads it (summaries, transcripts,
whether a patient wrote after a clinician's note, the web chat's history) but never writes it.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

_rasa_metadata = MetaData()
EVENTS = Table(
    "events",
    _rasa_metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def events_table_exists(session_or_connection: Session | Connection) -> bool:
    """False until Rasa's tracker store has created its table (a fresh database)."""
    connection = (session_or_connection.connection() if isinstance(session_or_connection, Session)
                  else session_or_connection)
    return inspect(connection).has_table("events")

"""Closed doors: code attempts in the database, a session epoch per clinician, REST ids namespaced.

Revision ID: 0011_doors
Revises: 0010_scheduler_leader
Create Date: 2026-12-05

The REST channel used to accept any sender id, so a REST client could speak inside an
SMS, Telegram or web conversation. Its ids now always start with `rest:`
(bot.channels.rest). Existing REST conversations are renamed here, in Pacer's tables
and in Rasa's `events` table when it exists: a conversation counts as REST when its
identity says so, or when its id has none of the other channels' shapes (a web
session's 32 hex digits, `tg:<chat>`, an E.164 number).
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0011_doors"
down_revision = "0010_scheduler_leader"
branch_labels = None
depends_on = None

PREFIX = "rest:"
OTHER_CHANNELS = re.compile(r"^([0-9a-f]{32}|tg:.+|\+[0-9]{6,16})$")
RENAMED = (
    ("channel_identities", "conversation_id"),
    ("channel_prompts", "conversation_id"),
    ("safety_events", "conversation_id"),
    ("patient_requests", "conversation_id"),
    ("checkin_deliveries", "conversation_id"),
    ("inbound_messages", "sender_id"),
    ("events", "sender_id"),
)


def upgrade() -> None:
    op.create_table(
        "code_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("code_hash", sa.String(64)),
        sa.Column("succeeded", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_code_attempts_subject", "code_attempts", ["kind", "subject", "created_at"])
    with op.batch_alter_table("clinicians") as batch:
        batch.add_column(sa.Column("session_epoch", sa.Integer, nullable=False, server_default="0"))
    namespace_rest_conversations()


def namespace_rest_conversations() -> None:
    connection = op.get_bind()
    tables = set(sa.inspect(connection).get_table_names())
    ids: set[str] = set()
    ids |= {row[0] for row in connection.execute(sa.text(
        "SELECT conversation_id FROM channel_identities WHERE channel = 'rest'"))}
    for table, column in RENAMED:
        if table not in tables:
            continue
        for (value,) in connection.execute(sa.text(f"SELECT DISTINCT {column} FROM {table}")):
            if value and not OTHER_CHANNELS.match(value):
                ids.add(value)
    ids = {value for value in ids if value and not value.startswith(PREFIX)}
    for table, column in RENAMED:
        if table not in tables:
            continue
        statement = sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old")
        for old in sorted(ids):
            connection.execute(statement, {"new": PREFIX + old, "old": old})


def downgrade() -> None:
    with op.batch_alter_table("clinicians") as batch:
        batch.drop_column("session_epoch")
    op.drop_index("ix_code_attempts_subject", table_name="code_attempts")
    op.drop_table("code_attempts")

"""Replicas: the scheduler leader's lease and idempotency keys of patient messages.

Revision ID: 0010_scheduler_leader
Revises: 0008_resources
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_scheduler_leader"
down_revision = "0008_resources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduler_leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(160)),
        sa.Column("epoch", sa.Integer, nullable=False, server_default="0"),
        sa.Column("acquired_at", sa.DateTime(timezone=True)),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        sa.table("scheduler_leases", sa.column("name", sa.String), sa.column("epoch", sa.Integer)),
        [{"name": "scheduler", "epoch": 0}],
    )
    op.create_table(
        "inbound_messages",
        sa.Column("message_id", sa.String(64), primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(160), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
        sa.Column("replies", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_inbound_messages_sender", "inbound_messages", ["sender_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_inbound_messages_sender", table_name="inbound_messages")
    op.drop_table("inbound_messages")
    op.drop_table("scheduler_leases")

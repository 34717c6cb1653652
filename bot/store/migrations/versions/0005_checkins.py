"""Booster check-ins: schedules, deliveries (one per patient and due time), PEG-3, heartbeat.

Revision ID: 0005_checkins
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_checkins"
down_revision = "0006_dashboard"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkin_schedules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"),
            nullable=False, unique=True,
        ),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("local_time", sa.String(5), nullable=False),
        sa.Column("weekday", sa.Integer),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("quiet_start", sa.String(5)),
        sa.Column("quiet_end", sa.String(5)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("anchor_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_index", sa.Integer, nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True)),
        sa.Column("paused_until", sa.DateTime(timezone=True)),
        sa.Column("checkins_done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_checkin_schedules_due", "checkin_schedules", ["status", "next_due_at"])
    op.create_table(
        "checkin_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(80)),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("deferrals", sa.Integer, nullable=False, server_default="0"),
        sa.Column("defer_reason", sa.String(32)),
        sa.Column("last_error", sa.Text),
        sa.Column("conversation_id", sa.String(255)),
        sa.Column("channel", sa.String(32)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("received_at", sa.DateTime(timezone=True)),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("outcome", sa.String(16)),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patient_id", "due_at", name="uq_checkin_delivery_patient_due"),
    )
    op.create_index("ix_checkin_deliveries_patient_id", "checkin_deliveries", ["patient_id"])
    op.create_index(
        "ix_checkin_deliveries_status_next", "checkin_deliveries", ["status", "next_attempt_at"]
    )
    op.create_table(
        "peg_results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "delivery_id", sa.Integer, sa.ForeignKey("checkin_deliveries.id", ondelete="SET NULL")
        ),
        sa.Column("pain", sa.Integer, nullable=False),
        sa.Column("enjoyment", sa.Integer, nullable=False),
        sa.Column("activity", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_peg_results_patient_id", "peg_results", ["patient_id"])
    op.create_table(
        "scheduler_heartbeats",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("pid", sa.Integer),
        sa.Column("host", sa.String(120)),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("beat_at", sa.DateTime(timezone=True)),
        sa.Column("last_sweep_at", sa.DateTime(timezone=True)),
        sa.Column("last_sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("scheduler_heartbeats")
    op.drop_table("peg_results")
    op.drop_table("checkin_deliveries")
    op.drop_table("checkin_schedules")

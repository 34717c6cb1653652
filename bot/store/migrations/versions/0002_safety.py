"""Safety events, clinic alerts, patient requests, PHQ-4 results; check-in pause and retention.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.add_column(sa.Column("phone_number", sa.String(20)))
        batch.add_column(_ts("checkins_paused_until"))
        batch.add_column(sa.Column("checkins_paused_by", sa.String(120)))
        batch.add_column(_ts("erase_after"))
    op.create_table(
        "safety_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE")),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("rule", sa.String(80), nullable=False),
        sa.Column("category", sa.String(40)),
        sa.Column("message_text", sa.Text),
        _ts("created_at", nullable=False),
        _ts("acknowledged_at"),
        sa.Column("acknowledged_by", sa.String(120)),
    )
    op.create_index("ix_safety_events_patient_id", "safety_events", ["patient_id"])
    op.create_index("ix_safety_events_conversation_id", "safety_events", ["conversation_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "safety_event_id",
            sa.Integer,
            sa.ForeignKey("safety_events.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        _ts("next_attempt_at"),
        sa.Column("last_error", sa.Text),
        _ts("sent_at"),
        _ts("created_at", nullable=False),
    )
    op.create_index("ix_alerts_safety_event_id", "alerts", ["safety_event_id"])
    op.create_index("ix_alerts_status_next", "alerts", ["status", "next_attempt_at"])
    op.create_table(
        "patient_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE")),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        _ts("created_at", nullable=False),
        _ts("handled_at"),
    )
    op.create_index("ix_patient_requests_patient_id", "patient_requests", ["patient_id"])
    op.create_table(
        "phq4_results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("interest", sa.Integer, nullable=False),
        sa.Column("down", sa.Integer, nullable=False),
        sa.Column("nervous", sa.Integer, nullable=False),
        sa.Column("worry", sa.Integer, nullable=False),
        _ts("created_at", nullable=False),
        sa.CheckConstraint(
            "interest BETWEEN 0 AND 3 AND down BETWEEN 0 AND 3 AND nervous BETWEEN 0 AND 3 "
            "AND worry BETWEEN 0 AND 3",
            name="ck_phq4_items",
        ),
    )
    op.create_index("ix_phq4_results_patient_id", "phq4_results", ["patient_id"])


def downgrade() -> None:
    for table in ("phq4_results", "patient_requests", "alerts", "safety_events"):
        op.drop_table(table)
    with op.batch_alter_table("patients") as batch:
        for column in ("erase_after", "checkins_paused_by", "checkins_paused_until", "phone_number"):
            batch.drop_column(column)

"""Shared decisions: clinician notes to patients and clinician-proposed goals.

Revision ID: 0009_shared_decisions
Revises: 0007_channels
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_shared_decisions"
down_revision = "0007_channels"
branch_labels = None
depends_on = None


def _patient_and_author() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("clinician_id", sa.Integer, sa.ForeignKey("clinicians.id", ondelete="SET NULL")),
        sa.Column("author_name", sa.String(120), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "clinician_notes",
        *_patient_and_author(),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("delivery", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("delivery_id", sa.Integer,
                  sa.ForeignKey("checkin_deliveries.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.Column("delivered_via", sa.String(32)),
        sa.Column("read_at", sa.DateTime(timezone=True)),
        sa.Column("read_via", sa.String(16)),
        sa.Column("reply", sa.Text),
        sa.Column("replied_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_clinician_notes_patient_status", "clinician_notes", ["patient_id", "status"])
    op.create_table(
        "goal_proposals",
        *_patient_and_author(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("what", sa.String(300), nullable=False),
        sa.Column("how_much", sa.String(100)),
        sa.Column("when_text", sa.String(200)),
        sa.Column("days_per_week", sa.Integer),
        sa.Column("rationale", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("presented_at", sa.DateTime(timezone=True)),
        sa.Column("responded_at", sa.DateTime(timezone=True)),
        sa.Column("patient_reason", sa.Text),
        sa.Column("final_text", sa.String(400)),
        sa.Column("action_plan_id", sa.Integer, sa.ForeignKey("action_plans.id", ondelete="SET NULL")),
        sa.Column("functional_goal_id", sa.Integer,
                  sa.ForeignKey("functional_goals.id", ondelete="SET NULL")),
    )
    op.create_index("ix_goal_proposals_patient_status", "goal_proposals", ["patient_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_goal_proposals_patient_status", table_name="goal_proposals")
    op.drop_table("goal_proposals")
    op.drop_index("ix_clinician_notes_patient_status", table_name="clinician_notes")
    op.drop_table("clinician_notes")

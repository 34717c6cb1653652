"""Patients, channel identities, consent, values, PSFS goals and action plans.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _patient_fk() -> sa.Column:
    return sa.Column(
        "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("display_name", sa.String(80)),
        sa.Column("consent_status", sa.String(16)),
        _ts("consent_at"),
        sa.Column("region", sa.String(8)),
        _ts("created_at", nullable=False),
        _ts("last_seen_at"),
    )
    op.create_table(
        "channel_identities",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        _ts("created_at", nullable=False),
        _ts("last_used_at"),
        sa.UniqueConstraint("conversation_id", name="uq_identity_conversation"),
    )
    op.create_index("ix_channel_identities_patient_id", "channel_identities", ["patient_id"])
    op.create_table(
        "consent_events",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("wording_version", sa.String(16), nullable=False),
        _ts("created_at", nullable=False),
    )
    op.create_index("ix_consent_events_patient_id", "consent_events", ["patient_id"])
    op.create_table(
        "patient_values",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _ts("created_at", nullable=False),
    )
    op.create_index("ix_patient_values_patient_id", "patient_values", ["patient_id"])
    op.create_table(
        "functional_goals",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("activity", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _ts("created_at", nullable=False),
    )
    op.create_index("ix_functional_goals_patient_id", "functional_goals", ["patient_id"])
    op.create_table(
        "psfs_ratings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "goal_id",
            sa.Integer,
            sa.ForeignKey("functional_goals.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("score", sa.Integer, nullable=False),
        _ts("rated_at", nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name="ck_psfs_score_range"),
    )
    op.create_index("ix_psfs_ratings_goal_id", "psfs_ratings", ["goal_id"])
    op.create_table(
        "action_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column(
            "functional_goal_id",
            sa.Integer,
            sa.ForeignKey("functional_goals.id", ondelete="SET NULL"),
        ),
        sa.Column("what", sa.String(300), nullable=False),
        sa.Column("how_much", sa.String(100)),
        sa.Column("when_text", sa.String(200)),
        sa.Column("days_per_week", sa.Integer),
        sa.Column("confidence", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome_note", sa.Text),
        _ts("created_at", nullable=False),
        _ts("reviewed_at"),
        _ts("closed_at"),
        sa.CheckConstraint("confidence IS NULL OR confidence BETWEEN 0 AND 10", name="ck_plan_confidence"),
    )
    op.create_index("ix_action_plans_patient_id", "action_plans", ["patient_id"])


def downgrade() -> None:
    for table in (
        "action_plans",
        "psfs_ratings",
        "functional_goals",
        "patient_values",
        "consent_events",
        "channel_identities",
        "patients",
    ):
        op.drop_table(table)

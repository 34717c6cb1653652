"""Problem solving, flare-up plans, flare episodes and follow-up questions.

Revision ID: 0004_coaching
Revises: 0007_merge_checkins_dashboard (written against 0003; chained after main when merging)
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_coaching"
down_revision = "0005_checkins"
branch_labels = None
depends_on = None


def _patient_fk() -> sa.Column:
    return sa.Column(
        "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "problem_solving_records",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("origin_plan_id", sa.Integer, sa.ForeignKey("action_plans.id", ondelete="SET NULL")),
        sa.Column("problem_text", sa.Text, nullable=False),
        sa.Column("barriers", sa.JSON, nullable=False),
        sa.Column("ideas", sa.JSON, nullable=False),
        sa.Column("chosen_idea", sa.Text),
        sa.Column("tried_ideas", sa.JSON, nullable=False),
        sa.Column("plan_text", sa.Text),
        sa.Column("confidence", sa.Integer),
        sa.Column("action_plan_id", sa.Integer, sa.ForeignKey("action_plans.id", ondelete="SET NULL")),
        sa.Column("outcome", sa.String(16)),
        sa.Column("outcome_note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_problem_solving_records_patient_id", "problem_solving_records", ["patient_id"])
    op.create_table(
        "flare_plans",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("warning_signs", sa.Text),
        sa.Column("what_helps", sa.Text),
        sa.Column("drop_postpone", sa.Text),
        sa.Column("who_to_tell", sa.Text),
        sa.Column("seek_care", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patient_id", name="uq_flare_plan_patient"),
    )
    op.create_table(
        "flare_episodes",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("red_flag", sa.Boolean, nullable=False),
        sa.Column("plan_source", sa.String(16)),
        sa.Column("outcome", sa.String(16)),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_flare_episodes_patient_id", "flare_episodes", ["patient_id"])
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer, primary_key=True),
        _patient_fk(),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("ref_id", sa.Integer),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("answer", sa.String(24)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_followups_patient_id", "followups", ["patient_id"])
    op.create_index("ix_followups_due", "followups", ["delivered_at", "due_at"])


def downgrade() -> None:
    op.drop_table("followups")
    op.drop_table("flare_episodes")
    op.drop_table("flare_plans")
    op.drop_table("problem_solving_records")

"""Clinic resources (groups, classes, services, online) and the offers made to patients.

Revision ID: 0008_resources
Revises: 0009_shared_decisions (landed on main first; the chain stays linear)
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_resources"
down_revision = "0009_shared_decisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clinic_resources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("when_text", sa.String(200), nullable=False),
        sa.Column("where_text", sa.String(200), nullable=False),
        sa.Column("how_to_join", sa.String(400), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True)),
        sa.Column("created_by_id", sa.Integer, sa.ForeignKey("clinicians.id", ondelete="SET NULL")),
        sa.Column("updated_by_id", sa.Integer, sa.ForeignKey("clinicians.id", ondelete="SET NULL")),
    )
    op.create_table(
        "resource_offers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "resource_id", sa.Integer, sa.ForeignKey("clinic_resources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("context", sa.String(20), nullable=False),
        sa.Column("ref_id", sa.Integer),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("response", sa.String(16), nullable=False, server_default="no_answer"),
        sa.Column("responded_at", sa.DateTime(timezone=True)),
        sa.Column("taken_up_at", sa.DateTime(timezone=True)),
        sa.Column("followed_up_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_resource_offers_patient_at", "resource_offers", ["patient_id", "offered_at"])
    op.create_index("ix_resource_offers_resource_id", "resource_offers", ["resource_id"])


def downgrade() -> None:
    op.drop_index("ix_resource_offers_resource_id", table_name="resource_offers")
    op.drop_index("ix_resource_offers_patient_at", table_name="resource_offers")
    op.drop_table("resource_offers")
    op.drop_table("clinic_resources")

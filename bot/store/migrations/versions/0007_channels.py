"""Channels: link codes, preferred check-in conversation, SMS options and opt-outs.

Revision ID: 0007_channels
Revises: 0005_checkins
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_channels"
down_revision = "0004_coaching"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("channel_identities") as batch:
        batch.add_column(sa.Column("preferred", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "link_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.Column("used_by_channel", sa.String(32)),
        sa.UniqueConstraint("code_hash", name="uq_link_codes_code_hash"),
    )
    op.create_index("ix_link_codes_patient_id", "link_codes", ["patient_id"])
    op.create_table(
        "channel_prompts",
        sa.Column("conversation_id", sa.String(255), primary_key=True),
        sa.Column("options_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sms_opt_outs",
        sa.Column("phone_number", sa.String(20), primary_key=True),
        sa.Column("keyword", sa.String(16), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sms_opt_outs")
    op.drop_table("channel_prompts")
    op.drop_index("ix_link_codes_patient_id", table_name="link_codes")
    op.drop_table("link_codes")
    with op.batch_alter_table("channel_identities") as batch:
        batch.drop_column("preferred")

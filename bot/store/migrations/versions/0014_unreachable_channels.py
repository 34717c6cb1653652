"""A channel that refused a message for good (Telegram "bot was blocked by the user",
Twilio's unsubscribed recipient): check-ins stop going there until the patient writes again.

Revision ID: 0014_unreachable_channels
Revises: 0013_patient_region
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_unreachable_channels"
down_revision = "0013_patient_region"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("channel_identities") as batch:
        batch.add_column(sa.Column("unreachable_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("unreachable_reason", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("channel_identities") as batch:
        batch.drop_column("unreachable_reason")
        batch.drop_column("unreachable_at")

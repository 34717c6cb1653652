"""Where a patient's crisis-contact region came from (what they said, their check-in time zone).

Revision ID: 0013_patient_region
Revises: 0012_clinic_reference
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_patient_region"
down_revision = "0012_clinic_reference"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.add_column(sa.Column("region_source", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.drop_column("region_source")

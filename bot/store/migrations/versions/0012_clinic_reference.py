"""The clinic's own reference for a patient (its record number), shown on the dashboard.

Revision ID: 0012_clinic_reference
Revises: 0011_doors
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_clinic_reference"
down_revision = "0011_doors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.add_column(sa.Column("clinic_reference", sa.String(40)))


def downgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.drop_column("clinic_reference")

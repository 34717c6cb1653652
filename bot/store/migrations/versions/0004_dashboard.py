"""Clinician dashboard: clinicians, patient assignments, invitation codes, audit log.

Revision ID: 0006_dashboard
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_dashboard"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clinicians",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(200), nullable=False, unique=True),
        sa.Column("display_name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False, server_default="clinician"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "patient_assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "clinician_id", sa.Integer, sa.ForeignKey("clinicians.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.String(16), nullable=False, server_default="admin"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("clinician_id", "patient_id", name="uq_assignment"),
    )
    op.create_index("ix_patient_assignments_clinician_id", "patient_assignments", ["clinician_id"])
    op.create_index("ix_patient_assignments_patient_id", "patient_assignments", ["patient_id"])
    op.create_table(
        "invitation_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column(
            "clinician_id", sa.Integer, sa.ForeignKey("clinicians.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.Column("used_by_patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="SET NULL")),
    )
    op.create_index("ix_invitation_codes_clinician_id", "invitation_codes", ["clinician_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("clinician_id", sa.Integer, sa.ForeignKey("clinicians.id", ondelete="SET NULL")),
        sa.Column("clinician_email", sa.String(200)),
        sa.Column("patient_id", sa.Integer),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.String(300)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_audit_log_clinician_id", "audit_log", ["clinician_id"])
    op.create_index("ix_audit_patient_at", "audit_log", ["patient_id", "created_at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("invitation_codes")
    op.drop_table("patient_assignments")
    op.drop_table("clinicians")

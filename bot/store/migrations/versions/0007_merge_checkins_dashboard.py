"""Join the check-in (0005_checkins) and dashboard (0006_dashboard) branches, both from 0003.

No schema change: this only gives Alembic one head. (The lead may re-chain the two
revisions instead when merging to main; then this file goes.)

Revision ID: 0007_merge_checkins_dashboard
Revises: 0005_checkins, 0006_dashboard
Create Date: 2026-11-23
"""

revision = "0007_merge_checkins_dashboard"
down_revision = ("0005_checkins", "0006_dashboard")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

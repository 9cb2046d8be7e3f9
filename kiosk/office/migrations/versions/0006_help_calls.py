"""Calls for staff: a kiosk's heartbeat says a visitor there pressed "I need help".

Revision ID: 0006
Revises: 0005

Two nullable columns on `heartbeats` (no rewrite on PostgreSQL, a plain ADD COLUMN on SQLite):
the two-digit number the visitor was shown, and since when (the kiosk's clock, UTC). Both are
NULL when no call is open. No personal data: a number and a time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("heartbeats") as batch:
        batch.add_column(sa.Column("help_number", sa.String(4), nullable=True))
        batch.add_column(sa.Column("help_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("heartbeats", "help_since")
    op.drop_column("heartbeats", "help_number")

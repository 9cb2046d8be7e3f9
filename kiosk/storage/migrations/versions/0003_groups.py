"""Groups (issue 18): people registered together in one visit share a group id.

Revision ID: 0003
Revises: 0002

Three nullable columns on `submissions`, NULL for a one-person visit: the group's UUID, this
person's place in it (1-based) and how many people the group has. A plain ADD COLUMN each.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("group_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("group_member", sa.Integer, nullable=True))
        batch.add_column(sa.Column("group_size", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("group_size")
        batch.drop_column("group_member")
        batch.drop_column("group_id")

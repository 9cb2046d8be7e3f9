"""Photos (issue 17): pictures of supporting documents and the portrait, sealed like the answers.

Revision ID: 0004
Revises: 0003

One new table, `attachments`: (submission id, key) -> the sealed JPEG. Deleted with its
submission (ON DELETE CASCADE, and explicitly by the purge). A one-person visit without photos
has no row here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("submission_id", sa.String(36),
                  sa.ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attachments")

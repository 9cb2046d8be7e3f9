"""Staff console: staff accounts (scrypt hashes, roles, lock-out) and a reason for rejections.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False, server_default="staff"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("last_sign_in", sa.DateTime(timezone=True)),
        sa.CheckConstraint("role IN ('staff', 'admin')", name="ck_staff_users_role"),
    )
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("status_reason", sa.Text))
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_at", "audit_log")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("status_reason")
    op.drop_table("staff_users")

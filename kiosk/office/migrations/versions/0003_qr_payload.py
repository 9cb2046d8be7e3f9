"""Office reprints: the kiosk-signed QR payload of each submission (NULL for rows synced before).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: on PostgreSQL adding it rewrites nothing, however many rows there are.
    # On SQLite batch mode ("auto") issues a plain ADD COLUMN; it must never rebuild the table: the
    # DROP of the old copy would cascade-delete every note (tests/core/test_office_migrations.py).
    # Kiosk roles keep their table-level INSERT grant, which covers a new column (kiosk.office.roles).
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("qr_payload", sa.String(255), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+ has it): no table rebuild on SQLite either (see above).
    op.drop_column("submissions", "qr_payload")

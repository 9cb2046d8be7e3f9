"""The office schema: submissions, notes, audit log, kiosks, heartbeats (row security on PG).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NOW = sa.func.now()


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Uuid(as_uuid=False), primary_key=True),
        sa.Column("reference", sa.String(8), nullable=False),
        sa.Column("kiosk_id", sa.String(16), nullable=False),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("form_version", sa.Integer, nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("sealed_answers", sa.LargeBinary, nullable=False),
        sa.Column("status", sa.String(16), server_default="new", nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True)),
        sa.Column("assigned_to", sa.String(64)),
        sa.CheckConstraint(
            "status IN ('new', 'in_progress', 'done', 'rejected', 'archived')",
            name="ck_submissions_status",
        ),
        sa.UniqueConstraint("reference", name="uq_submissions_reference"),
    )
    for column in ("kiosk_id", "created_at", "status"):
        op.create_index(f"ix_submissions_{column}", "submissions", [column])
    op.create_table(
        "submission_notes",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column(
            "submission_id",
            sa.Uuid(as_uuid=False),
            sa.ForeignKey("submissions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_index("ix_submission_notes_submission_id", "submission_notes", ["submission_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("submission_id", sa.Uuid(as_uuid=False)),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_audit_log_submission_id", "audit_log", ["submission_id"])
    op.create_table(
        "kiosks",
        sa.Column("kiosk_id", sa.String(16), primary_key=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("label", sa.String(80)),
        sa.Column("registered_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("active", sa.Boolean, server_default=sa.true(), nullable=False),
    )
    op.create_table(
        "heartbeats",
        sa.Column("kiosk_id", sa.String(16), primary_key=True),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("queue_depth", sa.Integer, nullable=False),
        sa.Column("oldest_unsent_s", sa.Integer),
        sa.Column("quarantined", sa.Integer, server_default="0", nullable=False),
        sa.Column("printer_state", sa.String(40), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("last_error", sa.Text),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Kiosk roles get one policy each (kiosk db grant-kiosk-role); the owner bypasses it.
        op.execute("ALTER TABLE heartbeats ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    for table in ("heartbeats", "kiosks", "audit_log", "submission_notes", "submissions"):
        op.drop_table(table)

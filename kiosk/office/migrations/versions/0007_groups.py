"""Groups (issue 18): people registered together in one kiosk visit share a group id.

Revision ID: 0007
Revises: 0006

Three nullable columns on `submissions` (no rewrite on PostgreSQL, a plain ADD COLUMN on SQLite,
never a table rebuild: see 0003): the group's UUID (indexed: the staff console lists a person's
group), the person's place in it (1-based) and the group's size, all NULL for a one-person visit.
PostgreSQL also checks they come all three or none, with 1 <= member <= size.

Kiosk roles may INSERT only the columns they were granted (kiosk.office.roles, KIOSK_COLUMNS):
every role that may insert `submissions.reference` (a kiosk role) is granted INSERT on the three
new columns here, so kiosks keep syncing without a re-grant. Staff roles read the whole table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHECK = (
    "ck_submissions_group CHECK ((group_id IS NULL AND group_member IS NULL AND group_size IS NULL)"
    " OR (group_id IS NOT NULL AND group_member BETWEEN 1 AND group_size AND group_size <= 50))"
)
GRANT_KIOSK_ROLES = """
DO $$
DECLARE role_name text;
BEGIN
    FOR role_name IN
        SELECT r.rolname FROM pg_roles r
        WHERE r.oid <> (SELECT relowner FROM pg_class WHERE oid = 'public.submissions'::regclass)
          AND NOT r.rolsuper
          AND has_column_privilege(r.oid, 'public.submissions', 'reference', 'INSERT')
    LOOP
        EXECUTE format('GRANT INSERT (group_id, group_member, group_size) ON submissions TO %I',
                       role_name);
    END LOOP;
END
$$
"""


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("group_id", sa.Uuid(as_uuid=False), nullable=True))
        batch.add_column(sa.Column("group_member", sa.Integer, nullable=True))
        batch.add_column(sa.Column("group_size", sa.Integer, nullable=True))
    op.create_index("ix_submissions_group_id", "submissions", ["group_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE submissions ADD CONSTRAINT {CHECK}")
        op.execute(GRANT_KIOSK_ROLES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE submissions DROP CONSTRAINT ck_submissions_group")
    op.drop_index("ix_submissions_group_id", "submissions")
    op.drop_column("submissions", "group_size")
    op.drop_column("submissions", "group_member")
    op.drop_column("submissions", "group_id")

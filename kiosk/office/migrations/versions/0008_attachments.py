"""Photos (issue 17): the sealed pictures kiosks send with their submissions.

Revision ID: 0008
Revises: 0007

`attachments` (submission id, key) -> sealed JPEG, with the sending kiosk's id for row
security. ON DELETE CASCADE: the office purge deletes a submission's pictures with it.

PostgreSQL: row security on, like `submissions` (revision 0005). Every kiosk role (a role that
may insert `submissions.reference`) gets here INSERT on the columns a kiosk sends, SELECT on the
conflict key only (`ON CONFLICT (submission_id, key) DO NOTHING` needs it; the pictures stay
unreadable) and a policy limiting it to rows of its own kiosk id, taken from its `submissions`
policy; every staff role (one that reads `submissions.sealed_answers`) gets SELECT and a
read-all policy. `kiosk db grant-kiosk-role` / `grant-staff-role` grant the same from now on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GRANT_EXISTING_ROLES = """
DO $$
DECLARE
    r record;
    owner oid := (SELECT relowner FROM pg_class WHERE oid = 'public.submissions'::regclass);
BEGIN
    FOR r IN
        SELECT p.polname, ro.rolname, pg_get_expr(p.polqual, p.polrelid) AS qual
        FROM pg_policy p
        JOIN pg_roles ro ON ro.oid = ANY (p.polroles)
        WHERE p.polrelid = 'public.submissions'::regclass AND p.polname LIKE 'submission\\_%'
          AND ro.oid <> owner AND NOT ro.rolsuper
    LOOP
        IF has_column_privilege(r.rolname, 'public.submissions', 'reference', 'INSERT') THEN
            EXECUTE format('GRANT INSERT (submission_id, key, kiosk_id, sealed) ON attachments TO %I',
                           r.rolname);
            EXECUTE format('GRANT SELECT (submission_id, key) ON attachments TO %I', r.rolname);
            EXECUTE format('CREATE POLICY %I ON attachments FOR ALL TO %I USING (%s) WITH CHECK (%s)',
                           'attachment_' || r.rolname, r.rolname, r.qual, r.qual);
        ELSIF has_column_privilege(r.rolname, 'public.submissions', 'sealed_answers', 'SELECT') THEN
            EXECUTE format('GRANT SELECT ON attachments TO %I', r.rolname);
            EXECUTE format('CREATE POLICY %I ON attachments FOR SELECT TO %I USING (true)',
                           'attachment_' || r.rolname, r.rolname);
        END IF;
    END LOOP;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("submission_id", sa.Uuid(as_uuid=False),
                  sa.ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("kiosk_id", sa.String(16), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE attachments ENABLE ROW LEVEL SECURITY")
        op.execute(GRANT_EXISTING_ROLES)


def downgrade() -> None:
    op.drop_table("attachments")

"""The audit log becomes append-only: UPDATE, DELETE and TRUNCATE are refused for everyone.

Revision ID: 0004
Revises: 0003

A trigger, not only grants: it binds the schema owner too (and any role granted too much by
mistake). Rows are kept for good; nothing in the kiosk or the office deletes audit entries
(`kiosk purge` only touches the kiosk's local queue). The owner can still drop the trigger or the
table — DDL that a later migration would have to do on purpose — so it guards against mistakes
and misused application paths, not against the database owner.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MESSAGE = "audit_log is append-only: {} is not allowed"

# Statement-level, so a DELETE or UPDATE matching no row is refused as well, and TRUNCATE (which
# fires no row triggers) is covered. The SQLSTATE is insufficient_privilege: nobody may do it.
PG_FUNCTION = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""
PG_TRIGGER = """
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
"""
# SQLite (the laptop demo office) has no TRUNCATE; its DELETE without WHERE skips the fast
# truncate path when a trigger exists. A future batch migration that rebuilds audit_log on SQLite
# drops these triggers with the old table and must create them again.
SQLITE_TRIGGER = """
CREATE TRIGGER audit_log_no_{verb_lower} BEFORE {verb} ON audit_log
BEGIN SELECT RAISE(ABORT, '{message}'); END
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(SQLITE_TRIGGER.format(verb=verb, verb_lower=verb.lower(), message=MESSAGE.format(verb)))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
        return
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER audit_log_no_{verb}")

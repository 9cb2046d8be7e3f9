"""Least privilege at the office (issue 19): checked kiosk rows, staff actions through functions,
references unique per kiosk, a key history, and who was logged in on every audit entry.

Revision ID: 0005
Revises: 0004

PostgreSQL (the real office):
- `submissions`: references unique per kiosk (`kiosk_id, reference`) instead of office-wide; a
  trigger notes a reference another kiosk also used in the audit log (`reference_duplicate`);
  CHECKs on the reference alphabet (kiosk.refcode), the kiosk id, and a creation time within
  400 days before / 1 day after the office received the row (NOT VALID: old rows are not
  re-checked, new and changed ones are); row security, so each kiosk role inserts only rows
  of its own kiosk (policies per role: kiosk.office.roles).
- `staff_sessions` and SECURITY DEFINER functions (FUNCTIONS below; docs/staff.md, Database roles):
  sign-in compares a password digest without handing out the stored one, counts failures and
  locks atomically; status changes, notes and audit entries name the signed-in user of a session
  token, never an actor the caller chose.
- `audit_log.db_user`: the database login that wrote each entry (`session_user`).
- `kiosk_keys`: every public key each kiosk ever had, with when it was retired.
- Every role's privileges on the changed tables are revoked: re-run `kiosk db grant-kiosk-role`
  and `grant-staff-role` after this upgrade (fail closed; docs/sync.md).

SQLite (the one-kiosk laptop demo): the key history, `db_user` and the per-kiosk unique index
only. It keeps the office-wide unique reference of 0001 (dropping an inline constraint rebuilds
the table, which would cascade-delete the notes: see 0003) and has no roles to restrict.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NOW = sa.func.now()
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
REFERENCE_ALPHABET = "ACEFGHJKMNPRTWXY34679"  # kiosk.refcode.ALPHABET, frozen here
CHANGED_TABLES = ("submissions", "submission_notes", "audit_log", "staff_users", "kiosks", "heartbeats")

CHECKS = {
    "reference": f"reference ~ '^[{REFERENCE_ALPHABET}]{{8}}$'",
    "kiosk_id": "kiosk_id ~ '^[A-Z0-9][A-Z0-9-]{0,15}$'",
    "created_at": "created_at > received_at - interval '400 days' "
    "AND created_at < received_at + interval '1 day'",
}

# Every role holding any table or column privilege on these tables, from the catalog itself
# (information_schema would only list grants the migrating role made or received).
REVOKE_EVERYONE = """
DO $$
DECLARE grantee_name text;
BEGIN
    FOR grantee_name IN
        SELECT DISTINCT r.rolname
        FROM pg_class c
        LEFT JOIN pg_attribute att ON att.attrelid = c.oid AND att.attnum > 0
        CROSS JOIN LATERAL (
            SELECT grantee FROM aclexplode(c.relacl)
            UNION SELECT grantee FROM aclexplode(att.attacl)
        ) a
        JOIN pg_roles r ON r.oid = a.grantee
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN ({tables})
          AND a.grantee <> c.relowner
    LOOP
        EXECUTE format('REVOKE ALL ON {tables_plain} FROM %I', grantee_name);
    END LOOP;
END
$$
"""


# Every function runs as the schema owner with a fixed search_path; none is executable by PUBLIC
# (REVOKE below): `kiosk db grant-staff-role` grants EXECUTE on the staff ones. The lock-out rule
# is kiosk.staff.policy's (5 failures, 15 minutes), frozen here; a session lasts 12 hours at most.
DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp"
SIGNATURES = (
    "staff_sign_in_salt(text)",
    "staff_sign_in(text, text)",
    "staff_session_user(text)",
    "staff_audit(text, text, uuid, text)",
    "staff_set_status(text, uuid, text, text, text)",
    "staff_add_note(text, uuid, text)",
    "staff_sign_out(text, text)",
    "submissions_reference_elsewhere()",
)
FUNCTIONS = (
    # The hash's parameters and salt, never its digest: the caller runs scrypt itself. An unknown
    # name gets a salt made from the name (staff can read the audit log's actors anyway).
    f"""
CREATE FUNCTION staff_sign_in_salt(p_username text) RETURNS text {DEFINER} AS $$
DECLARE stored text;
BEGIN
    SELECT password_hash INTO stored FROM staff_users WHERE username = p_username;
    IF stored IS NULL OR split_part(stored, '$', 1) <> 'scrypt' THEN
        RETURN 'scrypt$15$8$1$'
            || encode(substr(sha256(convert_to('unknown:' || p_username, 'UTF8')), 1, 16), 'base64');
    END IF;
    RETURN array_to_string((string_to_array(stored, '$'))[1:5], '$');
END
$$""",
    # One attempt, atomically: the row lock serializes desks; failures count and lock here.
    f"""
CREATE FUNCTION staff_sign_in(p_username text, p_digest text)
RETURNS TABLE (outcome text, user_role text, token text) {DEFINER} AS $$
#variable_conflict use_column
DECLARE
    u staff_users%ROWTYPE;
    failures integer;
    new_token text;
    lock_end timestamptz := now() + interval '15 minutes';
BEGIN
    SELECT * INTO u FROM staff_users WHERE username = p_username FOR UPDATE;
    IF NOT FOUND OR NOT u.active THEN
        INSERT INTO audit_log (actor, action, detail)
        VALUES ('(unknown user)', 'sign_in_failed', 'unknown or disabled');
        RETURN QUERY SELECT 'bad-credentials'::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    IF u.locked_until IS NOT NULL AND u.locked_until > now() THEN
        INSERT INTO audit_log (actor, action) VALUES (u.username, 'sign_in_locked');
        RETURN QUERY SELECT 'locked'::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    IF p_digest IS NULL OR p_digest = '' OR split_part(u.password_hash, '$', 6) <> p_digest THEN
        failures := u.failed_attempts + 1;
        IF failures >= 5 THEN
            UPDATE staff_users SET failed_attempts = 0, locked_until = lock_end
            WHERE username = u.username;
        ELSE
            UPDATE staff_users SET failed_attempts = failures WHERE username = u.username;
        END IF;
        INSERT INTO audit_log (actor, action, detail)
        VALUES (u.username, 'sign_in_failed', 'attempt ' || failures);
        IF failures >= 5 THEN
            INSERT INTO audit_log (actor, action, detail)
            VALUES (u.username, 'account_locked',
                    'until ' || to_char(lock_end AT TIME ZONE 'UTC', 'HH24:MI') || ' UTC');
            RETURN QUERY SELECT 'locked'::text, NULL::text, NULL::text;
        ELSE
            RETURN QUERY SELECT 'bad-credentials'::text, NULL::text, NULL::text;
        END IF;
        RETURN;
    END IF;
    UPDATE staff_users SET failed_attempts = 0, locked_until = NULL, last_sign_in = now()
    WHERE username = u.username;
    DELETE FROM staff_sessions WHERE expires_at < now();
    new_token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
    INSERT INTO staff_sessions (token_hash, username, expires_at)
    VALUES (encode(sha256(convert_to(new_token, 'UTF8')), 'hex'), u.username,
            now() + interval '12 hours');
    RETURN QUERY SELECT 'ok'::text, u.role::text, new_token;
END
$$""",
    # The signed-in user behind a token (still active, session not expired), else an error.
    f"""
CREATE FUNCTION staff_session_user(p_token text) RETURNS text {DEFINER} AS $$
DECLARE found_user text;
BEGIN
    SELECT s.username INTO found_user FROM staff_sessions s JOIN staff_users u USING (username)
    WHERE s.token_hash = encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex')
      AND s.expires_at > now() AND u.active;
    IF found_user IS NULL THEN
        RAISE EXCEPTION 'not signed in (no valid staff session)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN found_user;
END
$$""",
    # An audit entry by the token's user; without a token, by the database login itself.
    f"""
CREATE FUNCTION staff_audit(p_token text, p_action text, p_submission uuid, p_detail text)
RETURNS void {DEFINER} AS $$
DECLARE who text;
BEGIN
    IF p_token IS NULL THEN
        who := 'db:' || session_user;
    ELSE
        who := staff_session_user(p_token);
    END IF;
    INSERT INTO audit_log (actor, action, submission_id, detail)
    VALUES (left(who, 64), left(p_action, 40), p_submission, left(p_detail, 500));
END
$$""",
    # kiosk.staff.workflow's rules, enforced here too; FALSE when another desk moved it first.
    # The reason stays on the submission (purged with it); the audit log gets only its length.
    f"""
CREATE FUNCTION staff_set_status(
    p_token text, p_id uuid, p_current text, p_target text, p_reason text
) RETURNS boolean {DEFINER} AS $$
DECLARE
    who text := staff_session_user(p_token);
    reason text := left(nullif(btrim(coalesce(p_reason, ''), E' \\t\\r\\n'), ''), 2000);
BEGIN
    IF (p_current, p_target) NOT IN (('new', 'in_progress'), ('new', 'rejected'),
            ('in_progress', 'done'), ('in_progress', 'rejected'), ('in_progress', 'new'),
            ('done', 'in_progress'), ('rejected', 'in_progress')) THEN
        RAISE EXCEPTION 'cannot go from % to %', p_current, p_target
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_current IN ('done', 'rejected')
            AND (SELECT role FROM staff_users WHERE username = who) <> 'admin' THEN
        RAISE EXCEPTION 'only an admin may reopen a finished submission'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_target = 'rejected' AND reason IS NULL THEN
        RAISE EXCEPTION 'a rejection needs a reason' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE submissions SET status = p_target, status_changed_at = now(),
        status_reason = CASE WHEN p_target = 'rejected' THEN reason END,
        assigned_to = CASE WHEN p_target = 'in_progress' THEN who ELSE assigned_to END
    WHERE id = p_id AND status = p_current;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO audit_log (actor, action, submission_id, detail)
    VALUES (who, 'status', p_id, p_current || ' -> ' || p_target
        || CASE WHEN p_target = 'rejected'
                THEN ' (reason: ' || length(reason) || ' characters)' ELSE '' END);
    RETURN true;
END
$$""",
    f"""
CREATE FUNCTION staff_add_note(p_token text, p_id uuid, p_body text) RETURNS void {DEFINER} AS $$
DECLARE
    who text := staff_session_user(p_token);
    note_body text := btrim(coalesce(p_body, ''), E' \\t\\r\\n');
BEGIN
    IF note_body = '' THEN
        RAISE EXCEPTION 'an empty note' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO submission_notes (submission_id, author, body) VALUES (p_id, who, left(note_body, 2000));
    INSERT INTO audit_log (actor, action, submission_id, detail)
    VALUES (who, 'note', p_id, length(note_body) || ' characters');
END
$$""",
    # Ends the session; `p_why` NULL ends it without an entry (a sign-in refused for its key).
    f"""
CREATE FUNCTION staff_sign_out(p_token text, p_why text) RETURNS void {DEFINER} AS $$
DECLARE who text := staff_session_user(p_token);
BEGIN
    IF p_why IS NOT NULL THEN
        INSERT INTO audit_log (actor, action, detail) VALUES (who, 'sign_out', left(p_why, 500));
    END IF;
    DELETE FROM staff_sessions
    WHERE token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex') OR expires_at < now();
END
$$""",
    # Row trigger on kiosk inserts (it runs as the owner: kiosk roles cannot see other rows).
    f"""
CREATE FUNCTION submissions_reference_elsewhere() RETURNS trigger {DEFINER} AS $$
DECLARE others text;
BEGIN
    SELECT string_agg(DISTINCT kiosk_id, ', ') INTO others FROM submissions
    WHERE reference = NEW.reference AND kiosk_id <> NEW.kiosk_id;
    IF others IS NOT NULL THEN
        INSERT INTO audit_log (actor, action, submission_id, detail)
        VALUES ('office', 'reference_duplicate', NEW.id,
                'ref=' || NEW.reference || ' from ' || NEW.kiosk_id || ', also from ' || others);
    END IF;
    RETURN NULL;
END
$$""",
)
DUPLICATE_TRIGGER = """
CREATE TRIGGER submissions_reference_elsewhere AFTER INSERT ON submissions
FOR EACH ROW EXECUTE FUNCTION submissions_reference_elsewhere()
"""


def _kiosk_keys() -> None:
    op.create_table(
        "kiosk_keys",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("kiosk_id", sa.String(16), sa.ForeignKey("kiosks.kiosk_id"), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("kiosk_id", "public_key", name="uq_kiosk_keys_kiosk_id"),
    )
    op.execute(
        "INSERT INTO kiosk_keys (kiosk_id, public_key, registered_at)"
        " SELECT kiosk_id, public_key, registered_at FROM kiosks"
    )


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    _kiosk_keys()
    op.create_index(
        "uq_submissions_kiosk_id_reference", "submissions", ["kiosk_id", "reference"], unique=True
    )
    if not postgres:
        with op.batch_alter_table("audit_log") as batch:  # a plain ADD COLUMN: no rebuild
            batch.add_column(sa.Column("db_user", sa.String(64)))
        return
    op.add_column(
        "audit_log",
        sa.Column("db_user", sa.String(64), server_default=sa.text("session_user"), nullable=False),
    )
    op.drop_constraint("uq_submissions_reference", "submissions", type_="unique")
    op.create_index("ix_submissions_reference", "submissions", ["reference"])
    for name, condition in CHECKS.items():
        check = f"ck_submissions_{name} CHECK ({condition}) NOT VALID"
        op.execute(f"ALTER TABLE submissions ADD CONSTRAINT {check}")
    op.execute("ALTER TABLE submissions ENABLE ROW LEVEL SECURITY")
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("staff_users.username"), nullable=False),
        sa.Column("db_user", sa.String(64), server_default=sa.text("session_user"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    for statement in FUNCTIONS:
        op.execute(statement)
    op.execute(DUPLICATE_TRIGGER)
    for signature in SIGNATURES:  # a new function is executable by PUBLIC until revoked
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    tables = ", ".join(f"'{t}'" for t in CHANGED_TABLES)
    op.execute(REVOKE_EVERYONE.format(tables=tables, tables_plain=", ".join(CHANGED_TABLES)))


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP TRIGGER submissions_reference_elsewhere ON submissions")
        for signature in SIGNATURES:
            op.execute(f"DROP FUNCTION {signature}")
        op.drop_table("staff_sessions")
        op.execute("ALTER TABLE submissions DISABLE ROW LEVEL SECURITY")
        for name in CHECKS:
            op.execute(f"ALTER TABLE submissions DROP CONSTRAINT ck_submissions_{name}")
        op.drop_index("ix_submissions_reference", "submissions")
        op.create_unique_constraint("uq_submissions_reference", "submissions", ["reference"])
    op.drop_column("audit_log", "db_user")
    op.drop_index("uq_submissions_kiosk_id_reference", "submissions")
    op.drop_table("kiosk_keys")

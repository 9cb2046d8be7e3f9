"""Least-privilege PostgreSQL roles for kiosks and for the staff console (`kiosk db grant-…`).

A kiosk role may INSERT into `submissions` only the columns a kiosk sends (KIOSK_COLUMNS: never
`status`, its reason or `received_at`), and a row-security policy (`submission_<role>`) lets it
insert and see only rows of its own kiosk id. It reads only the `id` column (PostgreSQL needs
SELECT on the conflict target for `ON CONFLICT (id)` and on `RETURNING id`); every other column,
including the sealed answers and the signed QR payload, stays unreadable. A column added to
what kiosks send later needs a re-grant. On `heartbeats` it may read and write its own row
only (policy `heartbeat_<role>`). It cannot touch notes, the audit log, accounts or keys.

A staff role reads what the console shows (STAFF_GRANTS) and changes nothing directly: sign-in,
status changes, notes, sign-out and audit entries go through the SECURITY DEFINER functions of
revision 0005 (STAFF_FUNCTIONS), which record the signed-in user of a session and the database
login. It cannot read `staff_users` (no password hashes, no lock-out columns), nor UPDATE or
INSERT anything, nor DELETE. Account management, key registration and the office purge stay
with the schema owner. The audit log is append-only for everyone (trigger, revision 0004).

Both kinds are re-created idempotently: every table, sequence and function privilege is revoked
first and the role's policies are replaced, so running a command again, or turning a kiosk role
into a staff role, leaves exactly the grants listed here.
"""

from __future__ import annotations

import re

from psycopg import sql
from sqlalchemy import Connection, Engine

from kiosk.config import KIOSK_ID_RE
from kiosk.office.models import ATTACHMENT_COLUMNS, KIOSK_COLUMNS

ROLE_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
OFFICE_ONLY = ("submission_notes", "audit_log", "kiosks")

# What the staff console reads directly, by module: records/search/export/reprint read whole
# submission rows (metadata, sealed answers, qr_payload) and notes; audit lists entries; registry
# reads active kiosks' keys and their retired keys; records.fleet the kiosks' labels and every
# heartbeat. The staff commands check the schema version before their first query. `{}` is the
# role.
STAFF_GRANTS = (
    "GRANT SELECT ON submissions TO {}",
    "GRANT SELECT ON submission_notes TO {}",
    "GRANT SELECT ON attachments TO {}",
    "GRANT SELECT ON audit_log TO {}",
    "GRANT SELECT (kiosk_id, public_key, label, active) ON kiosks TO {}",
    "GRANT SELECT (kiosk_id, public_key, retired_at) ON kiosk_keys TO {}",
    "GRANT SELECT ON heartbeats TO {}",
    "GRANT SELECT ON office_schema_version TO {}",
)
# Everything it changes (kiosk.staff.accounts, workflow, audit, console): revision 0005.
STAFF_FUNCTIONS = (
    "staff_sign_in_salt(text)",
    "staff_sign_in(text, text)",
    "staff_audit(text, text, uuid, text)",
    "staff_set_status(text, uuid, text, text, text)",
    "staff_add_note(text, uuid, text)",
    "staff_sign_out(text, text)",
)
# Tables with row security, and the one policy each role gets on each.
POLICIES = {"heartbeats": "heartbeat_{}", "submissions": "submission_{}", "attachments": "attachment_{}"}


class RoleError(ValueError):
    pass


def _run(connection: Connection, statement: sql.Composable) -> None:
    # Straight to psycopg (same transaction): it composes identifiers and literals safely.
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.execute(statement)


def _check(engine: Engine, role: str) -> None:
    if engine.dialect.name != "postgresql":
        raise RoleError("roles exist only on PostgreSQL; the SQLite demo has no access control")
    if not ROLE_RE.match(role):
        raise RoleError("role: 1-63 of a-z, 0-9 and '_', not starting with a digit")


def _login_role(conn: Connection, role: str, password: str | None) -> sql.Identifier:
    """Create or alter `role` as a plain login role that can connect, with no table privileges."""
    ident = sql.Identifier(role)
    login = sql.SQL("LOGIN PASSWORD {}").format(password) if password else sql.SQL("LOGIN")
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": role}).first()
    verb = "ALTER" if exists else "CREATE"
    _run(conn, sql.SQL(verb + " ROLE {} NOSUPERUSER NOCREATEDB NOCREATEROLE {}").format(ident, login))
    database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
    _run(conn, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident))
    _run(conn, sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
    # Table-level REVOKE ALL also revokes every column-level privilege of those tables.
    _run(conn, sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(ident))
    _run(conn, sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {}").format(ident))
    _run(conn, sql.SQL("REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {}").format(ident))
    for table in _tables(conn):
        drop = sql.SQL("DROP POLICY IF EXISTS {} ON {}")
        _run(conn, drop.format(_policy(role, table), sql.Identifier(table)))
    return ident


def _tables(conn: Connection) -> list[str]:
    """The tables of POLICIES this office has: `attachments` only from revision 0008 on (a role
    granted before gets its pictures' privileges from that revision)."""
    query = "SELECT to_regclass(%(name)s) IS NOT NULL"
    return [t for t in POLICIES if conn.exec_driver_sql(query, {"name": f"public.{t}"}).scalar()]


def _policy(role: str, table: str = "heartbeats") -> sql.Identifier:
    return sql.Identifier(POLICIES[table].format(role))


def grant_kiosk_role(engine: Engine, role: str, kiosk_id: str, password: str | None) -> None:
    """Create (or update) `role` with exactly the kiosk's privileges; idempotent."""
    _check(engine, role)
    if not KIOSK_ID_RE.match(kiosk_id):
        raise RoleError("kiosk id: 1-16 of A-Z, 0-9 and '-'")
    with engine.begin() as conn:
        ident = _login_role(conn, role, password)
        columns = sql.SQL(", ").join(sql.Identifier(c) for c in KIOSK_COLUMNS)
        _run(conn, sql.SQL("GRANT INSERT ({}) ON submissions TO {}").format(columns, ident))
        _run(conn, sql.SQL("GRANT SELECT (id) ON submissions TO {}").format(ident))
        tables = _tables(conn)
        if "attachments" in tables:  # pictures (revision 0008): insert, and read the conflict key only
            photo_columns = sql.SQL(", ").join(sql.Identifier(c) for c in ATTACHMENT_COLUMNS)
            _run(conn, sql.SQL("GRANT INSERT ({}) ON attachments TO {}").format(photo_columns, ident))
            _run(conn, sql.SQL("GRANT SELECT (submission_id, key) ON attachments TO {}").format(ident))
        _run(conn, sql.SQL("GRANT SELECT, INSERT, UPDATE ON heartbeats TO {}").format(ident))
        for table in tables:  # its own kiosk's rows only, to see and to write
            _run(
                conn,
                sql.SQL(
                    "CREATE POLICY {} ON {} FOR ALL TO {} USING (kiosk_id = {}) WITH CHECK (kiosk_id = {})"
                ).format(_policy(role, table), sql.Identifier(table), ident, kiosk_id, kiosk_id),
            )


def grant_staff_role(engine: Engine, role: str, password: str | None) -> None:
    """Create (or update) `role` with exactly the staff console's privileges; idempotent.

    The office must be at the newest schema first (`kiosk db upgrade`): the grants name the
    staff console's columns.
    """
    _check(engine, role)
    with engine.begin() as conn:
        ident = _login_role(conn, role, password)
        for statement in STAFF_GRANTS:
            _run(conn, sql.SQL(statement).format(ident))
        for function in STAFF_FUNCTIONS:  # fixed signatures, not user input
            _run(conn, sql.SQL("GRANT EXECUTE ON FUNCTION " + function + " TO {}").format(ident))
        # Row security is on for both: without a policy a non-owner sees no rows at all.
        for table in POLICIES:
            _run(
                conn,
                sql.SQL("CREATE POLICY {} ON {} FOR SELECT TO {} USING (true)").format(
                    _policy(role, table), sql.Identifier(table), ident
                ),
            )

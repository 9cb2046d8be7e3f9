"""Least-privilege PostgreSQL roles for kiosks and for the staff console (`kiosk db grant-…`).

A kiosk role may INSERT submissions and read only their `id` column (PostgreSQL needs SELECT on
the conflict target for `ON CONFLICT (id)` and on `RETURNING id`); every other column, including
the sealed answers and the signed QR payload, stays unreadable. The INSERT grant is table-wide on
purpose: it covers columns added later (`qr_payload`, revision 0003) without re-granting. On
`heartbeats` it may read and write its own row only, by a row-security policy naming its kiosk id.
It cannot touch notes, the audit log or the key list.

A staff role gets what the console (kiosk/staff/) reads and writes, and nothing else: see
STAFF_GRANTS. No DELETE anywhere; UPDATE only of the columns the console changes; INSERT into
notes and the audit log of the columns it fills (ids and times come from the database). Account
management (`kiosk staff add-user`, `set-password`, `enable`/`disable`) and key registration stay
with the schema owner. The audit log is append-only for everyone (trigger, revision 0004).

Both kinds are re-created idempotently: every table and sequence privilege is revoked first and
the role's one `heartbeats` policy (`heartbeat_<role>`) is replaced, so running a command again,
or turning a kiosk role into a staff role, leaves exactly the grants listed here.
"""

from __future__ import annotations

import re

from psycopg import sql
from sqlalchemy import Connection, Engine

from kiosk.config import KIOSK_ID_RE

ROLE_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
OFFICE_ONLY = ("submission_notes", "audit_log", "kiosks")

# Every statement the staff console makes, by module: records/search/export/reprint read whole
# submission rows (metadata, sealed answers, qr_payload); workflow updates the status columns
# and adds notes; every action adds an audit entry, audit lists them; registry reads active
# kiosks' keys, records.fleet the kiosks' labels and every heartbeat; accounts.authenticate reads
# a user under a row lock (FOR UPDATE needs an UPDATE grant on some column) and updates only the
# lock-out columns. `{}` is the role.
STAFF_GRANTS = (
    "GRANT SELECT ON submissions TO {}",
    "GRANT UPDATE (status, status_changed_at, status_reason, assigned_to) ON submissions TO {}",
    "GRANT SELECT ON submission_notes TO {}",
    "GRANT INSERT (submission_id, author, body) ON submission_notes TO {}",
    "GRANT USAGE ON SEQUENCE submission_notes_id_seq TO {}",
    "GRANT SELECT ON audit_log TO {}",
    "GRANT INSERT (actor, action, submission_id, detail) ON audit_log TO {}",
    "GRANT USAGE ON SEQUENCE audit_log_id_seq TO {}",
    "GRANT SELECT (kiosk_id, public_key, label, active) ON kiosks TO {}",
    "GRANT SELECT ON heartbeats TO {}",
    "GRANT SELECT ON staff_users TO {}",
    "GRANT UPDATE (failed_attempts, locked_until, last_sign_in) ON staff_users TO {}",
    # The staff commands check the schema version before their first query (clear instruction
    # instead of "no such column" when the office was not upgraded with this version).
    "GRANT SELECT ON office_schema_version TO {}",
)


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
    _run(conn, sql.SQL("DROP POLICY IF EXISTS {} ON heartbeats").format(_policy(role)))
    return ident


def _policy(role: str) -> sql.Identifier:
    return sql.Identifier(f"heartbeat_{role}")


def grant_kiosk_role(engine: Engine, role: str, kiosk_id: str, password: str | None) -> None:
    """Create (or update) `role` with exactly the kiosk's privileges; idempotent."""
    _check(engine, role)
    if not KIOSK_ID_RE.match(kiosk_id):
        raise RoleError("kiosk id: 1-16 of A-Z, 0-9 and '-'")
    with engine.begin() as conn:
        ident = _login_role(conn, role, password)
        _run(conn, sql.SQL("GRANT INSERT ON submissions TO {}").format(ident))
        _run(conn, sql.SQL("GRANT SELECT (id) ON submissions TO {}").format(ident))
        _run(conn, sql.SQL("GRANT SELECT, INSERT, UPDATE ON heartbeats TO {}").format(ident))
        _run(
            conn,
            sql.SQL(
                "CREATE POLICY {} ON heartbeats FOR ALL TO {} USING (kiosk_id = {}) "
                "WITH CHECK (kiosk_id = {})"
            ).format(_policy(role), ident, kiosk_id, kiosk_id),
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
        # Row security is on for `heartbeats`: without a policy a non-owner sees no rows at all.
        _run(
            conn,
            sql.SQL("CREATE POLICY {} ON heartbeats FOR SELECT TO {} USING (true)").format(
                _policy(role), ident
            ),
        )

"""Least-privilege PostgreSQL roles for kiosks (`kiosk db grant-kiosk-role`).

A kiosk role may INSERT submissions and read only their `id` column (PostgreSQL needs SELECT on
the conflict target for `ON CONFLICT (id)` and on `RETURNING id`); every other column, including
the sealed answers and the signed QR payload, stays unreadable. The INSERT grant is table-wide on
purpose: it covers columns added later (`qr_payload`, revision 0003) without re-granting. On
`heartbeats` it may read and write its own row only, by a row-security policy naming its kiosk id.
It cannot touch notes, the audit log or the key list.
"""

from __future__ import annotations

import re

from psycopg import sql
from sqlalchemy import Connection, Engine

from kiosk.config import KIOSK_ID_RE

ROLE_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
OFFICE_ONLY = ("submission_notes", "audit_log", "kiosks")


class RoleError(ValueError):
    pass


def _run(connection: Connection, statement: sql.Composable) -> None:
    # Straight to psycopg (same transaction): it composes identifiers and literals safely.
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.execute(statement)


def grant_kiosk_role(engine: Engine, role: str, kiosk_id: str, password: str | None) -> None:
    """Create (or update) `role` with exactly the kiosk's privileges; idempotent."""
    if engine.dialect.name != "postgresql":
        raise RoleError("roles exist only on PostgreSQL; the SQLite demo has no access control")
    if not ROLE_RE.match(role):
        raise RoleError("role: 1-63 of a-z, 0-9 and '_', not starting with a digit")
    if not KIOSK_ID_RE.match(kiosk_id):
        raise RoleError("kiosk id: 1-16 of A-Z, 0-9 and '-'")
    ident, policy = sql.Identifier(role), sql.Identifier(f"heartbeat_{role}")
    login = sql.SQL("LOGIN PASSWORD {}").format(password) if password else sql.SQL("LOGIN")
    with engine.begin() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": role}
        ).first()
        verb = "ALTER" if exists else "CREATE"
        _run(
            conn,
            sql.SQL(verb + " ROLE {} NOSUPERUSER NOCREATEDB NOCREATEROLE {}").format(ident, login),
        )
        database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
        _run(
            conn,
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident),
        )
        _run(conn, sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
        _run(conn, sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(ident))
        _run(conn, sql.SQL("GRANT INSERT ON submissions TO {}").format(ident))
        _run(conn, sql.SQL("GRANT SELECT (id) ON submissions TO {}").format(ident))
        _run(conn, sql.SQL("GRANT SELECT, INSERT, UPDATE ON heartbeats TO {}").format(ident))
        _run(conn, sql.SQL("DROP POLICY IF EXISTS {} ON heartbeats").format(policy))
        _run(
            conn,
            sql.SQL(
                "CREATE POLICY {} ON heartbeats FOR ALL TO {} USING (kiosk_id = {}) "
                "WITH CHECK (kiosk_id = {})"
            ).format(policy, ident, kiosk_id, kiosk_id),
        )

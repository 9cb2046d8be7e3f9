"""The audit log of staff actions: who, what, when (and on which submission). No answers in it.

Entries are only ever added: the office database refuses to change or delete them (revision 0004).
On PostgreSQL a signed-in desk adds them through `staff_audit(token, …)` (revision 0005): the
database writes the session's user as the actor and the login as `db_user`, so a desk cannot write
entries under another name. Without a session, the schema owner (account commands, key
registration) inserts directly; a staff role without one (`kiosk staff show`) is named
`db:<login>`. The SQLite demo has no roles: entries go in directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection, Engine, insert, select, text

from kiosk.office.models import audit_log

DETAIL_MAX = 500


class Signed(Protocol):
    """A signed-in desk (kiosk.staff.accounts.StaffUser): its name and office session token."""

    @property
    def username(self) -> str: ...

    @property
    def token(self) -> str | None: ...


def record(
    conn: Connection,
    who: Signed | str,
    action: str,
    submission_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Add one entry inside the caller's transaction (the action and its entry commit together)."""
    actor = who if isinstance(who, str) else who.username
    token = None if isinstance(who, str) else who.token
    if conn.dialect.name == "postgresql" and (token or not _may_insert(conn)):
        conn.execute(
            text("SELECT staff_audit(:token, :action, :sid, :detail)"),
            {"token": token, "action": action, "sid": submission_id, "detail": detail},
        )
        return
    conn.execute(
        insert(audit_log).values(
            actor=actor[:64],
            action=action[:40],
            submission_id=submission_id,
            detail=detail[:DETAIL_MAX] if detail else None,
        )
    )


def _may_insert(conn: Connection) -> bool:
    return bool(conn.exec_driver_sql("SELECT has_table_privilege('audit_log', 'INSERT')").scalar())


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    actor: str
    action: str
    submission_id: str | None
    detail: str | None


def recent(engine: Engine, limit: int = 200, submission_id: str | None = None) -> list[AuditRow]:
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if submission_id:
        query = query.where(audit_log.c.submission_id == submission_id)
    with engine.connect() as conn:
        return [
            AuditRow(r.at, r.actor, r.action, str(r.submission_id) if r.submission_id else None, r.detail)
            for r in conn.execute(query)
        ]

"""The audit log of staff actions: who, what, when (and on which submission). No answers in it.

Entries are only ever added: the office database refuses to change or delete them (revision 0004).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select

from kiosk.office.models import audit_log

DETAIL_MAX = 500


def record(
    conn: Connection, actor: str, action: str, submission_id: str | None = None, detail: str | None = None
) -> None:
    """Add one entry inside the caller's transaction (the action and its entry commit together)."""
    conn.execute(
        insert(audit_log).values(
            actor=actor[:64],
            action=action[:40],
            submission_id=submission_id,
            detail=detail[:DETAIL_MAX] if detail else None,
        )
    )


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

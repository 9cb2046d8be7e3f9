"""The office half of the consent promise: answers are deleted N days after they reach the center.

Each form promises its visitors `retention_days` (the consent screen says "kept for N days after
they reach the center, then deleted"). `purge_office` deletes every submission whose `received_at`
(the office's clock) is older than its form's N: the sealed answers, the QR payload, the rejection
reason and, by cascade, the staff notes go with the row, whatever its status. The append-only
audit log keeps one entry per purge saying how many rows of which form went, and nothing about
any visitor. Entries about the deleted rows stay (ids, actions, references: no answers).

Run by the schema owner (`kiosk db purge-office`); the kiosk and staff roles may not DELETE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select

from kiosk.clock import utcnow
from kiosk.office.models import audit_log, submissions

ACTION = "office_purged"



@dataclass(frozen=True)
class PurgeResult:
    deleted: dict[str, int]  # form id -> rows deleted (forms with none are left out)

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


def purge_office(
    engine: Engine,
    days_by_form: Mapping[str, int],
    other_forms_days: int,
    actor: str,
    now: Callable[[], dt.datetime] = utcnow,
) -> PurgeResult:
    """Delete submissions past their form's retention (`other_forms_days` for forms not installed
    here), in one transaction with its audit entry. Days below 1 are refused."""
    if min([other_forms_days, *days_by_form.values()]) < 1:
        raise ValueError("retention days must be at least 1")
    at = now()
    deleted: dict[str, int] = {}
    with engine.begin() as conn:
        present = conn.scalars(select(submissions.c.form_id).distinct()).all()
        for form_id in sorted(str(f) for f in present):
            days = days_by_form.get(form_id, other_forms_days)
            cutoff = at - dt.timedelta(days=days)
            rows = submissions.c
            past = delete(submissions).where(rows.form_id == form_id, rows.received_at < cutoff)
            gone = conn.execute(past).rowcount
            if gone:
                deleted[form_id] = gone
        detail = ", ".join(f"{form_id}: {n} older than {days_by_form.get(form_id, other_forms_days)} days"
                           for form_id, n in deleted.items()) or "nothing past retention"  # fmt: skip
        detail += f" (at {at:%Y-%m-%d %H:%M} UTC)"
        conn.execute(insert(audit_log).values(actor=actor[:64], action=ACTION, detail=detail))
    return PurgeResult(deleted)

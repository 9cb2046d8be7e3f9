"""The sync side of the local queue: ready batches, marking sent, quarantine, stats and purge.

Times in the local file are naive UTC (SQLite keeps no zone); rows leave with an explicit UTC zone.
Thread-safe like LocalQueue: every call opens its own session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk.clock import as_utc, naive_utcnow
from kiosk.office.models import GROUP_COLUMNS, KIOSK_COLUMNS
from kiosk.storage.models import Attachment, OutboxEntry, Submission, SyncState
from kiosk.storage.queue import LocalQueue

PENDING, SENT, QUARANTINED = "pending", "sent", "quarantined"
ATTACHMENTS = "attachments"  # the row key carrying [(picture key, sealed bytes)]
ERROR_LIMIT = 500  # characters of an error message kept locally and reported


@dataclass(frozen=True)
class QueueStats:
    pending: int
    quarantined: int
    sent: int
    oldest_unsent_s: float | None
    last_error: str | None
    last_error_at: dt.datetime | None
    last_success_at: dt.datetime | None


@dataclass(frozen=True)
class QuarantinedEntry:
    id: str
    reference: str
    attempts: int
    last_error: str | None


class Outbox:
    """Reads and updates outbox entries for the sync worker, `kiosk sync` and `kiosk purge`."""

    def __init__(self, queue: LocalQueue) -> None:
        self.queue = queue

    def ready(self, limit: int, now: dt.datetime | None = None) -> list[dict[str, Any]]:
        """Up to `limit` pending entries due now, oldest first, as office `submissions` rows: the
        columns a kiosk sends (KIOSK_COLUMNS; `qr_payload` needs office revision 0003)."""
        return self.rows(self.due(limit, now))

    def due(self, limit: int, now: dt.datetime | None = None) -> list[str]:
        """The ids of up to `limit` pending entries due now, oldest first.

        SQLite sorts whole result rows, so the order is taken on the ids alone: the sync worker
        reads it once for many batches, then each batch's rows with `rows`."""
        now = now or naive_utcnow()
        query = (
            select(Submission.id)
            .join(OutboxEntry, OutboxEntry.submission_id == Submission.id)
            .where(OutboxEntry.state == PENDING)
            .where(or_(OutboxEntry.next_attempt_at.is_(None), OutboxEntry.next_attempt_at <= now))
            .order_by(Submission.created_at, Submission.id)
            .limit(limit)
        )
        with self.queue.session() as session:
            return list(session.scalars(query))

    def rows(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The office rows of those of `ids` still pending, in the order of `ids`."""
        if not ids:
            return []
        # Plain Core tuples, not ORM objects nor Row mappings: this runs for every row synced.
        query = (
            select(*(Submission.__table__.c[name] for name in KIOSK_COLUMNS))
            .join(OutboxEntry, OutboxEntry.submission_id == Submission.id)
            .where(OutboxEntry.state == PENDING, Submission.id.in_(ids))
        )
        with self.queue.engine.connect() as conn:
            rows = [dict(zip(KIOSK_COLUMNS, row, strict=True)) for row in conn.execute(query)]
        place = {sid: n for n, sid in enumerate(ids)}
        rows.sort(key=lambda row: place[row["id"]])
        pictures = self._attachments([row["id"] for row in rows])
        for row in rows:
            row["created_at"] = as_utc(row["created_at"])
            if row.get("group_id") is None:  # group columns (office 0007) only for group members:
                for name in GROUP_COLUMNS:  # a one-person visit sends what it did before
                    row.pop(name, None)
            if row["id"] in pictures:  # travels with its row; kiosk.sync.sender splits it off
                row[ATTACHMENTS] = pictures[row["id"]]
        return rows

    def _attachments(self, ids: Sequence[str]) -> dict[str, list[tuple[str, bytes]]]:
        query = select(Attachment.submission_id, Attachment.key, Attachment.sealed).where(
            Attachment.submission_id.in_(list(ids))
        )
        out: dict[str, list[tuple[str, bytes]]] = {}
        with self.queue.engine.connect() as conn:
            for sid, key, sealed in conn.execute(query):
                out.setdefault(sid, []).append((key, bytes(sealed)))
        return out

    def attachment_bytes(self, ids: Sequence[str]) -> dict[str, int]:
        """Sealed picture bytes per submission (only those with pictures): batches are cut by size."""
        query = (
            select(Attachment.submission_id, func.sum(func.length(Attachment.sealed)))
            .where(Attachment.submission_id.in_(list(ids)))
            .group_by(Attachment.submission_id)
        )
        with self.queue.engine.connect() as conn:
            return {sid: int(n or 0) for sid, n in conn.execute(query)}

    def _update(self, ids: Iterable[str], fact: tuple[str, str], **values: Any) -> None:
        """Change these entries and record `fact` (key, value) in one local transaction."""
        id_list = list(ids)
        if not id_list:
            return
        with self.queue.session() as session, session.begin():
            session.execute(
                update(OutboxEntry).where(OutboxEntry.submission_id.in_(id_list)).values(**values)
            )
            self._merge_fact(session, *fact)

    def mark_sent(self, ids: Sequence[str]) -> None:
        """Call only after the office committed these rows."""
        now = naive_utcnow()
        self._update(
            ids,
            state=SENT,
            sent_at=now,
            last_attempt_at=now,
            last_error=None,
            attempts=OutboxEntry.attempts + 1,
            fact=("last_success", now.isoformat()),
        )

    def note_failure(self, ids: Sequence[str], error: str) -> None:
        now = naive_utcnow()
        self._update(
            ids,
            last_error=error[:ERROR_LIMIT],
            last_attempt_at=now,
            attempts=OutboxEntry.attempts + 1,
            fact=("last_error", error[:ERROR_LIMIT]),
        )

    def quarantine(self, sid: str, error: str) -> None:
        """Set one entry aside: it is never retried on its own, only by `retry_quarantined`."""
        self._update(
            [sid],
            state=QUARANTINED,
            last_error=error[:ERROR_LIMIT],
            last_attempt_at=naive_utcnow(),
            attempts=OutboxEntry.attempts + 1,
            fact=("last_error", f"quarantined {sid}: {error}"[:ERROR_LIMIT]),
        )

    def quarantined(self) -> list[QuarantinedEntry]:
        query = (
            select(Submission.id, Submission.reference)
            .add_columns(OutboxEntry.attempts, OutboxEntry.last_error)
            .join(OutboxEntry, OutboxEntry.submission_id == Submission.id)
            .where(OutboxEntry.state == QUARANTINED)
            .order_by(Submission.created_at)
        )
        with self.queue.session() as session:
            return [QuarantinedEntry(*row) for row in session.execute(query)]

    def retry_quarantined(self, ids: Sequence[str] | None = None) -> int:
        """Put quarantined entries (all, or those listed) back in line; returns how many."""
        query = update(OutboxEntry).where(OutboxEntry.state == QUARANTINED)
        if ids is not None:
            query = query.where(OutboxEntry.submission_id.in_(list(ids)))
        with self.queue.session() as session, session.begin():
            result = session.execute(query.values(state=PENDING, next_attempt_at=None))
            return int(getattr(result, "rowcount", 0) or 0)

    @staticmethod
    def _merge_fact(session: Session, key: str, value: str) -> None:
        session.merge(SyncState(key=key, value=value, updated_at=naive_utcnow()))

    def facts(self) -> dict[str, SyncState]:
        with self.queue.session() as session:
            return {row.key: row for row in session.scalars(select(SyncState))}

    def stats(self, now: dt.datetime | None = None) -> QueueStats:
        now = now or naive_utcnow()
        with self.queue.session() as session:
            counts = dict(
                session.execute(
                    select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)
                ).all()
            )
            oldest = session.scalar(
                select(func.min(Submission.created_at))
                .join(OutboxEntry, OutboxEntry.submission_id == Submission.id)
                .where(OutboxEntry.state == PENDING)
            )
        facts = self.facts()
        error, success = facts.get("last_error"), facts.get("last_success")
        age = (now - oldest.replace(tzinfo=None)).total_seconds() if oldest else None
        return QueueStats(
            pending=int(counts.get(PENDING, 0)),
            quarantined=int(counts.get(QUARANTINED, 0)),
            sent=int(counts.get(SENT, 0)),
            oldest_unsent_s=max(age, 0.0) if age is not None else None,
            last_error=error.value if error else None,
            last_error_at=error.updated_at if error else None,
            last_success_at=success.updated_at if success else None,
        )

    def purge_sent(self, before: dt.datetime) -> int:
        """Delete submissions whose entry was sent before `before` (naive UTC); returns how many."""
        old = select(OutboxEntry.submission_id).where(
            OutboxEntry.state == SENT, OutboxEntry.sent_at < before
        )
        with self.queue.session() as session, session.begin():
            ids = list(session.scalars(old))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                session.execute(delete(OutboxEntry).where(OutboxEntry.submission_id.in_(chunk)))
                session.execute(delete(Attachment).where(Attachment.submission_id.in_(chunk)))
                session.execute(delete(Submission).where(Submission.id.in_(chunk)))
            return len(ids)

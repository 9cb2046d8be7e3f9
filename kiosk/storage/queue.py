"""Queue a submission durably: the row and its outbox entry in one committed transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.refcode import new_reference
from kiosk.storage.db import sqlite_engine
from kiosk.storage.migrate import upgrade_local
from kiosk.storage.models import OutboxEntry, Submission


@dataclass(frozen=True)
class Queued:
    id: str
    reference: str
    created_at: dt.datetime
    qr_payload: str


class LocalQueue:
    """The kiosk's durable queue. Thread-safe: each call opens its own session."""

    def __init__(self, path: Path) -> None:
        self.path = path
        upgrade_local(path)  # Alembic `upgrade head`: the schema is owned by the migrations
        self.engine = sqlite_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def add(self, *, kiosk_id: str, form_id: str, form_version: int, lang: str,
            sealed_answers: bytes | Callable[[str, str, dt.datetime], bytes],
            sign: Callable[[str, dt.datetime], str]) -> Queued:  # fmt: skip
        """Commit a submission; `sign(reference, created)` makes its QR payload.

        `sealed_answers` may be a function `(id, reference, created) -> box`: the box is then
        sealed bound to the record (kiosk.crypto.seal), again whenever a reference is redrawn,
        and made before `sign`, which may then hash it. Returns only after SQLite has
        committed (WAL, synchronous=FULL). A reference that collides with an earlier one is
        drawn again.
        """
        created = dt.datetime.now(dt.UTC).replace(microsecond=0)
        sid = str(uuid.uuid4())
        for _attempt in range(10):
            reference = new_reference()
            sealed = sealed_answers(sid, reference, created) if callable(sealed_answers) else sealed_answers
            payload = sign(reference, created)
            row = Submission(id=sid, reference=reference, kiosk_id=kiosk_id, form_id=form_id,
                             form_version=form_version, lang=lang, created_at=created,
                             sealed_answers=sealed, qr_payload=payload)  # fmt: skip
            try:
                with self._sessions.begin() as session:
                    session.add(row)
                    session.flush()  # the submission row first: the outbox entry refers to it
                    session.add(OutboxEntry(submission_id=sid, state="pending", attempts=0))
            except IntegrityError as exc:
                if "reference" not in str(exc.orig):
                    raise
                continue  # the reference was drawn before: draw another
            return Queued(sid, reference, created, payload)
        raise RuntimeError("could not draw a free reference code")

    def session(self) -> Session:
        return self._sessions()

    def count(self, state: str | None = None) -> int:
        with self._sessions() as session:
            query = select(func.count()).select_from(OutboxEntry)
            if state:
                query = query.where(OutboxEntry.state == state)
            return int(session.scalar(query) or 0)

    def get_by_reference(self, reference: str) -> Submission | None:
        with self._sessions() as session:
            return session.scalar(select(Submission).where(Submission.reference == reference))

    def close(self) -> None:
        self.engine.dispose()

"""Queue submissions durably: rows and their outbox entries in one committed transaction.

A group (several people in one visit, docs/groups.md) is queued in ONE transaction: every
person's row or none.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import utcnow
from kiosk.refcode import new_reference
from kiosk.storage.db import sqlite_engine
from kiosk.storage.migrate import upgrade_local
from kiosk.storage.models import Attachment, OutboxEntry, Submission


@dataclass(frozen=True)
class Queued:
    id: str
    reference: str
    created_at: dt.datetime
    qr_payload: str
    group_id: str | None = None
    group_member: int | None = None  # 1-based
    group_size: int | None = None


# (id, reference, created) -> sealed box, bound to the record (kiosk.crypto.seal)
Sealer = Callable[[str, str, dt.datetime], bytes]
# (id, reference, created) -> picture key -> sealed picture, bound to the record and its key
PhotoSealer = Callable[[str, str, dt.datetime], dict[str, bytes]]


class LocalQueue:
    """The kiosk's durable queue. Thread-safe: each call opens its own session."""

    def __init__(self, path: Path) -> None:
        self.path = path
        upgrade_local(path)  # Alembic `upgrade head`: the schema is owned by the migrations
        self.engine = sqlite_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def add(self, *, kiosk_id: str, form_id: str, form_version: int, lang: str,
            sealed_answers: bytes | Sealer, sign: Callable[[str, dt.datetime], str],
            photos: PhotoSealer | None = None) -> Queued:  # fmt: skip
        """Commit a submission; `sign(reference, created)` makes its QR payload.

        `sealed_answers` may be a function `(id, reference, created) -> box`: the box is then
        sealed bound to the record (kiosk.crypto.seal), again whenever a reference is redrawn,
        and made before `sign`, which may then hash it. Returns only after SQLite has
        committed (WAL, synchronous=FULL). A reference that collides with an earlier one is
        drawn again.
        """
        sealer = sealed_answers if callable(sealed_answers) else (lambda *_: sealed_answers)
        return self.add_group(kiosk_id=kiosk_id, form_id=form_id, form_version=form_version,
                              lang=lang, sealers=[sealer], sign=sign, group_id=None,
                              photos=[photos] if photos else None)[0]  # fmt: skip

    def add_group(self, *, kiosk_id: str, form_id: str, form_version: int, lang: str,
                  sealers: list[Sealer], sign: Callable[[str, dt.datetime], str],
                  group_id: str | None, photos: list[PhotoSealer] | None = None) -> list[Queued]:  # fmt: skip
        """Commit one submission per sealer in ONE transaction (all or none), in order.

        With a `group_id` the rows carry it with each one's place and the group's size. Each
        row has its own id, reference, box and QR payload; a colliding reference redraws all.
        `photos` (one per sealer) seal each person's pictures, stored in the same transaction.
        """
        if photos is not None and len(photos) != len(sealers):
            raise ValueError("one photo sealer per person")
        created = utcnow().replace(microsecond=0)
        sids = [str(uuid.uuid4()) for _ in sealers]
        size = len(sealers) if group_id else None
        for _attempt in range(10):
            rows, out, pictures = [], [], []
            for n, (sid, sealer) in enumerate(zip(sids, sealers, strict=True), start=1):
                reference = new_reference()
                sealed = sealer(sid, reference, created)
                if photos is not None:
                    boxes = photos[n - 1](sid, reference, created)
                    pictures += [Attachment(submission_id=sid, key=k, sealed=b) for k, b in boxes.items()]
                payload = sign(reference, created)
                member = n if group_id else None
                rows.append(Submission(id=sid, reference=reference, kiosk_id=kiosk_id,
                                       form_id=form_id, form_version=form_version, lang=lang,
                                       created_at=created, sealed_answers=sealed, qr_payload=payload,
                                       group_id=group_id, group_member=member, group_size=size))  # fmt: skip
                out.append(Queued(sid, reference, created, payload, group_id, member, size))
            if len({q.reference for q in out}) < len(out):
                continue  # two people drew the same code: draw again
            try:
                with self._sessions.begin() as session:
                    session.add_all(rows)
                    session.flush()  # the submission rows first: the outbox entries refer to them
                    session.add_all(pictures)
                    session.add_all(OutboxEntry(submission_id=sid, state="pending", attempts=0)
                                    for sid in sids)  # fmt: skip
            except IntegrityError as exc:
                if "reference" not in str(exc.orig):
                    raise
                continue  # a reference was drawn before: draw them all again
            return out
        raise RuntimeError("could not draw a free reference code")

    def session(self) -> Session:
        return self._sessions()

    def count(self, state: str | None = None) -> int:
        with self._sessions() as session:
            query = select(func.count()).select_from(OutboxEntry)
            if state:
                query = query.where(OutboxEntry.state == state)
            return int(session.scalar(query) or 0)

    def attachments(self, submission_id: str) -> dict[str, bytes]:
        """The sealed pictures of a submission, by key (still sealed: the kiosk cannot open them)."""
        with self._sessions() as session:
            rows = session.execute(select(Attachment.key, Attachment.sealed)
                                   .where(Attachment.submission_id == submission_id))  # fmt: skip
            return {key: bytes(box) for key, box in rows}

    def get_by_reference(self, reference: str) -> Submission | None:
        with self._sessions() as session:
            return session.scalar(select(Submission).where(Submission.reference == reference))

    def close(self) -> None:
        self.engine.dispose()

"""Tables of the local queue. Answers are stored sealed to the office key, never in plain text."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID made on the kiosk
    reference: Mapped[str] = mapped_column(String(8), unique=True, index=True)
    kiosk_id: Mapped[str] = mapped_column(String(16))
    form_id: Mapped[str] = mapped_column(String(40))
    form_version: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sealed_answers: Mapped[bytes] = mapped_column(LargeBinary)
    qr_payload: Mapped[str] = mapped_column(String(255))
    # People registered together (local revision 0003): NULL outside a group.
    group_id: Mapped[str | None] = mapped_column(String(36))
    group_member: Mapped[int | None] = mapped_column(Integer)  # 1-based place in the group
    group_size: Mapped[int | None] = mapped_column(Integer)


class Attachment(Base):
    """A picture of a submission (local revision 0004): a JPEG sealed to the office key, bound
    to its record and its key (kiosk.crypto.seal.photo_binding). Never stored in plain text;
    written in the submission's transaction, deleted with it."""

    __tablename__ = "attachments"

    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(32), primary_key=True)  # "portrait", "passport", ...
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class OutboxEntry(Base):
    """One per submission, written in the same transaction; the sync worker drains it."""

    __tablename__ = "outbox"

    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SyncState(Base):
    """Small key/value facts about syncing (last error, last success) that outlive the process."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

"""Tables of the office database. Answers stay sealed; the rest is non-personal metadata.

`submissions` is what kiosks write; `submission_notes`, `audit_log`, `kiosks`, `kiosk_keys` and
`heartbeats` serve the staff console. Kiosk roles may INSERT the columns a kiosk sends, for their
own kiosk only, and read only the `id` column; the staff role reads what the console shows and
changes things only through the functions of revision 0005 (kiosk.office.roles). `audit_log` is
append-only (revision 0004). References are unique per kiosk, not office-wide (revision 0005).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

STATUSES = ("new", "in_progress", "done", "rejected", "archived")
# The `submissions` columns a kiosk fills (kiosk.storage.outbox.Outbox.ready, kiosk.sync.sender)
# and the only ones a kiosk role may INSERT: never the status, its reason or the receipt time.
KIOSK_COLUMNS = ("id", "reference", "kiosk_id", "form_id", "form_version", "lang", "created_at",
                 "sealed_answers", "qr_payload", "group_id", "group_member", "group_size")  # fmt: skip
GROUP_COLUMNS = ("group_id", "group_member", "group_size")  # revision 0007: group members only
# The `attachments` columns a kiosk fills (revision 0008) and the only ones a kiosk role may INSERT.
ATTACHMENT_COLUMNS = ("submission_id", "key", "kiosk_id", "sealed")
# BIGINT identity on PostgreSQL; SQLite only auto-increments an INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class OfficeBase(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
        }
    )


class OfficeSubmission(OfficeBase):
    __tablename__ = "submissions"
    # PostgreSQL also checks the reference alphabet, the kiosk id and the creation time against
    # the receipt time (revision 0005, CHECKS there).
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES!r}", name="status"),
        UniqueConstraint("kiosk_id", "reference", name="uq_submissions_kiosk_id_reference"),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)  # made on the kiosk
    reference: Mapped[str] = mapped_column(String(8), index=True)
    kiosk_id: Mapped[str] = mapped_column(String(16), index=True)
    form_id: Mapped[str] = mapped_column(String(40))
    form_version: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    sealed_answers: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), server_default="new", index=True)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    assigned_to: Mapped[str | None] = mapped_column(String(64))
    status_reason: Mapped[str | None] = mapped_column(Text)  # why rejected (migration 0002)
    # The kiosk-signed QR text, for office reprints (migration 0003; NULL for rows synced before).
    qr_payload: Mapped[str | None] = mapped_column(String(255))
    # People registered together in one visit (migration 0007; NULL for a one-person visit):
    # the group's UUID, this person's place (1-based) and the group's size.
    group_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False), index=True)
    group_member: Mapped[int | None] = mapped_column(Integer)
    group_size: Mapped[int | None] = mapped_column(Integer)


class OfficeAttachment(OfficeBase):
    """A submission's picture (revision 0008), sealed on the kiosk to the office key and bound to
    its record and key (kiosk.crypto.seal.photo_binding). Deleted with its submission. A kiosk
    role may INSERT the ATTACHMENT_COLUMNS for its own kiosk id only (row security) and read
    only the conflict key; staff read it like submissions."""

    __tablename__ = "attachments"

    submission_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(16))  # for the kiosk roles' row security
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class SubmissionNote(OfficeBase):
    """A staff note on a submission (staff-written; keep personal data out of notes)."""

    __tablename__ = "submission_notes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    body: Mapped[str] = mapped_column(Text)


class AuditEntry(OfficeBase):
    """Who did what and when: opening sealed answers, status changes, key registrations.

    Append-only: a trigger (revision 0004) refuses UPDATE, DELETE and TRUNCATE for every role.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    submission_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False), index=True)
    detail: Mapped[str | None] = mapped_column(Text)
    # The database login that wrote it (PostgreSQL: session_user, also inside the staff
    # functions; NULL on the SQLite demo and for entries from before revision 0005).
    db_user: Mapped[str | None] = mapped_column(String(64))


class RegisteredKiosk(OfficeBase):
    """A kiosk known to the office, with the Ed25519 public key that signs its QR codes."""

    __tablename__ = "kiosks"

    kiosk_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # raw key, base64
    label: Mapped[str | None] = mapped_column(String(80))
    registered_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())


class KioskKey(OfficeBase):
    """Every public key a kiosk has had (revision 0005): a replaced key is retired, not forgotten,
    so codes it signed before it was retired still verify (kiosk.staff.registry)."""

    __tablename__ = "kiosk_keys"
    __table_args__ = (UniqueConstraint("kiosk_id", "public_key", name="uq_kiosk_keys_kiosk_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.kiosk_id"))
    public_key: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Heartbeat(OfficeBase):
    """The last report of each kiosk; a kiosk role may write only its own row (row security)."""

    __tablename__ = "heartbeats"

    kiosk_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    queue_depth: Mapped[int] = mapped_column(Integer)
    oldest_unsent_s: Mapped[int | None] = mapped_column(Integer)
    quarantined: Mapped[int] = mapped_column(Integer, server_default="0")
    printer_state: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    # A visitor pressed "I need help" (revision 0006): the number they were shown, and since when.
    help_number: Mapped[str | None] = mapped_column(String(4))
    help_since: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# Core tables for bulk statements (the declarative attribute is typed as a plain FromClause).
submissions = cast(Table, OfficeSubmission.__table__)
heartbeats = cast(Table, Heartbeat.__table__)
kiosks = cast(Table, RegisteredKiosk.__table__)
audit_log = cast(Table, AuditEntry.__table__)
kiosk_keys = cast(Table, KioskKey.__table__)
attachments = cast(Table, OfficeAttachment.__table__)

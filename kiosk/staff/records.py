"""Submission metadata, notes and kiosk whereabouts as read from the office database."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from kiosk.clock import as_utc
from kiosk.office.models import SubmissionNote, heartbeats, kiosks, submissions

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))  # the center's day starts at 00:00 UTC+8
STALE_AFTER = dt.timedelta(minutes=5)  # kiosks heartbeat at most once a minute while syncing
notes = cast(Table, SubmissionNote.__table__)


def aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return as_utc(value)


def local_text(value: dt.datetime | None) -> str:
    value = aware(value)
    return "" if value is None else f"{value.astimezone(CHINA_TIME):%Y-%m-%d %H:%M:%S}"


@dataclass(frozen=True)
class Note:
    author: str
    created_at: dt.datetime
    body: str


@dataclass(frozen=True)
class GroupInfo:
    """People registered together at one kiosk visit (issue 18): this person's place, the
    group's size as the kiosk declared it, and the other members that reached the office."""

    id: str
    member: int
    size: int
    others: tuple[tuple[int, str, str], ...] = ()  # (place, reference, status), by place

    @property
    def missing(self) -> int:
        """Members not (yet) at the office: still queued at the kiosk, or quarantined there."""
        return self.size - 1 - len(self.others)


@dataclass(frozen=True)
class SubmissionInfo:
    """A submission's metadata (no answers): what the staff console shows beside them."""

    id: str
    reference: str
    kiosk_id: str
    form_id: str
    form_version: int
    lang: str
    created_at: dt.datetime
    received_at: dt.datetime
    status: str
    status_reason: str | None
    status_changed_at: dt.datetime | None
    assigned_to: str | None
    notes: tuple[Note, ...] = field(default=())
    qr_payload: str | None = None  # the signed code the kiosk stored with the row (kiosk.staff.binding)
    group: GroupInfo | None = None  # office revision 0007: one of several people of one visit

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("created_at", "received_at", "status_changed_at"):
            out[key] = local_text(getattr(self, key)) or None
        out["notes"] = [
            {"author": n.author, "at": local_text(n.created_at), "body": n.body} for n in self.notes
        ]
        if self.group is not None:
            out["group"]["others"] = [{"member": m, "reference": r, "status": st}
                                      for m, r, st in self.group.others]  # fmt: skip
        return out


def info_from_row(row: Any, note_rows: list[Note], group: GroupInfo | None = None) -> SubmissionInfo:
    return SubmissionInfo(
        str(row.id),
        row.reference,
        row.kiosk_id,
        row.form_id,
        row.form_version,
        row.lang,
        aware(row.created_at) or row.created_at,
        aware(row.received_at) or row.received_at,
        row.status,
        row.status_reason,
        aware(row.status_changed_at),
        row.assigned_to,
        tuple(note_rows),
        getattr(row, "qr_payload", None),
        group,
    )


def group_of(conn: Connection, row: Any) -> GroupInfo | None:
    """The group of a fetched row, with its other members from the same kiosk (a group id is
    made by one kiosk; another kiosk's row naming it is not a member)."""
    group_id = getattr(row, "group_id", None)
    if group_id is None or row.group_member is None or row.group_size is None:
        return None
    c = submissions.c
    others = conn.execute(
        select(c.group_member, c.reference, c.status)
        .where(c.group_id == group_id, c.kiosk_id == row.kiosk_id, c.id != row.id)
        .order_by(c.group_member, c.reference)
    )
    return GroupInfo(str(group_id), int(row.group_member), int(row.group_size),
                     tuple((int(m), str(r), str(st)) for m, r, st in others))  # fmt: skip


META = [c for c in submissions.c if c.name != "sealed_answers"]


def kiosks_with_reference(conn: Connection, reference: str) -> list[str]:
    """The kiosks that issued `reference`: references are unique per kiosk, not office-wide."""
    query = select(submissions.c.kiosk_id).where(submissions.c.reference == reference)
    return sorted(str(k) for k in conn.scalars(query.distinct()))


def fetch(
    conn: Connection,
    *,
    reference: str | None = None,
    submission_id: str | None = None,
    kiosk_id: str | None = None,
) -> tuple[SubmissionInfo, bytes] | None:
    """The submission with its sealed answers (still sealed), by id, or by reference and kiosk.

    A reference alone is only safe when one kiosk issued it (kiosks_with_reference): a signed
    code names its kiosk, and is looked up with it.
    """
    query = select(*META, submissions.c.sealed_answers)
    if reference is not None:
        query = query.where(submissions.c.reference == reference)
        if kiosk_id is not None:
            query = query.where(submissions.c.kiosk_id == kiosk_id)
    else:
        query = query.where(submissions.c.id == submission_id)
    row = conn.execute(query).first()
    if row is None:
        return None
    note_rows = conn.execute(
        select(notes.c.author, notes.c.created_at, notes.c.body)
        .where(notes.c.submission_id == str(row.id))
        .order_by(notes.c.id)
    )
    notes_of = [Note(a, aware(c) or c, b) for a, c, b in note_rows]
    return info_from_row(row, notes_of, group_of(conn, row)), bytes(row.sealed_answers)


@dataclass(frozen=True)
class KioskState:
    """One kiosk as the fleet view and the 'not synced yet' message show it."""

    kiosk_id: str
    label: str | None
    registered: bool
    active: bool
    last_seen: dt.datetime | None
    queue_depth: int | None
    oldest_unsent_s: int | None
    quarantined: int | None
    printer_state: str | None
    version: str | None
    last_error: str | None
    help_number: str | None = None  # a visitor there pressed "I need help" (shown this number)
    help_since: dt.datetime | None = None

    def stale(self, now: dt.datetime) -> bool:
        return self.last_seen is None or now - self.last_seen > STALE_AFTER

    def needs_help(self, now: dt.datetime) -> bool:
        """A call for staff is open and the kiosk is still reporting (a silent kiosk's last call
        says nothing about now: it shows as stale instead)."""
        return self.help_number is not None and not self.stale(now)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["last_seen"] = local_text(self.last_seen) or None
        out["help_since"] = local_text(self.help_since) or None
        return out


def fleet(conn: Connection) -> list[KioskState]:
    """Every registered kiosk, plus any that heartbeats without being registered, by id."""
    # The columns the staff database role may read (not registered_at: kiosk.office.roles).
    query = select(kiosks.c.kiosk_id, kiosks.c.label, kiosks.c.active)
    known = {r.kiosk_id: r for r in conn.execute(query)}
    beats = {r.kiosk_id: r for r in conn.execute(select(heartbeats))}
    out = []
    for kiosk_id in sorted(set(known) | set(beats)):
        k, b = known.get(kiosk_id), beats.get(kiosk_id)
        out.append(
            KioskState(
                kiosk_id,
                k.label if k else None,
                k is not None,
                bool(k.active) if k else False,
                aware(b.last_seen) if b else None,
                b.queue_depth if b else None,
                b.oldest_unsent_s if b else None,
                b.quarantined if b else None,
                b.printer_state if b else None,
                b.version if b else None,
                b.last_error if b else None,
                b.help_number if b else None,
                aware(b.help_since) if b else None,
            )
        )
    return out


def kiosk_state(conn: Connection, kiosk_id: str) -> KioskState | None:
    return next((k for k in fleet(conn) if k.kiosk_id == kiosk_id), None)

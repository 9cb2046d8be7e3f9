"""Status changes and notes: new → in progress → done or rejected (with a reason).

On PostgreSQL a signed-in desk changes them through `staff_set_status` / `staff_add_note`
(revision 0005), which apply the same rules and name the session's user; the staff role may not
UPDATE submissions nor INSERT notes itself. The SQLite demo writes directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine, insert, text, update

from kiosk.clock import utcnow
from kiosk.office.models import submissions
from kiosk.staff import audit
from kiosk.staff.accounts import StaffUser
from kiosk.staff.records import notes


class Status(StrEnum):
    """A submission's place in the office's work (stored as its value)."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"


# Allowed moves; leaving done/rejected (reopening) is for admins only.
TRANSITIONS: dict[str, tuple[Status, ...]] = {
    Status.NEW: (Status.IN_PROGRESS, Status.REJECTED),
    Status.IN_PROGRESS: (Status.DONE, Status.REJECTED, Status.NEW),
    Status.DONE: (Status.IN_PROGRESS,),
    Status.REJECTED: (Status.IN_PROGRESS,),
}
ADMIN_ONLY_FROM = (Status.DONE, Status.REJECTED)
# The moves a desk offers, in the order of its buttons.
MOVE_TARGETS = (Status.IN_PROGRESS, Status.DONE, Status.REJECTED, Status.NEW)
REASON_MAX = NOTE_MAX = 2000


@dataclass(frozen=True)
class Move:
    """One status button of a desk: where it goes, whether this user may, and whether it reopens."""

    target: Status
    allowed: bool
    reopens: bool


def moves(user: StaffUser | None, current: str) -> list[Move]:
    """The desk's buttons for a submission in `current` (every target; the refused ones not allowed)."""
    allowed = TRANSITIONS.get(current, ())
    finished = current in ADMIN_ONLY_FROM
    may = not finished or bool(user and user.is_admin)
    return [Move(target, target in allowed and may, finished and target is Status.IN_PROGRESS)
            for target in MOVE_TARGETS]  # fmt: skip


class WorkflowError(ValueError):
    """A refused change: not allowed from this status, no reason, or someone else changed it."""


def check_move(user: StaffUser, current: str, target: str, reason: str | None) -> None:
    if target not in TRANSITIONS.get(current, ()):
        raise WorkflowError(f"cannot go from {current} to {target}")
    if current in ADMIN_ONLY_FROM and not user.is_admin:
        raise WorkflowError("only an admin may reopen a finished submission")
    if target == "rejected" and not (reason or "").strip():
        raise WorkflowError("a rejection needs a reason")


def set_status(
    engine: Engine, user: StaffUser, submission_id: str, current: str, target: str, reason: str | None = None
) -> None:
    """Move from `current` to `target`; fails if another desk moved it meanwhile (no lost update)."""
    check_move(user, current, target, reason)
    reason = (reason or "").strip()[:REASON_MAX] or None
    values: dict[str, object] = {
        "status": target,
        "status_changed_at": utcnow(),
        "status_reason": reason if target == "rejected" else None,
    }
    if target == "in_progress":
        values["assigned_to"] = user.username
    if user.token and engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            moved = conn.execute(
                text("SELECT staff_set_status(:t, :i, :c, :g, :r)"),
                {"t": user.token, "i": submission_id, "c": current, "g": target, "r": reason},
            ).scalar_one()
        if not moved:
            raise WorkflowError("the submission was changed meanwhile: scan or search it again")
        return
    with engine.begin() as conn:
        done = conn.execute(
            update(submissions)
            .where(submissions.c.id == submission_id, submissions.c.status == current)
            .values(**values)
        )
        if done.rowcount != 1:
            raise WorkflowError("the submission was changed meanwhile: scan or search it again")
        # The reason itself stays on the submission (purged with it); the append-only audit log
        # keeps no free text, which could name a visitor, forever.
        detail = f"{current} -> {target}" + (f" (reason: {len(reason)} characters)"
                                             if reason and target == "rejected" else "")  # fmt: skip
        audit.record(conn, user, "status", submission_id, detail)


def add_note(engine: Engine, user: StaffUser, submission_id: str, body: str) -> None:
    body = body.strip()
    if not body:
        raise WorkflowError("an empty note")
    if user.token and engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(
                text("SELECT staff_add_note(:t, :i, :b)"),
                {"t": user.token, "i": submission_id, "b": body[:NOTE_MAX]},
            )
        return
    with engine.begin() as conn:
        conn.execute(
            insert(notes).values(submission_id=submission_id, author=user.username, body=body[:NOTE_MAX])
        )
        audit.record(conn, user, "note", submission_id, f"{len(body)} characters")

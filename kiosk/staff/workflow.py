"""Status changes and notes: new → in progress → done or rejected (with a reason).

On PostgreSQL a signed-in desk changes them through `staff_set_status` / `staff_add_note`
(revision 0005), which apply the same rules and name the session's user; the staff role may not
UPDATE submissions nor INSERT notes itself. The SQLite demo writes directly.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, text, update

from kiosk.clock import utcnow
from kiosk.office.models import submissions
from kiosk.staff import audit
from kiosk.staff.accounts import StaffUser
from kiosk.staff.records import notes

# Allowed moves; leaving done/rejected (reopening) is for admins only.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_progress", "rejected"),
    "in_progress": ("done", "rejected", "new"),
    "done": ("in_progress",),
    "rejected": ("in_progress",),
}
ADMIN_ONLY_FROM = ("done", "rejected")
REASON_MAX = NOTE_MAX = 2000


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

"""The staff desk's status buttons come from kiosk.staff.workflow (the Scan tab only shows them)."""

from __future__ import annotations

from kiosk.staff.accounts import StaffUser
from kiosk.staff.workflow import Status, moves

CLERK = StaffUser("clerk", "staff")
ADMIN = StaffUser("boss", "admin")


def _allowed(user: StaffUser | None, current: str) -> set[str]:
    return {m.target for m in moves(user, current) if m.allowed}


def test_a_clerk_moves_open_work_but_does_not_reopen() -> None:
    assert _allowed(CLERK, "new") == {"in_progress", "rejected"}
    assert _allowed(CLERK, "in_progress") == {"done", "rejected", "new"}
    assert _allowed(CLERK, "done") == set()
    assert _allowed(CLERK, "rejected") == set()
    assert _allowed(None, "done") == set()


def test_an_admin_reopens_and_the_button_says_so() -> None:
    assert _allowed(ADMIN, "done") == {Status.IN_PROGRESS}
    assert [m.target for m in moves(ADMIN, "rejected") if m.reopens] == [Status.IN_PROGRESS]
    assert not any(m.reopens for m in moves(ADMIN, "new"))
    assert [m.target for m in moves(CLERK, "new")] == ["in_progress", "done", "rejected", "new"]


def test_an_unknown_status_offers_nothing() -> None:
    assert _allowed(ADMIN, "lost") == set()

"""Sealed answers swapped between office rows are refused by every way staff open them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select, update

from kiosk.office.models import submissions
from kiosk.staff.console import StaffConsole
from kiosk.staff.lookup import Outcome
from kiosk.staff.records import CHINA_TIME
from kiosk.staff.search import Criteria
from tests.integration.staff_support import CLERK, CLERK_PW, PASSPHRASE, make_desk
from tests.integration.sync_support import MARKER


def _swap_boxes(url: str, first: str, second: str) -> None:
    """What someone with write access to the office database could do: exchange two rows' boxes."""
    engine = create_engine(url)
    query = select(submissions.c.id, submissions.c.sealed_answers)
    query = query.where(submissions.c.id.in_([first, second]))
    with engine.begin() as conn:
        boxes = {str(k): v for k, v in conn.execute(query).all()}
        for sid, other in ((first, second), (second, first)):
            swap = update(submissions).where(submissions.c.id == sid).values(sealed_answers=boxes[other])
            conn.execute(swap)
    engine.dispose()


def test_swapped_boxes_are_refused_by_scan_reference_search_and_export(
    tmp_path: Path, office_url: str
) -> None:
    desk = make_desk(tmp_path, office_url, count=2)
    first, second = desk.synced
    console = StaffConsole(desk.url, desk.key_path)
    console.sign_in(CLERK, CLERK_PW, PASSPHRASE)
    try:
        assert console.scan(first.qr_payload).outcome is Outcome.OPENED  # genuine before the swap
        _swap_boxes(office_url, first.id, second.id)
        for typed in (first.qr_payload, second.qr_payload, first.reference, second.reference):
            result = console.scan(typed)
            assert result.outcome is Outcome.ALTERED, (typed, result.detail)
            assert "do not belong to this record" in result.detail and result.answers == []
            assert result.as_dict()["outcome"] == "answers-altered"
        # The first visitor's name is in the second row's box now: a name search finds nobody.
        day = first.created_at.astimezone(CHINA_TIME).date()
        assert console.search(Criteria(name=MARKER, day_from=day, day_to=day)) == []
        csv_path, _xlsx, _count = console.export_day(day, tmp_path / "export")
        assert MARKER not in csv_path.read_text(encoding="utf-8")
    finally:
        console.close()

""""I need help" reaches the counter: the kiosk's heartbeat (under its least-privilege role) carries
the call at once, the staff console shows a red banner with the kiosk and the number, and the
banner goes when the visitor closes the call."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.help import HelpDesk
from kiosk.office.db import office_engine
from kiosk.office.models import heartbeats
from kiosk.office.roles import grant_kiosk_role
from kiosk.staff.console import StaffConsole
from kiosk.staff.policy import IdlePolicy
from kiosk.staff_qt.window import StaffWindow
from kiosk.storage.queue import LocalQueue
from kiosk.sync import SyncWorker
from kiosk.sync.heartbeat import HeartbeatSource
from tests.integration.pg import PgCluster
from tests.integration.staff_support import Desk, fresh_office, make_desk
from tests.integration.test_staff_console import shown_window, signed_in

KIOSK = "SK-HELP-1"
WAIT_S = 10


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster) -> Desk:
    return make_desk(tmp_path_factory.mktemp("help"), fresh_office(pg_cluster))


@pytest.fixture
def window(qtbot: QtBot, desk: Desk) -> Iterator[StaffWindow]:
    yield from shown_window(qtbot, StaffConsole(desk.url, desk.key_path), IdlePolicy(timeout_s=600))


def until(predicate: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out: {what}")
        time.sleep(0.05)


def test_a_call_for_help_shows_at_the_counter_and_goes_when_closed(
    qtbot: QtBot, tmp_path: Path, desk: Desk, window: StaffWindow
) -> None:
    admin = office_engine(desk.url)
    grant_kiosk_role(admin, "kiosk_help", KIOSK, password=None)
    admin.dispose()
    kiosk_url = desk.url.replace("postgresql+psycopg://postgres@", "postgresql+psycopg://kiosk_help@")
    help_desk = HelpDesk(lambda: dt.datetime(2031, 5, 6, 7, 8, tzinfo=dt.UTC))
    source = HeartbeatSource(KIOSK, "1.0", lambda: "ready", lambda: help_desk.current)
    # A long poll and heartbeat period: only beat_now() can make the office hear it in time.
    worker = SyncWorker(LocalQueue(tmp_path / "queue.sqlite3"), kiosk_url, heartbeat=source,
                        poll_s=600, heartbeat_s=600)  # fmt: skip
    worker.start()
    try:
        signed_in(qtbot, window)
        assert not window.help_banner.isVisible()

        call = help_desk.call()
        worker.beat_now()
        until(lambda: worker.help_told(call.number), "the office to receive the call")
        window.help_banner.refresh()
        qtbot.waitUntil(window.help_banner.isVisible, timeout=WAIT_S * 1000)
        text = window.help_banner.label.text()
        assert KIOSK in text and f"number {call.number}" in text
        fleet = {k.kiosk_id: k for k in window.console.fleet()}
        assert fleet[KIOSK].help_number == call.number
        assert fleet[KIOSK].help_since == call.since

        help_desk.close()
        worker.beat_now()
        until(lambda: _office_number(desk) is None, "the office to hear the call closed")
        window.help_banner.refresh()
        qtbot.waitUntil(lambda: not window.help_banner.isVisible(), timeout=WAIT_S * 1000)
    finally:
        worker.stop()


def _office_number(desk: Desk) -> str | None:
    engine = office_engine(desk.url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(heartbeats.c.help_number).where(heartbeats.c.kiosk_id == KIOSK))
    finally:
        engine.dispose()

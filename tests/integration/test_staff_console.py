"""The `kiosk staff` window driven like a counter desk: sign in, scan with a wedge scanner, work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.office.models import audit_log
from kiosk.staff.console import StaffConsole
from kiosk.staff.policy import IdlePolicy
from kiosk.staff_qt.window import StaffWindow
from tests.integration.pg import PgCluster
from tests.integration.staff_support import CLERK, CLERK_PW, PASSPHRASE, Desk, fresh_office, make_desk
from tests.integration.sync_support import MARKER

WAIT_MS = 5000
SCREENS = Path(__file__).resolve().parents[1] / "artifacts" / "screens"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, pg_cluster: PgCluster) -> Desk:
    return make_desk(tmp_path_factory.mktemp("desk"), fresh_office(pg_cluster))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def shown_window(qtbot: QtBot, console: StaffConsole, idle: IdlePolicy) -> Iterator[StaffWindow]:
    """The console window, shown and active; closed and deleted (with the console) afterwards."""
    win = StaffWindow(console, "en", idle=idle)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.close()
    console.close()
    win.deleteLater()  # now, not at interpreter exit after the QApplication is gone
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, clock: FakeClock) -> Iterator[StaffWindow]:
    console = StaffConsole(desk.url, desk.key_path)
    yield from shown_window(qtbot, console, IdlePolicy(timeout_s=600, clock=clock))


def sign_in(qtbot: QtBot, win: StaffWindow, password: str = CLERK_PW) -> None:
    page = win.sign_in_page
    qtbot.keyClicks(page.username, CLERK)
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)


def signed_in(qtbot: QtBot, win: StaffWindow) -> None:
    sign_in(qtbot, win)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.tabs, timeout=WAIT_MS)


def scan(qtbot: QtBot, win: StaffWindow, text: str) -> None:
    """Type as a wedge scanner does: every character at once, then Enter, into the focused field."""
    field = win.scan_page.scan_field
    assert win.focusWidget() is field  # the window keeps the scanner field focused
    with qtbot.waitSignal(win.scan_page.shown, timeout=WAIT_MS):
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)


def actions(desk: Desk) -> list[tuple[str, str, str | None]]:
    console = desk.console()
    with console.engine.connect() as conn:
        rows = conn.execute(
            select(audit_log.c.actor, audit_log.c.action, audit_log.c.detail).order_by(audit_log.c.id)
        )
        out = [(a, b, c) for a, b, c in rows]
    console.close()
    return out


def test_sign_in_scan_shows_answers_then_a_status_change(
    qtbot: QtBot, window: StaffWindow, desk: Desk
) -> None:
    signed_in(qtbot, window)
    page = window.scan_page
    QTest.keyClicks(page.scan_field, "zz")  # a brushed key; the scan follows without an Enter between
    scan(qtbot, window, desk.synced[0].qr_payload.lower())  # caps lock on: still read
    assert "Genuine code" in page.banner.text() and page.banner.property("tone") == "ok"
    table = page.table
    assert table.rowCount() >= 25
    first = [table.item(0, c).text() for c in range(3)]  # type: ignore[union-attr]
    assert first == ["英文姓", "Surname", MARKER]
    labels = [table.item(r, 1).text() for r in range(table.rowCount())]  # type: ignore[union-attr]
    assert labels.index("Surname") < labels.index("Sex") < labels.index("Document number")
    sex = labels.index("Sex")
    assert table.item(sex, 2).text() == "Male  (男)"  # type: ignore[union-attr]
    window.grab().save(str(SCREENS / "staff-console-answers.png"))
    table.copy_row(0)
    assert QGuiApplication.clipboard().text() == MARKER
    assert page.scan_field.text() == "" and window.focusWidget() is page.scan_field
    assert "new" in page.status.text()
    assert page.buttons["in_progress"].isEnabled() and not page.buttons["done"].isEnabled()
    qtbot.mouseClick(page.buttons["in_progress"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "in progress" in page.status.text(), timeout=WAIT_MS)
    assert page.buttons["done"].isEnabled()
    log = actions(desk)
    mine = [(a, d) for who, a, d in log if who == CLERK]
    assert [a for a, _ in mine][-3:] == ["sign_in", "open", "status"]
    assert mine[-1][1] == "new -> in_progress"


def test_forged_code_shows_a_clear_warning(qtbot: QtBot, window: StaffWindow, desk: Desk) -> None:
    signed_in(qtbot, window)
    genuine = desk.synced[1].qr_payload
    forged = genuine.replace(desk.synced[1].reference, desk.synced[2].reference)
    scan(qtbot, window, forged)
    page = window.scan_page
    assert page.banner.text().startswith("WARNING") and "altered" in page.banner.text()
    assert page.banner.property("tone") == "bad" and page.table.rowCount() == 0
    assert not any(b.isEnabled() for b in page.buttons.values())
    assert actions(desk)[-1][1:] == ("scan_rejected", f"altered ref={desk.synced[2].reference}")


def test_unsynced_reference_names_the_kiosk_holding_it(qtbot: QtBot, window: StaffWindow, desk: Desk) -> None:
    signed_in(qtbot, window)
    assert desk.unsynced is not None
    scan(qtbot, window, desk.unsynced.qr_payload)
    text = window.scan_page.banner.text()
    assert "Not in the office yet" in text and "SK-DESK-2" in text and "1 waiting" in text
    assert window.scan_page.table.rowCount() == 0


def test_wrong_password_then_idle_sign_out_forgets_everything(
    qtbot: QtBot, window: StaffWindow, desk: Desk, clock: FakeClock
) -> None:
    sign_in(qtbot, window, password="not the password")
    qtbot.waitUntil(
        lambda: "Wrong user name or password" in window.sign_in_page.error.text(), timeout=WAIT_MS
    )
    assert window.stack.currentWidget() is window.sign_in_page and window.sign_in_page.password.text() == ""
    window.sign_in_page.username.clear()
    signed_in(qtbot, window)
    scan(qtbot, window, desk.synced[2].reference)  # typed by hand: opened by reference
    assert window.scan_page.table.rowCount() > 0 and "by reference" in window.scan_page.banner.text()
    window.scan_page.table.copy_row(0)
    assert QGuiApplication.clipboard().text() != ""
    clock.now += 599
    window.check_idle()
    assert window.console.user is not None
    clock.now += 2
    window.check_idle()
    assert window.stack.currentWidget() is window.sign_in_page
    assert window.console.user is None and window.console._key is None
    assert window.scan_page.table.rowCount() == 0 and window.scan_page.result is None
    assert QGuiApplication.clipboard().text() == ""  # the copied answer went with the session
    assert "10 minutes" in window.sign_in_page.error.text()
    assert actions(desk)[-1][1:] == ("sign_out", "idle")


def test_search_days_are_the_centers_days_whatever_the_computers_zone(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """17:00 UTC on 7 December is already 8 December in Shekou, where the search counts days."""
    from kiosk.staff_qt import search_page

    monkeypatch.setattr(search_page, "utcnow", lambda: dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.UTC))
    console = StaffConsole(desk.url, desk.key_path)
    page = search_page.SearchPage(console, "en")
    qtbot.addWidget(page)
    assert page.day_to.date().toString("yyyy-MM-dd") == "2026-12-08"
    assert page.day_from.date().toString("yyyy-MM-dd") == "2026-12-02"
    console.close()


def test_search_tab_finds_by_name_and_opens_on_double_click(
    qtbot: QtBot, window: StaffWindow, desk: Desk
) -> None:
    signed_in(qtbot, window)
    search = window.search_page
    qtbot.keyClicks(search.name, "zqxmarker")
    button = search.findChild(QPushButton, "searchButton")
    with qtbot.waitSignal(search.searched, timeout=WAIT_MS) as found:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert found.args == [1] and search.results.item(0, 0).text() == desk.synced[0].reference  # type: ignore[union-attr]
    with qtbot.waitSignal(window.scan_page.shown, timeout=WAIT_MS):
        search._open_row(0, 0)
    assert window.tabs.currentWidget() is window.scan_page and window.scan_page.table.rowCount() > 0


def test_open_a_scanned_image(qtbot: QtBot, window: StaffWindow, desk: Desk, tmp_path: Path) -> None:
    import qrcode

    signed_in(qtbot, window)
    image = tmp_path / "scan.png"
    qrcode.make(desk.synced[1].qr_payload).save(image)
    with qtbot.waitSignal(window.scan_page.shown, timeout=WAIT_MS):
        window.scan_page.open_file(image)
    assert "Genuine code" in window.scan_page.banner.text() and window.scan_page.table.rowCount() > 0

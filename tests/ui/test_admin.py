"""The hidden corner gesture, the PIN pad and the admin screen, driven through the QML."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from kiosk import logs
from kiosk.admin.pin import PinStore
from tests.core.helpers import FORM_ID, fresh_sample
from tests.ui.qml_driver import Driver

PIN = "482913"


def _corner_point(d: Driver) -> QPoint:
    item = d.find("adminCorner")
    center = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(int(center.x()), int(center.y()))


def _long_press(kiosk_window, d: Driver, hold_ms: int) -> None:
    point = _corner_point(d)
    QTest.mousePress(kiosk_window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    d.process(hold_ms)
    QTest.mouseRelease(kiosk_window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    d.process(60)


def _type_pin(d: Driver, pin: str) -> None:
    for digit in pin:
        d.click(f"pinKey_{digit}")
    d.click("pinKey_ok")


def test_gesture_opens_the_pin_pad_a_short_tap_starts_a_visit(kiosk_window, driver: Driver) -> None:
    admin, d = kiosk_window.admin, driver
    assert admin.holdSeconds == 5.0  # the lobby's gesture; shortened below to keep the test fast
    admin.holdSeconds = 0.4
    d.click("adminCorner")
    assert kiosk_window.visit.screen == "language" and not admin.pinPadOpen
    kiosk_window.visit.finish()
    d.process()
    _long_press(kiosk_window, d, 150)  # too short
    assert not admin.pinPadOpen
    kiosk_window.visit.finish()
    d.process()
    _long_press(kiosk_window, d, 700)
    assert admin.pinPadOpen and d.find("pinPad").isVisible() and kiosk_window.visit.screen == "attract"
    assert admin.pinState == "notset" and "kiosk admin set-pin" in d.find("pinMessage").property("text")
    d.click("pinCancel")
    assert not admin.pinPadOpen


def test_pin_pad_locks_after_wrong_pins_then_admin_screen_actions(
    kiosk_window, driver: Driver, qtbot
) -> None:
    admin, d, config = kiosk_window.admin, driver, kiosk_window.config
    PinStore(config.data_dir).set_pin(PIN)
    logs.configure(config.data_dir, console=False)
    try:
        queued = kiosk_window.submitter.queue_answers(kiosk_window.visit.session.forms[FORM_ID], "en",
                                                      fresh_sample())  # fmt: skip
        logging.getLogger("kiosk.test").info("a line for the log viewer")
        admin.openPinPad()
        d.process()
        for _attempt in range(3):
            _type_pin(d, "111222")
            qtbot.waitUntil(lambda: admin.pinState in ("wrong", "locked"), timeout=5000)
            assert d.find("pinDots").property("text") == ""
        assert admin.pinState == "locked" and 25 <= admin.lockedSeconds <= 30
        assert "30 seconds" in d.find("pinMessage").property("text") or "29 seconds" in d.find(
            "pinMessage"
        ).property("text")
        assert not d.find("pinKey_1").isEnabled()
        d.screenshot("admin-pin-locked")
        admin._gate.locked_until = 0  # time passes (the lock timing itself: tests/core/test_admin_pin.py)
        admin._update_lock()
        d.process()
        _type_pin(d, PIN)
        qtbot.waitUntil(lambda: admin.screenOpen and admin.queueDepth == 1, timeout=5000)
        d.find("adminScreen")
        assert "1" in d.find("adminQueue").property("text")
        assert any("a line for the log viewer" in t for t in d.texts())
        # The fixture's kiosk asks for demo mode (no office): the admin screen says so.
        assert admin.demoMode and d.find("adminDemo").isVisible()
        assert "Demo mode" in d.find("adminDemo").property("text")
        d.screenshot("admin-screen")

        idle = lambda: not admin.busy  # noqa: E731 - buttons are disabled while an action runs
        qtbot.waitUntil(idle)
        d.click("adminSyncNow")
        qtbot.waitUntil(lambda: admin.status == "nosync", timeout=5000)  # the fixture runs no sync
        qtbot.waitUntil(idle)
        d.click("adminTestPage")
        qtbot.waitUntil(lambda: admin.status == "saved", timeout=10000)
        assert (config.pdf_dir / "test-page.pdf").stat().st_size > 1000
        qtbot.waitUntil(idle)
        busy_seen: list[bool] = []
        admin.changed.connect(lambda: busy_seen.append(admin.busy))
        d.click(f"adminReprint_{queued.reference}")
        assert True in busy_seen, "the click started a new action"  # it may be over already
        qtbot.waitUntil(lambda: admin.status == "saved" and not admin.busy, timeout=10000)
        assert (config.pdf_dir / f"{queued.reference}-reprint.pdf").exists()

        left: list[bool] = []
        admin._leave = lambda: left.append(True)
        d.click("adminLeave")
        assert left == [True] and not admin.screenOpen
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
            root.removeHandler(handler)
            handler.close()


def test_admin_screen_closes_itself_when_left_alone(
    kiosk_window, driver: Driver, qtbot, tmp_path: Path
) -> None:
    admin = kiosk_window.admin
    PinStore(kiosk_window.config.data_dir).set_pin(PIN)
    admin._idle.setInterval(300)
    admin.openPinPad()
    driver.process()
    _type_pin(driver, PIN)
    qtbot.waitUntil(lambda: admin.screenOpen, timeout=5000)
    qtbot.waitUntil(lambda: not admin.screenOpen, timeout=3000)
    assert not driver.exists("adminScreen")

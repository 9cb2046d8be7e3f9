"""Kiosk mode: close requests, Alt+F4, Escape, copy and context menus are refused; one instance."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QGuiApplication, QKeyEvent, QWindow
from PySide6.QtTest import QTest

from kiosk.qt.lockdown import Lockdown, SingleInstance
from tests.core.helpers import ROOT
from tests.ui.qml_driver import Driver


def test_fullscreen_window_ignores_close_alt_f4_escape_and_context_menus(
    kiosk_window, driver: Driver
) -> None:
    window = kiosk_window.window
    window.setFlag(Qt.WindowType.FramelessWindowHint, True)
    window.showFullScreen()
    driver.process(100)
    lockdown = Lockdown(window)
    try:
        assert window.close() is False  # QWindow.close(): what a window manager's close does
        close = QCloseEvent()
        QCoreApplication.sendEvent(window, close)
        assert not close.isAccepted()
        QTest.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        QTest.keyClick(window, Qt.Key.Key_Escape)
        menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
        QCoreApplication.sendEvent(window, menu)
        driver.process(100)
        assert window.isVisible() and window.visibility() == QWindow.Visibility.FullScreen
        assert bool(window.flags() & Qt.WindowType.FramelessWindowHint)
        assert lockdown.blocked >= 5
        assert driver.find("attractScreen").isVisible()
    finally:
        lockdown.remove()
    assert window.close() is True  # lifted: staff left kiosk mode
    window.show()


def test_text_fields_cannot_select_or_copy(kiosk_window, driver: Driver) -> None:
    lockdown = Lockdown(kiosk_window.window)
    try:
        visit = kiosk_window.visit
        visit.start()
        visit.setLanguage("en")
        visit.chooseService("temporary-residence")
        visit.acceptConsent()
        driver.click("input_surname")
        field = driver.find("input_surname")
        for ch in "SECRETNAME":
            QTest.keyClick(kiosk_window.window, ch)  # type: ignore[call-overload]
        driver.process()
        editor = kiosk_window.window.activeFocusItem()
        assert editor is not None and editor.property("selectByMouse") is False
        clipboard = QGuiApplication.clipboard()
        clipboard.setText("before")
        QTest.keyClick(kiosk_window.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(kiosk_window.window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(kiosk_window.window, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
        driver.process()
        assert clipboard.text() == "before"
        assert editor.property("selectedText") == "" and "SECRETNAME" in str(field.property("text"))
        # Qt asks the focused item first whether a key is a shortcut (ShortcutOverride): the
        # lockdown filters that item too (not the whole application), and refuses copy there.
        before = lockdown.blocked
        override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        QCoreApplication.sendEvent(QGuiApplication.focusObject(), override)
        assert lockdown.blocked == before + 1
    finally:
        lockdown.remove()
        kiosk_window.visit.finish()


def _kiosk_run(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "kiosk", "run", "--windowed", "--demo"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_a_second_kiosk_exits_at_once_while_one_runs(tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    try:
        second = _kiosk_run(tmp_path)
        assert second.returncode == 3, second.stderr[-2000:]
        assert "already running" in second.stderr and str(os.getpid()) in second.stderr
    finally:
        first.release()
    script = ("import sys; from pathlib import Path; from kiosk.qt.lockdown import SingleInstance; "
              f"print(SingleInstance(Path({str(tmp_path)!r})).acquire())")  # fmt: skip
    again = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert again.stdout.strip() == "True", again.stderr


def test_none_true_false_survive_many_void_calls_and_emits() -> None:
    """kiosk/qt/none_guard.py: without it PySide6 6.12 on Python 3.11 aborts (none_dealloc,
    bool_dealloc) after some thousand void calls or signal emits."""
    script = (
        "import sys, kiosk.qt\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "class B(QObject):\n    changed = Signal()\n"
        "b = B()\n"
        "for _ in range(100_000):\n    b.setObjectName('x'); b.changed.emit()\n"
        "print(all(sys.getrefcount(o) > 10**9 for o in (None, True, False)))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr[-1000:]

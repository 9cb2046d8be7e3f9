"""Drive the QML window as a person would: find items by objectName, scroll to them, click, type."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screens"


def quick_window(window: QWindow) -> QQuickWindow:
    """The kiosk's window with its Qt Quick API. The kiosk itself sees a QWindow (it runs without
    the PySide6.QtQuick binding, kiosk/qt/quick.py); the tests import that binding (here) before
    any window exists, so PySide6 wraps the window as the QQuickWindow it is."""
    assert isinstance(window, QQuickWindow), "import PySide6.QtQuick before the window is created"
    return window


class Driver:
    def __init__(self, window: QWindow) -> None:
        self.window = quick_window(window)

    # -- finding ------------------------------------------------------------------------------
    def items(self) -> Iterator[QQuickItem]:
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.childItems())

    def visible_items(self) -> Iterator[QQuickItem]:
        for item in self.items():
            if item.isVisible() and item.opacity() > 0 and self._on_screen(item):
                yield item

    def _on_screen(self, item: QQuickItem) -> bool:
        parent = item
        while parent is not None:
            if not parent.isVisible():
                return False
            parent = parent.parentItem()
        return True

    def _lookup(self, name: str) -> QQuickItem | None:
        for item in self.items():
            if item.objectName() == name and self._on_screen(item):
                return item
        return None

    def _scroll_lists_for(self, name: str) -> QQuickItem | None:
        """ListViews only create the delegates in view: scroll each one through, as a finger would."""
        for view in [i for i in self.visible_items() if i.inherits("QQuickListView")]:
            height = max(view.height() * 0.8, 1.0)
            end = max(0.0, view.property("contentHeight") - view.height())
            y = 0.0
            while True:
                view.setProperty("contentY", min(y, end))
                self.process(10)
                found = self._lookup(name)
                if found is not None:
                    return found
                if y >= end:
                    break
                y += height
        return None

    def find(self, name: str, timeout: float = 3.0) -> QQuickItem:
        deadline = time.monotonic() + timeout
        while True:
            found = self._lookup(name) or self._scroll_lists_for(name)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise LookupError(f"no visible QML item named {name!r}")
            self.process()

    def exists(self, name: str) -> bool:
        return any(i.objectName() == name and self._on_screen(i) for i in self.items())

    def texts(self) -> list[str]:
        """Every text shown by a visible item (Text, Button, TextField...)."""
        out = []
        for item in self.visible_items():
            value = item.property("text")
            if isinstance(value, str) and value:
                out.append(value)
        return out

    # -- acting -------------------------------------------------------------------------------
    def process(self, ms: int = 30) -> None:
        """Run the event loop for `ms`, as the kiosk's app.exec() does. Not QTest.qWait: PySide6
        6.12 keeps the GIL through qWait (a worker thread got 1% of its free speed in it, 96% in
        QEventLoop.exec), so the camera's read and the submit on kiosk.qt.worker would crawl."""
        QCoreApplication.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def ensure_visible(self, item: QQuickItem) -> None:
        parent = item.parentItem()
        while parent is not None:
            if parent.inherits("QQuickFlickable"):
                top = item.mapToItem(parent.property("contentItem"), QPointF(0, 0)).y()
                height = parent.height()
                content_y = parent.property("contentY")
                if top < content_y or top + item.height() > content_y + height:
                    origin = parent.property("originY") or 0.0
                    max_y = origin + max(0.0, parent.property("contentHeight") - height)
                    parent.setProperty("contentY", min(max(origin, top - 20), max_y))
                    self.process()
            parent = parent.parentItem()

    def click(self, name: str) -> None:
        item = self.find(name)
        self.ensure_visible(item)
        center = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(center.x()), int(center.y())))  # fmt: skip
        self.process(60)

    def type_text(self, name: str, text: str) -> None:
        """Focus a text field by a click, clear it and type, key by key (ASCII)."""
        self.click(name)
        item = self.find(name)
        item.forceActiveFocus()
        QTest.keyClick(self.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(self.window, Qt.Key.Key_Backspace)
        for ch in text:
            QTest.keyClick(self.window, ch)  # type: ignore[call-overload]  # PySide6 stubs lack the char overload
        self.process()

    def accept_consent(self) -> int:
        """Press the consent screen's main button until it agrees: on a small screen it first
        scrolls the text ("More below"). Returns the presses it took."""
        for presses in range(1, 20):
            self.click("consentAccept")
            if not self.exists("consentScreen"):
                return presses
        raise AssertionError("the consent screen never let the visitor agree")

    def set_property(self, name: str, prop: str, value: Any) -> None:
        self.find(name).setProperty(prop, value)
        self.process()

    def screenshot(self, name: str) -> Path:
        self.process(80)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        image = self.window.grabWindow()
        assert not image.isNull(), "grabWindow returned nothing"
        image.save(str(path))
        return path


def app_instance() -> QGuiApplication:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    return app


def find_object(root: QObject, name: str) -> QObject | None:
    return root.findChild(QObject, name)


def show_active(qtbot, window: QWindow) -> None:
    """Show a window and make it the active one: key events and focus go to the active window
    only, and an earlier test (a staff console window, say) may have left another one active."""
    window.show()
    qtbot.waitExposed(window)
    window.requestActivate()
    qtbot.waitUntil(window.isActive, timeout=5000)

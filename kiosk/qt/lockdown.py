"""Kiosk lockdown: the window cannot be closed or escaped, text cannot be copied, one instance.

`Lockdown` is an application event filter (GUI thread only). It swallows close requests (Alt+F4,
the window manager's close button, `QWindow.close()`), Escape at the window level, copy/cut/paste/
select-all shortcuts and context menus (Qt Quick Controls' text editing menu opens on a
ContextMenu event), and turns off mouse selection in any text field that gets focus. `release()`
lifts it, e.g. when staff leave kiosk mode. The focused item is the application's focus object
(QGuiApplication: for a Qt Quick window, its activeFocusItem), so no Qt Quick binding is needed.

It filters the window's events and the focused item's, not the application's: close requests,
keys, double clicks and context menus reach the window before Qt Quick hands them on to an item,
and the ShortcutOverride Qt sends before a shortcut goes to the focus object. An application
filter would also see every event Qt Quick forwards to every item, which PySide6 must wrap for
Python, slowly without the QtQuick binding (docs/deploy.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QWindow
from shiboken6 import isValid

log = logging.getLogger(__name__)

_BLOCKED_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
                 QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
                 QKeySequence.StandardKey.Close, QKeySequence.StandardKey.Quit)  # fmt: skip
_TEXT_TYPES = ("QQuickTextInput", "QQuickTextEdit")


def _blocked_key(event: QKeyEvent) -> bool:
    if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
        return True
    return any(event.matches(key) for key in _BLOCKED_KEYS)


class Lockdown(QObject):
    """Filters the window and its focused item: see the module docstring. `active` may be toggled."""

    def __init__(self, window: QWindow) -> None:
        super().__init__()
        self.window = window
        self.active = True
        self.blocked = 0  # how many events were refused (tests, logs)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self._app = app
        self._focus: QObject | None = None  # the focused item whose events are filtered too
        window.installEventFilter(self)
        app.focusObjectChanged.connect(self._focus_changed)
        self._focus_changed(app.focusObject())

    def release(self) -> None:
        self.active = False

    def remove(self) -> None:
        self.window.removeEventFilter(self)
        self._watch_focus(None)
        self._app.focusObjectChanged.disconnect(self._focus_changed)

    def _focus_changed(self, focus: QObject | None) -> None:
        self._watch_focus(focus if self._app.focusWindow() is self.window else None)
        self._no_selection()

    def _watch_focus(self, focus: QObject | None) -> None:
        old = self._focus
        if old is not None and old is not self.window and isValid(old):  # it may be gone already
            old.removeEventFilter(self)
        self._focus = focus
        if focus is not None and focus is not self.window:
            focus.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window:
            event.ignore()
            self.blocked += 1
            log.info("a close request was ignored (kiosk mode)")
            return True
        if kind == QEvent.Type.ContextMenu:
            self.blocked += 1
            return True
        keys = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
        if kind in keys and isinstance(event, QKeyEvent) and self._refused(event, watched):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # so no shortcut (e.g. a Close action) sees it either
            self.blocked += 1
            return True
        # A double click in a text field selects a word.
        return kind == QEvent.Type.MouseButtonDblClick and self._focus_is_text()

    def _refused(self, event: QKeyEvent, watched: QObject) -> bool:
        return _blocked_key(event) or (event.key() == Qt.Key.Key_Escape and watched is self.window)

    def _focused_text(self) -> QObject | None:
        """The kiosk window's focused text field, if the focus is in one."""
        if self._app.focusWindow() is not self.window:
            return None
        item = self._app.focusObject()
        return item if item is not None and any(item.inherits(t) for t in _TEXT_TYPES) else None

    def _focus_is_text(self) -> bool:
        return self._focused_text() is not None

    def _no_selection(self) -> None:
        item = self._focused_text()
        if self.active and item is not None:
            item.setProperty("selectByMouse", False)
            item.setProperty("persistentSelection", False)


class SingleInstance:
    """A lock file in data_dir held for the life of the process (QLockFile: Linux and Windows;
    a lock left by a crashed kiosk is detected as stale by its dead PID and taken over)."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / "kiosk.lock"
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age

    def acquire(self) -> bool:
        return bool(self._lock.tryLock(0))

    def owner_pid(self) -> int | None:
        info = self._lock.getLockInfo()  # PySide6 gives (pid, host, app), pid 0 when unknown
        pid = info[0] if isinstance(info, tuple) and info else 0
        return int(pid) or None

    def release(self) -> None:
        self._lock.unlock()

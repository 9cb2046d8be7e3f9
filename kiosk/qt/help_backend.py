"""`Kiosk.help`: the visitor's "I need help" button, its number and whether staff were told."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk import events
from kiosk.help import HelpDesk
from kiosk.idle import IdleTimer


class HelpBackend(QObject):
    """GUI thread. `told()` asks the sync worker whether the office has this call (polled)."""

    changed = Signal()
    called = Signal(str)  # a new call was opened, with its number (spoken)

    def __init__(self, desk: HelpDesk, idle: IdleTimer, told: Callable[[str], bool],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._idle = desk, idle
        self._told_fn = told
        self.help_did_call = events.help_did_call()  # the sync worker beats at once
        self._told = False
        self._poll = QTimer(self)
        self._poll.setInterval(500)
        self._poll.timeout.connect(self._check)

    @property
    def desk(self) -> HelpDesk:
        return self._desk

    @Property(bool, notify=changed)
    def open(self) -> bool:
        return self._desk.current is not None

    @Property(str, notify=changed)
    def number(self) -> str:
        call = self._desk.current
        return call.number if call else ""

    @Property(bool, notify=changed)
    def staffTold(self) -> bool:  # noqa: N802
        return self._told

    @Slot()
    def call(self) -> None:
        """Open a call (or show the open one) and send it to the office now."""
        was_open = self._desk.current is not None
        self._desk.call()
        self._idle.waiting = True
        if not was_open:
            self._told = False
            self.help_did_call()
            self._poll.start()
        self.changed.emit()
        if not was_open:
            self.called.emit(self.number)

    @Slot()
    def close(self) -> None:
        """Helped, changed their mind, or the session ended: the office hears it with the next beat."""
        self._poll.stop()
        self._idle.waiting = False
        if self._desk.close():
            self._told = False
            self.help_did_call()
            self.changed.emit()

    def _check(self) -> None:
        call = self._desk.current
        if call is None or self._told:
            self._poll.stop()
            return
        if self._told_fn(call.number):
            self._told = True
            self._poll.stop()
            self.changed.emit()

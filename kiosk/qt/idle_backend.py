"""IdleBackend: watches every touch, click and key; warns, counts down, then asks for a wipe."""

from __future__ import annotations

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.idle import IdleTimer

_INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
    QEvent.Type.Wheel, QEvent.Type.TabletPress,
})  # fmt: skip


class IdleBackend(QObject):
    """Installed as the kiosk window's event filter (every input event reaches the window
    first). `expired` fires once per idle period.

    `active` is false on the attract screen (nothing to protect there).
    """

    changed = Signal()
    expired = Signal()

    def __init__(self, timer: IdleTimer) -> None:
        super().__init__()
        self._timer = timer
        self._active = False
        self._warning = False
        self._remaining = 0
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._poll)
        self._tick.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS:
            self._timer.touched()
            if self._warning:
                self._poll()
        return False

    @Slot()
    def touch(self) -> None:
        self._timer.touched()
        self._poll()

    def set_speech_mode(self, on: bool) -> None:
        """Speech mode doubles the timeout and the warning (listening takes longer)."""
        self._timer.factor = 2.0 if on else 1.0
        self._poll()

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self._timer.touched()
            self._poll()

    def _poll(self) -> None:
        state = self._timer.state()
        warning = self._active and state.warning
        remaining = state.remaining_s if warning else 0
        if (warning, remaining) != (self._warning, self._remaining):
            self._warning, self._remaining = warning, remaining
            self.changed.emit()
        if self._active and state.expired:
            self._timer.touched()
            self.expired.emit()

    def warning_state(self) -> tuple[bool, int]:
        """(warning shown, seconds left) for Python callers; QML reads the properties."""
        return self._warning, self._remaining

    def _get_warning(self) -> bool:
        return self._warning

    def _get_remaining(self) -> int:
        return self._remaining

    warning = Property(bool, _get_warning, notify=changed)
    remaining = Property(int, _get_remaining, notify=changed)

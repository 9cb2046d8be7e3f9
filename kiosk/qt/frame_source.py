"""FrameSource: what the camera screen needs of a camera (kiosk/qt/camera_source.py has the kinds)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage


class FrameSource(QObject):
    """A camera: `start()` (False when there is none), `stop()`, frames through `frame`.

    Called from the GUI thread; `frame` and `failed` are emitted on it."""

    frame = Signal(QImage)
    failed = Signal()  # the camera stopped by itself (unplugged, driver error)

    def available(self) -> bool:
        raise NotImplementedError

    def start(self) -> bool:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

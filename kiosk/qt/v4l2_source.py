"""V4l2CameraSource: the Linux camera read through V4L2 by a capture thread, without Qt Multimedia.

The capture thread (kiosk/camera/capture.py CaptureThread: the core's, this layer starts no
thread) opens the device, chooses the format and decodes frames; the GUI thread never waits on
the camera except in `stop()`, which joins that thread (it sees the request within 0.2 s). Frames
are not queued: the thread keeps only the latest as a QImage and wakes the GUI thread once;
`frame(QImage)` is emitted there. A camera that fails (unplugged, no usable format) emits
`failed` on the GUI thread and logs the reason (device, format, errno: never a picture).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.camera.v4l2 import Opener, find_camera, open_camera
from kiosk.qt.frame_source import FrameSource

if TYPE_CHECKING:  # capture.py and decode.py import numpy and Pillow: not before the first frame
    from kiosk.camera.capture import CaptureThread
    from kiosk.camera.decode import RgbFrame

log = logging.getLogger(__name__)

LOOK_AGAIN_S = 10.0  # no camera found: look again (plugged in since?) after this long


def to_qimage(frame: RgbFrame) -> QImage:
    """A deep copy (the QImage must not point into the frame's bytes once they are gone)."""
    width, height = frame.width, frame.height
    return QImage(frame.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class V4l2CameraSource(FrameSource):
    """The first V4L2 capture device (`finder`, `opener` and `clock` are injected by tests). Call
    from the GUI thread only."""

    _ready = Signal()  # the worker left a new latest frame
    _ended = Signal(int, str)  # the worker of run N stopped by itself, and why

    def __init__(self, finder: Callable[[], Path | None] = find_camera, opener: Opener = open_camera,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._finder, self._opener, self._clock = finder, opener, clock
        self._path: Path | None = None
        self._looked_at: float | None = None  # when the nodes were last checked (None: look now)
        self._capture: CaptureThread | None = None
        self._lock = threading.Lock()
        self._latest: QImage | None = None
        self._pending = False
        self._run = 0  # frames and failures of an earlier run are dropped
        self._ready.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)

    def available(self) -> bool:
        """A capture device is there (found once, it is kept until it fails)."""
        now = self._clock()
        if self._path is None and (self._looked_at is None or now - self._looked_at >= LOOK_AGAIN_S):
            self._path, self._looked_at = self._finder(), now
        return self._path is not None

    def start(self) -> bool:
        if self._capture is not None:
            return True
        if not self.available() or self._path is None:
            return False
        from kiosk.camera.capture import CaptureThread

        with self._lock:
            self._run += 1
            run = self._run
        self._capture = CaptureThread(str(self._path), lambda frame: self._publish(run, frame),
                                      lambda reason: self._ended.emit(run, reason), self._opener)  # fmt: skip
        self._capture.start()
        return True

    def stop(self) -> None:
        capture, self._capture = self._capture, None
        with self._lock:
            self._run += 1
            self._latest, self._pending = None, False
        if capture is not None and not capture.stop():
            log.warning("camera: the capture thread did not stop in time (still closing the device)")

    @property
    def running(self) -> bool:
        return self._capture is not None

    # -- capture thread ------------------------------------------------------------------------
    def _publish(self, run: int, frame: RgbFrame) -> None:
        image = to_qimage(frame)
        with self._lock:
            if run != self._run:
                return
            self._latest, wake = image, not self._pending
            self._pending = True
        if wake:
            self._ready.emit()

    # -- GUI thread ----------------------------------------------------------------------------
    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            image, self._latest, self._pending = self._latest, None, False
        if image is not None:
            self.frame.emit(image)

    @Slot(int, str)
    def _on_ended(self, run: int, reason: str) -> None:
        if run != self._run:
            return  # stopped on purpose meanwhile
        log.warning("camera: %s", reason)
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.stop()  # it has ended or is closing the device
        self._path = self._looked_at = None  # look again next time (unplugged, another one)
        self.failed.emit()

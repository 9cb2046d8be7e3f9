"""Where camera frames come from: the camera (V4L2 on Linux, else Qt Multimedia), or a feed of images.

On Linux the camera is read through V4L2 directly (`V4l2CameraSource`, kiosk/qt/v4l2_source.py):
the lobby bundle carries no Qt Multimedia back end. `QtCameraSource` opens the first video input
through QMediaCaptureSession + QVideoSink where Qt Multimedia is installed (source runs on other
systems, a Windows build); it is imported only when a camera is first wanted (not at start-up).
`FeedSource` is the test video source: tests (and `KIOSK_CAMERA_FEED`, a picture file shown as a
camera for demos and the real-window benchmark) push QImages. All emit `frame(QImage)` on the GUI
thread.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage

from kiosk.qt.frame_source import FrameSource

__all__ = ["FEED_ENV", "FeedSource", "FrameSource", "QtCameraSource", "source_for"]

log = logging.getLogger(__name__)

FEED_ENV = "KIOSK_CAMERA_FEED"
FEED_INTERVAL_MS = 100  # a picture file played as a 10 fps camera


class FeedSource(FrameSource):
    """Frames pushed by the caller (tests), or a picture file replayed at 10 fps."""

    def __init__(self, picture: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._picture = QImage(str(picture)) if picture is not None else None
        self._timer = QTimer(self)
        self._timer.setInterval(FEED_INTERVAL_MS)
        self._timer.timeout.connect(self._replay)

    def available(self) -> bool:
        return self._picture is None or not self._picture.isNull()

    def start(self) -> bool:
        self._running = True
        if self._picture is not None and not self._picture.isNull():
            self._timer.start()
        return True

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._running

    def push(self, image: QImage) -> None:
        if self._running:
            self.frame.emit(image)

    def _replay(self) -> None:
        if self._picture is not None:
            self.push(self._picture)


class QtCameraSource(FrameSource):
    """The first video input Qt Multimedia finds (V4L2 through Qt's FFmpeg back end on Linux)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._camera: QObject | None = None
        self._session: QObject | None = None
        self._sink: QObject | None = None
        self._found: bool | None = None

    def available(self) -> bool:
        if self._found is None:
            try:
                from PySide6.QtMultimedia import QMediaDevices

                self._found = bool(QMediaDevices.videoInputs())
            except Exception as exc:  # no multimedia back end in this build: no camera
                log.warning("camera: Qt Multimedia unavailable (%s)", type(exc).__name__)
                self._found = False
        return self._found

    def start(self) -> bool:
        if not self.available():
            return False
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        devices = QMediaDevices.videoInputs()
        if not devices:
            self._found = False
            return False
        camera, session, sink = QCamera(devices[0], self), QMediaCaptureSession(self), QVideoSink(self)
        session.setCamera(camera)
        session.setVideoSink(sink)
        sink.videoFrameChanged.connect(self._on_frame)
        camera.errorOccurred.connect(self._on_error)
        self._camera, self._session, self._sink = camera, session, sink
        camera.start()
        return True

    def stop(self) -> None:
        camera, self._camera = self._camera, None
        if camera is not None:
            camera.stop()  # type: ignore[attr-defined]
            camera.deleteLater()
        for obj in (self._session, self._sink):
            if obj is not None:
                obj.deleteLater()
        self._session = self._sink = None

    def _on_frame(self, video_frame: object) -> None:
        image = video_frame.toImage()  # type: ignore[attr-defined]
        if not image.isNull():
            self.frame.emit(image)

    def _on_error(self, *_args: object) -> None:
        log.warning("camera: the device reported an error")  # never the picture
        self.stop()
        self.failed.emit()


def source_for(setting: str, parent: QObject | None = None) -> FrameSource | None:
    """The camera the config asks for: "off" gives none; `KIOSK_CAMERA_FEED` a picture file.

    Linux: V4L2 when a /dev/video* node exists or Qt Multimedia is not installed (the lobby
    bundle; a camera plugged in later is found); nodes are checked when a camera is first wanted.
    Elsewhere Qt Multimedia when it is installed, else no camera (the visitor types)."""
    if setting == "off":
        return None
    feed = os.environ.get(FEED_ENV, "")
    if feed:
        return FeedSource(Path(feed), parent)
    multimedia = importlib.util.find_spec("PySide6.QtMultimedia") is not None
    if sys.platform.startswith("linux"):
        from kiosk.camera.v4l2 import video_nodes

        if video_nodes() or not multimedia:
            from kiosk.qt.v4l2_source import V4l2CameraSource

            return V4l2CameraSource(parent=parent)
    return QtCameraSource(parent) if multimedia else None

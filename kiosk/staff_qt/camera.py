"""The Scan tab's camera: a Camera button, a live preview, frames decoded to a kiosk QR code.

QtMultimedia is imported only when a multimedia back end plugin is on Qt's library path: the
PyInstaller bundle leaves Qt's FFmpeg plugin out, and there the button stays hidden without
QtMultimedia being loaded at all (it would log "No QtMultimedia backends found" and more).

The preview is painted from the same QVideoSink the decoder reads, into a QLabel: no
QtMultimediaWidgets (kiosk.spec leaves it out) and nothing that needs a GPU.

Threads: everything here runs on the GUI thread except `codes_in_image`, which runs on Qt's
thread pool (kiosk.qt.worker.run_async) on a QImage no other thread uses. Camera frames come in
through a queued connection to a bound method of the panel (a QObject on the GUI thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QImage, QPixmap
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.qr_images import kiosk_code, read_codes
from kiosk.qt.worker import run_async
from kiosk.staff.frames import MAX_SIDE, FrameGate, fit, pick_format
from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.texts import t

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaDevices, QVideoFrame, QVideoSink

log = logging.getLogger(__name__)
PREVIEW = (480, 270)  # preview size on screen; frames are scaled to it
PREVIEW_INTERVAL_S = 1 / 15  # the preview needs no more; each repaint converts a frame on the GUI thread


def multimedia_available() -> bool:
    """Whether Qt has a multimedia back end plugin to load (looks at folders, loads nothing)."""
    for folder in QCoreApplication.libraryPaths():
        plugins = Path(folder) / "multimedia"
        if plugins.is_dir() and any(p.is_file() for p in plugins.iterdir()):
            return True
    return False


def codes_in_image(image: QImage, max_side: int = MAX_SIDE) -> list[str]:
    """Every QR code's text in a camera image, scaled down to `max_side` first. Any thread."""
    width, height = fit(image.width(), image.height(), max_side)
    if (width, height) != (image.width(), image.height()):
        image = image.scaled(
            width, height, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = bytes(grey.constBits())  # a copy: the PIL image must not outlive the QImage's buffer
    size = (grey.width(), grey.height())
    return read_codes(Image.frombuffer("L", size, pixels, "raw", "L", grey.bytesPerLine(), 1))


class FrameReader(QObject):
    """Decodes camera frames off the GUI thread, throttled by a FrameGate (one at a time, RATE/s).

    `offer(frame)` on the GUI thread. `found(code)` fires once per session (until reset()) for the
    first kiosk code; `foreign()` when a decoded frame held only other QR codes (a URL...);
    `read(count)` after every decode with the number of QR codes seen (for tests and diagnostics).
    """

    found = Signal(str)
    foreign = Signal()
    read = Signal(int)

    def __init__(self, gate: FrameGate | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate or FrameGate()
        self._session = 0  # a decode started before reset() reports into an old session: ignored
        self._found = False

    def reset(self) -> None:
        self._session += 1
        self._found = False
        self.gate.reset()

    def offer(self, frame: QVideoFrame | QImage) -> bool:
        """Decode this frame (a QVideoFrame, or one already converted) unless the gate drops it."""
        if self._found or not self.gate.offer():
            return False
        image = frame if isinstance(frame, QImage) else frame.toImage()
        if image.isNull():  # a frame Qt cannot convert (unknown pixel format): try the next one
            self.gate.finished()
            return False
        session = self._session
        run_async(
            lambda: codes_in_image(image),
            lambda codes: self._decoded(session, codes),
            lambda _exc: self._decoded(session, []),  # logged by run_async; a bad frame is skipped
        )
        return True

    def _decoded(self, session: int, codes: list[str]) -> None:
        if not shiboken6.isValid(self) or session != self._session:
            return  # the page is gone, or the camera was stopped meanwhile
        self.gate.finished()
        self.read.emit(len(codes))
        code = kiosk_code(codes)
        if code is not None and not self._found:
            self._found = True
            self.found.emit(code)
        elif codes:
            self.foreign.emit()


class VideoSource(Protocol):
    """A running camera feeding the panel's sink (QtCamera; tests use a fake)."""

    device_id: bytes

    def start(self) -> None: ...

    def stop(self) -> None: ...


# (sink to feed, error callback taking Qt's description) -> a source, not started yet
OpenCamera = Callable[["QVideoSink", Callable[[str], None]], VideoSource]


class QtCamera(QObject):
    """The system's default camera feeding `sink` through a QMediaCaptureSession."""

    def __init__(self, sink: QVideoSink, on_error: Callable[[str], None]) -> None:
        super().__init__(sink)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices

        device = QMediaDevices.defaultVideoInput()
        self.device_id = bytes(device.id().data())
        self.on_error = on_error
        self.camera = QCamera(device, self)
        formats = device.videoFormats()
        sizes = [(f.resolution().width(), f.resolution().height(), f.maxFrameRate()) for f in formats]
        index = pick_format(sizes)
        if index is not None:
            self.camera.setCameraFormat(formats[index])
        self.camera.errorOccurred.connect(self._error)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(sink)

    def _error(self, _error: Any, text: str) -> None:
        self.on_error(text or "camera error")

    def start(self) -> None:
        from PySide6.QtMultimedia import QCamera

        if self.camera.error() is not QCamera.Error.NoError:  # set already: no device, ...
            self.on_error(self.camera.errorString() or "camera error")
            return
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()
        self.session.setVideoSink(None)  # type: ignore[arg-type]
        self.deleteLater()


class CameraPanel(QWidget):
    """The live preview and a hint line; `button` (Camera / Stop camera) is placed by the page.

    The button shows only while QMediaDevices lists a video input (re-checked when inputs change).
    `scanned(code)` fires with the first kiosk code seen, after the camera has stopped;
    `failed(message)` on a camera error, refused permission or an unplugged camera (stopped too).
    """

    scanned = Signal(str)
    failed = Signal(str)

    def __init__(
        self, lang: str, open_camera: OpenCamera | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        self.lang = lang
        self.open_camera: OpenCamera = open_camera or QtCamera
        self.button = QPushButton(t(lang, "camera"))
        self.button.setObjectName("cameraButton")
        self.button.setCheckable(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner field keeps the focus
        self.button.clicked.connect(self.toggle)
        self.button.hide()
        self.preview = plain_label()
        self.preview.setObjectName("cameraPreview")
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { background: black; color: white; }")
        self.hint = plain_label()
        self.hint.setObjectName("cameraHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        self.reader = FrameReader(parent=self)
        self.reader.found.connect(self._found)
        self.reader.foreign.connect(lambda: self.hint.setText(t(lang, "camera_foreign")))
        self.sink: QVideoSink | None = None
        self.source: VideoSource | None = None
        self._last_preview = 0.0
        self.devices: QMediaDevices | None = None  # None: no multimedia plugin, no camera
        if multimedia_available():
            from PySide6.QtMultimedia import QMediaDevices

            self.devices = QMediaDevices(self)
            self.devices.videoInputsChanged.connect(self.inputs_changed)
        self.hide()
        self.inputs_changed()

    @property
    def running(self) -> bool:
        return self.source is not None

    def inputs_changed(self) -> None:
        """Show the button while a camera is plugged in; a camera unplugged while running stops it."""
        ids: list[bytes] = []
        if self.devices is not None:
            from PySide6.QtMultimedia import QMediaDevices

            ids = [bytes(device.id().data()) for device in QMediaDevices.videoInputs()]
        self.button.setVisible(bool(ids))
        if self.source is not None and self.source.device_id not in ids:
            self._fail(t(self.lang, "camera_lost"))

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.running:
            return
        try:
            from PySide6.QtCore import QCameraPermission
            from PySide6.QtMultimedia import QVideoSink
        except ImportError:
            self._fail(t(self.lang, "camera_missing"))
            return
        app = QCoreApplication.instance()
        status = app.checkPermission(QCameraPermission()) if app is not None else None
        if status is Qt.PermissionStatus.Undetermined and app is not None:  # macOS, Windows: ask once
            app.requestPermission(QCameraPermission(), self, lambda _p: self._asked())
            return
        if status is Qt.PermissionStatus.Denied:
            self._fail(t(self.lang, "camera_denied"))
            return
        if self.sink is None:
            self.sink = QVideoSink(self)
            self.sink.videoFrameChanged.connect(self._frame)  # a bound method: queued from any thread
        self.reader.reset()
        self._last_preview = 0.0
        self.preview.clear()
        self.preview.setText(t(self.lang, "camera_starting"))
        self.hint.setText(t(self.lang, "camera_hint"))
        self.button.setText(t(self.lang, "camera_stop"))
        self.button.setChecked(True)
        self.show()
        self.source = self.open_camera(self.sink, self._error)
        self.source.start()  # last: an error reported from inside start() finds a consistent state

    def _asked(self) -> None:
        from PySide6.QtCore import QCameraPermission

        app = QCoreApplication.instance()
        if app is not None and app.checkPermission(QCameraPermission()) is Qt.PermissionStatus.Granted:
            self.start()
        else:
            self._fail(t(self.lang, "camera_denied"))

    def stop(self) -> None:
        """Stop the camera and forget the picture (sign-out calls this through ScanPage.clear)."""
        source, self.source = self.source, None
        self.reader.reset()
        if source is not None:
            source.stop()
        self.preview.clear()
        self.hint.setText("")
        self.button.setText(t(self.lang, "camera"))
        self.button.setChecked(False)
        self.hide()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name; GUI thread
        """Another tab, or the window hidden: nobody watches the preview, so the camera goes off."""
        if self.running:
            self.stop()
        super().hideEvent(event)

    def _frame(self, frame: QVideoFrame) -> None:
        if self.source is None or not frame.isValid():
            return  # frames still queued after stop(), or the empty frame a stopping camera sends
        now = self.reader.gate.clock()
        image = None
        if now - self._last_preview >= PREVIEW_INTERVAL_S:
            self._last_preview = now
            image = frame.toImage()
            scaled = image.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
            self.preview.setPixmap(QPixmap.fromImage(scaled))
        self.reader.offer(image if image is not None else frame)

    def _found(self, code: str) -> None:
        self.stop()
        self.scanned.emit(code)

    def _error(self, text: str) -> None:
        log.warning("camera error: %s", text)
        self._fail(text)

    def _fail(self, detail: str) -> None:
        self.stop()
        self.failed.emit(t(self.lang, "camera_error", detail=detail))

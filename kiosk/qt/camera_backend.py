"""CameraBackend: the camera pop-up as QML sees it (passport read, document photos, portrait).

Wraps kiosk.camera.flow.CaptureFlow. Frames arrive on the GUI thread from a FrameSource; the
latest one is encoded off the GUI thread as the `preview` data URL (kiosk.qt.camera_preview, at
most 15 a second, one at a time) and, a few times a second, analysed off the GUI thread
(kiosk.qt.worker) by the analysers (kiosk.camera.analysers). Nothing the camera saw outlives
the pop-up: stopping or a wipe drops every frame and still and empties `preview`. GUI thread only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PIL import Image
from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.camera.analysers import Analysers
from kiosk.camera.flow import NO_CAMERA, CaptureFlow, Phase, Purpose, Verdict
from kiosk.i18n import N_, catalog
from kiosk.qt.camera_preview import preview_url, still_url
from kiosk.qt.camera_source import FrameSource
from kiosk.qt.worker import run_async

log = logging.getLogger(__name__)

ANALYSE_EVERY_S = 0.3  # live analysis (hints, the passport read) at most this often
PREVIEW_EVERY_S = 1 / 15  # the preview redraws at most 15 times a second
LIVE_LIMIT_S = 60.0  # a passport not read within a minute: back to typing, with the last reason
PORTRAIT_TITLE = N_("Your photo")
PASSPORT_TITLE = N_("Scan your passport")
CLEAR = N_("The photo is clear. Use it, or take it again.")
UNCHECKED = N_("The photo could not be checked. Please take it again.")
GAVE_UP = N_("The camera could not read your passport. Please type the two lines instead.")


def to_pil(image: QImage) -> Image.Image:
    """A deep copy as an RGB PIL image (safe to hand to a worker thread)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = bytes(rgb.constBits())
    return Image.frombuffer("RGB", (width, height), data, "raw", "RGB", stride, 1).copy()


class CameraBackend(QObject):
    changed = Signal()
    frameChanged = Signal()  # noqa: N815 - QML name
    zoneRead = Signal(str)  # noqa: N815 - a verified machine-readable zone (personal data)
    photoKept = Signal(str, bytes)  # noqa: N815 - document key (or "portrait"), JPEG

    def __init__(self, source: FrameSource | None, analysers: Analysers,
                 lang: Callable[[], str], today: Callable[[], Any],
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._source, self._analysers = source, analysers
        self._lang, self._today, self._clock = lang, today, clock
        self.flow = CaptureFlow()
        self._preview = ""  # the frame or still shown, a JPEG data URL; "" when none
        self._latest: QImage | None = None
        self._busy = False
        self._encoding = False  # a preview frame is being encoded on a worker thread
        self._frame_id = 0
        self._last_analysis = self._last_preview = self._started = 0.0
        self._generation = 0  # results of a capture that was since cancelled are dropped
        self._title = ""
        if source is not None:
            source.frame.connect(self._on_frame)
            source.failed.connect(self._on_failed)

    # -- properties ---------------------------------------------------------------------------
    def _tr(self, msgid: str) -> str:
        return catalog(self._lang()).gettext(msgid) if msgid else ""

    def has_camera(self) -> bool:
        return self._source is not None and self._source.available()

    available = Property(bool, has_camera, notify=changed)
    phase = Property(str, lambda self: self.flow.phase.value, notify=changed)
    purpose = Property(str, lambda self: self.flow.purpose.value if self.flow.purpose else "", notify=changed)
    key = Property(str, lambda self: self.flow.key, notify=changed)
    title = Property(str, lambda self: self._tr(self._title), notify=changed)
    hint = Property(str, lambda self: self._tr(self.flow.hint), notify=changed)
    message = Property(str, lambda self: self._tr(self.flow.reason), notify=changed)
    stillOk = Property(bool, lambda self: bool(self.flow.verdict and self.flow.verdict.ok), notify=changed)  # noqa: N815
    frameId = Property(int, lambda self: self._frame_id, notify=frameChanged)  # noqa: N815
    preview = Property(str, lambda self: self._preview, notify=frameChanged)

    def spoken_text(self) -> str:
        """What the pop-up says now, for auto-read: its title, then the guidance or the verdict."""
        phase = self.flow.phase
        if phase is Phase.IDLE:
            return ""
        if phase is Phase.CAPTURED and self.flow.verdict is not None and self.flow.verdict.ok:
            said = self._tr(CLEAR)
        else:
            said = self._tr(self.flow.reason) if phase is Phase.CAPTURED else self._tr(self.flow.hint)
        return f"{self._tr(self._title)}. {said}".strip()

    # -- slots --------------------------------------------------------------------------------
    @Slot()
    def startPassport(self) -> None:  # noqa: N802
        self._start(Purpose.PASSPORT, "", PASSPORT_TITLE)

    @Slot(str, str)
    def startPhoto(self, key: str, title: str) -> None:  # noqa: N802
        """A document photo (`key` from the form's documents) or "portrait"; `title` a msgid."""
        purpose = Purpose.PORTRAIT if key == "portrait" else Purpose.DOCUMENT
        self._start(purpose, key, title or PORTRAIT_TITLE)

    @Slot()
    def take(self) -> None:
        if self._latest is None or not self.flow.take():
            return
        image, purpose, generation = to_pil(self._latest), self.flow.purpose, self._generation
        portrait = purpose is Purpose.PORTRAIT
        check = self._analysers.check_portrait if portrait else self._analysers.check_document

        def job() -> tuple[bytes | None, Verdict]:
            verdict = check(image)
            return self._analysers.encode(image), verdict

        self.changed.emit()
        run_async(job, lambda r: self._on_checked(generation, r),
                  lambda exc: self._on_job_failed(generation, exc))  # fmt: skip

    @Slot()
    def retake(self) -> None:
        self._generation += 1
        self.flow.retake()
        self._busy = self._encoding = False
        self._started = self._clock()
        self.changed.emit()

    @Slot()
    def keep(self) -> None:
        key = self.flow.key
        still = self.flow.keep()
        self._stop()
        if still is not None:
            self.photoKept.emit(key, still)
        self.changed.emit()

    @Slot()
    def cancel(self) -> None:
        """Close the camera; the typed path (or the photo list) is where the visitor was."""
        self.flow.clear()
        self._stop()
        self.changed.emit()

    @Slot()
    def wipe(self) -> None:
        self.cancel()
        self._title = ""

    # -- internals ----------------------------------------------------------------------------
    def _start(self, purpose: Purpose, key: str, title: str) -> None:
        self._stop()
        self._title = title
        self.flow.start(purpose, key)
        if self._source is None or not self._source.start():
            self.flow.fail(NO_CAMERA)
        self._started = self._clock()
        self.changed.emit()

    def _stop(self) -> None:
        self._generation += 1
        if self._source is not None:
            self._source.stop()
        self._latest, self._busy, self._encoding = None, False, False
        self._show("")

    def _on_frame(self, image: QImage) -> None:
        if self.flow.phase is not Phase.LIVE:
            return
        self._latest = image
        now = self._clock()
        if not self._encoding and now - self._last_preview >= PREVIEW_EVERY_S:
            self._last_preview, self._encoding = now, True
            self._encode(image)
        if self.flow.purpose is Purpose.PASSPORT and now - self._started > LIVE_LIMIT_S:
            self.flow.fail(self.flow.reason or GAVE_UP)
            self._stop()
            self.changed.emit()
            return
        if not self._busy and now - self._last_analysis >= ANALYSE_EVERY_S:
            self._last_analysis, self._busy = now, True
            self._analyse(to_pil(image))

    def _show(self, url: str) -> None:
        self._preview = url
        self._frame_id += 1
        self.frameChanged.emit()

    def _encode(self, image: QImage) -> None:
        generation = self._generation

        def shown(url: str) -> None:
            if generation == self._generation:
                self._encoding = False
                if self.flow.phase is Phase.LIVE:  # not over the still being checked
                    self._show(url)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._encoding = False
                log.warning("camera: preview failed (%s)", type(exc).__name__)

        run_async(lambda: preview_url(image), shown, failed)

    def _analyse(self, image: Image.Image) -> None:
        purpose, generation, today = self.flow.purpose, self._generation, self._today()
        analysers = self._analysers

        def job() -> tuple[bool, str, str | None, str]:
            fine, hint = analysers.hint(image, purpose or Purpose.DOCUMENT)
            if purpose is not Purpose.PASSPORT or not fine:
                return fine, hint, None, ""
            zone, reason = analysers.read(image, today)
            return fine, hint, zone, reason

        run_async(job, lambda r: self._on_analysed(generation, r),
                  lambda exc: self._on_job_failed(generation, exc))  # fmt: skip

    def _on_analysed(self, generation: int, result: tuple[bool, str, str | None, str]) -> None:
        if generation != self._generation:
            return
        self._busy = False
        fine, hint, zone, reason = result
        if self.flow.purpose is Purpose.PASSPORT:
            if fine and self.flow.on_read(zone, reason):
                read = self.flow.zone
                self.flow.clear()
                self._stop()
                self.changed.emit()
                self.zoneRead.emit(read)
                return
            self.flow.on_hint(reason if fine and reason else hint)
        else:
            self.flow.on_hint(self._ready_hint() if fine else hint)
        self.changed.emit()

    def _ready_hint(self) -> str:
        purpose = self.flow.purpose
        return "" if purpose is None else N_("Good. Tap \"Take photo\".")

    def _on_checked(self, generation: int, result: tuple[bytes | None, Verdict]) -> None:
        if generation != self._generation:
            return
        still, verdict = result
        self.flow.on_checked(still, verdict)
        self._show(still_url(still) if still is not None else self._preview)
        self.changed.emit()

    def _on_job_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("camera: analysis failed (%s)", type(exc).__name__)  # never the picture
        self._busy = False
        if self.flow.phase is Phase.CHECKING:
            self.flow.on_checked(None, Verdict(False, UNCHECKED))
            self.changed.emit()

    def _on_failed(self) -> None:
        self.flow.fail(NO_CAMERA)
        self._stop()
        self.changed.emit()

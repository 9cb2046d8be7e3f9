"""Background work of a kiosk window, started once its first frame is on screen.

The sync worker (built off the GUI thread: it may migrate the demo office), the PDF warm-up and
the retention purge. Everything slow goes through kiosk.qt.worker (no thread of its own here);
results come back to the GUI thread. Knows the window only by what it uses (`BackgroundHost`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QWindow

from kiosk.qt.quick import signal
from kiosk.qt.worker import run_async
from kiosk.session import Screen

if TYPE_CHECKING:
    from kiosk.config import KioskConfig
    from kiosk.qt.help_backend import HelpBackend
    from kiosk.qt.visit_backend import VisitBackend
    from kiosk.submit import Submitter
    from kiosk.sync.worker import SyncWorker

log = logging.getLogger(__name__)


class BackgroundHost(Protocol):
    """What the background work needs of a kiosk window (kiosk.qt.app.KioskWindow has it)."""

    config: KioskConfig
    submitter: Submitter | None
    sync: SyncWorker | None
    help: HelpBackend | None
    visit: VisitBackend

    @property
    def engine(self) -> QObject: ...


FIRST_FRAME_FALLBACK_MS = 3000  # a window never shown (tests, a lost frame) still gets its jobs


class FirstFrame(QObject):
    """Runs a job once on the GUI thread, as soon as the window has drawn its first frame.

    Start-up work the attract screen does not need waits for it, so the visitor sees the kiosk
    first and the sync worker's imports and migrations do not compete with the QML load. The
    signal (QQuickWindow.frameSwapped, reached by name: kiosk.qt.quick) comes from the render
    thread: connected to this GUI-thread object it is queued. A child of the engine, it goes
    (with its fallback timer) when the window is torn down.
    """

    def __init__(self, window: QWindow, job: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._job, self._done = job, False
        self._swapped = signal(window, "frameSwapped")
        self._swapped.connect(self.fire)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.fire)
        self._fallback.start(FIRST_FRAME_FALLBACK_MS)

    @Slot()
    def fire(self) -> None:
        if not self._done:
            self.cancel()
            self._job()

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self._fallback.stop()
            self._swapped.disconnect(self.fire)


def start_background(kw: BackgroundHost, sync: bool) -> None:
    if sync:
        start_sync(kw)
    if kw.submitter is not None:

        submitter = kw.submitter

        def warm() -> None:  # the first visitor's submit does not pay ReportLab's import and fonts
            import phonenumbers  # noqa: F401 - the first phone number checked at Next

            from kiosk.pdf.fonts import register_fonts
            from kiosk.pdf.render import render_pdf  # noqa: F401

            submitter.queue  # noqa: B018 - opens the local queue (SQLAlchemy) now, not at Submit
            register_fonts()

        run_async(warm, lambda _: None, lambda exc: log.warning("PDF warm-up failed: %r", exc))


def start_sync(kw: BackgroundHost) -> None:
    """Build and start the outbox worker off the GUI thread (building it may migrate the demo
    office DB; a long job, so not in the visitor's pool), and wake it whenever a visitor reaches
    the done screen. The worker then runs on its own thread (kiosk.sync.worker)."""

    def build() -> SyncWorker | None:  # imports included: the office's schema loads off the GUI thread
        from kiosk.sync.factory import worker_for

        try:
            worker = worker_for(kw.config, kw.submitter.queue if kw.submitter else None,
                                help_call=lambda: kw.help.desk.current if kw.help else None)  # fmt: skip
            worker.start()
        except Exception:  # the queue keeps everything; staff see the state in `kiosk sync status`
            log.exception("the sync worker could not start")
            return None
        return worker

    def started(worker: SyncWorker | None) -> None:
        if worker is not None:
            kw.sync = worker

    run_async(build, started, lambda exc: log.error("the sync worker could not start: %r", exc), long=True)

    def wake_after_submit() -> None:
        if kw.visit.session.screen is Screen.DONE and kw.sync is not None:
            kw.sync.wake()

    kw.visit.changed.connect(wake_after_submit)
    start_retention(kw)


RETENTION_EVERY_MS = 6 * 3600 * 1000


def start_retention(kw: BackgroundHost) -> None:
    """Delete delivered submissions and saved PDFs past `retention_days`: at start, then every
    six hours, off the GUI thread. Pending and quarantined entries are never deleted."""

    def run() -> None:
        submitter = kw.submitter
        if submitter is None:
            return

        def job() -> object:
            from kiosk.storage.retention import purge

            return purge(submitter.queue, kw.config.pdf_dir, kw.config.retention_days)

        run_async(
            job,
            lambda result: log.info("retention purge: %s", result),
            lambda exc: log.warning("retention purge failed: %s", type(exc).__name__),
        )

    timer = QTimer(kw.engine)
    timer.setInterval(RETENTION_EVERY_MS)
    timer.timeout.connect(run)
    timer.start()
    QTimer.singleShot(0, run)

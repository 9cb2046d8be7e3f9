"""The "Reprint form" button: prints the opened submission's whole form again, off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.qt.worker import run_async
from kiosk.staff.console import StaffConsole
from kiosk.staff.records import SubmissionInfo
from kiosk.staff.reprint import ReprintResult
from kiosk.staff_qt.texts import t


class ReprintButton(QPushButton):
    """Enabled while a submission's answers are on screen (`show_for`); one reprint at a time.

    The reprint (open, render, print, wait for CUPS: seconds) runs on Qt's thread pool; the
    callbacks come back on the GUI thread. `message(text)` is for the status bar; `finished(x)`
    carries the kiosk.staff.reprint.ReprintResult, or the exception of a failed attempt.
    """

    message = Signal(str)
    finished = Signal(object)

    def __init__(self, console: StaffConsole, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(t(lang, "reprint"), parent)
        self.setObjectName("reprint")
        # A click must not take the focus from the scanner field (the next scan would be lost);
        # Tab still reaches the button.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.console, self.lang = console, lang
        self.info: SubmissionInfo | None = None
        self.busy = False
        self.clicked.connect(self.reprint)
        self.show_for(None)

    def show_for(self, info: SubmissionInfo | None) -> None:
        """The submission shown now (None: nothing opened, a warning, or signed out)."""
        self.info = info
        self.setEnabled(info is not None and not self.busy)

    def reprint(self) -> None:
        info = self.info
        if info is None or self.busy:  # a second click while printing would print twice
            return
        self.busy = True
        self.setEnabled(False)
        self.setText(t(self.lang, "reprinting"))
        self.message.emit(t(self.lang, "reprint_busy", reference=info.reference))
        run_async(lambda: self.console.reprint(info.id), self._done, self._failed)

    def _settle(self) -> None:
        self.busy = False
        self.setText(t(self.lang, "reprint"))
        self.setEnabled(self.info is not None)

    def _done(self, result: ReprintResult) -> None:
        self._settle()
        lang = self.lang
        printer = result.printer or t(lang, "default_printer")
        if not result.printed:
            text = t(lang, "reprint_failed", reference=result.reference or "?", detail=result.detail)
        elif result.with_qr:
            text = t(lang, "reprinted", reference=result.reference, printer=printer)
        else:
            why = result.no_qr_reason
            text = t(lang, "reprinted_no_qr", reference=result.reference, printer=printer, why=why)
        self.message.emit(text)
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._settle()
        self.message.emit(t(self.lang, "error", detail=str(exc) or type(exc).__name__))
        self.finished.emit(exc)

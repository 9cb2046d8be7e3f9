"""The scanner's input: a line edit that collects what a keyboard-wedge scanner types, then Enter.

Scanners type a whole code in a few milliseconds and press Enter. Whatever sits in the field when
Enter comes is handed to the core parser (kiosk.staff.wedge), which picks the code out of stray
keys, caps lock and scanner prefixes. A partial burst left without Enter (a scan interrupted, a
key brushed) is dropped after STALE_MS so it cannot glue itself to the next scan.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

STALE_MS = 3000
MAX_LENGTH = 1024  # far more than any code; a stuck key cannot grow the field forever


class ScanField(QLineEdit):
    """Emits `scanned(text)` on Enter and clears itself; keeps focus for the next scan.

    Only Qt's own signals are used (no virtual overrides), so nothing here runs off the GUI thread.
    """

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanField")
        self.setMaxLength(MAX_LENGTH)
        self.setClearButtonEnabled(True)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(STALE_MS)
        self._stale.timeout.connect(self.clear)
        self.textEdited.connect(lambda _text: self._stale.start())
        self.returnPressed.connect(self._enter)

    def _enter(self) -> None:
        self._stale.stop()
        text = self.text()
        self.clear()
        if text.strip():
            self.scanned.emit(text)

"""Start the staff console window (`kiosk staff`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.staff.console import StaffConsole
from kiosk.staff.reprint import ReprintSettings
from kiosk.staff_qt.window import StaffWindow


def run(
    url: str,
    key_path: Path,
    lang: str = "zh",
    preset_passphrase: str = "",
    printing: ReprintSettings | None = None,
) -> int:
    # The camera's QtMultimedia logs a warning per optional library it cannot find (PipeWire,
    # VA-API) and the FFmpeg version: noise for staff. Read once, so set before the app exists.
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg.info=false"
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    console = StaffConsole(url, key_path, printing=printing)
    window = StaffWindow(console, lang, preset_passphrase)
    window.show()
    try:
        return int(app.exec())
    finally:
        console.close()

"""Start the staff console window (`kiosk staff`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.staff.console import StaffConsole
from kiosk.staff_qt.window import StaffWindow


def run(url: str, key_path: Path, lang: str = "zh", preset_passphrase: str = "") -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    console = StaffConsole(url, key_path)
    window = StaffWindow(console, lang, preset_passphrase)
    window.show()
    try:
        return int(app.exec())
    finally:
        console.close()

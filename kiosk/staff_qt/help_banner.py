"""The red bar across the top of the console while a visitor at a kiosk has asked for help."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QToolBar

from kiosk.staff.console import StaffConsole
from kiosk.staff.records import KioskState, local_text
from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.tasks import Latest
from kiosk.staff_qt.texts import t

STYLE = "QLabel { background: #8E1216; color: white; font-size: 20px; padding: 8px; }"  # 8.6:1
POLL_MS = 5000  # a kiosk beats at once when a visitor calls; this is the console's side of the delay


class HelpBanner(QToolBar):
    """Polls the office while someone is signed in; hidden when no visitor is waiting."""

    def __init__(self, console: StaffConsole, lang: str) -> None:
        super().__init__()
        self.console, self.lang = console, lang
        self.setObjectName("helpBanner")
        self.setMovable(False)
        self.setFloatable(False)
        self.label = plain_label()
        self.label.setObjectName("helpBannerText")
        self.label.setStyleSheet(STYLE)
        self.addWidget(self.label)
        self.hide()
        self._latest = Latest()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()
        self._latest.current += 1  # a late answer for the signed-out user is dropped
        self.show_calls([])

    def refresh(self) -> None:
        if self.console.user is not None:
            self._latest.run(self.console.help_calls, self.show_calls, lambda _exc: None)

    def show_calls(self, calls: list[KioskState]) -> None:
        lines = [t(self.lang, "help_call", kiosk=f"{k.kiosk_id} ({k.label})" if k.label else k.kiosk_id,
                   number=k.help_number or "", since=local_text(k.help_since)) for k in calls]  # fmt: skip
        self.label.setText("\n".join(lines))
        self.setVisible(bool(lines))

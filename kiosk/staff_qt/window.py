"""The staff console window: sign-in, then tabs (Scan, Search and export, Kiosks, Audit log).

"Reprint form" sits in the tab bar's corner while the Scan tab is current, enabled once a
submission's answers are on screen (kiosk.staff_qt.reprint_button).

Idle sign-out: an application-wide event filter counts keys and clicks as activity; a timer
signs out after kiosk.staff.policy.IDLE_SIGN_OUT_S without any, forgetting the office key and
clearing every opened answer from the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QStackedWidget, QTabWidget

from kiosk.staff.accounts import SignInRefused, StaffUser
from kiosk.staff.console import StaffConsole
from kiosk.staff.lookup import Outcome, ScanResult
from kiosk.staff.policy import IdlePolicy
from kiosk.staff_qt.help_banner import HelpBanner
from kiosk.staff_qt.labels import plain_label
from kiosk.staff_qt.log_pages import AuditPage, FleetPage
from kiosk.staff_qt.reprint_button import ReprintButton
from kiosk.staff_qt.scan_page import ScanPage
from kiosk.staff_qt.search_page import SearchPage
from kiosk.staff_qt.signin_page import SignInPage
from kiosk.staff_qt.tasks import Latest
from kiosk.staff_qt.texts import t

ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class ActivityFilter(QObject):
    """Touches the idle policy on any key, click or wheel in the application (GUI thread only)."""

    def __init__(self, policy: IdlePolicy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY:
            self.policy.touch()
        return False


class StaffWindow(QMainWindow):
    """Owns the console (and so the office key while signed in). Close it to sign out."""

    def __init__(
        self,
        console: StaffConsole,
        lang: str = "zh",
        preset_passphrase: str = "",
        idle: IdlePolicy | None = None,
    ) -> None:
        super().__init__()
        self.console, self.lang = console, lang
        self.setWindowTitle(t(lang, "title"))
        self.resize(1100, 800)
        self.idle = idle or IdlePolicy()
        self._filter = ActivityFilter(self.idle, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._filter)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(1000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._latest = Latest()
        self.sign_in_page = SignInPage(lang, preset_passphrase)
        self.sign_in_page.submitted.connect(self._sign_in)
        self.scan_page = ScanPage(console, lang)
        self.search_page = SearchPage(console, lang)
        self.search_page.open_reference.connect(self._open_reference)
        self.fleet_page = FleetPage(console, lang)
        self.help_banner = HelpBanner(console, lang)
        self.addToolBar(self.help_banner)
        self.audit_page = AuditPage(console, lang)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.scan_page, t(lang, "tab_scan"))
        self.tabs.addTab(self.search_page, t(lang, "tab_search"))
        self.tabs.addTab(self.fleet_page, t(lang, "tab_fleet"))
        self.reprint_button = ReprintButton(console, lang)
        self.tabs.setCornerWidget(self.reprint_button, Qt.Corner.TopRightCorner)
        self.scan_page.shown.connect(self._shown)
        self.tabs.currentChanged.connect(
            lambda _i: self.reprint_button.setVisible(self.tabs.currentWidget() is self.scan_page)
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.who = plain_label()
        sign_out = QPushButton(t(lang, "sign_out"))
        sign_out.setObjectName("signOut")
        sign_out.clicked.connect(lambda: self.sign_out("user"))
        self.statusBar().addPermanentWidget(self.who)
        self.statusBar().addPermanentWidget(sign_out)
        for page in (self.scan_page, self.search_page):
            page.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.reprint_button.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.sign_out_button = sign_out
        sign_out.hide()

    def _sign_in(self, username: str, password: str, passphrase: str) -> None:
        self._latest.run(
            lambda: self.console.sign_in(username, password, passphrase), self._signed_in, self._refused
        )

    def _refused(self, exc: BaseException) -> None:
        key = exc.reason.value if isinstance(exc, SignInRefused) else None
        self.sign_in_page.failed(t(self.lang, key) if key else t(self.lang, "error", detail=str(exc)))

    def _signed_in(self, user: StaffUser) -> None:
        self.sign_in_page.reset()
        self.who.setText(t(self.lang, "signed_in_as", user=user.username, role=user.role))
        self.sign_out_button.show()
        if user.is_admin and self.tabs.indexOf(self.audit_page) < 0:
            self.tabs.addTab(self.audit_page, t(self.lang, "tab_audit"))
        elif not user.is_admin and self.tabs.indexOf(self.audit_page) >= 0:
            self.tabs.removeTab(self.tabs.indexOf(self.audit_page))
        self.tabs.setCurrentWidget(self.scan_page)
        self.stack.setCurrentWidget(self.tabs)
        self.idle.touch()
        self._idle_timer.start()
        self.help_banner.start()
        self.scan_page.scan_field.setFocus()

    def _shown(self, result: ScanResult) -> None:
        opened = result.outcome is Outcome.OPENED
        self.reprint_button.show_for(result.submission if opened else None)

    def _open_reference(self, reference: str) -> None:
        self.tabs.setCurrentWidget(self.scan_page)
        self.scan_page.open_reference(reference)

    def check_idle(self) -> None:
        if self.console.user is not None and self.idle.expired():
            self.sign_out("idle")

    def sign_out(self, why: str) -> None:
        self._idle_timer.stop()
        self.help_banner.stop()
        self.scan_page.clear()
        # A copied answer must not outlive the session (the next person at the desk could paste it).
        QGuiApplication.clipboard().clear()
        self.reprint_button.show_for(None)
        self.search_page.results.setRowCount(0)
        self.audit_page.table.setRowCount(0)
        if self.console.user is not None:
            self.console.sign_out(why)
        self.who.setText("")
        self.sign_out_button.hide()
        minutes = round(self.idle.timeout_s / 60)
        self.sign_in_page.reset(t(self.lang, "signed_out_idle", minutes=minutes) if why == "idle" else "")
        self.stack.setCurrentWidget(self.sign_in_page)

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name; runs on the GUI thread
        self.sign_out("window closed")
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._filter)
        super().closeEvent(event)  # type: ignore[arg-type]

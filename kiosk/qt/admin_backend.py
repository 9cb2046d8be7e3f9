"""AdminBackend: the hidden corner gesture's PIN pad and the staff admin screen, as QML sees them.

GUI thread only. PIN checks (scrypt) and every admin action run off the GUI thread through
kiosk.qt.worker; results come back as queued calls. The pad and the screen close by themselves
after `idle_s` without a touch, so a screen left open cannot be used by the next visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from kiosk import logs
from kiosk.admin.actions import AdminActions
from kiosk.admin.codes import AdminStatus, PinState, pin_keys_enabled, pin_text, status_text
from kiosk.admin.lockout import PinGate
from kiosk.config import KioskConfig, admin_settings
from kiosk.health import CORRUPT, HealthReport
from kiosk.i18n import translate
from kiosk.qt.visit_backend import VisitBackend
from kiosk.qt.worker import run_async

if TYPE_CHECKING:  # SQLAlchemy loads after the kiosk's first frame (kiosk.submit.Submitter.queue)
    from kiosk.submit import Submitter
    from kiosk.sync.worker import SyncWorker

log = logging.getLogger(__name__)
_INPUT = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress})


class AdminBackend(QObject):
    """State: `pinPadOpen`, `screenOpen`, `pinState` (kiosk.admin.codes.PinState), `pinMessage`,
    `pinKeysEnabled`, `lockedSeconds`, `status` (AdminStatus) and `statusText`, and the overview
    read by `refresh()`. Install as an app event filter."""

    changed = Signal()

    def __init__(self, actions: AdminActions, gate: PinGate, *, language: Callable[[], str],
                 wipe_visit: Callable[[], None], leave: Callable[[], None],
                 health: HealthReport | None = None, idle_s: int = 120) -> None:  # fmt: skip
        super().__init__()
        self._actions, self._gate, self._language = actions, gate, language
        self._wipe_visit, self._leave = wipe_visit, leave
        self._health = health or HealthReport()
        self._pad = self._screen = self._busy = False
        self._pin_state = PinState.NONE
        self._locked = 0
        self._hold_s = 5.0
        self._status = AdminStatus.NONE
        self._data: dict[str, Any] = {}
        self._watch: Callable[[], list[object]] | None = None
        self._idle = QTimer(self, singleShot=True, interval=idle_s * 1000)
        self._idle.timeout.connect(self.close)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_lock)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (self._pad or self._screen) and event.type() in _INPUT:
            self._idle.start()
        return False

    # -- properties ---------------------------------------------------------------------------
    def _get(self, key: str, default: Any = "") -> Any:
        return self._data.get(key, default)

    pinPadOpen = Property(bool, lambda self: self._pad, notify=changed)  # noqa: N815
    screenOpen = Property(bool, lambda self: self._screen, notify=changed)  # noqa: N815
    pinState = Property(str, lambda self: str(self._pin_state), notify=changed)  # noqa: N815
    lockedSeconds = Property(int, lambda self: self._locked, notify=changed)  # noqa: N815
    busy = Property(bool, lambda self: self._busy, notify=changed)
    status = Property(str, lambda self: str(self._status), notify=changed)
    statusText = Property(  # noqa: N815
        str, lambda self: status_text(self._status, self._busy, self._language()), notify=changed
    )
    pinMessage = Property(  # noqa: N815
        str, lambda self: pin_text(self._pin_state, self._locked, self._language()), notify=changed
    )
    pinKeysEnabled = Property(  # noqa: N815
        bool, lambda self: pin_keys_enabled(self._pin_state, self._locked), notify=changed
    )
    queueDepth = Property(int, lambda self: self._get("queue_depth", 0), notify=changed)  # noqa: N815
    quarantined = Property(int, lambda self: self._get("quarantined", 0), notify=changed)
    sent = Property(int, lambda self: self._get("sent", 0), notify=changed)
    syncState = Property(str, lambda self: self._get("sync_state"), notify=changed)  # noqa: N815
    lastError = Property(str, lambda self: self._get("last_error"), notify=changed)  # noqa: N815
    lastSuccess = Property(str, lambda self: self._get("last_success"), notify=changed)  # noqa: N815
    printerName = Property(str, lambda self: self._get("printer"), notify=changed)  # noqa: N815
    printerState = Property(str, lambda self: self._get("printer_state"), notify=changed)  # noqa: N815
    notices = Property(list, lambda self: self._get("notices", []), notify=changed)
    recent = Property(list, lambda self: self._get("recent", []), notify=changed)
    logLines = Property(list, lambda self: self._get("logs", []), notify=changed)  # noqa: N815
    settings = Property(list, lambda self: self._get("settings", []), notify=changed)
    # Demo keys and a local office (kiosk.config.KEYS["demo"]): never in the lobby, so say it.
    demoMode = Property(bool, lambda self: self._actions.config.demo, constant=True)  # noqa: N815

    def _get_hold(self) -> float:
        return self._hold_s

    def _set_hold(self, seconds: float) -> None:
        if seconds != self._hold_s:
            self._hold_s = seconds
            self.changed.emit()

    holdSeconds = Property(float, _get_hold, _set_hold, notify=changed)  # noqa: N815

    # -- the PIN pad --------------------------------------------------------------------------
    @Slot()
    def openPinPad(self) -> None:  # noqa: N802
        if self._screen or self._pad:
            return
        self._wipe_visit()  # a visitor's answers never sit under the admin screen
        self._pad = True
        self._pin_state = PinState.NONE if self._gate.store.is_set() else PinState.NOTSET
        self._update_lock()
        self._idle.start()
        log.info("the admin PIN pad was opened", extra={"event": "admin_pad_opened"})
        self.changed.emit()

    @Slot()
    def closePinPad(self) -> None:  # noqa: N802
        self._pad = False
        self._pin_state = PinState.NONE
        self.changed.emit()

    @Slot(str)
    def enterPin(self, pin: str) -> None:  # noqa: N802
        if not self._pad or self._pin_state is PinState.CHECKING:
            return
        self._pin_state = PinState.CHECKING
        self.changed.emit()
        run_async(lambda: self._gate.attempt(pin), self._on_attempt, self._on_error)

    def _on_attempt(self, attempt: Any) -> None:
        if attempt.ok:
            log.info("admin screen opened", extra={"event": "admin_opened"})
            self._pad, self._screen, self._pin_state = False, True, PinState.NONE
            self._idle.start()
            self.changed.emit()
            self.refresh()
            return
        log.warning("wrong admin PIN (%d in a row)", attempt.failures, extra={"event": "admin_pin_wrong"})
        self._pin_state = PinState.LOCKED if attempt.locked_for_s > 0 else PinState.WRONG
        self._update_lock()
        self.changed.emit()

    def _update_lock(self) -> None:
        locked = int(self._gate.remaining_lock_s() + 0.999)
        if locked > 0 and not self._tick.isActive():
            self._tick.start()
        elif locked == 0:
            self._tick.stop()
            if self._pin_state is PinState.LOCKED:
                self._pin_state = PinState.NONE
        if locked != self._locked:
            self._locked = locked
            self.changed.emit()

    # -- the admin screen ---------------------------------------------------------------------
    @Slot()
    def close(self) -> None:
        if self._screen:
            log.info("admin screen closed", extra={"event": "admin_closed"})
        self._pad = self._screen = False
        self._pin_state, self._status, self._data = PinState.NONE, AdminStatus.NONE, {}
        self._idle.stop()
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        if self._screen:
            self._run(self._collect, self._on_collected, keep_status=True)

    @Slot()
    def syncNow(self) -> None:  # noqa: N802
        self._run(self._actions.sync_now,
                  lambda ok: self._done(AdminStatus.SYNC if ok else AdminStatus.NOSYNC))  # fmt: skip

    @Slot()
    def printTestPage(self) -> None:  # noqa: N802
        lang = self._language()
        self._run(lambda: self._actions.test_page(lang),
                  lambda r: self._done(AdminStatus.PRINTED if r.ok else AdminStatus.SAVED))  # fmt: skip

    @Slot(str)
    def reprint(self, reference: str) -> None:
        lang = self._language()
        self._run(lambda: self._actions.reprint(reference, lang),
                  lambda r: self._done(AdminStatus.PRINTED if r.ok
                                       else AdminStatus.SAVED if r.pdf else AdminStatus.UNKNOWN))  # fmt: skip

    @Slot()
    def leaveKioskMode(self) -> None:  # noqa: N802
        if self._screen:
            log.warning("staff left kiosk mode", extra={"event": "admin_left_kiosk"})
            self.close()
            self._leave()

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], keep_status: bool = False) -> None:
        if not self._screen or self._busy:
            return
        self._busy = True
        self._status = self._status if keep_status else AdminStatus.NONE
        self.changed.emit()
        run_async(fn, lambda value: self._finish(done, value), self._on_error)

    def _finish(self, done: Callable[[Any], None], value: Any) -> None:
        self._busy = False
        done(value)

    def _done(self, status: AdminStatus) -> None:
        self._status = status
        self.changed.emit()
        self.refresh()

    def _on_error(self, exc: BaseException) -> None:
        self._busy = False
        self._pin_state = PinState.NONE if self._pin_state is PinState.CHECKING else self._pin_state
        self._status = AdminStatus.ERROR
        log.error("admin action failed: %s", type(exc).__name__)
        self.changed.emit()

    def _collect(self) -> dict[str, Any]:
        """Off the GUI thread: everything the screen shows, as plain QML-friendly values."""
        lang, config = self._language(), self._actions.config
        o = self._actions.overview()
        notices = [translate(lang, n.message, **n.params) for n in self._health.notices]
        notices += [
            translate(lang, CORRUPT, name=name) for name in o.set_aside if not any(name in n for n in notices)
        ]
        return {
            "queue_depth": o.queue_depth, "quarantined": o.quarantined, "sent": o.sent,
            "sync_state": o.sync_state, "last_error": o.last_error,
            "last_success": o.last_success_at.strftime("%Y-%m-%d %H:%M") if o.last_success_at else "",
            "printer": o.printer, "printer_state": o.printer_state, "notices": notices,
            "recent": [{"reference": r.reference, "form": r.form_id, "state": r.state,
                        "created": r.created_at.strftime("%Y-%m-%d %H:%M")}
                       for r in self._actions.recent()],
            "logs": self._actions.log_lines(),
            "settings": admin_settings(config),
        }  # fmt: skip

    def _on_collected(self, data: dict[str, Any]) -> None:
        if self._screen:
            self._data = data
            self.changed.emit()

    def shutdown(self) -> None:
        """Stop timers and the log guard's view of this window's session (window teardown)."""
        self._idle.stop()
        self._tick.stop()
        if self._watch is not None:
            logs.guard.unwatch(self._watch)
            self._watch = None


def build_admin(config: KioskConfig, submitter: Submitter, visit: VisitBackend,
                sync: Callable[[], SyncWorker | None], health: HealthReport | None = None,
                leave: Callable[[], None] | None = None) -> AdminBackend:  # fmt: skip
    """The admin backend of one kiosk window (create_window installs it as the window's event
    filter: input restarts its idle timer); also lets the log guard redact whatever the visitor
    of this window is typing."""
    actions = AdminActions(config, submitter, sync)
    session = visit.session
    admin = AdminBackend(actions, PinGate(config.data_dir), language=lambda: session.lang,
                         wipe_visit=visit.finish, leave=leave or _leave_kiosk, health=health,
                         idle_s=config.idle_timeout_s)  # fmt: skip
    admin._watch = lambda: list(session.answers.values())
    logs.guard.watch(admin._watch)
    return admin


EXIT_LEFT_KIOSK = 10  # the systemd unit does not restart the kiosk after this exit status


def _leave_kiosk() -> None:
    app = QCoreApplication.instance()
    if app is not None:
        app.exit(EXIT_LEFT_KIOSK)

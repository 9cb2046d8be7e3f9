"""The admin screen's result codes (the last action, the PIN pad) and what each one says."""

from __future__ import annotations

from enum import StrEnum

from kiosk.i18n import N_, catalog


class AdminStatus(StrEnum):
    """How the admin screen's last action ended ("" while none has, or one is running)."""

    NONE = ""
    SYNC = "sync"
    NOSYNC = "nosync"
    PRINTED = "printed"
    SAVED = "saved"
    UNKNOWN = "unknown"
    ERROR = "error"


class PinState(StrEnum):
    """The PIN pad: waiting (""), checking an entry, refused, locked for a while, or no PIN set."""

    NONE = ""
    CHECKING = "checking"
    WRONG = "wrong"
    LOCKED = "locked"
    NOTSET = "notset"


WORKING = N_("Working…")
STATUS_TEXTS = {
    AdminStatus.SYNC: N_("Sync started."),
    AdminStatus.NOSYNC: N_("Sync is not running on this kiosk."),
    AdminStatus.PRINTED: N_("Sent to the printer."),
    AdminStatus.SAVED: N_("The printer is not available: the PDF was saved on the kiosk."),
    AdminStatus.UNKNOWN: N_("This reference is not on this kiosk."),
    AdminStatus.ERROR: N_("That did not work. See the log below."),
}
PIN_TEXTS = {
    PinState.NOTSET: N_("No staff PIN is set on this kiosk. IT sets one with: kiosk admin set-pin"),
    PinState.WRONG: N_("Wrong PIN."),
    PinState.CHECKING: N_("Checking…"),
}
# The msgid the PIN pad has always used in QML (qsTr), so its translations carry over: Qt's %1.
LOCKED = N_("Too many wrong PINs. Try again in %1 seconds.")


def status_text(status: AdminStatus, busy: bool, lang: str) -> str:
    """The admin screen's status line in `lang`."""
    msgid = STATUS_TEXTS.get(status) or (WORKING if busy else "")
    return catalog(lang).gettext(msgid) if msgid else ""


def pin_text(state: PinState, locked_seconds: int, lang: str) -> str:
    """The PIN pad's message in `lang`; a lock shows its seconds left."""
    msgid = PIN_TEXTS.get(state)
    if msgid:
        return catalog(lang).gettext(msgid)
    return catalog(lang).gettext(LOCKED).replace("%1", str(locked_seconds)) if locked_seconds > 0 else ""


def pin_keys_enabled(state: PinState, locked_seconds: int) -> bool:
    """The pad's keys take digits unless locked, checking an entry, or there is no PIN to check."""
    return locked_seconds <= 0 and state not in (PinState.CHECKING, PinState.NOTSET)

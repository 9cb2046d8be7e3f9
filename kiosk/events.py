"""The kiosk's events, declared and typed in one place (Qt-free), named `<subject>_did_<verb>`.

Like Anki's hooks: a small typed registry. Where one part used to hand another a single
callback (`on_status=`, `on_auto_read_changed =`), the part that knows when it happens owns an
`Event` made here and the others `connect` to it. Each owner makes its own (one per kiosk
window, one per sync worker), so two kiosks in one process (the UI tests) never hear each other.

Handlers run on the thread that fires the event (each declaration says which); one that raises
is logged and the others still run: a listener's bug must not stop the sender.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, ParamSpec

if TYPE_CHECKING:
    from kiosk.sync.status import SyncStatus

log = logging.getLogger(__name__)
P = ParamSpec("P")


class Event(Generic[P]):
    """One named event: `connect(handler)`, `disconnect(handler)`, then fire it by calling it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handlers: list[Callable[P, object]] = []

    def connect(self, handler: Callable[P, object]) -> None:
        if handler not in self._handlers:
            self._handlers.append(handler)

    def disconnect(self, handler: Callable[P, object]) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def clear(self) -> None:
        self._handlers.clear()

    def __len__(self) -> int:
        return len(self._handlers)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for handler in list(self._handlers):
            try:
                handler(*args, **kwargs)
            except Exception:
                log.exception("a handler of %s failed", self.name)

    def __repr__(self) -> str:
        return f"<Event {self.name}: {len(self._handlers)} handler(s)>"


# -- the declarations: what each event carries and on which thread it fires ---------------------


def speech_did_toggle_auto_read() -> Event[[bool]]:
    """The visitor turned reading aloud on (True) or off, or a wipe turned it off. GUI thread."""
    return Event("speech_did_toggle_auto_read")


def sync_did_report() -> Event[[SyncStatus]]:
    """The sync worker's state changed (or a heartbeat/pass forced a report). Worker thread."""
    return Event("sync_did_report")


def help_did_call() -> Event[[]]:
    """A visitor called for staff: the office should hear it now, not at the next beat. GUI thread."""
    return Event("help_did_call")


ALL = (speech_did_toggle_auto_read, sync_did_report, help_did_call)

"""A visitor's call for staff ("I need help"): a number to show at the counter, and the state the
heartbeat carries to the staff console (kiosk N needs help, number, since when).

One open call per kiosk at a time; numbers run 01..99 and restart each (kiosk-local) day, so a
visitor never has to read more than two digits. Plain Python: no Qt, no personal data.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.clock import utcnow


@dataclass(frozen=True)
class HelpCall:
    number: str  # "07"
    since: dt.datetime  # UTC


class HelpDesk:
    """Thread-safe: the GUI opens and closes calls, the sync thread reads `current`."""

    def __init__(self, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._current: HelpCall | None = None
        self._day: dt.date | None = None
        self._count = 0

    @property
    def current(self) -> HelpCall | None:
        return self._current

    def call(self) -> HelpCall:
        """Open a call, or return the one already open (pressing Help twice is one call)."""
        with self._lock:
            if self._current is not None:
                return self._current
            now = self._clock()
            today = now.astimezone().date()
            if today != self._day:
                self._day, self._count = today, 0
            self._count = self._count % 99 + 1
            self._current = HelpCall(f"{self._count:02d}", now)
            return self._current

    def close(self) -> bool:
        """The visitor is helped, cancelled, or walked away (the session ended); True if one was open."""
        with self._lock:
            was_open, self._current = self._current is not None, None
            return was_open

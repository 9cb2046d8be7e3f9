"""Sign-in policies: lock-out after repeated failures, sign-out after idle time (pure logic)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_FAILURES = 5  # wrong passwords in a row before the account locks
LOCK_FOR = dt.timedelta(minutes=15)
IDLE_SIGN_OUT_S = 10 * 60  # a counter left alone signs out (and forgets the office key)



@dataclass
class IdlePolicy:
    """Tracks the last activity; `expired()` says when the console must sign out.

    The clock is injectable for tests. Not thread-safe: touch and check from the GUI thread.
    """

    timeout_s: float = IDLE_SIGN_OUT_S
    clock: Callable[[], float] = time.monotonic
    last_activity: float = 0.0

    def __post_init__(self) -> None:
        self.last_activity = self.clock()

    def touch(self) -> None:
        self.last_activity = self.clock()

    def remaining_s(self) -> float:
        return max(0.0, self.timeout_s - (self.clock() - self.last_activity))

    def expired(self) -> bool:
        return self.remaining_s() <= 0.0

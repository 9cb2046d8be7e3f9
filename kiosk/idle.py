"""The idle timeout as plain logic with an injected clock: active → warning (countdown) → expired."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

WAITING_FACTOR = 4.0  # with a call for staff open, 2 minutes of quiet become 8


@dataclass(frozen=True)
class IdleState:
    warning: bool
    expired: bool
    remaining_s: int  # seconds left in the warning countdown (0 when not warning)


class IdleTimer:
    """Counts time since the last touch. One touch (`touched`) cancels the warning.

    WCAG 2.2.1: the warning lasts at least 20 s and a single simple action extends the session.
    """

    def __init__(self, timeout_s: float, warning_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        if warning_s < 20:
            raise ValueError("the timeout warning must give at least 20 seconds")
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self._clock = clock
        self._last = clock()
        self.factor = 1.0  # speech mode doubles the times: listening takes longer than reading
        self.waiting = False  # a call for staff is open: waiting for them takes longer still

    def touched(self) -> None:
        self._last = self._clock()

    def state(self) -> IdleState:
        idle = self._clock() - self._last
        factor = self.factor * (WAITING_FACTOR if self.waiting else 1.0)
        timeout, warning = self.timeout_s * factor, self.warning_s * factor
        if idle < timeout:
            return IdleState(False, False, 0)
        left = timeout + warning - idle
        if left > 0:
            return IdleState(True, False, int(left + 0.999))
        return IdleState(False, True, 0)

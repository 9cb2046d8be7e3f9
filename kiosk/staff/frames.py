"""Which camera frames the staff console decodes, and at what size (plain Python, no Qt).

A camera delivers 15-60 frames a second; decoding each would keep a core busy for nothing. The
console decodes at most one frame at a time and at most RATE a second, dropping the rest, and
scales big frames down first: a 4K frame takes ~80 ms to search with zxing-cpp, 1280 x 720 ~7 ms
(2-core machine). What counts as a kiosk code is kiosk.qr_images.kiosk_code.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

RATE = 5.0  # decodes per second at most
MAX_SIDE = 1280  # longest side a frame is scaled down to before decoding
PREFERRED = (1280, 720)  # camera resolution asked for when the camera offers a choice


class FrameGate:
    """Lets a frame through to decoding unless one is in flight or the last began < 1/rate s ago.

    Not thread-safe: offer() and finished() are both called on the GUI thread (the decode's result
    comes back there). The counters are for tests and diagnostics.
    """

    def __init__(self, rate: float = RATE, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = 1.0 / rate
        self.clock = clock
        self.busy = False
        self._last = -math.inf
        self.started = self.dropped_busy = self.dropped_early = 0

    def ready(self) -> bool:
        return not self.busy and self.clock() - self._last >= self.interval_s

    def offer(self) -> bool:
        """True: decode this frame now (and call finished() when done); False: drop it."""
        if self.busy:
            self.dropped_busy += 1
            return False
        now = self.clock()
        if now - self._last < self.interval_s:
            self.dropped_early += 1
            return False
        self.busy, self._last = True, now
        self.started += 1
        return True

    def finished(self) -> None:
        self.busy = False

    def reset(self) -> None:
        """A new camera session: the next frame goes through at once (a decode left running is ignored)."""
        self.busy, self._last = False, -math.inf


def fit(width: int, height: int, max_side: int = MAX_SIDE) -> tuple[int, int]:
    """The size to decode a width x height frame at: unchanged if small enough, else scaled down."""
    longest = max(width, height)
    if longest <= max_side:
        return width, height
    scale = max_side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def pick_format(
    formats: Sequence[tuple[int, int, float]], preferred: tuple[int, int] = PREFERRED
) -> int | None:
    """Index of the camera format (width, height, max fps) to use: the largest no bigger than
    `preferred`, else the smallest; the higher frame rate among equal sizes.

    None for an empty list (the camera's default format is used then).
    """
    fitting = [i for i, (w, h, _fps) in enumerate(formats) if w <= preferred[0] and h <= preferred[1]]
    if fitting:
        return max(fitting, key=lambda i: (formats[i][0] * formats[i][1], formats[i][2]))
    if not formats:
        return None
    return min(range(len(formats)), key=lambda i: (formats[i][0] * formats[i][1], -formats[i][2]))

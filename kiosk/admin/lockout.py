"""Wrong PINs lock the pad for growing periods; the count survives a restart of the kiosk."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.admin.pin import PinStore

STATE_FILE = "admin-lockout.json"
FREE_TRIES = 3  # typos happen: the first three wrong PINs cost nothing
FIRST_LOCK_S = 30.0
MAX_LOCK_S = 3600.0


@dataclass(frozen=True)
class Attempt:
    ok: bool
    locked_for_s: float  # > 0: the pad refuses PINs for this long (nothing was checked)
    failures: int


def lock_seconds(failures: int) -> float:
    """0 for the free tries, then 30 s, 60 s, 120 s ... up to an hour."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_TRIES))


class PinGate:
    """Checks PINs through a `PinStore` under the lockout policy.

    `clock` is wall time (seconds) so that the lock survives a restart; a clock set back is
    handled by capping the remaining lock at `MAX_LOCK_S`. Not thread-safe: one caller at a time.
    """

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time,
                 store: PinStore | None = None) -> None:  # fmt: skip
        self.store = store or PinStore(data_dir)
        self.state_path = data_dir / STATE_FILE
        self.clock = clock
        self.failures, self.locked_until = self._load()

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            return int(data["failures"]), float(data["locked_until"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def _save(self) -> None:
        """Write the state durably (temp file, fsync, rename): a power cut keeps the count."""
        data = json.dumps({"failures": self.failures, "locked_until": self.locked_until})
        tmp = self.state_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.state_path)

    def remaining_lock_s(self) -> float:
        left = self.locked_until - self.clock()
        if left > MAX_LOCK_S:  # the clock went back: do not lock staff out for days
            self.locked_until = self.clock() + MAX_LOCK_S
            left = MAX_LOCK_S
        return max(0.0, left)

    def attempt(self, pin: str) -> Attempt:
        locked = self.remaining_lock_s()
        if locked > 0:
            return Attempt(False, locked, self.failures)
        # Counted as wrong, on disk, before the PIN is checked: cutting the power during the
        # (slow, scrypt) check cannot give a free try.
        self.failures += 1
        wait = lock_seconds(self.failures)
        self.locked_until = self.clock() + wait
        self._save()
        if self.store.verify(pin):
            self.failures, self.locked_until = 0, 0.0
            self._save()
            return Attempt(True, 0.0, 0)
        return Attempt(False, wait, self.failures)

    def reset(self) -> None:
        """Clear the count (`kiosk admin unlock`, or after a new PIN is set)."""
        self.failures, self.locked_until = 0, 0.0
        self._save()

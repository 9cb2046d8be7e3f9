"""Run slow work (database writes, PDF rendering, printing) off the GUI thread: the one helper.

`run_async(fn, on_done, on_error)` runs `fn` on Qt's global thread pool; the callbacks run on the
GUI thread: the relay lives there, so the worker's signals reach its slots as queued calls.
`long=True` (start-up work that may take seconds, e.g. migrating the demo office) runs on a pool
of its own, so it never holds a thread the visitor's submit or print is waiting for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]):
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_done(self, value: Any) -> None:
        _alive.discard(self)
        self._on_done(value)

    @Slot(object)
    def _deliver_error(self, exc: Any) -> None:
        _alive.discard(self)
        self._on_error(exc)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            log.exception("background job failed")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_alive: set[_Relay] = set()  # keep relays alive until their job reports


_long_pool: QThreadPool | None = None


def _pool(long: bool) -> QThreadPool:
    global _long_pool
    if not long:
        return QThreadPool.globalInstance()
    if _long_pool is None:
        _long_pool = QThreadPool()
        _long_pool.setMaxThreadCount(4)
    return _long_pool


def run_async(fn: Callable[[], Any], on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None], *, long: bool = False) -> None:  # fmt: skip
    relay = _Relay(on_done, on_error)
    _alive.add(relay)
    _pool(long).start(_Job(fn, relay))

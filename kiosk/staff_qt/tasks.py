"""Run console calls off the GUI thread; the latest request wins when scans overlap."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from kiosk.qt.worker import run_async

_numbers = itertools.count(1)


class Latest:
    """Hands a result to `on_done` only if no newer request was made in the meantime."""

    def __init__(self) -> None:
        self.current = 0

    def run(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> None:
        number = self.current = next(_numbers)

        def done(value: Any) -> None:
            if number == self.current:
                on_done(value)

        def failed(exc: BaseException) -> None:
            if number == self.current:
                on_error(exc)

        run_async(fn, done, failed)

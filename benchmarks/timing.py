"""The median of repeated timings, shared by the benchmarks that time one call many times."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(work: Callable[[], object], runs: int, warmup: int = 2) -> float:
    """`work()` run `warmup` times untimed, then `runs` times: the median in milliseconds."""
    for _ in range(warmup):
        work()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)

"""Give freed memory back to the system after each visit (glibc's `malloc_trim`).

A visit allocates and frees a few tens of MB across threads (the QML of each screen, the sealed
answers, the PDF, the sync batch); glibc keeps freed pages in its per-thread arenas, so the
kiosk's resident size wanders 10-20 MB above what it uses, higher the more threads touched it.
Trimming when the visitor's session is wiped (the attract screen is back, nobody waits) returns
those pages. A no-op where the C library has no `malloc_trim` (Windows, musl).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_free_memory() -> bool:
    """Return freed heap pages to the system; True when the C library did so."""
    trim = _trim()
    return bool(trim(0)) if trim is not None else False

"""Keep None alive under PySide6 6.12 on Python 3.11 (each void C++ call drops a None reference).

Measured here: every call of a bound C++ method that returns void (QPainter.fillRect,
QObject.setObjectName, QTimer.setInterval...) lowers None's reference count by one that it never
took. Python 3.12+ made None immortal (PEP 683), which hides the bug there; on 3.11 the count
reaches zero after a few thousand calls and the process aborts with "Fatal Python error:
none_dealloc" (the soak hit it within 100 visits: the QR code image alone makes ~700 calls).
We do what 3.12 does: give None a reference count so large that it never reaches zero.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL = 1 << 40  # at 10^5 void calls a second, ~130 years to reach zero


def make_none_immortal() -> bool:
    """Raise None's reference count to IMMORTAL (CPython < 3.12 only); True if it was raised."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of PyObject
    if refcount.value >= IMMORTAL // 2:
        return False
    refcount.value = IMMORTAL
    return True

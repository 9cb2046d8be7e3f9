"""Keep None, True and False alive under PySide6 6.12 on Python 3.11.

Measured here: every call of a bound C++ method that returns void (QPainter.fillRect,
QObject.setObjectName, QTimer.setInterval...) lowers None's reference count by one it never took,
and every `Signal.emit()` does the same to the bool it returns. Python 3.12+ made these objects
immortal (PEP 683), which hides the bug there; on 3.11 a count reaches zero after some thousand
calls and the process aborts with "Fatal Python error: none_dealloc" / "bool_dealloc" (the soak
hit the first within 100 visits: the QR code image alone makes ~700 void calls; the second after
600 visits). We do what 3.12 does: give them reference counts so large they never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL = 1 << 40  # at 10^5 void calls a second, ~130 years to reach zero


def make_none_immortal() -> bool:
    """Raise the reference counts of None, True and False to IMMORTAL (CPython < 3.12 only);
    True if any was raised. Safe to call again (e.g. from a daily timer)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    raised = False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt: PyObject's first field
        if refcount.value < IMMORTAL // 2:
            refcount.value = IMMORTAL
            raised = True
    return raised

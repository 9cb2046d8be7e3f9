"""Sort a failed send into: retry later (transient), one bad row (row), or a setup fault (setup)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import exc


class Failure(StrEnum):
    TRANSIENT = "transient"  # office unreachable, connection cut, timeout, lock: back off, retry
    ROW = "row"  # data or constraint error caused by some row: find it, quarantine it
    SETUP = "setup"  # permissions, missing table, a bug: back off, report; never quarantine


def classify(error: BaseException) -> Failure:
    if isinstance(error, exc.DBAPIError):
        if error.connection_invalidated:
            return Failure.TRANSIENT
        if isinstance(error, exc.OperationalError | exc.InterfaceError):
            return Failure.TRANSIENT  # refused, admin shutdown, timeouts, deadlock, "locked"
        if isinstance(error, exc.DataError | exc.IntegrityError):
            return Failure.ROW
        return Failure.SETUP
    if isinstance(error, exc.DisconnectionError | exc.TimeoutError | OSError | TimeoutError):
        return Failure.TRANSIENT
    return Failure.SETUP


def describe(error: BaseException) -> str:
    """One line, without SQL text or parameters (they could echo sealed bytes)."""
    if isinstance(error, exc.DBAPIError) and error.orig is not None:
        text = str(error.orig).strip().splitlines()
        return f"{type(error.orig).__name__}: {text[0] if text else ''}".strip()
    return f"{type(error).__name__}: {error}".strip()

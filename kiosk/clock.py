"""The wall clock as the kiosk and the office read it: timezone-aware UTC, one place to inject."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)

"""The wall clock as the kiosk and the office read it: timezone-aware UTC, one place to inject."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def naive_utcnow() -> dt.datetime:
    """UTC without a zone: what the local queue's columns have always stored (SQLite keeps no zone)."""
    return utcnow().replace(tzinfo=None)


def as_utc(value: dt.datetime) -> dt.datetime:
    """An aware datetime as it is; a naive one (SQLite gives them back) read as the UTC it was stored in."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

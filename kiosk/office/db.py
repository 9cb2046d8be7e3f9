"""Engines for the office database: PostgreSQL through psycopg 3, or a SQLite file for demos."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 30_000


def normalize_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 here (psycopg2 is not shipped)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def office_engine(url: str) -> Engine:
    """An engine that fails fast when the office is unreachable, so the worker can back off.

    TCP keepalives notice a cut cable on an idle pooled connection; pre-ping drops stale ones.
    """
    url = normalize_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        from kiosk.storage.db import apply_sqlite_pragmas

        return apply_sqlite_pragmas(create_engine(url, pool_pre_ping=True))
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=2,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "application_name": "kiosk",
        },
    )

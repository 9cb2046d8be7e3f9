"""Engines for the kiosk's SQLite files with the pragmas that make a commit durable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

PAGE_CACHE_KIB = 512


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL with synchronous=FULL: a commit that returned survives a crash and a power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # A 512 KiB page cache per connection instead of SQLite's 2 MB: each pooled connection filled
    # its cache as the queue grew (≈ 2 MB a connection over a thousand visits, counted as the
    # kiosk's growth by benchmarks/bench_memory.py); the hot pages (the outbox's index, the newest
    # rows) fit, the rest comes from the OS's file cache. Sync of 10,000 rows: docs/sync.md.
    cur.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    cur.close()


def apply_sqlite_pragmas(engine: Engine) -> Engine:
    """Durability pragmas on every new connection of `engine` (any SQLite URL)."""
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def sqlite_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    return apply_sqlite_pragmas(create_engine(f"sqlite:///{path}"))


def _driver_autocommit(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # pysqlite must not BEGIN on its own: we do, below


def _begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_ddl_engine(url: str) -> Engine:
    """An engine whose transactions are real SQLite transactions taken with BEGIN IMMEDIATE.

    pysqlite runs DDL outside any transaction by default, so a crash mid-migration could leave
    half a schema. Here a migration is atomic, and two processes migrating the same file at once
    serialize on the write lock (the second waits, then finds the schema already at head).
    """
    engine = apply_sqlite_pragmas(create_engine(url))
    event.listen(engine, "connect", _driver_autocommit)
    event.listen(engine, "begin", _begin_immediate)
    return engine

"""Engines for the kiosk's SQLite files with the pragmas that make a commit durable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL with synchronous=FULL: a commit that returned survives a crash and a power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
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

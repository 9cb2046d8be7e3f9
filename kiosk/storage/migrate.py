"""Run Alembic migrations from code, with script folders found the same way from source or frozen.

The kiosk-local database and the office database have separate migration folders and separate
version tables, so neither can be upgraded with the other's scripts by mistake.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import OperationalError

from kiosk import paths
from kiosk.storage.db import sqlite_ddl_engine, sqlite_engine

if TYPE_CHECKING:
    from alembic.config import Config

LOCAL_MIGRATIONS = ("kiosk", "storage", "migrations")
LOCAL_VERSION_TABLE = "local_schema_version"
# The newest local revision. Every kiosk start checks its queue file against it with one SELECT,
# so Alembic (~0.1 s to import, more to read the scripts) loads only when there is work to do;
# tests/core/test_storage.py holds it equal to the scripts' head.
LOCAL_HEAD = "0004"


# Alembic keeps its migration context in module globals (`alembic.context`, `alembic.op`): two
# threads migrating at once in one process (two queues opened lazily at the same moment) trip
# over each other. One migration at a time per process; other processes are kept apart by
# SQLite's write lock.
_ALEMBIC = threading.Lock()


def script_location(*parts: str) -> Path:
    """A migrations folder under the app root (the repository, site-packages or the bundle).

    PyInstaller keeps .py files inside its archive, so the spec must ship these folders as data.
    """
    return paths.app_root().joinpath(*parts)


def alembic_config(location: Path, connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision(location: Path) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(location)).get_current_head()


def current_revision(connection: Connection, version_table: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": version_table})
    return context.get_current_revision()


def upgrade(engine: Engine, location: Path, revision: str = "head") -> None:
    from alembic import command

    with _ALEMBIC, engine.connect() as connection:
        command.upgrade(alembic_config(location, connection), revision)
        connection.commit()


def upgrade_local(path: Path) -> None:
    """Bring the kiosk's queue file to the newest schema (atomic; safe from several processes).

    A file made before migrations existed (by `create_all`) is stamped at the first revision.
    """
    probe = sqlite_engine(path)
    try:
        with probe.connect() as connection:
            try:
                query = f"SELECT version_num FROM {LOCAL_VERSION_TABLE}"
                current = connection.exec_driver_sql(query).scalar()
            except OperationalError:  # a new file, or one made before migrations existed
                current = None
            if current == LOCAL_HEAD:
                return  # the common case, without taking the write lock nor loading Alembic
    finally:
        probe.dispose()
    from alembic import command

    location = script_location(*LOCAL_MIGRATIONS)
    engine = sqlite_ddl_engine(f"sqlite:///{path}")
    try:
        # One BEGIN IMMEDIATE transaction around the check, the stamp and the upgrade: Alembic
        # sees it is inside an outer transaction and leaves commit to us.
        with _ALEMBIC, engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            config = alembic_config(location, connection)
            if "outbox" in tables and LOCAL_VERSION_TABLE not in tables:
                command.stamp(config, "0001")
            command.upgrade(config, "head")
            connection.commit()
    finally:
        engine.dispose()

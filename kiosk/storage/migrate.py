"""Run Alembic migrations from code, with script folders found the same way from source or frozen.

The kiosk-local database and the office database have separate migration folders and separate
version tables, so neither can be upgraded with the other's scripts by mistake.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from kiosk import paths
from kiosk.storage.db import sqlite_ddl_engine, sqlite_engine

LOCAL_MIGRATIONS = ("kiosk", "storage", "migrations")
LOCAL_VERSION_TABLE = "local_schema_version"


def script_location(*parts: str) -> Path:
    """A migrations folder under the app root (the repository, site-packages or the bundle).

    PyInstaller keeps .py files inside its archive, so the spec must ship these folders as data.
    """
    return paths.app_root().joinpath(*parts)


def alembic_config(location: Path, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision(location: Path) -> str | None:
    return ScriptDirectory.from_config(alembic_config(location)).get_current_head()


def current_revision(connection: Connection, version_table: str) -> str | None:
    context = MigrationContext.configure(connection, opts={"version_table": version_table})
    return context.get_current_revision()


def upgrade(engine: Engine, location: Path, revision: str = "head") -> None:
    with engine.connect() as connection:
        command.upgrade(alembic_config(location, connection), revision)
        connection.commit()


def upgrade_local(path: Path) -> None:
    """Bring the kiosk's queue file to the newest schema (atomic; safe from several processes).

    A file made before migrations existed (by `create_all`) is stamped at the first revision.
    """
    location = script_location(*LOCAL_MIGRATIONS)
    head = head_revision(location)
    probe = sqlite_engine(path)
    try:
        with probe.connect() as connection:
            if current_revision(connection, LOCAL_VERSION_TABLE) == head:
                return  # the common case, without taking the write lock
    finally:
        probe.dispose()
    engine = sqlite_ddl_engine(f"sqlite:///{path}")
    try:
        # One BEGIN IMMEDIATE transaction around the check, the stamp and the upgrade: Alembic
        # sees it is inside an outer transaction and leaves commit to us.
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            config = alembic_config(location, connection)
            if "outbox" in tables and LOCAL_VERSION_TABLE not in tables:
                command.stamp(config, "0001")
            command.upgrade(config, "head")
            connection.commit()
    finally:
        engine.dispose()

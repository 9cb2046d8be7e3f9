"""`upgrade head` for the office database (`kiosk db upgrade --url URL`)."""

from __future__ import annotations

from kiosk.office.db import office_engine
from kiosk.storage.db import sqlite_ddl_engine
from kiosk.storage.migrate import script_location, upgrade

OFFICE_MIGRATIONS = ("kiosk", "office", "migrations")
OFFICE_VERSION_TABLE = "office_schema_version"


def upgrade_office(url: str, revision: str = "head") -> None:
    """Migrate the office database at `url` (PostgreSQL DDL is transactional: all or nothing)."""
    # On SQLite too the upgrade is atomic and two processes upgrading at once serialize.
    engine = sqlite_ddl_engine(url) if url.startswith("sqlite") else office_engine(url)
    try:
        upgrade(engine, script_location(*OFFICE_MIGRATIONS), revision)
    finally:
        engine.dispose()

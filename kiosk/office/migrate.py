"""`upgrade head` for the office database (`kiosk db upgrade --url URL`)."""

from __future__ import annotations

from kiosk.office.db import office_engine
from kiosk.storage.db import sqlite_ddl_engine
from kiosk.storage.migrate import current_revision, head_revision, script_location, upgrade

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


def office_head() -> str:
    """The newest office schema revision this version of the kiosk brings."""
    head = head_revision(script_location(*OFFICE_MIGRATIONS))
    assert head is not None, "the office migrations have no head"
    return head


def schema_problem(url: str) -> str | None:
    """None when the office database at `url` is at this version's schema; else what to do.

    Staff tools call this before their first query, so an office database that was never set up
    (or not upgraded with this version) gets a clear instruction instead of "no such table".
    """
    engine = office_engine(url)
    try:
        with engine.connect() as conn:
            current = current_revision(conn, OFFICE_VERSION_TABLE)
    finally:
        engine.dispose()
    head = office_head()
    if current == head:
        return None
    where = "has no schema yet" if current is None else f"is at schema {current}, this version needs {head}"
    return f"the office database {where}: run `kiosk db upgrade --url ...` as its owner first (docs/sync.md)"

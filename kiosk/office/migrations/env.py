"""Alembic environment of the office database (PostgreSQL, or SQLite for a laptop demo)."""

from __future__ import annotations

from alembic import context

from kiosk.office.migrate import OFFICE_VERSION_TABLE
from kiosk.office.models import OfficeBase

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=OfficeBase.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    version_table=OFFICE_VERSION_TABLE,
)
with context.begin_transaction():
    context.run_migrations()

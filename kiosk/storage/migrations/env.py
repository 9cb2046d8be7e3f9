"""Alembic environment of the kiosk-local SQLite queue (batch mode: SQLite cannot ALTER much)."""

from __future__ import annotations

from alembic import context

from kiosk.storage.migrate import LOCAL_VERSION_TABLE
from kiosk.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    version_table=LOCAL_VERSION_TABLE,
)
with context.begin_transaction():
    context.run_migrations()

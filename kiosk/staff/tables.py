"""The staff console's own table (migration 0002): staff accounts with slow password hashes."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table, func, true

from kiosk.office.models import OfficeBase

ROLES = ("staff", "admin")

staff_users = Table(
    "staff_users",
    OfficeBase.metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(16), nullable=False, server_default="staff"),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), server_default=func.now(), nullable=False),
    Column("last_sign_in", DateTime(timezone=True)),
)

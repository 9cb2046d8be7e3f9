"""Staff accounts in the office database: add, change password, sign in with lock-out, unlock.

On PostgreSQL sign-in goes through the office's SECURITY DEFINER functions (revision 0005): the
desk asks for a user's scrypt parameters and salt (`staff_sign_in_salt`), computes the digest of
the typed password here (scrypt cannot run in PL/pgSQL), and `staff_sign_in` compares it with the
stored one, counts a failure or locks under the row lock, writes the audit entries and returns a
session token. The stored digest never leaves the database and the lock-out columns are written
only by that function, so the staff role needs no access to `staff_users`. The SQLite demo (no
roles) checks the hash here, as before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import Connection, Engine, insert, select, text, update

from kiosk.clock import as_utc, utcnow
from kiosk.staff import audit
from kiosk.staff.passwords import (
    DUMMY_HASH,
    MIN_PASSWORD,
    digest_for,
    hash_password,
    needs_rehash,
    verify_password,
)
from kiosk.staff.policy import LOCK_FOR, MAX_FAILURES
from kiosk.staff.tables import ROLES, staff_users

USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")


class AccountError(ValueError):
    """A refused account change (bad name, weak password, unknown user...)."""


class SignInRefused(Exception):
    """Sign-in failed; `reason` is one of SignInFailure (never says whether the name exists)."""

    def __init__(self, reason: SignInFailure) -> None:
        super().__init__(reason.value)
        self.reason = reason


class SignInFailure(StrEnum):
    BAD_CREDENTIALS = "bad-credentials"
    LOCKED = "locked"
    BAD_OFFICE_KEY = "bad-office-key"


@dataclass(frozen=True)
class StaffUser:
    """A signed-in desk; `token` names its office session (PostgreSQL), None elsewhere."""

    username: str
    role: str
    token: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _check_new(username: str, password: str, role: str) -> None:
    if not USERNAME_RE.match(username):
        raise AccountError("user name: 2-64 of a-z, 0-9, '.', '_', '-', starting with a letter")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")


def add_user(engine: Engine, username: str, password: str, role: str, actor: str) -> None:
    _check_new(username, password, role)
    with engine.begin() as conn:
        if conn.execute(select(staff_users.c.username).where(staff_users.c.username == username)).first():
            raise AccountError(f"user {username} exists")
        conn.execute(
            insert(staff_users).values(username=username, role=role, password_hash=hash_password(password))
        )
        audit.record(conn, actor, "user_added", detail=f"{username} role={role}")


def set_password(engine: Engine, username: str, password: str, actor: str) -> None:
    """Set a new password; also unlocks the account."""
    _check_new(username, password, "staff")
    with engine.begin() as conn:
        done = conn.execute(
            update(staff_users)
            .where(staff_users.c.username == username)
            .values(password_hash=hash_password(password), failed_attempts=0, locked_until=None)
        )
        if done.rowcount != 1:
            raise AccountError(f"no user {username}")
        audit.record(conn, actor, "password_set", detail=username)


def set_active(engine: Engine, username: str, active: bool, actor: str) -> None:
    with engine.begin() as conn:
        done = conn.execute(
            update(staff_users).where(staff_users.c.username == username).values(active=active)
        )
        if done.rowcount != 1:
            raise AccountError(f"no user {username}")
        audit.record(conn, actor, "user_enabled" if active else "user_disabled", detail=username)


def list_users(engine: Engine) -> list[dict[str, object]]:
    query = select(
        staff_users.c.username,
        staff_users.c.role,
        staff_users.c.active,
        staff_users.c.locked_until,
        staff_users.c.last_sign_in,
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query.order_by(staff_users.c.username))]


UNKNOWN_ACTOR = "(unknown user)"  # the audit actor of a sign-in with a name nobody has

def authenticate(
    engine: Engine, username: str, password: str, now: Callable[[], dt.datetime] = utcnow
) -> StaffUser:
    """Check a password under a row lock; count failures, lock after MAX_FAILURES in a row.

    The failure count commits even when sign-in is refused. Raises SignInRefused. `now` is the
    SQLite demo's clock; PostgreSQL uses its own.
    """
    if engine.dialect.name == "postgresql":
        return _authenticate_in_office(engine, username, password)
    failure: SignInFailure | None = None
    with engine.begin() as conn:
        row = conn.execute(
            select(staff_users).where(staff_users.c.username == username).with_for_update()
        ).first()
        at = now()
        if row is None or not row.active:
            verify_password(password, DUMMY_HASH)  # same cost as a real check
            # Not the typed name: an unknown one is often a password typed in the wrong box.
            audit.record(conn, UNKNOWN_ACTOR, "sign_in_failed", detail="unknown or disabled")
            failure = SignInFailure.BAD_CREDENTIALS
        elif row.locked_until is not None and as_utc(row.locked_until) > at:
            audit.record(conn, username, "sign_in_locked")
            failure = SignInFailure.LOCKED
        elif not verify_password(password, row.password_hash):
            failures = row.failed_attempts + 1
            values: dict[str, object] = {"failed_attempts": failures}
            failure = SignInFailure.BAD_CREDENTIALS
            if failures >= MAX_FAILURES:
                values = {"failed_attempts": 0, "locked_until": at + LOCK_FOR}
                failure = SignInFailure.LOCKED
            conn.execute(update(staff_users).where(staff_users.c.username == username).values(**values))
            audit.record(conn, username, "sign_in_failed", detail=f"attempt {failures}")
            if failure is SignInFailure.LOCKED:
                audit.record(conn, username, "account_locked", detail=f"until {at + LOCK_FOR:%H:%M} UTC")
        else:
            values = {"failed_attempts": 0, "locked_until": None, "last_sign_in": at}
            if needs_rehash(row.password_hash) and _may_rewrite_hashes(conn):
                values["password_hash"] = hash_password(password)
            conn.execute(update(staff_users).where(staff_users.c.username == username).values(**values))
            user = StaffUser(row.username, row.role)
    if failure is not None:
        raise SignInRefused(failure)
    return user


def _authenticate_in_office(engine: Engine, username: str, password: str) -> StaffUser:
    with engine.begin() as conn:
        params = str(conn.execute(text("SELECT staff_sign_in_salt(:u)"), {"u": username}).scalar_one())
    digest = digest_for(password, params)  # the slow part, outside any transaction or lock
    with engine.begin() as conn:
        row = conn.execute(
            text("SELECT outcome, user_role, token FROM staff_sign_in(:u, :d)"), {"u": username, "d": digest}
        ).one()
        if row.outcome == "ok" and needs_rehash(params) and _may_rewrite_hashes(conn):
            conn.execute(
                update(staff_users)
                .where(staff_users.c.username == username)
                .values(password_hash=hash_password(password))
            )
    if row.outcome != "ok":
        locked = row.outcome == SignInFailure.LOCKED.value
        raise SignInRefused(SignInFailure.LOCKED if locked else SignInFailure.BAD_CREDENTIALS)
    return StaffUser(username, str(row.user_role), str(row.token))


def end_session(engine: Engine, user: StaffUser, why: str | None) -> None:
    """Sign-out: audited as `sign_out` with `why` (None: no entry); the office session ends."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql" and user.token:
            conn.execute(text("SELECT staff_sign_out(:t, :w)"), {"t": user.token, "w": why})
        elif why is not None:
            audit.record(conn, user, "sign_out", detail=why)


def _may_rewrite_hashes(conn: Connection) -> bool:
    """The staff database role may not (kiosk.office.roles): an old hash is then upgraded by the
    next `kiosk staff set-password`, run as the schema owner; the owner (or SQLite) may."""
    if conn.dialect.name != "postgresql":
        return True
    query = "SELECT has_column_privilege('staff_users', 'password_hash', 'UPDATE')"
    return bool(conn.exec_driver_sql(query).scalar())

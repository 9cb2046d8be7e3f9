"""Is the office connection authenticated? A warning for IT when a PostgreSQL URL would go over
the network without `sslmode=verify-full` (docs/deploy.md, "TLS to the office")."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})


def tls_warning(url: str) -> str:
    """'' when the URL is fine (SQLite, a local server, or verify-full); else why not, with no
    password or other secret in it."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return ""  # the engine reports a broken URL itself
    if not parsed.get_backend_name().startswith("postgres"):
        return ""
    host = parsed.host or ""
    if host in LOCAL_HOSTS or host.startswith("/"):  # a Unix socket never leaves the machine
        return ""
    mode = str(parsed.query.get("sslmode", "") or "")
    if mode == "verify-full":
        return ""
    shown = mode or "not set (libpq's default 'prefer' takes any server, even without TLS)"
    return (f"office_db_url: host {host} with sslmode {shown}: answers and the kiosk's login "
            "travel unauthenticated; use sslmode=verify-full&sslrootcert=<office CA file>")  # fmt: skip

"""The audit log is append-only in the database (office revision 0004): UPDATE, DELETE and
TRUNCATE are refused for the owner too (here a superuser); a 0003 office upgrades with its rows."""

from __future__ import annotations

import psycopg
import pytest
from alembic import command

from kiosk.office.db import office_engine
from kiosk.office.migrate import OFFICE_MIGRATIONS, upgrade_office
from kiosk.storage.migrate import alembic_config, script_location
from tests.integration.pg import PgCluster

REFUSED = (
    ("UPDATE audit_log SET detail = 'rewritten' WHERE id = 1", "UPDATE"),
    ("UPDATE audit_log SET actor = 'x' WHERE false", "UPDATE"),  # refused even matching nothing
    ("DELETE FROM audit_log WHERE id = 1", "DELETE"),
    ("DELETE FROM audit_log", "DELETE"),
    ("TRUNCATE audit_log", "TRUNCATE"),
)


def owner(pg: PgCluster, url: str) -> psycopg.Connection:
    return psycopg.connect(pg.dsn(url.rsplit("/", 1)[1]), autocommit=True)


def entries(conn: psycopg.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT actor, action, detail FROM audit_log ORDER BY id").fetchall()


@pytest.mark.parametrize(("statement", "verb"), REFUSED)
def test_the_owner_cannot_rewrite_the_audit_log(
    office_url: str, pg_cluster: PgCluster, statement: str, verb: str
) -> None:
    with owner(pg_cluster, office_url) as conn:
        superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert superuser.fetchone() == (True,)
        conn.execute("INSERT INTO audit_log (actor, action, detail) VALUES ('clerk', 'open', 'kept')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            conn.execute(statement.encode())
        assert str(refused.value).startswith(f"audit_log is append-only: {verb} is not allowed")
        assert entries(conn) == [("clerk", "open", "kept")]


def test_a_0003_office_upgrades_to_0004_keeping_its_entries(pg_cluster: PgCluster) -> None:
    url = pg_cluster.create_database("office_at_0003")
    upgrade_office(url, "0003")
    with owner(pg_cluster, url) as conn:
        conn.execute("INSERT INTO audit_log (actor, action, detail) VALUES ('clerk', 'open', 'x')")
        conn.execute("UPDATE audit_log SET detail = 'before 0004'")  # allowed until 0004
    upgrade_office(url, "0004")
    with owner(pg_cluster, url) as conn:
        assert conn.execute("SELECT version_num FROM office_schema_version").fetchall() == [("0004",)]
        conn.execute("INSERT INTO audit_log (actor, action) VALUES ('clerk', 'note')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute("DELETE FROM audit_log")
        assert entries(conn) == [("clerk", "open", "before 0004"), ("clerk", "note", None)]

    engine = office_engine(url)  # the downgrade drops the trigger and its function again
    try:
        with engine.connect() as connection:
            command.downgrade(alembic_config(script_location(*OFFICE_MIGRATIONS), connection), "0003")
            connection.commit()
    finally:
        engine.dispose()
    with owner(pg_cluster, url) as conn:
        conn.execute("UPDATE audit_log SET detail = 'after the downgrade' WHERE action = 'note'")
        functions = conn.execute("SELECT count(*) FROM pg_proc WHERE proname = 'audit_log_append_only'")
        assert functions.fetchone() == (0,)
    upgrade_office(url)

"""Fixtures of the integration tests: real CUPS (cups-pdf) and real PostgreSQL."""

import itertools
from collections.abc import Iterator

import pytest

from tests.integration.cups_fixture import cups_server  # noqa: F401 - registers the `cups` fixture
from tests.integration.pg import PgCluster, start_cluster

# --- PostgreSQL (the sync tests): one throwaway cluster per session, a fresh database per test.

_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A real PostgreSQL server; FAILS (never skips) when it cannot start."""
    try:
        cluster = start_cluster()
    except Exception as exc:
        pytest.fail(f"PostgreSQL could not start (run .ci/setup-postgres.sh): {exc}")
    yield cluster
    cluster.destroy()


@pytest.fixture
def office_url(pg_cluster: PgCluster) -> str:
    """A new, migrated office database on the session cluster (restarted if a test stopped it)."""
    from kiosk.office.migrate import upgrade_office

    if not pg_cluster.running():
        pg_cluster.start()
    url = pg_cluster.create_database(f"office_{next(_db_numbers)}")
    upgrade_office(url)
    return url

"""TLS to the office: sslmode=verify-full connects to the right server and refuses any other.

A private PostgreSQL cluster with ssl=on and a server certificate for `office.test` signed by a
CA the test makes; `hostaddr=127.0.0.1` lets libpq check the name without a DNS entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.office.db import office_engine
from kiosk.office.migrate import upgrade_office
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from tests.integration.pg import PgCluster, start_cluster
from tests.integration.sync_support import fill, kiosk_config
from tests.integration.tls_certs import make_ca, server_cert

HOST = "office.test"


@dataclass(frozen=True)
class TlsOffice:
    cluster: PgCluster
    ca: Path  # the office's CA, as IT copies it to each kiosk
    other_ca: Path  # a CA that did not sign the office's certificate

    def url(self, db: str, *, host: str = HOST, ca: Path | None = None, mode: str = "verify-full") -> str:
        where = "&hostaddr=127.0.0.1" if host != "127.0.0.1" else ""
        return (f"postgresql+psycopg://postgres@{host}:{self.cluster.port}/{db}"
                f"?sslmode={mode}&sslrootcert={ca or self.ca}{where}")  # fmt: skip


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsOffice]:
    folder = tmp_path_factory.mktemp("tls")
    ca = make_ca("Shekou office test CA")
    cluster = start_cluster(ssl=server_cert(ca, [HOST]))
    (folder / "office-ca.pem").write_bytes(ca.pem)
    (folder / "other-ca.pem").write_bytes(make_ca("Somebody else's CA").pem)
    try:
        yield TlsOffice(cluster, folder / "office-ca.pem", folder / "other-ca.pem")
    finally:
        cluster.destroy()


def _office_db(office: TlsOffice, name: str) -> None:
    upgrade_office(office.cluster.create_database(name))  # set-up over the plain local connection


def test_sync_with_verify_full_connects_over_tls(office: TlsOffice, tmp_path: Path) -> None:
    _office_db(office, "tls_ok")
    url = office.url("tls_ok")
    engine = office_engine(url)
    with engine.connect() as conn:  # really TLS, and really checked
        assert conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar()
    engine.dispose()
    submitter = Submitter(kiosk_config(tmp_path, url=url))
    ids = fill(submitter, 3)
    worker = SyncWorker(submitter.queue, url)
    report = worker.sync_once()
    worker.stop()
    submitter.close()
    assert (report.sent, report.failure) == (3, None), report
    rows = office.cluster.execute("SELECT id FROM submissions", "tls_ok")
    assert sorted(str(r[0]) for r in rows) == sorted(ids)


@pytest.mark.parametrize(
    ("case", "why"),
    [("wrong-ca", "certificate verify failed"), ("wrong-host", "does not match host name")],
)
def test_verify_full_refuses_a_server_it_cannot_vouch_for(
    office: TlsOffice, tmp_path: Path, case: str, why: str
) -> None:
    name = f"tls_{case.replace('-', '_')}"
    _office_db(office, name)
    url = office.url(name, ca=office.other_ca) if case == "wrong-ca" else office.url(name, host="127.0.0.1")
    submitter = Submitter(kiosk_config(tmp_path, url=url))
    fill(submitter, 2)
    worker = SyncWorker(submitter.queue, url)
    report = worker.sync_once()
    stats = worker.outbox.stats()
    worker.stop()
    submitter.close()
    assert report.sent == 0 and report.failure is not None, report
    assert why in (report.error or ""), report.error
    assert stats.pending == 2  # nothing lost: the rows wait for a server the kiosk can trust
    assert office.cluster.execute("SELECT count(*) FROM submissions", name) == [(0,)]

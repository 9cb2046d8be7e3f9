"""The kiosk warns IT (in its log, nothing secret) when the office connection is not verify-full."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.sync.factory import worker_for
from kiosk.sync.tls import tls_warning

CA = "sslrootcert=/etc/kiosk/office-ca.pem"


@pytest.mark.parametrize("url", [
    "sqlite:////tmp/office.sqlite3",
    "postgresql+psycopg://kiosk:pw@localhost/kiosk",
    "postgresql+psycopg://kiosk:pw@127.0.0.1:5432/kiosk",
    "postgresql+psycopg://kiosk@/kiosk?host=/run/postgresql",
    f"postgresql+psycopg://kiosk:pw@office.example/kiosk?sslmode=verify-full&{CA}",
    "not a url",
])  # fmt: skip
def test_no_warning(url: str) -> None:
    assert tls_warning(url) == ""


@pytest.mark.parametrize(("url", "said"), [
    ("postgresql+psycopg://kiosk:s3cret@office.example/kiosk", "not set"),
    ("postgresql+psycopg://kiosk:s3cret@10.0.0.5/kiosk?sslmode=require", "sslmode require"),
    (f"postgresql://kiosk:s3cret@office.example:5433/kiosk?sslmode=verify-ca&{CA}", "sslmode verify-ca"),
])  # fmt: skip
def test_warning_without_verify_full(url: str, said: str) -> None:
    warning = tls_warning(url)
    assert said in warning and "verify-full" in warning and "s3cret" not in warning


def test_the_sync_worker_logs_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = KioskConfig(data_dir=tmp_path, demo=True,
                         office_db_url="postgresql+psycopg://kiosk:s3cret@office.example/kiosk")  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="kiosk.sync.factory"):
        worker = worker_for(config)
    worker.outbox.queue.close()
    (record,) = [r for r in caplog.records if r.name == "kiosk.sync.factory"]
    assert "office.example" in record.getMessage() and "s3cret" not in record.getMessage()

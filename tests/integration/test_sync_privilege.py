"""Least privilege and encryption: a kiosk role cannot read submissions; no plain text anywhere."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import psycopg
import pytest

from kiosk.cli import main
from kiosk.crypto.office import load_private
from kiosk.crypto.seal import binding, open_sealed
from kiosk.office.db import office_engine
from kiosk.office.keys import kiosk_keys
from kiosk.office.roles import grant_kiosk_role
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from kiosk.sync.heartbeat import HeartbeatSource
from tests.integration.pg import PgCluster
from tests.integration.sync_support import MARKER, fill, kiosk_config, office_ids
from tests.integration.sync_support import answers as sample_answers


def _as_role(url: str, role: str) -> str:
    return url.replace("postgresql+psycopg://postgres@", f"postgresql+psycopg://{role}@")


def _dsn(pg: PgCluster, url: str, role: str) -> str:
    return pg.dsn(url.rsplit("/", 1)[1], role)


def test_kiosk_role_inserts_and_heartbeats_but_cannot_read(
    tmp_path: Path, office_url: str, pg_cluster: PgCluster
) -> None:
    admin = office_engine(office_url)
    grant_kiosk_role(admin, "kiosk_one", "SK-ONE", password=None)
    grant_kiosk_role(admin, "kiosk_one", "SK-ONE", password="s3cret'%")  # idempotent
    admin.dispose()
    kiosk_url = _as_role(office_url, "kiosk_one")
    submitter = Submitter(kiosk_config(tmp_path, "SK-ONE", kiosk_url))
    ids = fill(submitter, 5)
    source = HeartbeatSource("SK-ONE", "1.0", lambda: "ok")
    worker = SyncWorker(submitter.queue, kiosk_url, heartbeat=source)
    assert worker.sync_once().sent == 5  # INSERT ... ON CONFLICT (id) DO NOTHING RETURNING id
    assert worker.sync_once().sent == 0
    assert worker.send_heartbeat() and worker.send_heartbeat()  # insert, then update its row
    worker.stop()
    assert sorted(office_ids(office_url)) == sorted(ids)
    # The signed QR payload (revision 0003) is one of the columns the kiosk role may INSERT.
    codes = pg_cluster.execute("SELECT qr_payload FROM submissions", office_url.rsplit("/", 1)[1])
    assert len(codes) == 5 and all(str(code).startswith("K2:") for (code,) in codes)

    with psycopg.connect(_dsn(pg_cluster, office_url, "kiosk_one"), autocommit=True) as conn:
        assert len(conn.execute("SELECT id FROM submissions").fetchall()) == 5
        for column in ("sealed_answers", "reference", "kiosk_id", "status", "qr_payload", "*"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT {column} FROM submissions")
        for statement in (
            "UPDATE submissions SET status = 'done'",
            "DELETE FROM submissions",
            "SELECT * FROM audit_log",
            "SELECT * FROM kiosks",
            "INSERT INTO kiosks (kiosk_id, public_key) VALUES ('X', 'Y')",
            "SELECT * FROM submission_notes",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        # Its own heartbeat only: another kiosk's row is invisible and cannot be written.
        assert conn.execute("SELECT kiosk_id FROM heartbeats").fetchall() == [("SK-ONE",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO heartbeats (kiosk_id, last_seen, queue_depth, printer_state,"
                " version) VALUES ('SK-TWO', now(), 0, 'x', 'x')"
            )


def test_no_plaintext_anywhere_and_the_office_key_opens_it(
    tmp_path: Path, office_url: str, pg_cluster: PgCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = tmp_path / "office-keys"
    monkeypatch.setenv("KIOSK_OFFICE_PASSPHRASE", "a long office passphrase")
    assert main(["keys", "init-office", "--out", str(keys)]) == 0
    assert main(["keys", "init-office", "--out", str(keys)]) == 2  # never overwrites
    private_pem = (keys / "office-private-key.pem").read_bytes()
    assert private_pem.startswith(b"-----BEGIN KIOSK OFFICE PRIVATE KEY-----")  # scrypt-encrypted
    data = tmp_path / "kiosk"
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'data_dir = "{data}"\nkiosk_id = "SK-ENC"\noffice_db_url = "{office_url}"\n'
        f'office_public_key = "{keys / "office-public-key.pem"}"\n'
    )
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(sample_answers()))
    for _ in range(3):
        command = ["submit", "--form", "temporary-residence", "--lang", "en"]
        assert main(["--config", str(config), *command, "--data", str(answers), "--no-print"]) == 0
    assert main(["--config", str(config), "keys", "register-kiosk", "--url", office_url]) == 0
    assert main(["--config", str(config), "sync", "--once"]) == 0
    assert list(kiosk_keys(office_url)) == ["SK-ENC"]

    # The kiosk's files (database, WAL, keys) hold no marker; neither do the office's pages.
    for path in data.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path
    pg_cluster.execute("CHECKPOINT")
    found = subprocess.run(
        ["grep", "-rl", MARKER, str(pg_cluster.datadir)], capture_output=True, text=True
    )
    assert found.stdout == "", found.stdout
    dbname = office_url.rsplit("/", 1)[1]
    rows = pg_cluster.execute(
        "SELECT sealed_answers, id, reference, kiosk_id, form_id, created_at FROM submissions", dbname
    )
    assert len(rows) == 3
    private = load_private(keys / "office-private-key.pem", "a long office passphrase")
    for box, *record in rows:
        bound = binding(str(record[0]), *record[1:])  # type: ignore[arg-type]
        document = json.loads(open_sealed(bytes(box), private, bound))  # type: ignore[call-overload]
        assert document["answers"]["surname"] == MARKER
        assert document["form"] == "temporary-residence"
    with pytest.raises(ValueError):
        load_private(keys / "office-private-key.pem", "wrong passphrase!")

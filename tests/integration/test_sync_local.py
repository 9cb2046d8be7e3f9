"""The kiosk side of sync on real SQLite files: migrations, purge, and the SQLite office demo."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

from kiosk.cli import main
from kiosk.clock import naive_utcnow as utcnow
from kiosk.storage.migrate import LOCAL_HEAD
from kiosk.storage.outbox import Outbox
from kiosk.storage.queue import LocalQueue
from kiosk.storage.retention import purge
from kiosk.submit import Submitter
from kiosk.sync.factory import worker_for
from tests.integration.sync_support import fill, kiosk_config, local_ids, office_ids

FIRST_RELEASE = """
CREATE TABLE submissions (id VARCHAR(36) NOT NULL, reference VARCHAR(8) NOT NULL,
    kiosk_id VARCHAR(16) NOT NULL, form_id VARCHAR(40) NOT NULL, form_version INTEGER NOT NULL,
    lang VARCHAR(8) NOT NULL, created_at DATETIME NOT NULL, sealed_answers BLOB NOT NULL,
    qr_payload VARCHAR(255) NOT NULL, PRIMARY KEY (id));
CREATE UNIQUE INDEX ix_submissions_reference ON submissions (reference);
CREATE TABLE outbox (submission_id VARCHAR(36) NOT NULL, state VARCHAR(12) NOT NULL,
    attempts INTEGER NOT NULL, next_attempt_at DATETIME, last_error TEXT, sent_at DATETIME,
    PRIMARY KEY (submission_id), FOREIGN KEY(submission_id) REFERENCES submissions (id)
    ON DELETE CASCADE);
CREATE INDEX ix_outbox_state ON outbox (state);
"""


def test_a_queue_made_before_migrations_is_stamped_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "queue.sqlite3"
    with sqlite3.connect(path) as db:  # what create_all made in the first release
        db.executescript(FIRST_RELEASE)
    queue = LocalQueue(path)
    assert Outbox(queue).stats().pending == 0
    queue.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM local_schema_version").fetchall() == [(LOCAL_HEAD,)]
        columns = {row[1] for row in db.execute("PRAGMA table_info(outbox)")}
        groups = {row[1] for row in db.execute("PRAGMA table_info(submissions)")}
    assert "last_attempt_at" in columns
    assert {"group_id", "group_member", "group_size"} <= groups  # local revision 0003


def test_purge_keeps_undelivered_and_young(tmp_path: Path) -> None:
    submitter = Submitter(kiosk_config(tmp_path))  # embedded office: a SQLite file (the demo)
    old, young = fill(submitter, 3), fill(submitter, 2)
    worker = worker_for(submitter.config, submitter.queue)
    assert worker.sync_once().sent == 5
    waiting = fill(submitter, 1)
    with sqlite3.connect(submitter.config.queue_db_path) as db:
        stamp = (utcnow() - dt.timedelta(days=40)).isoformat(" ")
        db.executemany(
            "UPDATE outbox SET sent_at = ? WHERE submission_id = ?", [(stamp, sid) for sid in old]
        )
        db.execute("UPDATE submissions SET created_at = ? WHERE id = ?", (stamp, waiting[0]))
    pdfs = submitter.config.pdf_dir
    pdfs.mkdir(parents=True)
    (pdfs / "OLD.pdf").write_bytes(b"%PDF-")
    (pdfs / "NEW.pdf").write_bytes(b"%PDF-")
    ancient = time.time() - 40 * 86400
    os.utime(pdfs / "OLD.pdf", (ancient, ancient))
    result = purge(submitter.queue, pdfs, submitter.config.retention_days)
    assert (result.entries, result.pdfs) == (3, 1)
    assert local_ids(submitter) == set(young) | set(waiting)
    assert [p.name for p in pdfs.iterdir()] == ["NEW.pdf"]
    assert sorted(office_ids(submitter.config.office_url)) == sorted(old + young)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nretention_days = 1\n')
    assert main(["--config", str(config), "purge", "--days", "1"]) == 0
    worker.stop()

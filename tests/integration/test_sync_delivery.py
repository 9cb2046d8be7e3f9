"""Delivery into a real PostgreSQL: batches, idempotent replay, quarantine, status, heartbeat."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from kiosk.cli import main
from kiosk.storage.outbox import Outbox
from kiosk.submit import Submitter
from kiosk.sync import SyncState, SyncStatus, SyncWorker
from kiosk.sync.backoff import Backoff
from kiosk.sync.heartbeat import HeartbeatSource
from kiosk.sync.worker import PLAN_BATCHES
from tests.integration.sync_support import fill, kiosk_config, local_ids, office_ids


def test_batches_arrive_once_and_a_replay_inserts_nothing(tmp_path: Path, office_url: str) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    ids = fill(submitter, 25)
    worker = SyncWorker(submitter.queue, office_url, batch_size=10)
    report = worker.sync_once()
    assert (report.sent, report.inserted, report.batches, report.failure) == (25, 25, 3, None)
    # Replay: the same batch twice (a crash after the office commit, before marking sent).
    with sqlite3.connect(submitter.config.queue_db_path) as db:
        db.execute("UPDATE outbox SET state = 'pending', sent_at = NULL")
    batch = worker.outbox.ready(100)
    assert worker.sender.send(batch) == 0
    assert worker.sender.send(batch) == 0
    again = worker.sync_once()
    assert (again.sent, again.inserted) == (25, 0)
    assert sorted(office_ids(office_url)) == sorted(ids)
    assert worker.outbox.stats().pending == 0
    # The signed QR payload travels too (office revision 0003), byte for byte.
    with sqlite3.connect(submitter.config.queue_db_path) as db:
        local = dict(db.execute("SELECT id, qr_payload FROM submissions"))
    engine = create_engine(office_url)
    with engine.connect() as conn:
        office = {str(i): c for i, c in conn.execute(text("SELECT id, qr_payload FROM submissions"))}
    engine.dispose()
    assert office == local and all(code.startswith("K2:") for code in office.values())
    worker.stop()


class CountingSender:
    """Wraps a worker's sender: how many office transactions were open at once, and can fail one."""

    def __init__(self, worker: SyncWorker, fail_call: int | None = None) -> None:
        self.send_real = worker.sender.send
        self.fail_call = fail_call
        self.lock = threading.Lock()
        self.open = self.most = self.calls = 0
        worker.sender.send = self.send  # type: ignore[method-assign]

    def send(self, rows: Sequence[dict[str, Any]]) -> int:
        with self.lock:
            self.calls += 1
            call = self.calls
            self.open += 1
            self.most = max(self.most, self.open)
        try:
            time.sleep(0.02)  # long enough for the other stream to start its transaction
            if call == self.fail_call:
                raise OSError("network is unreachable")  # a transient failure
            return self.send_real(rows)
        finally:
            with self.lock:
                self.open -= 1


def test_two_streams_deliver_every_row_once_across_plans(tmp_path: Path, office_url: str) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    ids = fill(submitter, 2 * PLAN_BATCHES + 5)  # the outbox's order is read twice
    worker = SyncWorker(submitter.queue, office_url, batch_size=2, streams=2)
    counting = CountingSender(worker)
    report = worker.sync_once()
    assert (report.sent, report.inserted, report.batches, report.failure) == (len(ids), len(ids), 23, None)
    assert counting.most == 2 and counting.calls == 23  # two at once, and no batch sent twice
    assert sorted(office_ids(office_url)) == sorted(ids)
    assert worker.outbox.stats().pending == 0
    worker.stop()


def test_a_failed_stream_stops_the_pass_and_what_committed_is_marked(tmp_path: Path, office_url: str) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    ids = fill(submitter, 30)
    worker = SyncWorker(submitter.queue, office_url, batch_size=5, streams=2)
    CountingSender(worker, fail_call=3)
    report = worker.sync_once()
    assert report.failure == "transient" and "unreachable" in (report.error or "")
    delivered = office_ids(office_url)
    # Exactly what the office committed is marked sent; the failed batch and the rest wait.
    assert report.sent == len(delivered) == report.inserted and 5 <= len(delivered) <= 15
    assert worker.outbox.stats().pending == len(ids) - len(delivered)
    again = SyncWorker(submitter.queue, office_url, batch_size=5, streams=2).sync_once()
    assert (again.failure, again.inserted) == (None, len(ids) - len(delivered))
    assert sorted(office_ids(office_url)) == sorted(ids)
    worker.stop()


def test_a_bad_row_is_quarantined_and_never_blocks_the_rest(tmp_path: Path, office_url: str) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    ids = fill(submitter, 40)
    bad = ids[17]
    with sqlite3.connect(submitter.config.queue_db_path) as db:  # too long for varchar(8)
        db.execute("UPDATE submissions SET lang = 'xxxxxxxxxxxxxxxx' WHERE id = ?", (bad,))
    worker = SyncWorker(submitter.queue, office_url, batch_size=40)
    report = worker.sync_once()
    assert (report.sent, report.quarantined, report.failure) == (39, 1, None)
    assert set(office_ids(office_url)) == set(ids) - {bad}
    held = worker.outbox.quarantined()
    assert [e.id for e in held] == [bad] and "StringDataRightTruncation" in (held[0].last_error or "")
    status = worker.status()
    assert (status.queue_depth, status.quarantined) == (0, 1)
    assert worker.sync_once().sent == 0  # quarantined entries wait for staff
    # Staff fix the cause, then retry through the command line.
    with sqlite3.connect(submitter.config.queue_db_path) as db:
        db.execute("UPDATE submissions SET lang = 'en' WHERE id = ?", (bad,))
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nkiosk_id = "SK-TEST-1"\noffice_db_url = "{office_url}"\n')
    assert main(["--config", str(config), "sync", "retry-quarantined"]) == 0
    assert main(["--config", str(config), "sync", "--once"]) == 0
    assert sorted(office_ids(office_url)) == sorted(ids)
    worker.stop()


def test_status_command_shows_depth_age_quarantine_and_error(
    tmp_path: Path, office_url: str, capsys: object
) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url="postgresql://nobody@127.0.0.1:1/none"))
    fill(submitter, 3)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path}"\noffice_db_url = "postgresql://nobody@127.0.0.1:1/none"\n')
    assert main(["--config", str(config), "sync", "--once"]) == 1  # the office is unreachable
    assert main(["--config", str(config), "sync", "status"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "queue depth:     3 waiting" in out and "quarantined:     0" in out
    assert "OperationalError" in out and "oldest unsent:   0m" in out
    assert Outbox(submitter.queue).stats().pending == 3


def test_worker_thread_reports_status_and_heartbeat(tmp_path: Path, office_url: str) -> None:
    submitter = Submitter(kiosk_config(tmp_path, kiosk_id="SK-HB-1", url=office_url))
    seen: list[SyncStatus] = []
    source = HeartbeatSource("SK-HB-1", "9.9.9", lambda: "ready")
    worker = SyncWorker(
        submitter.queue,
        office_url,
        batch_size=5,
        poll_s=30,
        heartbeat=source,
    )
    worker.sync_did_report.connect(seen.append)
    worker.start()
    ids = fill(submitter, 12)
    worker.wake()  # what the Submit button does: no waiting for the 30 s poll
    deadline = time.monotonic() + 10
    while set(office_ids(office_url)) != set(ids) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop()
    assert set(office_ids(office_url)) == set(ids) == local_ids(submitter)
    assert any(s.state is SyncState.IDLE and s.queue_depth == 0 for s in seen)
    assert seen[-1].state is SyncState.STOPPED
    engine = create_engine(office_url)
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT queue_depth, printer_state, version FROM heartbeats WHERE kiosk_id = 'SK-HB-1'")
        ).one()
    engine.dispose()
    assert tuple(row) == (0, "ready", "9.9.9")


def test_backoff_is_capped_and_jittered() -> None:
    backoff = Backoff(base_s=1, cap_s=30)
    delays = [backoff.delay(n) for n in range(1, 12)]
    assert all(0 < d <= 30 for d in delays) and delays[0] <= 1
    assert len({round(backoff.delay(10), 6) for _ in range(20)}) > 1

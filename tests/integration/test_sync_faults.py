"""Outages against a real PostgreSQL: down at start, stopped mid-batch, connections cut."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.submit import Submitter
from kiosk.sync import SyncState, SyncWorker
from kiosk.sync.backoff import Backoff
from tests.integration.pg import PgCluster
from tests.integration.sync_support import (
    assert_exactly_once,
    fill,
    kiosk_config,
    local_rows,
    office_ids,
    office_rows,
)


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_office_down_at_start_then_back(
    tmp_path: Path, office_url: str, pg_cluster: PgCluster
) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    pg_cluster.stop("fast")
    try:
        ids = fill(submitter, 8)  # the kiosk keeps working while the office is away
        worker = SyncWorker(submitter.queue, office_url, batch_size=5)
        report = worker.sync_once()
        assert (report.sent, report.failure) == (0, "transient")
        status = worker.status()
        assert status.state is SyncState.OFFLINE and status.queue_depth == 8
        assert status.last_error and "OperationalError" in status.last_error
        # The thread backs off (cap 30 s); wake() — the network is back — retries at once.
        worker.backoff = Backoff(base_s=20, cap_s=30)
        worker.start()
        assert wait_for(lambda: worker.status().state is SyncState.OFFLINE, 5)
    finally:
        pg_cluster.start()
    started = time.monotonic()
    worker.wake()
    assert wait_for(lambda: worker.outbox.stats().pending == 0, 10)
    assert time.monotonic() - started < 5
    worker.stop()
    assert sorted(office_ids(office_url)) == sorted(ids)


def test_office_stopped_mid_batch(tmp_path: Path, office_url: str, pg_cluster: PgCluster) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    fill(submitter, 300)
    worker = SyncWorker(
        submitter.queue, office_url, batch_size=10, backoff=Backoff(base_s=0.1, cap_s=0.5)
    )
    worker.start()
    assert wait_for(lambda: worker.outbox.stats().sent >= 30, 20)
    pg_cluster.stop("immediate")  # a crash while batches are in flight
    try:
        assert wait_for(lambda: worker.status().state is SyncState.OFFLINE, 10)
        left = worker.outbox.stats().pending
        assert left > 0
    finally:
        pg_cluster.start()
    worker.wake()
    assert wait_for(lambda: worker.outbox.stats().pending == 0, 30)
    worker.stop()
    made = local_rows(submitter, submitter.config.kiosk_id)
    assert len(made) == 300
    assert_exactly_once(office_rows(office_url), made)


def test_connections_cut_while_syncing(
    tmp_path: Path, office_url: str, pg_cluster: PgCluster
) -> None:
    submitter = Submitter(kiosk_config(tmp_path, url=office_url))
    fill(submitter, 300)
    worker = SyncWorker(
        submitter.queue, office_url, batch_size=10, backoff=Backoff(base_s=0.05, cap_s=0.2)
    )
    dbname = office_url.rsplit("/", 1)[1]
    cuts = 0
    stop = threading.Event()

    def cutter() -> None:
        nonlocal cuts
        while not stop.is_set():
            rows = pg_cluster.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE application_name = 'kiosk' AND datname = '{dbname}'"
            )
            cuts += sum(1 for (ok,) in rows if ok)
            time.sleep(0.03)

    thread = threading.Thread(target=cutter)
    thread.start()
    worker.start()
    queued = 300
    deadline = time.monotonic() + 20
    try:
        # Visitors keep submitting until 5 connections were cut: a drained worker sits idle, and
        # 300 rows alone may be synced before the cutter's fifth round.
        while cuts < 5 and time.monotonic() < deadline:
            fill(submitter, 10)
            queued += 10
            worker.wake()
    finally:
        stop.set()
        thread.join()
    worker.wake()
    assert wait_for(lambda: worker.outbox.stats().pending == 0, 30)
    worker.stop()
    made = local_rows(submitter, submitter.config.kiosk_id)
    assert len(made) == queued
    assert_exactly_once(office_rows(office_url), made)
    assert cuts >= 5

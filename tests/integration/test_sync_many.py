"""Twenty kiosks, each with its own queue and role, syncing into one database at once: as threads
of one process, and as twenty processes that then all replay everything they sent."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from kiosk.office.db import office_engine
from kiosk.office.roles import grant_kiosk_role
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from kiosk.sync.backoff import Backoff
from kiosk.sync.heartbeat import HeartbeatSource
from tests.integration.many_child import EACH as EACH_PROCESS
from tests.integration.many_child import kiosk_process
from tests.integration.sync_support import assert_exactly_once, fill, kiosk_config, local_rows, office_rows

KIOSKS, EACH = 20, 30


def grant_roles(office_url: str) -> None:
    admin = office_engine(office_url)
    for n in range(KIOSKS):
        grant_kiosk_role(admin, f"kiosk_{n}", f"SK-{n}", password=None)
    admin.dispose()


def test_twenty_kiosks_at_once(tmp_path: Path, office_url: str) -> None:
    grant_roles(office_url)
    submitters: list[Submitter] = []
    for n in range(KIOSKS):
        url = office_url.replace("postgres@", f"kiosk_{n}@")
        submitters.append(Submitter(kiosk_config(tmp_path / f"k{n}", f"SK-{n}", url)))
    barrier = threading.Barrier(KIOSKS)
    workers: list[SyncWorker] = []

    def kiosk(n: int) -> None:
        submitter = submitters[n]
        fill(submitter, EACH // 2)
        worker = SyncWorker(
            submitter.queue,
            submitter.config.office_url,
            batch_size=7,
            poll_s=0.05,
            backoff=Backoff(0.05, 0.5),
            heartbeat=HeartbeatSource(f"SK-{n}", "t"),
            heartbeat_s=0.2,
        )
        workers.append(worker)
        barrier.wait()
        worker.start()  # syncing while visitors keep submitting
        fill(submitter, EACH - EACH // 2)
        worker.wake()

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(KIOSKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(w.outbox.stats().pending for w in workers):
        time.sleep(0.1)
    for worker in workers:
        worker.stop()
    made = [row for s in submitters for row in local_rows(s, s.config.kiosk_id)]
    assert len(made) == KIOSKS * EACH
    assert_exactly_once(office_rows(office_url), made)
    engine = create_engine(office_url)
    with engine.connect() as conn:
        beats = conn.execute(text("SELECT count(*) FROM heartbeats")).scalar_one()
    engine.dispose()
    assert beats == KIOSKS


def test_twenty_kiosk_processes_at_once_then_all_replaying(tmp_path: Path, office_url: str) -> None:
    """Separate processes (own interpreter, own connection pool, as in a lobby): each submits and
    syncs concurrently, then resends every row it sent, all at once; each row is stored once."""
    grant_roles(office_url)
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(KIOSKS, timeout=120)
    processes = [
        spawn.Process(
            target=kiosk_process,
            args=(str(tmp_path / f"k{n}"), f"SK-{n}", office_url.replace("postgres@", f"kiosk_{n}@"), start),
        )
        for n in range(KIOSKS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(240)
    assert [p.exitcode for p in processes] == [0] * KIOSKS  # each checked its sends and replay
    made = [row for n in range(KIOSKS) for row in local_rows(tmp_path / f"k{n}" / "queue.sqlite3", f"SK-{n}")]
    assert len(made) == KIOSKS * EACH_PROCESS
    assert_exactly_once(office_rows(office_url), made)

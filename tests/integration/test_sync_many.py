"""Twenty kiosks, each with its own queue, role and thread, syncing into one database at once."""

from __future__ import annotations

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
from tests.integration.sync_support import assert_exactly_once, fill, kiosk_config, local_rows, office_rows

KIOSKS, EACH = 20, 30


def test_twenty_kiosks_at_once(tmp_path: Path, office_url: str) -> None:
    admin = office_engine(office_url)
    for n in range(KIOSKS):
        grant_kiosk_role(admin, f"kiosk_{n}", f"SK-{n}", password=None)
    admin.dispose()
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

"""One kiosk process of test_sync_many: submit, sync while submitting, then replay everything."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import update

from kiosk.storage.models import OutboxEntry
from kiosk.submit import Submitter
from kiosk.sync import SyncWorker
from kiosk.sync.backoff import Backoff
from tests.integration.sync_support import fill, kiosk_config

EACH, BATCH = 24, 7


def kiosk_process(folder: str, kiosk_id: str, url: str, start: Any) -> None:
    """Exits non-zero (an assertion) unless all EACH rows were sent, and a replay of all of them
    (as if the kiosk had died after every office commit, before its local mark) added none."""
    submitter = Submitter(kiosk_config(Path(folder), kiosk_id, url))
    fill(submitter, EACH // 2)
    worker = SyncWorker(submitter.queue, url, batch_size=BATCH, poll_s=0.05,
                        backoff=Backoff(0.05, 0.5))  # fmt: skip
    start.wait()  # every kiosk starts syncing at the same moment
    worker.start()
    fill(submitter, EACH - EACH // 2)  # visitors keep submitting meanwhile
    worker.wake()
    deadline = time.monotonic() + 90
    while worker.outbox.stats().pending and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop()
    assert worker.outbox.stats().sent == EACH, worker.outbox.stats()
    with submitter.queue.session() as session, session.begin():
        session.execute(update(OutboxEntry).values(state="pending", sent_at=None))
    start.wait()  # and all replay at once
    again = SyncWorker(submitter.queue, url, batch_size=BATCH)
    report = again.sync_once()
    again.stop()
    assert (report.sent, report.inserted, report.failure) == (EACH, 0, None), report

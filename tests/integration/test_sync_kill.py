"""SIGKILL during submit and during sync: afterwards every submission is in the office once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.storage.queue import LocalQueue
from kiosk.sync import SyncWorker
from tests.integration.kill_child import KIOSK_ID, kill_rounds
from tests.integration.sync_support import assert_exactly_once, local_ids, local_rows, office_rows

ROUNDS = 30
GROUP_ROUNDS = 12


def test_kiosk_killed_at_random_points(tmp_path: Path, office_url: str) -> None:
    stats = kill_rounds(tmp_path, office_url, ROUNDS, seed=6)
    assert stats.kills == ROUNDS
    db = tmp_path / "queue.sqlite3"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    drain(db, office_url)  # recovery: the next start sends what is left
    assert_exactly_once(office_rows(office_url, KIOSK_ID), local_rows(db, KIOSK_ID))
    local = local_ids(db)
    assert stats.acknowledged <= local  # every reported commit survived the kill
    assert len(local) >= ROUNDS and stats.syncing_at_kill >= 1
    # The case that makes exactly-once hard must have happened: the office committed a batch and
    # the kiosk died before marking it sent, so the batch went again and was not stored twice.
    assert stats.committed_unmarked >= 1
    print(
        f"\n{stats.kills} kills: {stats.syncing_at_kill} mid-batch, {stats.committed_unmarked} "
        f"between office commit and local mark; {len(local)} submissions"
    )


def test_kiosk_killed_mid_group_submit(tmp_path: Path, office_url: str) -> None:
    """Groups of three, killed at random: locally and at the office every group is whole (all
    three or none) and every member is there exactly once."""
    stats = kill_rounds(tmp_path, office_url, GROUP_ROUNDS, seed=18, people=3)
    db = tmp_path / "queue.sqlite3"
    drain(db, office_url)
    assert_exactly_once(office_rows(office_url, KIOSK_ID), local_rows(db, KIOSK_ID))
    with sqlite3.connect(db) as conn:
        sizes = conn.execute(
            "SELECT count(*), min(group_size), max(group_member) FROM submissions GROUP BY group_id"
        ).fetchall()
        assert conn.execute("SELECT count(*) FROM submissions WHERE group_id IS NULL").fetchone() == (0,)
    assert sizes and all(row == (3, 3, 3) for row in sizes), sizes
    assert stats.acknowledged <= local_ids(db) and stats.syncing_at_kill >= 1
    print(f"\n{stats.kills} kills, {len(sizes)} whole groups of 3, none partial")


def drain(db: Path, office_url: str) -> None:
    """What the kiosk's next start does: send what is left; nothing may fail or be quarantined."""
    queue = LocalQueue(db)
    worker = SyncWorker(queue, office_url)
    report = worker.sync_once()
    worker.stop()
    queue.close()
    assert report.failure is None and report.quarantined == 0, report

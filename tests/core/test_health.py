"""Start-up health: a corrupt SQLite file is set aside and replaced; locked, full, wrong clock."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk import health, logs
from kiosk.health import Problem, startup_check
from kiosk.storage.queue import LocalQueue

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PLENTY = lambda _p: SimpleNamespace(free=10 * 1024**3)  # noqa: E731


def _queue_with_rows(path: Path, rows: int = 3) -> None:
    queue = LocalQueue(path)
    for _ in range(rows):
        queue.add(kiosk_id="SK-1", form_id="f", form_version=1, lang="en", sealed_answers=b"x" * 2000,
                  sign=lambda ref, _t: ref)  # fmt: skip
    queue.close()


def _corrupt(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), 7):  # scribble over every page after the header page
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def test_a_corrupt_file_is_set_aside_kept_logged_and_a_fresh_one_works(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = data / "queue.sqlite3"
    _queue_with_rows(db)
    _corrupt(db)
    damaged = db.read_bytes()
    assert health.check_file(db) is Problem.CORRUPT
    log_file = logs.configure(data, console=False)
    try:
        report = startup_check(data, db, now=NOW, usage=PLENTY)
    finally:
        for h in [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]:
            logging.getLogger().removeHandler(h)
            h.close()
    assert [n.problem for n in report.notices] == [Problem.CORRUPT]
    kept = data / "queue.corrupt-20261201T090000Z.sqlite3"
    assert report.set_aside == kept and kept.read_bytes() == damaged  # kept byte for byte
    assert health.set_aside_files(data) == [kept]
    assert kept.name in report.notices[0].english()
    events = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert any(e.get("event") == "db_set_aside" and kept.name in e["msg"] for e in events)
    assert not db.exists()
    _queue_with_rows(db, 1)  # a fresh queue starts and takes submissions
    assert health.check_file(db) is None


def test_garbage_that_is_not_sqlite_is_corrupt(tmp_path: Path) -> None:
    db = tmp_path / "queue.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    assert health.check_file(db) is Problem.CORRUPT


def test_a_locked_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "queue.sqlite3"
    _queue_with_rows(db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # a rollback journal: an exclusive lock blocks readers
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert health.check_file(db, timeout_s=0.2) is Problem.LOCKED
        report = startup_check(tmp_path, db, now=NOW, usage=PLENTY, timeout_s=0.2)
    finally:
        holder.rollback()
        holder.close()
    assert [n.problem for n in report.notices] == [Problem.LOCKED] and report.blocking
    assert db.exists() and not health.set_aside_files(tmp_path)
    assert "another program" in report.notices[0].english()


def test_disk_full_and_low(tmp_path: Path) -> None:
    full = startup_check(
        tmp_path, tmp_path / "q.sqlite3", now=NOW, usage=lambda _p: SimpleNamespace(free=1024)
    )
    assert [n.problem for n in full.notices] == [Problem.DISK_FULL] and full.blocking
    assert "0 MB free" in full.notices[0].english()
    low = startup_check(tmp_path, tmp_path / "q.sqlite3", now=NOW,
                        usage=lambda _p: SimpleNamespace(free=50 * 1024**2))  # fmt: skip
    assert [n.problem for n in low.notices] == [Problem.DISK_LOW] and not low.blocking


def test_sqlite_full_error_is_classified_as_disk_full(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "tiny.sqlite3")
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlite3.OperationalError) as caught:
        for _ in range(100):
            conn.execute("INSERT INTO t VALUES (zeroblob(4000))")
    conn.close()
    assert health._classify(caught.value) is Problem.DISK_FULL


@pytest.mark.parametrize(("now", "wrong"), [
    (dt.datetime(2001, 1, 1, tzinfo=dt.UTC), True),   # before this build
    (NOW - dt.timedelta(days=3), True),                # behind the newest saved submission
    (NOW + dt.timedelta(hours=1), False),
])  # fmt: skip
def test_wrong_clock(tmp_path: Path, now: dt.datetime, wrong: bool) -> None:
    db = tmp_path / "queue.sqlite3"
    _queue_with_rows(db, 1)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE submissions SET created_at = ?", (NOW.replace(tzinfo=None).isoformat(" "),))
    report = startup_check(tmp_path, db, now=now, usage=PLENTY)
    assert [n.problem for n in report.notices] == ([Problem.CLOCK] if wrong else [])
    assert db.exists() and not report.blocking

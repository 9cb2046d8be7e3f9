"""Start-up health: the local SQLite file's integrity, free disk space, the clock.

A corrupt queue file is set aside (renamed with a timestamp, never deleted) and a fresh one is
started; a locked file, a full disk or a wrong clock give a clear message and touch nothing.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.clock import as_utc, utcnow
from kiosk.i18n import N_

log = logging.getLogger(__name__)

# No kiosk built from this code can legitimately run before this date: an earlier clock is wrong.
NOT_BEFORE = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
MIN_FREE_BYTES = 200 * 1024 * 1024
SET_ASIDE_GLOB = "*.corrupt-*"

CORRUPT = N_("The local database was damaged. It was set aside as {name} and a new one was started. "
             "Give this file to IT.")  # fmt: skip
LOCKED = N_("The local database is in use by another program. Close other kiosk windows or "
            "commands, then restart the kiosk.")  # fmt: skip
DISK_FULL = N_("The disk is full ({free} MB free). New forms cannot be saved until space is freed.")
DISK_LOW = N_("The disk is almost full ({free} MB free).")
CLOCK_WRONG = N_("The clock is wrong ({now}). Set the date and time: forms are dated with it.")


class Problem(StrEnum):
    CORRUPT = "corrupt"
    LOCKED = "locked"
    DISK_FULL = "disk-full"
    DISK_LOW = "disk-low"
    CLOCK = "clock"


@dataclass(frozen=True)
class Notice:
    """One thing staff must know: `message` is a msgid, `params` its placeholders."""

    problem: Problem
    message: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        """The kiosk cannot take forms safely while this lasts."""
        return self.problem in (Problem.LOCKED, Problem.DISK_FULL)

    def english(self) -> str:
        return self.message.format(**self.params)


@dataclass
class HealthReport:
    notices: list[Notice] = field(default_factory=list)
    set_aside: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.notices

    @property
    def blocking(self) -> list[Notice]:
        return [n for n in self.notices if n.blocking]


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def check_file(path: Path, timeout_s: float = 3.0) -> Problem | None:
    """PRAGMA quick_check on an existing file: None (fine), CORRUPT or LOCKED. Never creates it."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=timeout_s)
    except sqlite3.Error as exc:
        return _classify(exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        return None if rows == [("ok",)] else Problem.CORRUPT
    except sqlite3.Error as exc:
        return _classify(exc)
    finally:
        conn.close()


def _classify(exc: BaseException) -> Problem:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return Problem.LOCKED
    if "disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return Problem.DISK_FULL
    return Problem.CORRUPT  # "file is not a database", "malformed", short reads


def set_aside(path: Path, now: dt.datetime) -> Path:
    """Rename the file and its -wal/-shm companions with a timestamp; returns the new main path."""
    stamp = _stamp(now)
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


def set_aside_files(data_dir: Path) -> list[Path]:
    """Damaged files kept in data_dir (shown to staff until IT removes them)."""
    return sorted(p for p in data_dir.glob(SET_ASIDE_GLOB) if not p.name.endswith(("-wal", "-shm")))


def newest_record(path: Path) -> dt.datetime | None:
    """The latest submission time in the queue, a floor for a sane clock (None if unknown)."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
        try:
            value = conn.execute("SELECT max(created_at) FROM submissions").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if not value:
        return None
    stamp = dt.datetime.fromisoformat(str(value))
    return as_utc(stamp)


def check_clock(now: dt.datetime, newest: dt.datetime | None) -> Notice | None:
    """Before the build floor, or more than a day before the newest saved submission."""
    if now < NOT_BEFORE or (newest is not None and now < newest - dt.timedelta(days=1)):
        return Notice(Problem.CLOCK, CLOCK_WRONG, {"now": now.strftime("%Y-%m-%d %H:%M UTC")})
    return None


def check_disk(folder: Path, usage: Callable[[Path], object] = shutil.disk_usage,
               minimum: int = MIN_FREE_BYTES) -> Notice | None:  # fmt: skip
    free = int(getattr(usage(folder), "free", 0))
    mb = {"free": str(free // (1024 * 1024))}
    if free < 5 * 1024 * 1024:
        return Notice(Problem.DISK_FULL, DISK_FULL, mb)
    if free < minimum:
        return Notice(Problem.DISK_LOW, DISK_LOW, mb)
    return None


def startup_check(data_dir: Path, queue_path: Path, now: dt.datetime | None = None,
                  usage: Callable[[Path], object] = shutil.disk_usage,
                  timeout_s: float = 3.0) -> HealthReport:  # fmt: skip
    """Run every check; set a corrupt queue file aside. Logs each finding (no personal data)."""
    now = now or utcnow()
    data_dir.mkdir(parents=True, exist_ok=True)
    report = HealthReport()
    problem = check_file(queue_path, timeout_s)
    if problem is Problem.CORRUPT:
        moved = set_aside(queue_path, now)
        report.set_aside = moved
        report.notices.append(Notice(Problem.CORRUPT, CORRUPT, {"name": moved.name}))
        log.error("local database failed its integrity check; set aside as %s", moved.name,
                  extra={"event": "db_set_aside"})  # fmt: skip
    elif problem is not None:
        notice = Notice(problem, LOCKED) if problem is Problem.LOCKED else check_disk(data_dir, usage)
        report.notices.append(notice or Notice(Problem.DISK_FULL, DISK_FULL, {"free": "0"}))
    for found in (check_disk(data_dir, usage), check_clock(now, newest_record(queue_path))):
        if found is not None and found.problem not in {n.problem for n in report.notices}:
            report.notices.append(found)
    for notice in report.notices:
        if notice.problem is not Problem.CORRUPT:
            log.warning("health: %s", notice.english(), extra={"event": f"health_{notice.problem}"})
    return report

"""What the sync worker reports: plain dataclasses, carried by its `sync_did_report` event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class SyncState(StrEnum):
    IDLE = "idle"  # everything due has been delivered
    SYNCING = "syncing"
    OFFLINE = "offline"  # the office is unreachable; retrying with backoff
    ERROR = "error"  # a setup fault (e.g. permissions); retrying with backoff
    STOPPED = "stopped"


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one `sync_once` pass."""

    sent: int = 0  # entries confirmed in the office database (new or already there)
    inserted: int = 0  # of those, rows the office did not have before
    quarantined: int = 0
    batches: int = 0
    failure: str | None = None  # a Failure kind when the pass stopped early
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    queue_depth: int
    quarantined: int
    oldest_unsent_s: float | None
    last_error: str | None = None
    last_success_at: dt.datetime | None = None
    retry_in_s: float | None = None
    last_report: SyncReport = field(default_factory=SyncReport)

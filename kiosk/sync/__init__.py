"""Sync: drain the kiosk's outbox into the office database, exactly once, off the GUI thread."""

from kiosk.sync.status import SyncReport, SyncState, SyncStatus
from kiosk.sync.worker import SyncWorker

__all__ = ["SyncReport", "SyncState", "SyncStatus", "SyncWorker"]

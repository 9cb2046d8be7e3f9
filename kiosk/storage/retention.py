"""Retention: delivered submissions and saved PDFs leave the kiosk after `retention_days`.

Only entries the office has confirmed are deleted; pending and quarantined ones are kept however
old they are (they are the only copy).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.clock import naive_utcnow
from kiosk.storage.outbox import Outbox
from kiosk.storage.queue import LocalQueue


@dataclass(frozen=True)
class Purged:
    entries: int
    pdfs: int


def purge_pdfs(folder: Path, older_than_s: float, now: float | None = None) -> int:
    """Delete `*.pdf` files in `folder` last modified more than `older_than_s` seconds ago."""
    if not folder.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - older_than_s
    removed = 0
    for pdf in folder.glob("*.pdf"):
        try:
            if pdf.stat().st_mtime < limit:
                pdf.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # removed meanwhile
    return removed


def purge(queue: LocalQueue, pdf_dir: Path, days: int, now: dt.datetime | None = None) -> Purged:
    """Delete sent entries and PDFs older than `days`; `now` is naive UTC (tests move it)."""
    now = now or naive_utcnow()
    entries = Outbox(queue).purge_sent(now - dt.timedelta(days=days))
    wall = now.replace(tzinfo=dt.UTC).timestamp()
    return Purged(entries, purge_pdfs(pdf_dir, days * 86400, wall))

"""What staff can do from the kiosk's admin screen, without Qt: every call may block (SQLite,
PDF, CUPS), so the Qt adapter runs them off the GUI thread."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import health, logs
from kiosk.clock import utcnow
from kiosk.config import KioskConfig
from kiosk.i18n import N_

if TYPE_CHECKING:  # SQLAlchemy and the queue's tables load when staff first use the screen
    from kiosk.submit import Submitter
    from kiosk.sync.worker import SyncWorker

log = logging.getLogger(__name__)
TEST_PAGE_TITLE = N_("Printer test page")


@dataclass(frozen=True)
class RecentSubmission:
    """A row of the reprint list: nothing personal (the answers are sealed)."""

    reference: str
    form_id: str
    created_at: dt.datetime
    state: str


@dataclass(frozen=True)
class Overview:
    queue_depth: int
    quarantined: int
    sent: int
    sync_state: str
    last_error: str
    last_success_at: dt.datetime | None
    printer: str
    printer_state: str
    set_aside: tuple[str, ...]


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool
    pdf: Path | None
    detail: str


class AdminActions:
    """The admin screen's operations. Thread-safe as far as the queue and CUPS are."""

    def __init__(self, config: KioskConfig, submitter: Submitter,
                 sync: Callable[[], SyncWorker | None] = lambda: None,
                 printer_state: Callable[[str], str] | None = None) -> None:  # fmt: skip
        self.config = config
        self.submitter = submitter
        self._sync = sync
        self._printer_state = printer_state

    def overview(self) -> Overview:
        from kiosk.storage.outbox import Outbox

        stats = Outbox(self.submitter.queue).stats()
        worker = self._sync()
        printer = self.config.printer
        return Overview(stats.pending, stats.quarantined, stats.sent,
                        str(worker.status().state) if worker else "stopped",
                        stats.last_error or "", stats.last_success_at, printer,
                        self._printer(printer),
                        tuple(p.name for p in health.set_aside_files(self.config.data_dir)))  # fmt: skip

    def _printer(self, name: str) -> str:
        if not name:
            return "none"
        if self._printer_state is not None:
            return self._printer_state(name)
        from kiosk.printing import CupsPrinter

        return CupsPrinter().printer_state(name)

    def sync_now(self) -> bool:
        """Wake the running worker; False when sync is not running on this kiosk."""
        worker = self._sync()
        if worker is None:
            return False
        worker.wake()
        log.info("staff asked for a sync now", extra={"event": "admin_sync_now"})
        return True

    def recent(self, limit: int = 20) -> list[RecentSubmission]:
        from sqlalchemy import select

        from kiosk.storage.models import OutboxEntry, Submission

        query = (
            select(Submission.reference, Submission.form_id, Submission.created_at, OutboxEntry.state)
            .join(OutboxEntry, OutboxEntry.submission_id == Submission.id)
            .order_by(Submission.created_at.desc())
            .limit(limit)
        )
        with self.submitter.queue.session() as session:
            return [RecentSubmission(*row) for row in session.execute(query).all()]

    def reprint(self, reference: str, lang: str) -> PrintOutcome:
        """A receipt (reference + signed QR, nothing personal); the answers stay sealed."""
        done = self.submitter.reprint(reference, lang=lang, saved_first=False)
        if done.kind == "none":
            return PrintOutcome(False, None, "unknown reference")
        log.info("staff reprint ref=%s printed=%s", done.reference, done.printed,
                 extra={"event": "admin_reprint"})  # fmt: skip
        return PrintOutcome(done.printed, done.pdf_path, done.detail)

    def test_page(self, lang: str) -> PrintOutcome:
        from kiosk.pdf.receipt import ReceiptInfo, render_receipt

        now = utcnow().replace(microsecond=0)
        path = self.config.pdf_dir / "test-page.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = f"TEST {self.config.kiosk_id} {now.isoformat()}"
        render_receipt(ReceiptInfo(TEST_PAGE_TITLE, lang, "TESTPAGE", payload, now,
                                   self.config.kiosk_id), path)  # fmt: skip
        printed, detail = self.submitter.print_pdf(path, "test")
        log.info("printer test page printed=%s: %s", printed, detail, extra={"event": "admin_test_page"})
        return PrintOutcome(printed, path, detail)

    def log_lines(self, limit: int = 200) -> list[str]:
        """The newest log entries as one-line text, newest first (they hold no personal data)."""
        out = []
        for entry in reversed(logs.recent(self.config.data_dir, limit)):
            out.append(f"{entry.get('ts', '')[:19]} {entry.get('level', '')} {entry.get('msg', '')}")
        return out

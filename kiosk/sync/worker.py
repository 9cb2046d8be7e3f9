"""The sync worker: drains the local outbox into the office database on its own thread.

Each batch goes in one office transaction with an idempotent insert keyed by the kiosk-made UUID;
entries are marked sent locally only after that commit returned. A crash in between only causes a
replay, which inserts nothing. A row the office rejects is found by bisecting the batch and
quarantined, so it never blocks the others.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy import Engine

from kiosk import events
from kiosk.office.db import office_engine
from kiosk.storage.outbox import Outbox
from kiosk.storage.queue import LocalQueue
from kiosk.sync.backoff import Backoff
from kiosk.sync.errors import Failure, classify, describe
from kiosk.sync.heartbeat import HeartbeatSource, send_heartbeat
from kiosk.sync.sender import OfficeSender
from kiosk.sync.status import SyncReport, SyncState, SyncStatus

log = logging.getLogger(__name__)
# Rows per office transaction: 2,000 drained a 10,000-row backlog fastest here (0.52 s; 1,000:
# 0.56 s, 3,000 and 5,000: 0.58 s; docs/sync.md, Figures). A bad row costs about log2(batch)
# more transactions to find; 2,000 sealed rows are about 3 MB.
BATCH_SIZE = 2000
PLAN_BATCHES = 20  # batches sent per reading of the outbox's order
# Office transactions in flight at once, each on its own connection: while the office inserts one
# batch it commits (fsync) the one before; more than 2 gained nothing here (docs/sync.md, Figures).
OFFICE_STREAMS = 2
# Sealed picture bytes per office transaction (docs/photos.md): a batch is cut early when its
# pictures reach this, so a backlog of visits with photos never loads gigabytes at once.
BATCH_PICTURE_BYTES = 16 * 1024 * 1024


def cut_batches(ids: Sequence[str], size: int, picture_bytes: dict[str, int],
                budget: int) -> list[list[str]]:  # fmt: skip
    """`ids` in order, in batches of at most `size` and, past the first row, at most `budget`
    bytes of sealed pictures (one row with more still goes alone)."""
    chunks: list[list[str]] = []
    current: list[str] = []
    weight = 0
    for sid in ids:
        extra = picture_bytes.get(sid, 0)
        if current and (len(current) >= size or weight + extra > budget):
            chunks.append(current)
            current, weight = [], 0
        current.append(sid)
        weight += extra
    return [*chunks, current] if current else chunks


class _Stop(Exception):
    """A failure that ends the pass: carries its kind and message."""

    def __init__(self, kind: Failure, message: str) -> None:
        super().__init__(message)
        self.kind, self.message = kind, message


class SyncWorker:
    """Background delivery of queued submissions.

    Threading: `start`, `stop`, `wake` and `status` may be called from any thread (e.g. the GUI
    thread; none of them blocks on the network). `sync_did_report` (kiosk.events) fires on the
    worker thread: a Qt adapter re-emits it as a queued signal. `sync_once` may be called
    directly (CLI, tests) when the thread is not running.
    """

    def __init__(
        self,
        queue: LocalQueue,
        office: Engine | str,
        *,
        batch_size: int = BATCH_SIZE,
        streams: int = OFFICE_STREAMS,
        poll_s: float = 10.0,
        backoff: Backoff | None = None,
        heartbeat: HeartbeatSource | None = None,
        heartbeat_s: float = 60.0,
    ) -> None:
        self.outbox = Outbox(queue)
        self._owns_engine = isinstance(office, str)
        self.engine = office_engine(office) if isinstance(office, str) else office
        self.sender = OfficeSender(self.engine)
        self.batch_size = batch_size
        # The SQLite demo office takes one writer at a time: a second stream would only wait.
        self.streams = max(1, streams) if self.engine.dialect.name == "postgresql" else 1
        self.poll_s = poll_s
        self.backoff = backoff or Backoff()
        self.heartbeat = heartbeat
        self.heartbeat_s = heartbeat_s
        self.sync_did_report = events.sync_did_report()  # on this worker's thread
        self._state = SyncState.STOPPED
        self._retry_in: float | None = None
        self._last_report = SyncReport()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._beat_soon = threading.Event()  # a visitor called for staff: tell the office now
        self._help_sent: str | None = None  # the help number the office last received
        self._thread: threading.Thread | None = None

    # -- one pass ------------------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Send every entry that is due, batch by batch; stop at the first transient/setup error."""
        report = self._pass()
        self._last_report = report
        if report.failure is None:
            self._set_state(SyncState.IDLE)
        elif report.failure == Failure.TRANSIENT:
            self._set_state(SyncState.OFFLINE)
        else:
            self._set_state(SyncState.ERROR)
        return report

    def _pass(self) -> SyncReport:
        totals = [0, 0, 0]  # sent, inserted, quarantined
        batches = 0
        stop: _Stop | None = None
        # The local file's work (read the next batch, mark one sent, quarantine a row) runs in
        # order on one thread; the office transactions run on `streams` others, so the office
        # inserts one batch while it commits another (on its own connection each), and the local
        # side reads and marks meanwhile. A batch is still marked only after its own office
        # commit returned, and the pass ends only when every delivery and every mark has.
        with (
            ThreadPoolExecutor(1, thread_name_prefix="kiosk-sync-local") as local,
            ThreadPoolExecutor(self.streams, thread_name_prefix="kiosk-sync-office") as office,
        ):
            marks: list[Future[None]] = []
            lock = threading.Lock()

            def mark(ids: list[str]) -> None:
                with lock:
                    marks.append(local.submit(self.outbox.mark_sent, ids))

            def quarantine(sid: str, message: str) -> None:
                local.submit(self.outbox.quarantine, sid, message).result()

            flying: deque[tuple[list[str], Future[tuple[int, int, int]]]] = deque()

            def settle() -> None:
                nonlocal batches, stop
                ids, delivery = flying.popleft()
                try:
                    counts = delivery.result()
                except _Stop as error:
                    if stop is None:  # the first failure is the one reported
                        stop = error
                        self._note_failure(ids, error.message, local)
                    return
                batches += 1
                for i, n in enumerate(counts):
                    totals[i] += n

            def drain() -> bool:
                while flying:
                    settle()
                return stop is None

            try:
                for rows in self._batches(local, drain):
                    if batches == 0 and not flying:
                        self._set_state(SyncState.SYNCING)
                    while len(flying) >= self.streams or (flying and flying[0][1].done()):
                        settle()
                    if stop is not None:
                        break
                    ids = [r["id"] for r in rows]
                    flying.append((ids, office.submit(self._deliver, rows, mark, quarantine)))
            finally:
                while flying:  # what is in flight commits or fails; either way it is counted
                    settle()
                for done in marks:
                    done.result()  # a mark that failed fails the pass, as it did synchronously
        sent, inserted, quarantined = totals
        if stop is not None:
            return SyncReport(sent, inserted, quarantined, batches, stop.kind.value, stop.message)
        return SyncReport(sent, inserted, quarantined, batches)

    def _batches(self, local: Executor, drain: Callable[[], bool]) -> Iterator[list[dict[str, Any]]]:
        """Due entries, oldest first, batch by batch until none is left or `stop` was asked;
        each batch is read on `local` while the one before is being delivered.

        The order is read once for PLAN_BATCHES batches (one sort of the ids), not per batch:
        with 10,000 waiting, sorting them again for each batch of 500 cost a third of a pass.
        Before it is read again, `drain` waits for every delivery in flight (False: one failed,
        stop) and, `local` running in order, the read waits for their marks: no row is sent twice."""
        while not self._stop.is_set():
            due = local.submit(self.outbox.due, self.batch_size * PLAN_BATCHES).result()
            sizes = local.submit(self.outbox.attachment_bytes, due).result() if due else {}
            chunks = cut_batches(due, self.batch_size, sizes, BATCH_PICTURE_BYTES)
            if not chunks:
                return
            ahead = local.submit(self.outbox.rows, chunks[0])
            for following in [*chunks[1:], None]:
                rows = ahead.result()
                if following is not None:
                    ahead = local.submit(self.outbox.rows, following)
                if self._stop.is_set():
                    return
                if rows:  # else another process (`kiosk sync`) sent them meanwhile
                    yield rows
            if not drain():
                return

    def _deliver(
        self,
        rows: Sequence[dict[str, Any]],
        mark: Callable[[list[str]], None],
        quarantine: Callable[[str, str], None],
    ) -> tuple[int, int, int]:
        """One transaction; on a row error, bisect. Returns (sent, new, quarantined); `mark`
        gets the ids of each committed transaction. Runs on an office thread."""
        try:
            inserted = self.sender.send(rows)
        except Exception as error:
            kind = classify(error)
            if kind is not Failure.ROW:
                raise _Stop(kind, describe(error)) from error
            if len(rows) == 1:
                message = describe(error)
                log.warning("sync: quarantining %s: %s", rows[0]["id"], message)
                quarantine(rows[0]["id"], message)
                return 0, 0, 1
            middle = len(rows) // 2
            first = self._deliver(rows[:middle], mark, quarantine)
            second = self._deliver(rows[middle:], mark, quarantine)
            return tuple(a + b for a, b in zip(first, second, strict=True))  # type: ignore[return-value]
        mark([r["id"] for r in rows])  # only now: the office has committed them
        return len(rows), inserted, 0

    def _note_failure(self, ids: list[str], message: str, local: Executor) -> None:
        try:
            local.submit(self.outbox.note_failure, ids, message).result()
        except Exception:  # the local file is busy: the report still carries the error
            log.exception("sync: could not record the failure locally")

    def send_heartbeat(self) -> bool:
        if self.heartbeat is None:
            return False
        try:
            call = send_heartbeat(self.engine, self.heartbeat, self.outbox.stats())
        except Exception as error:
            log.info("sync: heartbeat not sent: %s", describe(error))
            return False
        self._help_sent = call.number if call else None
        return True

    def beat_now(self) -> None:
        """Send a heartbeat at once (a call for staff opened or closed); any thread."""
        self._beat_soon.set()
        self._wake.set()

    def help_told(self, number: str) -> bool:
        """Whether the office has received the open call `number`; any thread."""
        return self._help_sent == number

    # -- the thread ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Try now: after a submission was queued, or when the network is known to be back."""
        self._wake.set()

    def stop(self, timeout: float | None = 10.0) -> None:
        """Ask the thread to finish its current batch and exit; waits up to `timeout` seconds."""
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)
        self._set_state(SyncState.STOPPED)
        if self._owns_engine:
            self.engine.dispose()

    @property
    def running(self) -> bool:
        return bool(self._thread and self._thread.is_alive())

    def _run(self) -> None:
        failures = 0
        heartbeat_due = 0.0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                report = self.sync_once()
            except Exception as error:  # the local file failed: report it and back off
                log.exception("sync: pass failed")
                report = SyncReport(failure=Failure.SETUP.value, error=describe(error))
                self._last_report = report
                self._set_state(SyncState.ERROR)
            if report.failure:
                failures += 1
                wait = self.backoff.delay(failures)
            else:
                failures, wait = 0, self.poll_s
                now = time.monotonic()
                # Also right after a delivery, so the fleet view's queue depth is not a minute stale.
                if (now >= heartbeat_due or report.batches) and self.send_heartbeat():
                    heartbeat_due = now + self.heartbeat_s
                    self._beat_soon.clear()
            if self._beat_soon.is_set():  # even while deliveries fail: the office may still hear it
                self._beat_soon.clear()
                if self.send_heartbeat():
                    heartbeat_due = time.monotonic() + self.heartbeat_s
                else:
                    self._beat_soon.set()  # again after the wait below
            if report.failure or report.batches:  # tell listeners the new depth / retry time
                self._retry_in = wait if report.failure else None
                self._set_state(self._state, force=True)
            self._wake.wait(wait)

    # -- status --------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        stats = self.outbox.stats()
        return SyncStatus(
            state=self._state,
            queue_depth=stats.pending,
            quarantined=stats.quarantined,
            oldest_unsent_s=stats.oldest_unsent_s,
            last_error=stats.last_error,
            last_success_at=stats.last_success_at,
            retry_in_s=self._retry_in,
            last_report=self._last_report,
        )

    def _set_state(self, state: SyncState, force: bool = False) -> None:
        if state == self._state and not force:
            return
        self._state = state
        if len(self.sync_did_report):  # a listener's bug is logged there: delivery goes on
            self.sync_did_report(self.status())

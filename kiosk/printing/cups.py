"""Silent printing of a finished PDF through the CUPS command-line clients (`cups-client`).

The PDF goes to CUPS as it is: CUPS's own filters render it at the printer's resolution, so vector
content such as QR codes stays sharp (no bitmap made at a guessed dpi, and no Qt needed).
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kiosk.printing.ipp import IppError, JobState, query_job_state

_REQUEST_ID = re.compile(r"request id is (?P<job>\S+-(?P<number>\d+)) \(")
_DEFAULT_DESTINATION = re.compile(r"default destination: (?P<name>[^\s/]+)")
_NO_DESTINATION = "Invalid destination name"
_SCHEDULER_DOWN = "Scheduler is not running"


class PrintStatus(Enum):
    COMPLETED = "completed"
    NO_PRINTER = "no-printer"
    QUEUE_STOPPED = "queue-stopped"
    NOT_ACCEPTING = "not-accepting"
    JOB_FAILED = "job-failed"
    TIMEOUT = "timeout"
    CUPS_UNAVAILABLE = "cups-unavailable"


@dataclass(frozen=True)
class PrintResult:
    """How a print request ended. `detail` is English for staff/IT logs: no personal data."""

    ok: bool
    job_id: str | None
    status: PrintStatus
    detail: str


class CupsUnavailable(Exception):
    """The CUPS clients are missing, hung, or cannot reach the scheduler."""


@dataclass(frozen=True)
class QueueStatus:
    """One `lpstat -p NAME -a NAME` answer."""

    exists: bool
    enabled: bool = False
    printing: bool = False
    accepting: bool = False
    message: str = ""  # the printer-state-message, e.g. "Paused" or "media-empty"


class CupsPrinter:
    """Submits PDFs to CUPS and waits until CUPS reports the job finished.

    Every method blocks for up to its timeout (it runs `lp`/`lpstat` and polls): call it off the
    GUI thread. The object keeps no state between calls, so worker threads may share it.
    `server` overrides `CUPS_SERVER` for the child processes; otherwise the environment's
    `CUPS_SERVER` (or client.conf, or the local scheduler) is used, exactly as `lp` would.
    Each client call is bounded by `command_timeout`. A job that has not completed in time, or
    whose queue stopped under it, is cancelled (`cancel_unfinished`) so that it cannot come out
    later in front of the next visitor.
    """

    def __init__(
        self,
        server: str | None = None,
        poll_interval: float = 0.1,
        command_timeout: float = 5.0,
        cancel_unfinished: bool = True,
    ) -> None:
        self.server = server
        self.poll_interval = poll_interval
        self.command_timeout = command_timeout
        self.cancel_unfinished = cancel_unfinished

    def submit(
        self, pdf: Path, printer: str | None = None, title: str = "kiosk", timeout: float = 20.0
    ) -> PrintResult:
        """Print `pdf` on `printer` (default: the CUPS default) and wait for the outcome.

        Never raises for a print failure: the caller keeps the PDF and shows the reference on
        screen instead. `title` shows in queues and logs (cups-pdf names its file after it), so
        it must not carry personal data.
        """
        deadline = time.monotonic() + timeout
        try:
            return self._submit(Path(pdf), printer, title, deadline, timeout)
        except CupsUnavailable as exc:
            return PrintResult(False, None, PrintStatus.CUPS_UNAVAILABLE, str(exc))

    def default_printer(self) -> str | None:
        """The destination `lp` would use without `-d`, or None (also when CUPS is down)."""
        try:
            out = self._run("lpstat", "-d", check=False).stdout
        except CupsUnavailable:
            return None
        match = _DEFAULT_DESTINATION.search(out)
        return match["name"] if match else None

    def printer_state(self, name: str) -> str:
        """For a heartbeat: "idle", "printing", "stopped", "missing" or "unavailable".

        A queue that is enabled but rejects jobs counts as "stopped": the kiosk cannot print.
        Like any CUPS queue state, "idle" says nothing about paper or jams.
        """
        try:
            queue = self.queue_status(name)
        except CupsUnavailable:
            return "unavailable"
        if not queue.exists:
            return "missing"
        if not (queue.enabled and queue.accepting):
            return "stopped"
        return "printing" if queue.printing else "idle"

    def queue_status(self, name: str) -> QueueStatus:
        """Parse `lpstat -p NAME -a NAME`; raises `CupsUnavailable`."""
        proc = self._run("lpstat", "-p", name, "-a", name, check=False)
        if _NO_DESTINATION in proc.stderr:
            self._require_scheduler()  # lpstat also says "invalid destination" when CUPS is down
            return QueueStatus(exists=False)
        if proc.returncode != 0:
            raise CupsUnavailable(_first_line(proc.stderr) or "lpstat failed")
        enabled = printing = accepting = False
        messages: list[str] = []
        for line in proc.stdout.splitlines():
            if line.startswith(f"printer {name} "):
                enabled = " disabled since " not in line
                printing = " now printing " in line
            elif line.startswith(f"{name} "):
                accepting = " not accepting " not in line
            elif line.startswith("\t") and line.strip() and line.strip() not in messages:
                messages.append(line.strip())
        return QueueStatus(True, enabled, printing, accepting, "; ".join(messages))

    # -- the steps of one submission --------------------------------------------------------

    def _submit(
        self, pdf: Path, printer: str | None, title: str, deadline: float, timeout: float
    ) -> PrintResult:
        if not pdf.is_file():
            return PrintResult(False, None, PrintStatus.JOB_FAILED, "PDF file not found")
        name = printer or self.default_printer()
        if name is None:
            self._require_scheduler()
            return PrintResult(False, None, PrintStatus.NO_PRINTER, "no printer given, no default")
        refusal = self._check_queue(name)
        if refusal is not None:
            return refusal
        proc = self._run("lp", "-d", name, "-t", title, "--", str(pdf.absolute()), check=False)
        match = _REQUEST_ID.search(proc.stdout)
        if proc.returncode != 0 or match is None:
            error = _first_line(proc.stderr).replace(str(pdf.absolute()), "<pdf>")
            return PrintResult(False, None, PrintStatus.JOB_FAILED, f"lp refused: {error}")
        return self._watch(name, match["job"], int(match["number"]), deadline, timeout)

    def _check_queue(self, name: str) -> PrintResult | None:
        queue = self.queue_status(name)
        why = f" ({queue.message})" if queue.message else ""
        if not queue.exists:
            return PrintResult(False, None, PrintStatus.NO_PRINTER, f"no CUPS queue {name!r}")
        if not queue.enabled:
            return PrintResult(False, None, PrintStatus.QUEUE_STOPPED, f"{name} is stopped{why}")
        if not queue.accepting:
            detail = f"{name} is not accepting jobs{why}"
            return PrintResult(False, None, PrintStatus.NOT_ACCEPTING, detail)
        return None

    def _watch(self, name: str, job: str, number: int, deadline: float, timeout: float) -> PrintResult:
        """Poll until the job leaves the not-completed list, its queue stops, or time runs out."""
        try:
            return self._poll(name, job, number, deadline, timeout)
        except CupsUnavailable as exc:
            return PrintResult(False, job, PrintStatus.CUPS_UNAVAILABLE, f"{job}: {exc}")

    def _poll(self, name: str, job: str, number: int, deadline: float, timeout: float) -> PrintResult:
        while True:
            proc = self._run("lpstat", "-W", "not-completed", "-o", name, check=False)
            pending = any(line.split()[:1] == [job] for line in proc.stdout.splitlines())
            if proc.returncode == 0 and not pending:
                return self._verdict(name, job, number)
            queue = self.queue_status(name)
            if not queue.exists:
                return PrintResult(False, job, PrintStatus.NO_PRINTER, f"{name} was deleted")
            if not queue.enabled:  # e.g. ErrorPolicy stop-printer after a backend error
                detail = f"{name} stopped during the job ({queue.message or 'no message'})"
                return self._give_up(job, PrintStatus.QUEUE_STOPPED, detail)
            if time.monotonic() >= deadline:
                detail = f"not completed within {timeout:g} s ({queue.message or 'no message'})"
                return self._give_up(job, PrintStatus.TIMEOUT, detail)
            time.sleep(min(self.poll_interval, max(0.0, deadline - time.monotonic())))

    def _verdict(self, name: str, job: str, number: int) -> PrintResult:
        """The job finished: ask IPP whether it completed, was cancelled or was aborted."""
        try:
            state = query_job_state(self._server_address(), number, self.command_timeout)
        except (OSError, http.client.HTTPException, IppError, CupsUnavailable) as exc:
            # lpstat alone cannot tell completed from cancelled: report what it does know.
            detail = f"job left the queue; final state not verified ({exc})"
            return PrintResult(True, job, PrintStatus.COMPLETED, detail)
        if state is JobState.COMPLETED:
            return PrintResult(True, job, PrintStatus.COMPLETED, f"{job} completed on {name}")
        if state is JobState.CANCELED:
            detail = f"{job} was cancelled (by staff or at the printer)"
        elif state is JobState.ABORTED:
            detail = f"{job} was aborted by CUPS (filter or backend error, see its error_log)"
        else:
            detail = f"{job} ended in unexpected state {state.name.lower()}"
        return PrintResult(False, job, PrintStatus.JOB_FAILED, detail)

    def _give_up(self, job: str, status: PrintStatus, detail: str) -> PrintResult:
        if self.cancel_unfinished:
            try:
                cancelled = self._run("cancel", job, check=False).returncode == 0
            except CupsUnavailable:
                cancelled = False
            detail += "; job cancelled" if cancelled else "; cancelling the job failed"
        return PrintResult(False, job, status, f"{job}: {detail}")

    # -- running the clients ----------------------------------------------------------------

    def _server_address(self) -> str:
        """The server libcups talks to, as `lpstat -H` resolves it (env, client.conf, socket)."""
        return self.server or _first_line(self._run("lpstat", "-H").stdout)

    def _require_scheduler(self) -> None:
        if "scheduler is running" not in self._run("lpstat", "-r", check=False).stdout:
            where = self.server or os.environ.get("CUPS_SERVER") or "the local scheduler"
            raise CupsUnavailable(f"CUPS is not running or unreachable ({where})")

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}  # English, parseable messages
        if self.server:
            env["CUPS_SERVER"] = self.server
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=self.command_timeout)
        except FileNotFoundError:
            raise CupsUnavailable(f"{argv[0]} not found: install cups-client") from None
        except subprocess.TimeoutExpired:
            raise CupsUnavailable(f"{argv[0]} did not answer in {self.command_timeout:g} s") from None
        if _SCHEDULER_DOWN in proc.stderr:
            raise CupsUnavailable(f"CUPS unreachable: {_first_line(proc.stderr)}")
        if check and proc.returncode != 0:
            raise CupsUnavailable(f"{argv[0]} failed: {_first_line(proc.stderr)}")
        return proc


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""

"""A real CUPS with cups-pdf queues for the printing tests: started when needed, never skipped.

CI installs the packages first (`.ci/setup-cups.sh`); if CUPS still cannot be brought up, the
fixture fails with the reason, so that a broken print path cannot pass as skipped tests.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

QUEUE = "KioskPDF"
STOPPED_QUEUE = "KioskStop"
PPD_CANDIDATES = (
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
)
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPSD = Path("/usr/sbin/cupsd")
SETUP_HINT = "run .ci/setup-cups.sh (apt-get install -y cups printer-driver-cups-pdf cups-client)"


@dataclass(frozen=True)
class CupsServer:
    """The running test CUPS: a working cups-pdf queue, a stopped one, and where PDFs land."""

    queue: str
    stopped_queue: str
    output_dir: Path

    def find_output(self, job_id: str, title: str, since: float, timeout: float = 15.0) -> Path:
        """The PDF cups-pdf wrote for `job_id` (named `TITLE-job_N.pdf` by the _opt PPD)."""
        number = job_id.rpartition("-")[2]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self._match(number, title, since)
            if found is not None and _size_settled(found):
                return found
            time.sleep(0.2)
        listing = sorted(p.name for p in self.output_dir.glob("*.pdf"))[-10:]
        pytest.fail(
            f"cups-pdf output for {job_id} not in {self.output_dir} after {timeout:g} s; "
            f"newest files: {listing}"
        )

    def _match(self, number: str, title: str, since: float) -> Path | None:
        if not self.output_dir.is_dir():
            return None
        # Label 2 (the _opt PPD) suffixes "-job_N"; Label 1 prefixes "job_N-".
        by_id = [
            *self.output_dir.glob(f"*-job_{number}.pdf"),
            *self.output_dir.glob(f"job_{number}-*.pdf"),
        ]
        if by_id:
            return by_id[0]
        fresh = [p for p in self.output_dir.glob(f"{title}*.pdf") if p.stat().st_mtime >= since]
        return max(fresh, key=lambda p: p.stat().st_mtime, default=None)


def _size_settled(path: Path) -> bool:
    size = path.stat().st_size
    time.sleep(0.1)
    return size > 0 and path.stat().st_size == size


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=30)


def _scheduler_running() -> bool:
    return "scheduler is running" in _run("lpstat", "-r").stdout


def _start_cupsd() -> None:
    """Start cupsd (it daemonizes) and wait until `lpstat -r` sees it."""
    if _scheduler_running():
        return
    if not CUPSD.exists():
        pytest.fail(f"{CUPSD} is missing: {SETUP_HINT}")
    started = _run(str(CUPSD))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if _scheduler_running():
            return
        time.sleep(0.2)
    log = Path("/var/log/cups/error_log")
    tail = log.read_text(errors="replace").splitlines()[-10:] if log.exists() else []
    pytest.fail(
        f"cupsd did not start (exit {started.returncode}: {started.stderr.strip()}); "
        f"error_log tail: {tail}"
    )


def _ppd() -> Path:
    for candidate in PPD_CANDIDATES:
        if candidate.exists():
            return candidate
    pytest.fail(f"no CUPS-PDF_opt.ppd in {[str(p) for p in PPD_CANDIDATES]}: {SETUP_HINT}")


def _check(proc: subprocess.CompletedProcess[str], what: str) -> None:
    if proc.returncode != 0:
        pytest.fail(f"{what} failed: {proc.stderr.strip()}")


def _make_queues(ppd: Path) -> None:
    for name in (QUEUE, STOPPED_QUEUE):
        _check(_run("lpadmin", "-p", name, "-v", "cups-pdf:/", "-P", str(ppd), "-E"), "lpadmin")
        _run("cancel", "-a", name)  # leftovers of an earlier run
    _check(_run("cupsdisable", "-r", "stopped for tests", STOPPED_QUEUE), "cupsdisable")


def _output_dir() -> Path:
    """cups-pdf's `Out` directory for jobs of the current user (default `${HOME}/PDF`)."""
    out = "${HOME}/PDF"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S+)", line)
            if match:
                out = match[1]
    user = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


@pytest.fixture(scope="session", name="cups")
def cups_server() -> CupsServer:
    """A running CUPS with `KioskPDF` (cups-pdf, enabled) and `KioskStop` (disabled)."""
    for tool in ("lp", "lpstat", "cancel", "lpadmin", "cupsdisable", "pdftoppm"):
        if shutil.which(tool) is None and not Path("/usr/sbin", tool).exists():
            pytest.fail(f"{tool} not found: {SETUP_HINT} and poppler-utils")
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        pytest.fail(f"the cups-pdf backend is missing: {SETUP_HINT}")
    _start_cupsd()
    _make_queues(_ppd())
    return CupsServer(QUEUE, STOPPED_QUEUE, _output_dir())

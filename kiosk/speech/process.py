"""One spawned speech worker and its pipe; owned by the service's supervisor thread only."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time

from kiosk.speech.protocol import Job, Reply
from kiosk.speech.worker import run_worker

# "spawn" everywhere: no fork of a process that holds Qt threads and locks, the same behaviour on
# Linux and Windows, and it works frozen by PyInstaller (kiosk/__main__.py calls freeze_support).
_CONTEXT = multiprocessing.get_context("spawn")


class WorkerProcess:
    """A worker child with a private Pipe.

    Each worker gets a new Pipe rather than sharing a multiprocessing.Queue: a process killed
    while it uses a Queue can leave the Queue corrupted (Python docs, "Pipes and Queues"), and
    killing is how this service interrupts and recovers.
    """

    def __init__(self, tmpdir: str) -> None:
        self.conn, child_conn = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=run_worker, args=(child_conn, tmpdir), name="kiosk-speech", daemon=True
        )
        self.process.start()
        child_conn.close()  # the child holds its own copy; ours would hide the child's death
        self.pid = self.process.pid
        self.started_at = self.last_seen = time.monotonic()
        self.ready = False
        self.failure: str | None = None  # the worker's start-up error, if it sent one
        self._closed = False

    def alive(self) -> bool:
        return not self._closed and self.process.is_alive()

    def send(self, job: Job | None) -> bool:
        """Send a job (None: quit). False if the worker is gone."""
        try:
            self.conn.send(job)
        except (OSError, ValueError):  # BrokenPipeError, or the pipe is already closed
            return False
        return True

    def replies(self) -> list[Reply]:
        """Every reply waiting in the pipe, without blocking."""
        out: list[Reply] = []
        with contextlib.suppress(EOFError, OSError):
            while self.conn.poll():
                out.append(self.conn.recv())
        if out:
            self.last_seen = time.monotonic()
        return out

    def quit(self, timeout: float = 1.0) -> None:
        """Ask the worker to finish, then kill it if it does not."""
        self.send(None)
        self.process.join(timeout)
        self.kill()

    def kill(self) -> None:
        """Stop the worker now, with whatever it is playing. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        killpg = getattr(os, "killpg", None)
        if self.process.exitcode is None:  # not reaped yet, so pid and group id are still ours
            if killpg is not None and self.pid is not None:
                # The worker leads its own process group (worker.py), which holds `aplay` too.
                # Before the worker's setpgid() there is no such group: ProcessLookupError.
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    killpg(self.pid, signal.SIGKILL)
            self.process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        self.process.join(2.0)
        with contextlib.suppress(ValueError):  # still running after 2 s: leave it to the OS
            self.process.close()  # frees the sentinel handle; a kiosk may restart many times
        self.conn.close()

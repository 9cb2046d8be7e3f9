"""The supervisor thread: owns the speech worker, feeds it one job at a time, restarts it."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections import deque
from multiprocessing import connection

from kiosk.speech.jobs import Request, SpeechError, Timeouts
from kiosk.speech.process import WorkerProcess
from kiosk.speech.protocol import Done, Failed, Job, Ready, Render, Speak
from kiosk.speech.voices import VoiceChoice, VoiceInfo, choose_voice

log = logging.getLogger(__name__)


class Supervisor:
    """Runs `run()` in one thread; callers use the other methods from any thread.

    All shared fields are guarded by `lock`. The worker, the job in flight and its deadline are
    touched by the supervisor thread only (`current` is also read under the lock by `speaking`).
    """

    def __init__(self, timeouts: Timeouts, tmpdir: str) -> None:
        self.timeouts = timeouts
        self.tmpdir = tmpdir
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # voices known or start failed
        self.say: Request | None = None  # only the newest say is kept
        self.renders: deque[Request] = deque()
        self.stale_before = 0  # a say in flight with a lower job number is out of date: stop it
        self.closing = False
        self.driver = ""
        self.voices: tuple[VoiceInfo, ...] | None = None
        self.start_error: str | None = None
        self.restarts = 0
        self.current: Request | None = None
        self.worker: WorkerProcess | None = None
        self._choices: dict[str, VoiceChoice] = {}
        self._deadline = 0.0
        self._failures = 0
        self._retry_at = 0.0
        self._problems: tuple[str, ...] = ()  # engine setup warnings, logged once
        self._problems_logged = False
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)

    # --- called from any thread ---------------------------------------------------------------

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # buffer full: a wake-up is pending anyway
            self._wake_w.send(b"\0")

    def choice(self, lang: str) -> VoiceChoice:
        """The voice for `lang` (lock held, voices known). Cached, so a fallback is logged once."""
        if lang not in self._choices:
            self._choices[lang] = choose_voice(lang, self.driver, self.voices or ())
        return self._choices[lang]

    # --- the supervisor thread ----------------------------------------------------------------

    def run(self) -> None:
        try:
            while not self.closing:
                try:
                    self._step()
                except Exception:  # keep the kiosk's speech alive whatever went wrong here
                    log.exception("speech: supervisor error")
                    time.sleep(0.5)
        finally:
            self._shutdown()

    def _step(self) -> None:
        worker = self._ensure_worker()
        waitables: list[connection.Connection | socket.socket | int] = [self._wake_r]
        if worker is not None:
            waitables += [worker.conn, worker.process.sentinel]
        connection.wait(waitables, timeout=0.25)
        with contextlib.suppress(OSError):
            while self._wake_r.recv(4096):
                pass
        if worker is not None:
            self._handle_replies(worker)
            self._watch(worker)
        self._interrupt_stale_say()
        self._dispatch()

    def _ensure_worker(self) -> WorkerProcess | None:
        if self.worker is None and time.monotonic() >= self._retry_at:
            try:
                worker = WorkerProcess(self.tmpdir)
            except Exception as exc:  # e.g. out of file handles, or spawned from an unguarded main
                log.error("speech: cannot start a worker: %s", exc)
                self._start_failed(f"could not be started: {exc}")
                return None
            with self.lock:
                self.worker = worker
        return self.worker

    def _handle_replies(self, worker: WorkerProcess) -> None:
        for reply in worker.replies():
            if isinstance(reply, Ready):
                worker.ready = True
                self._failures = 0
                self._problems = reply.problems
                with self.changed:
                    if (reply.driver, reply.voices) != (self.driver, self.voices):
                        self._choices.clear()
                    self.driver, self.voices, self.start_error = reply.driver, reply.voices, None
                    self.changed.notify_all()
            elif isinstance(reply, Failed):
                worker.failure = reply.error  # the worker exits; _watch restarts it
            elif isinstance(reply, Done) and self.current and self.current.job == reply.job:
                self._finish(reply.error)

    def _finish(self, error: str | None) -> None:
        with self.lock:
            request, self.current = self.current, None
        if request is None or request.result is None:
            if error:
                log.warning("speech: an utterance failed: %s", error)
        elif error:
            request.result.set_exception(SpeechError(f"the speech engine failed: {error}"))
        else:
            request.result.set_result(None)

    def _watch(self, worker: WorkerProcess) -> None:
        now = time.monotonic()
        crashed = False
        if worker.failure:
            reason = f"failed to start: {worker.failure}"
        elif not worker.alive():
            crashed = True
            reason = f"exited (code {worker.process.exitcode})"
        elif not worker.ready and now - worker.started_at > self.timeouts.start_s:
            reason = f"did not start within {self.timeouts.start_s} s"
        elif self.current is not None and now > self._deadline:
            reason = f"took longer than {self.timeouts.utterance_s} s"
        elif (
            worker.ready
            and self.current is None
            and now - worker.last_seen > self.timeouts.heartbeat_s
        ):
            reason = f"sent no heartbeat for {self.timeouts.heartbeat_s} s"
        else:
            return
        log.warning("speech: restarting the worker, it %s", reason)
        self._replace_worker(worker, counted=True)
        request = self.current
        with self.lock:
            self.current = None
            if request is not None and not request.retried and crashed:
                request.retried = True  # a crash may be a one-off: try that job once more
                if request.path is not None:
                    self.renders.appendleft(request)
                elif self.say is None and request.job >= self.stale_before:  # not out of date
                    self.say = request
                request = None
        if request is not None and request.result is not None:
            request.result.set_exception(SpeechError(f"the speech worker {reason}"))
        if not worker.ready:
            self._start_failed(reason)

    def _start_failed(self, reason: str) -> None:
        self._failures += 1
        self._retry_at = time.monotonic() + min(30.0, 0.5 * 2**self._failures)
        with self.changed:
            self.start_error, self.say = reason, None
            failed, self.renders = list(self.renders), deque()
            self.changed.notify_all()
        for request in failed:
            if request.result is not None:
                request.result.set_exception(SpeechError(f"the speech engine {reason}"))

    def _replace_worker(self, worker: WorkerProcess, *, counted: bool) -> None:
        worker.kill()
        with self.lock:
            self.worker = None
            if counted:
                self.restarts += 1
        for name in os.listdir(self.tmpdir):  # WAVs the killed worker had not played yet
            with contextlib.suppress(OSError):
                os.remove(os.path.join(self.tmpdir, name))

    def _interrupt_stale_say(self) -> None:
        with self.lock:
            current = self.current
            stale = current is not None and current.path is None and current.job < self.stale_before
        worker = self.worker
        if stale and worker is not None:
            # pyttsx3 cannot be stopped mid-utterance from outside: the worker's only thread is
            # inside runAndWait(), and the espeak driver blocks in os.system("aplay ...") there,
            # where engine.stop() never runs. Killing the worker's process group stops the sound
            # at once, works the same for a hung engine, and a new worker starts in ~0.2 s.
            self._replace_worker(worker, counted=False)
            with self.lock:
                self.current = None

    def _dispatch(self) -> None:
        worker = self.worker
        if worker is None or not worker.ready or self.current is not None:
            return
        with self.lock:
            request = self.say or (self.renders.popleft() if self.renders else None)
            if request is None:
                return
            if request is self.say:
                self.say = None
            self.current = request
            voice_id = self.choice(request.lang).voice_id
        job: Job = (
            Speak(request.job, voice_id, request.text)
            if request.path is None
            else Render(request.job, voice_id, request.text, request.path)
        )
        if isinstance(job, Speak) and not self._problems_logged:
            self._problems_logged = True  # at the first say, as renders play nothing
            for problem in self._problems:
                log.warning("speech: %s", problem)
        self._deadline = time.monotonic() + self.timeouts.utterance_s
        worker.send(job)  # if the worker just died, _watch sees it and retries the job once

    def _shutdown(self) -> None:
        if self.worker is not None:
            self.worker.quit()
        with self.lock:
            left = [r for r in (self.current, *self.renders) if r is not None]
            self.current, self.renders, self.say, self.worker = None, deque(), None, None
        for request in left:
            if request.result is not None and not request.result.done():
                request.result.set_exception(SpeechError("the speech service was closed"))
        self._wake_r.close()
        self._wake_w.close()

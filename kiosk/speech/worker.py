"""The speech worker process: the only owner of the pyttsx3 engine; runs one job at a time.

Runs in a child started with the "spawn" context (see `process.py`). pyttsx3 is imported here
only, so the kiosk process never loads it.
"""

from __future__ import annotations

import contextlib
import io
import os
import platform
import shutil
import tempfile
import time
from multiprocessing.connection import Connection
from typing import Any

from kiosk.speech.protocol import Done, Failed, Heartbeat, Job, Ready, Render, Speak
from kiosk.speech.voices import VoiceInfo

HEARTBEAT_S = 1.0
SETTLE_S = 5.0  # longest wait for espeak-ng's queue to go idle before a job


def run_worker(conn: Connection, tmpdir: str) -> None:
    """Entry point of the worker process. Returns when told to quit or the parent goes away."""
    if hasattr(os, "setpgid"):
        # A group of its own, so the parent can kill the worker *and* the `aplay` child that
        # pyttsx3's espeak driver starts through os.system() (see `WorkerProcess.kill`).
        os.setpgid(0, 0)
    # pyttsx3 (espeak driver) writes each utterance to a temporary WAV before playing it; keep
    # those in a directory the parent wipes, so a killed worker leaves no recorded speech behind.
    tempfile.tempdir = tmpdir
    with contextlib.suppress(EOFError, BrokenPipeError, ConnectionResetError, KeyboardInterrupt):
        engine = _start_engine(conn)
        if engine is not None:
            finished = _Finished()
            engine.connect("finished-utterance", finished)
            _serve(conn, engine, finished)


def _start_engine(conn: Connection) -> Any:
    try:
        import pyttsx3

        engine = pyttsx3.init()
        # pyttsx3 2.99 starts out "busy", so the first runAndWait() runs its own end-of-loop
        # command before the synthesis it starts, and returns while espeak is still working (the
        # first render of a longer text wrote its file only later). An empty run clears that.
        engine.runAndWait()
        driver = str(engine.driver_name)
        voices = tuple(
            VoiceInfo(str(v.id), str(v.name), tuple(str(x) for x in (v.languages or ())))
            for v in engine.getProperty("voices")
        )
        if not voices:
            raise LookupError(f"the {driver!r} speech engine lists no voices")
    except Exception as exc:  # any engine failure is reported, the parent decides what to do
        conn.send(Failed(f"{type(exc).__name__}: {exc}"))
        return None
    conn.send(Ready(driver, voices, _problems(driver)))
    return engine


def _problems(driver: str) -> tuple[str, ...]:
    if driver == "espeak" and platform.system() == "Linux" and shutil.which("aplay") is None:
        return ("pyttsx3's espeak driver plays through `aplay`, which is not installed "
                "(Debian package alsa-utils): speech will be silent",)  # fmt: skip
    return ()


class _Finished:
    """Notes whether the driver cut the utterance in progress short (it says `completed=False`)."""

    def __init__(self) -> None:
        self.cut_short = False

    def __call__(self, completed: bool = True, **_: Any) -> None:
        if not completed:
            self.cut_short = True


def _serve(conn: Connection, engine: Any, finished: _Finished) -> None:
    while True:
        if not conn.poll(HEARTBEAT_S):
            conn.send(Heartbeat())
            continue
        job: Job | None = conn.recv()
        if job is None:
            return
        error = None
        try:
            _run(engine, job, finished)
        except Exception as exc:  # reported per job; the engine stays up for the next one
            error = f"{type(exc).__name__}: {exc}"
        conn.send(Done(job.job, error))


def _run(engine: Any, job: Job, finished: _Finished) -> None:
    _settle(engine)
    finished.cut_short = False
    engine.setProperty("voice", job.voice_id)
    try:
        # pyttsx3 prints "Audio saved to ..." on stdout, which belongs to the CLI.
        with contextlib.redirect_stdout(io.StringIO()):
            if isinstance(job, Render):
                engine.save_to_file(job.text, job.path)
            elif isinstance(job, Speak):
                engine.say(job.text)
            engine.runAndWait()
    finally:
        if isinstance(job, Render):
            _forget_save_file(engine)
    if finished.cut_short:  # nothing here stops a job: the driver did, and the output is lost
        raise RuntimeError("the engine cancelled the utterance it had just started")


def _settle(engine: Any) -> None:
    # pyttsx3 2.99's espeak driver runs espeak-ng asynchronously: its start-up rate and volume
    # and the end of each utterance are handled on espeak's own queue thread. Each runAndWait()
    # first calls the driver's stop(), which, while that queue is still busy (espeak_IsPlaying),
    # cancels it and sets a `_stopping` flag that the driver's loop acts on later (after an empty
    # run, not until the next one). Acting on it cancels the synthesis just queued; espeak-ng
    # then delivers that message's "terminated" event, and the driver saves its still empty buffer
    # as a 0-frame WAV (or plays nothing). On a loaded machine this hit a new worker's first job
    # (the warm-up run found the start-up parameters still queued) and now and then a later one.
    # So: wait for espeak to go idle, then drop any stale stop request.
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is None or engine.driver_name != "espeak" or not hasattr(driver, "_stopping"):
        return
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + SETTLE_S
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.005)
    driver._stopping = False


def _forget_save_file(engine: Any) -> None:
    # pyttsx3 2.99's espeak driver never clears its `_save_file`: every later say() would be
    # written over the last rendered file instead of being played. Reset it after each render.
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is not None and hasattr(driver, "_save_file"):
        driver._save_file = None

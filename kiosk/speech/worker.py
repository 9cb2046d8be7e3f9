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
from multiprocessing.connection import Connection
from typing import Any

from kiosk.speech.protocol import Done, Failed, Heartbeat, Job, Ready, Render, Speak
from kiosk.speech.voices import VoiceInfo

HEARTBEAT_S = 1.0


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
            _serve(conn, engine)


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


def _serve(conn: Connection, engine: Any) -> None:
    while True:
        if not conn.poll(HEARTBEAT_S):
            conn.send(Heartbeat())
            continue
        job: Job | None = conn.recv()
        if job is None:
            return
        error = None
        try:
            _run(engine, job)
        except Exception as exc:  # reported per job; the engine stays up for the next one
            error = f"{type(exc).__name__}: {exc}"
        conn.send(Done(job.job, error))


def _run(engine: Any, job: Job) -> None:
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


def _forget_save_file(engine: Any) -> None:
    # pyttsx3 2.99's espeak driver never clears its `_save_file`: every later say() would be
    # written over the last rendered file instead of being played. Reset it after each render.
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is not None and hasattr(driver, "_save_file"):
        driver._save_file = None

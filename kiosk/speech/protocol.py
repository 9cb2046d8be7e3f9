"""Messages between the speech service and its worker process, pickled over one Pipe."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.speech.voices import VoiceInfo

# Parent → worker: a job, or None to quit. The parent sends one job and waits for its `Done`.


@dataclass(frozen=True)
class Speak:
    job: int
    voice_id: str
    text: str


@dataclass(frozen=True)
class Render:
    job: int
    voice_id: str
    text: str
    path: str


Job = Speak | Render

# Worker → parent.


@dataclass(frozen=True)
class Ready:
    """The engine is up. `problems` are setup warnings to log (e.g. no audio player)."""

    driver: str
    voices: tuple[VoiceInfo, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failed:
    """The engine could not start; the worker exits after sending this."""

    error: str


@dataclass(frozen=True)
class Done:
    job: int
    error: str | None = None  # exception type and message; never the text


@dataclass(frozen=True)
class Heartbeat:
    """Sent about once a second while idle: tells a hung worker from a quiet one."""


Reply = Ready | Failed | Done | Heartbeat

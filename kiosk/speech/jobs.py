"""What callers ask of the speech worker, the time limits it works under, and its error."""

from __future__ import annotations

import itertools
from concurrent.futures import Future
from dataclasses import dataclass, field

_job_ids = itertools.count(1)


def new_job_id() -> int:
    """Job numbers only grow, so "every say older than this one" is a comparison."""
    return next(_job_ids)


class SpeechError(RuntimeError):
    """The speech engine failed, hung, could not start, or the service is closed."""


@dataclass(frozen=True)
class Timeouts:
    utterance_s: float = 30.0  # one say or render; longer counts as a hung engine
    heartbeat_s: float = 5.0  # an idle worker reports once a second
    start_s: float = 15.0  # spawn + import + engine init (~0.2 s warm, more on a cold disk)


@dataclass(eq=False)
class Request:
    """A say (no path) or a render waiting for, or in, the worker."""

    lang: str
    text: str
    path: str | None = None  # None: speak aloud
    result: Future[None] | None = None  # renders only: the caller waits on it
    retried: bool = False
    job: int = field(default_factory=new_job_id)

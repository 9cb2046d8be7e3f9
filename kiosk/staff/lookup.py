"""A scan, start to end: verify the signature, fetch by reference, open the answers (timed)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.qrpayload import Payload, Verdict
from kiosk.staff.answers import AnswerRow
from kiosk.staff.photos import PhotoSet
from kiosk.staff.records import KioskState, SubmissionInfo, local_text


class Outcome(StrEnum):
    """What the console shows: answers, a warning, or where the submission still is."""

    OPENED = "opened"  # genuine code (or a typed reference), answers on screen
    FORGED = "forged"  # altered, unknown signer, malformed, unsupported: a clear warning
    MISMATCH = "mismatch"  # genuine signature, but the office row says another kiosk/form/time
    NOT_SYNCED = "not-synced"  # genuine, not in the office yet: which kiosk holds it
    NOT_FOUND = "not-found"  # a typed reference nobody has
    UNREADABLE = "unreadable"  # the office row exists but its answers could not be opened
    ALTERED = "answers-altered"  # the answers are not this row's (moved, replaced): refused
    UNBOUND = "unbound"  # answers not bound to their row, made after the cut-over: refused
    NO_CODE = "no-code"  # nothing usable was typed / no QR code in the file


@dataclass
class ScanResult:
    outcome: Outcome
    verdict: str | None = None  # the signature verdict (qrpayload.Verdict), None for a reference
    detail: str = ""
    payload: Payload | None = None
    submission: SubmissionInfo | None = None
    answers: list[AnswerRow] = field(default_factory=list)
    kiosk: KioskState | None = None  # NOT_SYNCED: the kiosk holding it
    warning: str = ""  # OPENED made before binding (kiosk.staff.binding): shown with the answers
    photos: PhotoSet = field(default_factory=PhotoSet)  # OPENED: pictures that are this record's
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def genuine(self) -> bool:
        return self.verdict == Verdict.GENUINE.value

    def as_dict(self) -> dict[str, Any]:
        p = self.payload
        return {
            "outcome": self.outcome.value,
            "verdict": self.verdict,
            "detail": self.detail,
            "code": None
            if p is None
            else {
                "reference": p.reference,
                "kiosk_id": p.kiosk_id,
                "form_id": p.form_id,
                "created_at": local_text(p.created),
            },
            "submission": self.submission.as_dict() if self.submission else None,
            "answers": [a.as_dict() for a in self.answers],
            "kiosk": self.kiosk.as_dict() if self.kiosk else None,
            "warning": self.warning,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


def mismatch(payload: Payload, info: SubmissionInfo) -> str:
    """Why a genuinely signed code does not belong to the office row with its reference ('' if it does)."""
    problems = []
    if payload.kiosk_id != info.kiosk_id:
        problems.append(f"kiosk {payload.kiosk_id} in the code, {info.kiosk_id} in the office")
    if payload.form_id != info.form_id.lower():
        problems.append(f"form {payload.form_id} in the code, {info.form_id} in the office")
    created = info.created_at.astimezone(dt.UTC).replace(microsecond=0)
    if abs((payload.created - created).total_seconds()) > 1:
        problems.append("the time in the code differs from the office")
    return "; ".join(problems)


class Stopwatch:
    """Adds the milliseconds of each phase to a dict: with sw.phase("verify"): ..."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into

    def phase(self, name: str) -> _Phase:
        return _Phase(self.into, name)


class _Phase:
    def __init__(self, into: dict[str, float], name: str) -> None:
        self.into, self.name = into, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.into[self.name] = self.into.get(self.name, 0.0) + (time.perf_counter() - self.start) * 1000

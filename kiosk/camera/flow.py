"""The camera capture flow as a plain state machine: the passport read, a document photo, the portrait.

Qt-free: the Qt backend (kiosk/qt/camera_backend.py) feeds it frames' verdicts and the
visitor's taps, and shows its state. What the camera sees is personal data: the flow keeps only
the still the visitor is looking at, and `clear` forgets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.i18n import N_


class Purpose(StrEnum):
    PASSPORT = "passport"  # read the machine-readable zone, then prefill (kiosk/qt/mrz_backend.py)
    DOCUMENT = "document"  # a photo of a supporting document
    PORTRAIT = "portrait"  # the visitor's own photo


class Phase(StrEnum):
    IDLE = "idle"  # no camera on screen
    LIVE = "live"  # the preview runs; hints say how to hold the page / where to stand
    CHECKING = "checking"  # a still is being checked (document, portrait)
    CAPTURED = "captured"  # a still the visitor sees, with a verdict: keep it or retake
    READ = "read"  # the passport zone was read and verified: handed to the prefill


NO_CAMERA = N_("The camera is not working. Please type the details instead.")
START_HINT = {
    Purpose.PASSPORT: N_("Hold your passport's photo page inside the frame, "
                         "the lines with <<< at the bottom."),
    Purpose.DOCUMENT: N_("Hold the document flat inside the frame, then tap \"Take photo\"."),
    Purpose.PORTRAIT: N_("Look at the camera with your face inside the oval, then tap \"Take photo\"."),
}


@dataclass(frozen=True)
class Verdict:
    """A checked still: `ok`, or `reason` (a msgid) saying what to do about it."""

    ok: bool
    reason: str = ""


@dataclass
class CaptureFlow:
    """One capture at a time. `key` names the document (or "portrait"); `still` is the JPEG shown."""

    purpose: Purpose | None = None
    key: str = ""
    phase: Phase = Phase.IDLE
    hint: str = ""  # live guidance (msgid)
    reason: str = ""  # why the last read or still failed (msgid)
    still: bytes | None = None
    verdict: Verdict | None = None
    zone: str = ""  # the verified machine-readable zone (PASSPORT), until handed over

    def start(self, purpose: Purpose, key: str = "") -> None:
        self.clear()
        self.purpose, self.key, self.phase = purpose, key, Phase.LIVE
        self.hint = START_HINT[purpose]

    @property
    def reads_frames(self) -> bool:
        """Whether live frames are wanted for analysis (the passport read runs on the live view)."""
        return self.phase is Phase.LIVE

    def on_hint(self, hint: str) -> None:
        if self.phase is Phase.LIVE and hint:
            self.hint = hint

    def on_read(self, zone: str | None, reason: str) -> bool:
        """A passport read finished; True when the zone is verified and the camera can stop."""
        if self.phase is not Phase.LIVE or self.purpose is not Purpose.PASSPORT:
            return False
        if zone:
            self.zone, self.reason, self.phase = zone, "", Phase.READ
            return True
        self.reason = reason
        return False

    def take(self) -> bool:
        """The visitor tapped "Take photo" (documents and portrait): True when a still is wanted."""
        if self.phase is not Phase.LIVE or self.purpose is Purpose.PASSPORT:
            return False
        self.phase = Phase.CHECKING
        return True

    def on_checked(self, still: bytes | None, verdict: Verdict) -> None:
        if self.phase is not Phase.CHECKING:
            return
        self.still, self.verdict, self.phase = still, verdict, Phase.CAPTURED
        self.reason = "" if verdict.ok else verdict.reason

    def retake(self) -> None:
        if self.phase in (Phase.CAPTURED, Phase.CHECKING) and self.purpose is not None:
            self.start(self.purpose, self.key)

    def keep(self) -> bytes | None:
        """The visitor keeps the still (even one the check doubted: staff can still read it)."""
        if self.phase is not Phase.CAPTURED or self.still is None:
            return None
        still = self.still
        self.clear()
        return still

    def fail(self, reason: str = NO_CAMERA) -> None:
        """The camera stopped or broke: back to the typed path with a reason."""
        purpose, key = self.purpose, self.key
        self.clear()
        self.purpose, self.key, self.reason = purpose, key, reason

    def clear(self) -> None:
        self.purpose, self.key, self.phase = None, "", Phase.IDLE
        self.hint = self.reason = self.zone = ""
        self.still, self.verdict = None, None

"""What a photo check says: fine, or why not, as a msgid the visitor reads in their language."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import N_

UNREADABLE = N_("The picture could not be read: please take it again.")


@dataclass(frozen=True)
class PhotoVerdict:
    """`reason` is a msgid (translate it for the screen); empty when `ok`. `measures` holds the
    figures behind the verdict (for tests, benchmarks and tuning), never picture content."""

    ok: bool
    reason: str = ""
    measures: tuple[tuple[str, float], ...] = ()

    def measure(self, name: str) -> float | None:
        return dict(self.measures).get(name)


def fine(**measures: float) -> PhotoVerdict:
    return PhotoVerdict(True, "", tuple(measures.items()))


def retake(reason: str, **measures: float) -> PhotoVerdict:
    return PhotoVerdict(False, reason, tuple(measures.items()))

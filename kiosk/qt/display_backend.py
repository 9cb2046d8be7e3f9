"""DisplayBackend: the visitor's display choices (contrast, text size, reach mode, motion).

They belong to the visitor, not the kiosk: `reset()` runs when the session is wiped.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.theme import PALETTES

TEXT_SCALES = (1.0, 1.25, 1.5, 2.0)


class DisplayBackend(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.reset()

    def reset(self) -> None:
        self._high_contrast = False
        self._scale = 1.0
        self._reach = False
        self._reduced_motion = False
        self.changed.emit()

    def _get_contrast(self) -> bool:
        return self._high_contrast

    def _get_scale(self) -> float:
        return self._scale

    def _get_reach(self) -> bool:
        return self._reach

    def _get_motion(self) -> bool:
        return self._reduced_motion

    def _colors(self) -> dict[str, str]:
        return PALETTES["high-contrast" if self._high_contrast else "standard"]

    highContrast = Property(bool, _get_contrast, notify=changed)  # noqa: N815
    textScale = Property(float, _get_scale, notify=changed)  # noqa: N815
    reachMode = Property(bool, _get_reach, notify=changed)  # noqa: N815
    reducedMotion = Property(bool, _get_motion, notify=changed)  # noqa: N815
    colors = Property(dict, _colors, notify=changed)

    @Slot()
    def toggleContrast(self) -> None:  # noqa: N802
        self._high_contrast = not self._high_contrast
        self.changed.emit()

    @Slot()
    def nextTextScale(self) -> None:  # noqa: N802
        """Cycle 100% → 125% → 150% → 200% → 100%."""
        at = TEXT_SCALES.index(self._scale) if self._scale in TEXT_SCALES else 0
        self.setTextScale(TEXT_SCALES[(at + 1) % len(TEXT_SCALES)])

    @Slot(float)
    def setTextScale(self, scale: float) -> None:  # noqa: N802
        self._scale = min(2.0, max(1.0, float(scale)))
        self.changed.emit()

    @Slot()
    def toggleReach(self) -> None:  # noqa: N802
        self._reach = not self._reach
        self.changed.emit()

    @Slot()
    def toggleMotion(self) -> None:  # noqa: N802
        self._reduced_motion = not self._reduced_motion
        self.changed.emit()

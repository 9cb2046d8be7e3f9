"""assess_frame: a cheap live hint while the camera runs (too dark, blurred, too far, glare)."""

from __future__ import annotations

import enum

import numpy as np
from PIL import Image

from kiosk.camera.imaging import to_gray
from kiosk.camera.locate import text_mask
from kiosk.i18n import N_

CHECK_WIDTH = 640  # the zone search resolution: strokes still show, and it takes ~20 ms
DARK_LEVEL = 0.22  # the bright end (95th percentile) of a usable frame is above this
GLARE_SHARE = 0.015  # saturated share of the frame that counts as a reflection
NEAR_SHARE = 0.35  # the text must span this share of the frame's width
SHARPNESS = 0.12  # mean gradient over text pixels, relative to the local white, below: blurred


class FrameHint(enum.Enum):
    """What the visitor should do; `message` is the msgid shown (translated) on the screen."""

    OK = N_("Hold still: reading the page.")
    TOO_DARK = N_("Too dark: move to the light or closer to the screen.")
    BLURRED = N_("Hold still")
    TOO_FAR = N_("Move the page closer")
    GLARE = N_("Tilt the page to avoid glare")
    NO_PAGE = N_("Hold the photo page inside the frame.")

    @property
    def message(self) -> str:
        return str(self.value)


def assess_frame(image: Image.Image) -> FrameHint:
    """The first problem seen in `image`, or OK; never raises (an unusable image is NO_PAGE)."""
    try:
        return _assess(image)
    except Exception:  # a malformed frame is a hint like any other, not a crash of the camera loop
        return FrameHint.NO_PAGE


def _assess(image: Image.Image) -> FrameHint:
    gray = to_gray(image, CHECK_WIDTH)
    if gray is None:
        return FrameHint.NO_PAGE
    if float(np.percentile(gray, 95)) < DARK_LEVEL:
        return FrameHint.TOO_DARK
    if float((gray > 0.98).mean()) > GLARE_SHARE:
        return FrameHint.GLARE
    mask = text_mask(gray)
    if mask.mean() < 0.003:
        return FrameHint.NO_PAGE
    cols = np.flatnonzero(mask.sum(axis=0) > 0)
    if cols.size == 0 or (cols[-1] - cols[0]) < NEAR_SHARE * gray.shape[1]:
        return FrameHint.TOO_FAR
    gx = np.abs(np.diff(gray, axis=1))[:-1, :]
    gy = np.abs(np.diff(gray, axis=0))[:, :-1]
    edge = (gx + gy)[mask[:-1, :-1]]
    level = float(np.percentile(gray, 95)) or 1.0
    if edge.size == 0 or float(edge.mean()) / level < SHARPNESS:
        return FrameHint.BLURRED
    return FrameHint.OK

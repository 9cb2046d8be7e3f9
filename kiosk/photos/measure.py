"""Measured picture qualities in numpy: sharpness, brightness and clipped highlights.

All work on a grey copy scaled to ANALYSIS_SIDE px (a 1280x720 frame becomes 640x360), so the
figures do not depend on the camera's resolution and a check costs a few milliseconds.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

ANALYSIS_SIDE = 640


def grey(img: Image.Image, box: tuple[float, float, float, float] | None = None) -> np.ndarray:
    """Luminance 0..255 as float32, of the whole image or of `box` (fractions: l, t, r, b)."""
    if box is not None:
        w, h = img.size
        left, top = max(0, int(box[0] * w)), max(0, int(box[1] * h))
        right, bottom = min(w, int(box[2] * w)), min(h, int(box[3] * h))
        if right - left >= 8 and bottom - top >= 8:
            img = img.crop((left, top, right, bottom))
    small = img.convert("L")
    longest = max(small.size)
    if longest > ANALYSIS_SIDE:
        scale = ANALYSIS_SIDE / longest
        size = (max(1, round(small.width * scale)), max(1, round(small.height * scale)))
        small = small.resize(size, Image.Resampling.BILINEAR)
    return np.asarray(small, dtype=np.float32)


def laplacian_variance(luma: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian: high on sharp edges, low when blurred."""
    if luma.shape[0] < 3 or luma.shape[1] < 3:
        return 0.0
    lap = luma[1:-1, :-2] + luma[1:-1, 2:] + luma[:-2, 1:-1] + luma[2:, 1:-1] - 4.0 * luma[1:-1, 1:-1]
    return float(lap.var())


def mean_luminance(luma: np.ndarray) -> float:
    return float(luma.mean()) if luma.size else 0.0


def clipped_fraction(luma: np.ndarray, level: float = 254.0) -> float:
    """Share of pixels at or above `level` (saturated): glare on a laminated page, a lamp in the frame."""
    return float((luma >= level).mean()) if luma.size else 0.0

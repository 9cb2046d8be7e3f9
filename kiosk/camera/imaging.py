"""Grey-level helpers on numpy arrays: safe conversion, illumination, morphology, skew."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Gray = NDArray[np.float32]

MAX_PIXELS = 50_000_000  # larger images are refused before decoding (a camera frame is ~1 MP)
MIN_SIDE = 32


def to_gray(image: Image.Image, width: int) -> Gray | None:
    """The image as grey levels 0..1 scaled to `width` pixels, or None if it cannot be used.

    Any mode (P, I;16, RGBA, CMYK...) is accepted; tiny, huge and undecodable images give None.
    """
    w, h = image.size
    if w < MIN_SIDE or h < MIN_SIDE or w * h > MAX_PIXELS or w > 20 * h or h > 20 * w:
        return None
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        pixels = np.asarray(image.convert("F"), dtype=np.float32)
        pixels = np.nan_to_num(pixels, nan=0.0, posinf=0.0, neginf=0.0)
        low, high = np.percentile(pixels, (1, 99))
        pixels = np.clip((pixels - low) / max(float(high - low), 1e-6), 0, 1)
        image = Image.fromarray((pixels * 255).astype(np.uint8), "L")
    gray = image.convert("L")
    height = max(1, round(h * width / w))
    gray = gray.resize((width, height), Image.Resampling.BOX if w >= width else Image.Resampling.BILINEAR)
    return np.asarray(gray, dtype=np.float32) / 255.0


def shift_max(a: Gray, k: int, axis: int) -> Gray:
    """Maximum over a centred window of `k` pixels along `axis` (a flat dilation)."""
    return -shift_min(-a, k, axis)


def _window(a: Gray, k: int, axis: int, combine: Callable[[Gray, Gray], Gray]) -> Gray:
    """`combine` of each pixel with its neighbours within a centred window of `k` along `axis`."""
    out = a.copy()
    n = a.shape[axis]
    for step in range(1, min(k // 2, n - 1) + 1):
        lead = [slice(None)] * a.ndim
        tail = [slice(None)] * a.ndim
        lead[axis], tail[axis] = slice(0, n - step), slice(step, n)
        out[tuple(lead)] = combine(out[tuple(lead)], a[tuple(tail)])
        out[tuple(tail)] = combine(out[tuple(tail)], a[tuple(lead)])
    return out


def shift_min(a: Gray, k: int, axis: int) -> Gray:
    """Minimum over a centred window of `k` pixels along `axis` (a flat erosion)."""
    return _window(a, k, axis, np.minimum)


def shift_sum(a: Gray, k: int, axis: int) -> Gray:
    """Sum over a centred window of `k` pixels along `axis` (zero outside)."""
    return _window(a, k, axis, np.add)


def closing(a: Gray, kw: int, kh: int) -> Gray:
    """Grey closing with a kw x kh rectangle: dark details smaller than it are filled in."""
    dilated = shift_max(shift_max(a, kw, 1), kh, 0)
    return shift_min(shift_min(dilated, kw, 1), kh, 0)


def background(a: Gray, block: int) -> Gray:
    """The local paper white: block maxima, widened and smoothed, back at full size."""
    h, w = a.shape
    bh, bw = max(1, h // block), max(1, w // block)
    blocks = a[: bh * block, : bw * block].reshape(bh, block, bw, block).max(axis=(1, 3))
    blocks = shift_max(shift_max(blocks, 3, 0), 3, 1)
    small = Image.fromarray(blocks.astype(np.float32), "F")
    return np.asarray(small.resize((w, h), Image.Resampling.BILINEAR), dtype=np.float32)


def solid_dark(flat: Gray, length: int, level: float = 0.6, grow: int = 5) -> NDArray[np.bool_]:
    """Dark areas and lines (`flat` under `level` of the paper white) longer than `length` px in x or y.

    Text strokes and gaps alternate within a character's width or height; a run of dark much longer
    than a character is the table, a hand, the page's rim or edge: not text. Grown by `grow` pixels.
    """
    found = np.zeros(flat.shape, dtype=np.float32)
    for axis in (0, 1):  # smoothed along the run only: sensor noise must not break it, a thin line stays
        dark = (shift_sum(flat, 3, axis) / 3.0 < level).astype(np.float32)
        found = np.maximum(found, shift_max(shift_min(dark, length, axis), length, axis))
    if grow > 1:
        found = shift_max(shift_max(found, grow, 0), grow, 1)
    return found > 0.5


def ink(a: Gray, kw: int, kh: int, floor: float = 0.04) -> Gray:
    """Black-hat relative to the local white: thin dark strokes (text) high, edges and fields 0."""
    closed = closing(a, kw, kh)
    return np.clip((closed - a) / np.maximum(closed, floor), 0, 1)


def rotate(a: Gray, degrees: float, fill: float = 1.0) -> Gray:
    """`a` turned counter-clockwise by `degrees` around its centre, same size, corners filled."""
    if abs(degrees) < 0.05:
        return a
    image = Image.fromarray(a, "F").rotate(degrees, resample=Image.Resampling.BILINEAR, fillcolor=fill)
    return np.asarray(image, dtype=np.float32)


def skew(mask: Gray, limit: float = 10.0) -> float:
    """The angle (degrees) that makes text rows of `mask` horizontal: sharpest row profile wins."""

    def score(angle: float) -> float:
        rows = rotate(mask, angle, 0.0).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    h, w = mask.shape
    small = mask[: h // 2 * 2, : w // 2 * 2].reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))

    def rough(angle: float) -> float:  # the coarse search at half size (2x2 maxima): 4x fewer pixels
        rows = rotate(small, angle, 0.0).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-limit, limit + 0.01, 1.0), key=rough if min(h, w) >= 64 else score)
    return float(max(np.arange(coarse - 0.8, coarse + 0.81, 0.2), key=score))

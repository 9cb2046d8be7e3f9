"""The zone's rows and character grid from the ink alone: line bands from the row profile, the pitch
and each line's cells from the column profile (fixed-pitch text is periodic)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

from kiosk.camera.imaging import Gray

PITCH_RANGE = (0.7, 1.2)  # an OCR-B pitch is about 0.9 line heights (bands are as tall as the glyphs)
STEPS = 301


def ink_comb(ink: Gray, bands: list[tuple[int, int]]) -> tuple[float, list[float]]:
    """(pitch, each line's phase) at which the lines' column profiles of ink are most periodic.

    Fixed-pitch text puts one character's ink in every cell: each line's profile (ink summed over
    its rows) has its strongest component at the pitch, and that component's phase is where the cell
    centres lie. All lines share the pitch, searched between PITCH_RANGE times the bands' height.
    """
    height = float(np.median([bottom - top for top, bottom in bands]))
    pitches = height * np.linspace(*PITCH_RANGE, STEPS)
    sums = []
    for top, bottom in bands:
        profile = ink[top:bottom].sum(axis=0)
        profile = profile - profile.mean()
        xs = np.arange(profile.size, dtype=np.float64)
        sums.append((profile[None, :] * np.exp(2j * np.pi * xs[None, :] / pitches[:, None])).sum(axis=1))
    best = int(np.argmax(np.sum([np.abs(z) for z in sums], axis=0)))
    found = float(pitches[best])
    return found, [float(np.angle(z[best])) / (2 * np.pi) * found for z in sums]


def ink_starts(ink: Gray, bands: list[tuple[int, int]], pitch: float, phases: list[float],
               length: int) -> list[float]:  # fmt: skip
    """Per line, the x of cell 0's centre: the run of `length` cells holding the most ink.

    Fillers are ink too, so a zone line fills all its cells; beyond its ends lies blank paper.
    """
    starts = []
    for (top, bottom), phase in zip(bands, phases, strict=True):
        profile = np.concatenate([[0.0], np.cumsum(ink[top:bottom].sum(axis=0), dtype=np.float64)])
        first = phase - np.floor((phase - pitch / 2) / pitch) * pitch  # the leftmost whole cell
        centres = np.arange(first, profile.size - 1 - pitch / 2, pitch)
        if centres.size < length:
            starts.append(float(first))
            continue
        lo = np.clip(np.round(centres - pitch / 2).astype(int), 0, profile.size - 1)
        hi = np.clip(np.round(centres + pitch / 2).astype(int), 0, profile.size - 1)
        cells = profile[hi] - profile[lo]
        runs = np.convolve(cells, np.ones(length), mode="valid")
        starts.append(float(centres[int(np.argmax(runs))]))
    return starts


def otsu(values: Gray) -> float:
    """The threshold that best splits `values` (0..1) into two classes."""
    hist, edges = np.histogram(values, bins=64, range=(0.0, 1.0))
    weights = hist.astype(np.float64)
    total = weights.sum() or 1.0
    mids = (edges[:-1] + edges[1:]) / 2
    w0 = np.cumsum(weights) / total
    m0 = np.cumsum(weights * mids) / total
    mean = m0[-1]
    between = (mean * w0 - m0) ** 2 / np.maximum(w0 * (1 - w0), 1e-9)
    return float(mids[int(np.argmax(between))])


def line_bands(ink: Gray, core: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """(top, bottom) of each text line in a zone crop, from its row profile over the `core` columns
    (where the zone was seen; a widened crop's sides may hold the table or a shadow).

    A 3x3 median first: sensor noise (low light) would otherwise fill the gaps between lines.
    """
    if core is not None and core[1] - core[0] >= 8:
        ink = ink[:, max(0, core[0]) : core[1]]
    smooth = np.asarray(Image.fromarray(ink.astype(np.float32), "F").filter(ImageFilter.MedianFilter(3)))
    mask = smooth > max(0.25, otsu(smooth))
    rows = mask.sum(axis=1)
    if not rows.size or rows.max() == 0:
        return []
    floor = float(np.percentile(rows, 10))
    first: list[tuple[int, int]] = []
    for level in LEVELS:  # grainy paper next to a line merges with it: a higher level splits them
        bands = _bands(mask, rows > floor + level * (rows.max() - floor))
        if len(bands) >= 2 and all(_extent(mask[a:b]) >= FLAT * (b - a) for a, b in bands):
            return bands
        first = first or bands
    return first


LEVELS = (0.12, 0.3, 0.5)  # row profile levels (share of its range above its floor) tried in turn
FLAT = 12.0  # a zone line is at least this many times as wide as it is high (27 for 30 characters)


def _bands(mask: NDArray[np.bool_], hit_rows: NDArray[np.bool_]) -> list[tuple[int, int]]:
    hit = np.flatnonzero(hit_rows)
    groups = np.split(hit, np.flatnonzero(np.diff(hit) > 1) + 1)
    bands = [(int(g[0]), int(g[-1]) + 1) for g in groups if g.size]
    if not bands:
        return []
    tallest = max(b - a for a, b in bands)
    bands = [(a, b) for a, b in bands if b - a >= 0.5 * tallest]
    # Zone lines run (nearly) across the whole zone; shorter rows are printed fields nearby.
    extents = [_extent(mask[a:b]) for a, b in bands]
    widest = max(extents, default=0)
    return [band for band, extent in zip(bands, extents, strict=True) if extent >= 0.8 * widest]


def _extent(rows: NDArray[np.bool_]) -> int:
    """The width of a band's ink, its outer 2 % on each side left out (a stray mark, a page edge)."""
    cols = np.flatnonzero(rows.sum(axis=0) >= 2)
    if not cols.size:
        return 0
    low, high = np.percentile(cols, (2, 98))
    return int(high - low)

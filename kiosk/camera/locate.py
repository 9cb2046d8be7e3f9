"""Find the 2-3 lines of a machine-readable zone in a grey frame: deskew, then the widest text rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kiosk.camera.imaging import (
    Gray,
    background,
    ink,
    rotate,
    shift_max,
    shift_min,
    shift_sum,
    skew,
    solid_dark,
)

INK_LEVEL = 0.22  # black-hat contrast (share of the local white) that counts as a stroke
MIN_RUN = 0.25  # a zone line spans at least this share of the frame width


@dataclass(frozen=True)
class Zone:
    """A candidate zone in the deskewed frame (`angle` applied), in work-image pixels."""

    angle: float
    top: int
    bottom: int
    left: int
    right: int
    lines: int  # text rows seen in it (1 when they merged)
    line_height: float


def text_mask(gray: Gray, *, drop_rims: bool = False) -> NDArray[np.bool_]:
    """Thin dark strokes of `gray` (after flattening glare and shadow) as a boolean map.

    Sensor noise in dark areas also looks like strokes: areas far darker than the brightest
    paper are left out, and lone pixels (fewer than 2 neighbours) dropped. `drop_rims`: also long dark
    runs (the table seen along the page's edge, a finger), for the zone search (costs ~5 ms).
    """
    white = np.maximum(background(gray, 16), 0.04)
    flat = gray / white
    mask = ink(np.clip(flat, 0, 1), 7, 7) > INK_LEVEL
    mask &= white > 0.45 * float(np.percentile(white, 85))  # the page is most of the brightest part
    if drop_rims:  # the rim around the page (block maxima still see the paper) is dark and noisy
        mask &= ~solid_dark(np.clip(flat, 0, 1), max(12, gray.shape[1] // 25))
    m = mask.astype(np.float32)
    neighbours = shift_sum(shift_sum(m, 3, 0), 3, 1) - m
    # Sensor noise (low light) makes small specks: strokes of a noisy frame need more neighbours.
    return mask & (neighbours >= (4 if _noise(flat) > NOISY else 2))


NOISY = 0.02


def _noise(flat: Gray) -> float:
    """Pixel noise: the median absolute difference between horizontal neighbours."""
    return float(np.median(np.abs(np.diff(flat, axis=1)))) if flat.shape[1] > 1 else 0.0


def _runs(mask: NDArray[np.bool_]) -> NDArray[np.int32]:
    """Per row: (length, start, end) of its longest run of True."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    out = np.zeros((h, 3), dtype=np.int32)
    for row in range(h):
        starts, ends = np.flatnonzero(edges[row] == 1), np.flatnonzero(edges[row] == -1)
        if starts.size:
            k = int(np.argmax(ends - starts))
            out[row] = (ends[k] - starts[k], starts[k], ends[k])
    return out


def _bands(runs: NDArray[np.int32], least: int) -> list[tuple[int, int, int, int]]:
    """Rows of long runs grouped into bands: (top, bottom, left, right)."""
    long_rows = np.flatnonzero(runs[:, 0] >= least)
    bands: list[tuple[int, int, int, int]] = []
    if not long_rows.size:
        return bands
    groups = np.split(long_rows, np.flatnonzero(np.diff(long_rows) > 1) + 1)
    for rows in groups:
        left, right = int(np.median(runs[rows, 1])), int(np.median(runs[rows, 2]))
        bands.append((int(rows[0]), int(rows[-1]) + 1, left, right))
    return bands


def find_zones(gray: Gray, *, limit: float = 10.0) -> list[Zone]:
    """Candidate zones, best first: groups of long text rows of about the same extent."""
    mask = text_mask(gray, drop_rims=True)
    if mask.mean() < 0.002:
        return []
    angle = skew(mask.astype(np.float32), limit)
    turned = rotate(mask.astype(np.float32), angle, 0.0) > 0.5
    w = gray.shape[1]
    smear = max(5, w // 32)  # bridges the gaps between zone characters of any size
    tall = shift_max(turned.astype(np.float32), 3, 0)  # rows through a chevron's gap still count
    joined = shift_min(shift_max(tall, smear, 1), smear, 1) > 0.5
    runs = _runs(joined)
    longest = int(runs[:, 0].max())
    if longest < MIN_RUN * w:
        return []
    bands = [b for b in _bands(runs, int(longest * 0.6)) if b[1] - b[0] >= 3]
    zones: list[Zone] = []
    used: set[int] = set()
    for i in sorted(range(len(bands)), key=lambda k: -(bands[k][3] - bands[k][2])):
        if i in used:
            continue
        group = [i]
        for step in (-1, 1):  # grow up and down through neighbours of the same extent
            j = i + step
            while 0 <= j < len(bands) and j not in used and len(group) < 3:
                a, b = bands[group[-1] if step > 0 else group[0]], bands[j]
                height = a[1] - a[0]
                gap = b[0] - a[1] if step > 0 else a[0] - b[1]
                overlap = min(a[3], b[3]) - max(a[2], b[2])
                if gap > 1.5 * height or overlap < 0.6 * (a[3] - a[2]):
                    break
                group = [*group, j] if step > 0 else [j, *group]
                j += step
        used.update(group)
        members = [bands[k] for k in group]
        top, bottom = min(b[0] for b in members), max(b[1] for b in members)
        heights = [b[1] - b[0] for b in members]
        zones.append(Zone(angle=angle, top=top, bottom=bottom, left=min(b[2] for b in members),
                          right=max(b[3] for b in members), lines=len(members),
                          line_height=float(np.median(heights))))  # fmt: skip
    # A zone is fixed-pitch text (rows of noise, a dark grainy table beside the page, are not
    # periodic: last) in 2 or 3 lines: such groups first, widest first.
    regular = {id(z): periodicity(turned[z.top : z.bottom, z.left : z.right]) >= PERIODIC for z in zones}
    return sorted(zones, key=lambda z: (not regular[id(z)], not 2 <= z.lines <= 3, -(z.right - z.left)))


PERIODIC = 0.35  # zone lines score 0.6-0.7; rows of sensor noise 0.15-0.25
PITCHES = np.linspace(4.0, 24.0, 161)  # zone character pitch in search-image pixels (640 px frames)


def periodicity(rows: NDArray[np.bool_]) -> float:
    """How periodic the column profile of strokes is: its strongest Fourier component at a character
    pitch over its total (1 for a pure comb; fixed-pitch text scores high, noise low)."""
    profile = rows.sum(axis=0).astype(np.float64)
    profile -= profile.mean()
    total = float(np.abs(profile).sum())
    if total <= 0:
        return 0.0
    xs = np.arange(profile.size, dtype=np.float64)
    waves = np.exp(2j * np.pi * xs[None, :] / PITCHES[:, None])
    return float(np.abs(waves @ profile).max()) / total

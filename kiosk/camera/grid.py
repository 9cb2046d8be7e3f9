"""The zone's character grid refined from the ink alone: the column profile of each line is periodic."""

from __future__ import annotations

import numpy as np

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

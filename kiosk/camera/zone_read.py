"""Read the lines of a cropped zone: chevrons by template, the other characters by tesseract."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kiosk.camera import chevrons, glyphs
from kiosk.camera.imaging import Gray
from kiosk.camera.tesseract import ocr_glyphs

CHEVRON = 200.0  # a template match outranks any tesseract confidence (0-100) in its cell
LINE_HEIGHT = 32  # crops are scaled so that a zone character is about this many pixels high


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


def line_bands(ink: Gray) -> list[tuple[int, int]]:
    """(top, bottom) of each text line in a zone crop, from its row profile."""
    mask = ink > max(0.25, otsu(ink))
    rows = mask.sum(axis=1)
    if not rows.size or rows.max() == 0:
        return []
    hit = np.flatnonzero(rows > 0.12 * rows.max())
    groups = np.split(hit, np.flatnonzero(np.diff(hit) > 1) + 1)
    bands = [(int(g[0]), int(g[-1]) + 1) for g in groups if g.size]
    tallest = max(b - a for a, b in bands)
    return [(a, b) for a, b in bands if b - a >= 0.5 * tallest]


@dataclass(frozen=True)
class ZoneText:
    """The lines read on the grid and, per character, tesseract's confidence (0-100; chevrons 100)."""

    lines: list[str]
    confidence: list[list[float]]


def read_zone(paper: Gray) -> ZoneText | None:
    """The text lines of `paper` (flattened crop, white = 1) on the zone's fixed-pitch grid.

    Tesseract reads every character with its box; a chevron found by template matching overrides
    whatever tesseract put in its cell. Cells nobody filled read '?'. None when no 2-3 lines are seen.
    """
    ink = np.clip(1.0 - paper, 0, 1)
    bands = line_bands(ink)
    if not 2 <= len(bands) <= 3:
        return None
    glyphs = ocr_glyphs((np.clip(paper, 0, 1) * 255).astype(np.uint8))
    rows: list[list[tuple[float, str, float]]] = []
    for top, bottom in bands:
        lo, hi = max(0, top - 3), min(paper.shape[0], bottom + 3)
        marks = chevrons.find(ink[lo:hi], max(3, round((bottom - top) * 0.88)))
        items = [((a + b) / 2, "<", CHEVRON) for a, b in marks]
        items += [(g.x, g.char, g.confidence) for g in glyphs if top - 2 <= g.y <= bottom + 2]
        rows.append(sorted(items))
    pitch = _pitch(rows)
    if pitch <= 0:
        return None
    length = 30 if len(rows) == 3 else _length(rows, pitch)
    grids = [_on_grid(items, pitch, length) for items in rows]
    digit_height = float(max(bottom - top for top, bottom in bands))
    cells = [[(_settled(ink, char, conf, origin + k * step, bottom, digit_height), conf)
              for k, (char, conf) in enumerate(line)]
             for (line, origin, step), (_, bottom) in zip(grids, bands, strict=True)]  # fmt: skip
    return ZoneText(["".join(c for c, _ in line) for line in cells],
                    [[min(100.0, p) for _, p in line] for line in cells])  # fmt: skip


def _pitch(rows: list[list[tuple[float, str, float]]]) -> float:
    """The character pitch: the usual distance between neighbours."""
    steps = [b[0] - a[0] for items in rows for a, b in zip(items, items[1:], strict=False)]
    steps = [s for s in steps if s > 0]
    if not steps:
        return 0.0
    typical = float(np.median(steps))
    close = [s for s in steps if 0.7 * typical <= s <= 1.3 * typical]
    return float(np.median(close)) if close else typical


def _length(rows: list[list[tuple[float, str, float]]], pitch: float) -> int:
    """44 (passport) or 36 (TD2): whichever fits the widest line's span at the typical pitch."""
    span = max(items[-1][0] - items[0][0] for items in rows if items)
    return min((44, 36), key=lambda n: abs(span / (n - 1) - pitch))


def _settled(ink: Gray, char: str, confidence: float, x: float, bottom: int, digit_height: float) -> str:
    if confidence >= CHEVRON or glyphs.group_of(char) is None:
        return char
    return glyphs.settle(ink, char, x, bottom, digit_height)


def _on_grid(
    items: list[tuple[float, str, float]], pitch: float, length: int
) -> tuple[list[tuple[str, float]], float, float]:
    """The line's characters in `length` cells; the grid is refitted to the items (least squares)."""
    if not items:
        return [("?", 0.0)] * length, 0.0, pitch
    xs = np.array([x for x, _, _ in items])
    origin = float(xs[0])
    last = float(xs[-1])
    if length > 1 and abs((last - origin) / (length - 1) - pitch) < 0.08 * pitch:
        pitch = (last - origin) / (length - 1)  # both ends seen: the exact pitch of this line
    for _ in range(3):
        ks = np.round((xs - origin) / pitch)
        if np.unique(ks).size < 2:
            break
        pitch, origin = (float(v) for v in np.polyfit(ks, xs, 1))
    cells: list[tuple[str, float]] = [("?", -1.0)] * length
    for x, char, confidence in items:
        k = round((x - origin) / pitch)
        if 0 <= k < length and confidence > cells[k][1]:
            cells[k] = (char, confidence)
    return cells, origin, pitch

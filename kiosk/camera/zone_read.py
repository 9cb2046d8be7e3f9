"""Read the lines of a cropped zone: chevrons by template, the other characters by tesseract."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

from kiosk.camera import cells as cell_templates
from kiosk.camera import chevrons
from kiosk.camera.grid import ink_comb, ink_starts
from kiosk.camera.imaging import Gray
from kiosk.camera.mrz_fix import LAYOUTS
from kiosk.camera.tesseract import Glyph, ocr_glyphs

CHEVRON = 200.0  # a template match outranks any tesseract confidence (0-100) in its cell
CLEAR = 0.08  # a template margin (best minus second correlation) that outranks tesseract
MAX_BANDS = 5  # text rows in a crop: the zone's 2-3 lines and printed rows or strays next to it
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
    hit = np.flatnonzero(rows > floor + 0.12 * (rows.max() - floor))
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


@dataclass(frozen=True)
class ZoneText:
    """The lines read on the grid and, per character, tesseract's confidence (0-100; chevrons 100)."""

    lines: list[str]
    confidence: list[list[float]]
    cells: list[list[cell_templates.Cell]] | None = None  # template rankings (template readings only)


def tesseract_read(paper: Gray) -> list[Glyph]:
    """Tesseract's characters in `paper`: their positions place the grid for every variant of it."""
    return ocr_glyphs((np.clip(paper, 0, 1) * 255).astype(np.uint8))


def read_zone(paper: Gray, read: list[Glyph] | None = None, core: tuple[int, int] | None = None
              ) -> Iterator[ZoneText]:  # fmt: skip
    """Readings of `paper` (flattened crop, white = 1) on the zone's fixed-pitch grid, likeliest first.

    Tesseract reads every character with its box; a chevron found by template matching overrides
    whatever tesseract put in its cell. Cells nobody filled read '?'. The grid comes from the ink's
    extent or from the characters' spread, for each line length the zone may have: several readings,
    each to be verified. [] when not 2 to MAX_BANDS lines are seen. `read`: tesseract's characters of the same
    crop (another preprocessing of it), if already known: tesseract runs once per crop. `core`: the
    columns where the zone was seen (line bands are measured there).
    """
    ink = np.clip(1.0 - paper, 0, 1)
    bands = line_bands(ink, core)
    if not 2 <= len(bands) <= MAX_BANDS:
        return
    mask = ink > max(0.25, otsu(ink))
    if read is None:
        read = tesseract_read(paper)
    rows: list[list[tuple[float, str, float]]] = []
    edges: list[tuple[float, float] | None] = []
    for top, bottom in bands:
        lo, hi = max(0, top - 3), min(paper.shape[0], bottom + 3)
        marks = chevrons.find(ink[lo:hi], max(3, round((bottom - top) * 0.88)))
        items = [((a + b) / 2, "<", CHEVRON) for a, b in marks]
        items += [(g.x, g.char, g.confidence) for g in read if top - 2 <= g.y <= bottom + 2]
        rows.append(sorted(items))
        cols = np.flatnonzero(mask[top:bottom].sum(axis=0) >= 2)
        edges.append((float(cols[0]), float(cols[-1] + 1)) if cols.size else None)
    # Any 3 or 2 neighbouring bands may be the zone (a printed field or a stray row above or below).
    sets = [list(range(i, i + n)) for n in (3, 2) for i in range(len(bands) - n + 1)]
    candidates = []
    for chosen in sets:
        parts = [bands[i] for i in chosen]
        height = float(max(bottom - top for top, bottom in parts))
        span = max((edges[i][1] - edges[i][0] for i in chosen if edges[i]), default=0.0)  # type: ignore[index]
        for length in [30] if len(chosen) == 3 else [44, 36]:
            # Zone width over character height: about 40 for 44 characters, 33 for 36, 27 for 30.
            candidates.append((abs(span / max(height, 1.0) - length / 1.1), chosen, length))
    for _, chosen, length in sorted(candidates, key=lambda c: c[0]):
        yield from _read_lines(ink, [bands[i] for i in chosen], [rows[i] for i in chosen], length, core)


def _read_lines(ink: Gray, bands: list[tuple[int, int]], rows: list[list[tuple[float, str, float]]],
                length: int, core: tuple[int, int] | None = None) -> list[ZoneText]:  # fmt: skip
    """Readings of the zone made of these lines with `length` characters each.

    Tesseract's characters give the pitch; the ink's column profiles (over `core`) refine it and
    each line's phase; the templates then settle each line's baseline, the camera's blur, and which
    cell is the first.
    """
    grid = _comb(rows)
    if grid is None:
        return []
    pitch, phases = ink_comb(ink[:, core[0] : core[1]] if core else ink, bands)
    if core:
        phases = [phase + core[0] for phase in phases]
    layout = LAYOUTS[(len(rows), length)]
    starts = ink_starts(ink, bands, pitch, phases, length)
    bands = [(top, cell_templates.fit_baseline(ink, pitch, at, length, bottom))
             for at, (top, bottom) in zip(starts, bands, strict=True)]  # fmt: skip
    ends = [(at, bottom, length) for at, (_, bottom) in zip(starts, bands, strict=True)]
    blur = cell_templates.fit_blur(ink, pitch, ends)
    moves = cell_templates.fit_offsets(ink, pitch, ends, blur=blur)
    starts = _aligned([at + move * pitch for at, move in zip(starts, moves, strict=True)], pitch)
    grids = [(_fill(items, at, pitch, length), at) for items, at in zip(rows, starts, strict=True)]
    spec = [(at, bottom, [_CELL[kind] for kind in kinds])
            for (_, at), (_, bottom), kinds in zip(grids, bands, layout, strict=True)]  # fmt: skip
    ranked = cell_templates.classify(ink, pitch, spec, blur=blur)
    readings = []
    if ranked is not None:  # the templates' reading first: it is the more accurate one
        margins = [[100.0 * c.margin for c in line] for line in ranked]
        readings.append(ZoneText(["".join(c.best for c in line) for line in ranked], margins, ranked))
        # Tesseract's reading, its look-alikes and holes settled by the templates.
        cells = [[(_settled(char, conf, cell), conf)
                  for (char, conf), cell in zip(line, marks, strict=True)]
                 for (line, _), marks in zip(grids, ranked, strict=True)]  # fmt: skip
    else:  # no OCR-B font: tesseract's reading alone
        cells = [line for line, _ in grids]
    readings.append(ZoneText(["".join(c for c, _ in line) for line in cells],
                             [[min(100.0, p) for _, p in line] for line in cells]))  # fmt: skip
    return readings


def _aligned(starts: list[float], pitch: float) -> list[float]:
    """The lines of a zone start at the same x: with three lines, one off by cells joins the others."""
    if len(starts) < 3:
        return starts
    middle = float(np.median(starts))
    return [x + round((middle - x) / pitch) * pitch for x in starts]


def _comb(rows: list[list[tuple[float, str, float]]]) -> tuple[float, list[float]] | None:
    """The pitch shared by all lines and each line's phase (x of some cell centre).

    A comb fit: the pitch at which the characters' positions agree best modulo the pitch,
    searched within 15 % of the usual neighbour distance. Stray or missing characters barely move it.
    """
    steps = [b[0] - a[0] for items in rows for a, b in itertools.pairwise(items) if b[0] - a[0] > 1]
    if len(steps) < 4:
        return None
    typical = float(np.median(steps))
    steps = [x for x in steps if 0.7 * typical <= x <= 1.3 * typical]
    guess = float(np.median(steps)) if steps else typical
    pitches = guess * np.linspace(0.85, 1.15, 601)
    sums = []
    for items in rows:
        xs = np.array([x for x, _, _ in items])
        ws = np.array([1.0 if conf >= CHEVRON else max(conf, 1.0) / 100 for _, _, conf in items])
        sums.append((ws[None, :] * np.exp(2j * np.pi * xs[None, :] / pitches[:, None])).sum(axis=1))
    best = int(np.argmax(np.sum([np.abs(z) for z in sums], axis=0)))
    pitch = float(pitches[best])
    return pitch, [float(np.angle(z[best])) / (2 * np.pi) * pitch for z in sums]


def _on_grid(
    rows: list[list[tuple[float, str, float]]], pitch: float, phases: list[float], length: int
) -> list[tuple[list[tuple[str, float]], float]]:
    """Each line's characters in `length` cells, and the x of its cell 0.

    A line with more occupied cells than `length` keeps the run of cells that holds the most
    (chevrons count most); the lines of a zone start at the same x, which places a shorter line.
    """
    spans = []
    for items, phase in zip(rows, phases, strict=True):
        ks = [round((x - phase) / pitch) for x, _, _ in items]
        if not ks:
            spans.append((phase, 0, 0, ks))
            continue
        low, high = min(ks), max(ks)
        weight = {k: 0.0 for k in range(low, high + 1)}
        for k, (_, _, conf) in zip(ks, items, strict=True):
            weight[k] += 2.0 if conf >= CHEVRON else conf / 100
        starts = range(low, max(low, high - length + 1) + 1)
        start = max(starts, key=lambda s: sum(weight.get(k, 0.0) for k in range(s, s + length)))
        spans.append((phase, start, high - low + 1, ks))
    full = [phase + start * pitch for phase, start, count, _ in spans if count >= length]
    left = float(np.median(full)) if full else min(phase + start * pitch for phase, start, _, _ in spans)
    out = []
    for (phase, start, count, _), items in zip(spans, rows, strict=True):
        if count < length:  # align with the zone's left edge
            start = round((left - phase) / pitch)
        out.append((_fill(items, phase + start * pitch, pitch, length), phase + start * pitch))
    return out


_ALLOWED = {"D": "0123456789", "C": "0123456789", "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "S": "MF",
            "X": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}  # fmt: skip


Cells = list[tuple[str, float]]
_LETTERS, _DIGITS = _ALLOWED["A"], _ALLOWED["D"]
_CELL = {"D": _DIGITS, "C": _DIGITS + "<", "A": _LETTERS + "<", "S": "MF<", "X": _LETTERS + _DIGITS + "<"}


def _fill(items: list[tuple[float, str, float]], origin: float, pitch: float, length: int) -> Cells:
    """Characters into cells: near a cell centre first, then those between two cells into a free one."""
    cells: list[tuple[str, float]] = [("?", -1.0)] * length
    between = []
    for x, char, conf in items:
        at = (x - origin) / pitch
        k = round(at)
        if abs(at - k) > 0.3:
            between.append((at, char, conf))
        elif 0 <= k < length and conf > cells[k][1]:
            cells[k] = (char, conf)
    for at, char, conf in between:
        for k in sorted((int(np.floor(at)), int(np.ceil(at))), key=lambda k: abs(at - k)):
            if 0 <= k < length and cells[k][1] < 0:
                cells[k] = (char, conf)
                break
    return cells


def _settled(char: str, confidence: float, cell: cell_templates.Cell) -> str:
    """Tesseract's character unless the templates clearly disagree or it is not allowed in the cell."""
    if confidence >= CHEVRON:
        return char
    allowed = [c for _, c in cell.ranked]
    if char not in allowed or cell.margin >= CLEAR or char not in allowed[:2]:
        return cell.best
    return char

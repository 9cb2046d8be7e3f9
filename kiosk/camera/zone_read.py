"""Read the lines of a cropped zone: the grid from the ink, each cell by OCR-B templates, and tesseract's
reading settled by them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kiosk.camera import cells as cell_templates
from kiosk.camera import chevrons
from kiosk.camera.grid import ink_comb, ink_starts, line_bands, otsu
from kiosk.camera.imaging import Gray
from kiosk.camera.mrz_fix import LAYOUTS, UNCHECKED
from kiosk.camera.tesseract import Glyph, ocr_glyphs

MIN_SEEN = 5  # characters (tesseract's or chevrons) in a zone's lines before its cells are classified
CHEVRON = 200.0  # a template match outranks any tesseract confidence (0-100) in its cell
UNSURE = 0.015  # a template margin under which an unchecked letter is a doubt (a wrong N/M: 0.002)
CLEAR = 0.08  # a template margin (best minus second correlation) that outranks tesseract
MAX_BANDS = 5  # text rows in a crop: the zone's 2-3 lines and printed rows or strays next to it
LINE_HEIGHT = 32  # crops are scaled so that a zone character is about this many pixels high


@dataclass
class Geometry:
    """What one crop's first preprocessing found, kept for the others: the lines and each grid."""

    bands: list[tuple[int, int]] | None = None
    # (lines chosen, length) -> (pitch, each line's cell 0 x, each line's (top, baseline))
    grids: dict[tuple[tuple[int, ...], int], tuple[float, list[float], list[tuple[int, int]]]] = field(
        default_factory=dict)


@dataclass(frozen=True)
class ZoneText:
    """The lines read on the grid and, per character, tesseract's confidence (0-100; chevrons 100)."""

    lines: list[str]
    confidence: list[list[float]]
    cells: list[list[cell_templates.Cell]] | None = None  # template rankings (template readings only)
    sure: bool = True  # every cell no check digit covers is the templates' clear first choice


def tesseract_read(paper: Gray, bands: list[tuple[int, int]] | None = None) -> list[Glyph]:
    """Tesseract's characters in `paper` (only the rows of its `bands` of text, when known): its
    reading of every variant of the crop."""
    top, bottom = 0, paper.shape[0]
    if bands:
        top = max(0, bands[0][0] - LINE_HEIGHT // 2)
        bottom = min(paper.shape[0], bands[-1][1] + LINE_HEIGHT // 2)
    glyphs = ocr_glyphs((np.clip(paper[top:bottom], 0, 1) * 255).astype(np.uint8))
    return [Glyph(g.x, g.y + top, g.char, g.confidence) for g in glyphs]


def read_zone(paper: Gray, read: list[Glyph] | None = None, core: tuple[int, int] | None = None,
              geometry: Geometry | None = None, cut: NDArray[np.bool_] | None = None
              ) -> Iterator[ZoneText]:  # fmt: skip
    """Readings of `paper` (flattened crop, white = 1) on the zone's fixed-pitch grid, likeliest first.

    For each set of 2-3 neighbouring lines and each line length it may have, the grid is fitted to
    the ink and every cell classified by templates (the first reading); tesseract's characters, with
    chevrons found by template matching over them, fill the same cells for a second reading, settled
    by the templates. Cells nobody filled read '?'. [] when not 2 to MAX_BANDS lines are seen.
    `read`: tesseract's characters of the same crop (another preprocessing of it), if already known:
    tesseract runs once per crop. `core`: the columns where the zone was seen (line bands are
    measured there). `geometry`: the lines and grids found in another preprocessing of the crop
    (the first one fills it): sharpening or binarising noise must not move them. `cut`: where the
    crop lies outside the camera's frame (cells touching it read '?').
    """
    ink = np.clip(1.0 - paper, 0, 1)
    geometry = geometry if geometry is not None else Geometry()
    if geometry.bands is None:
        geometry.bands = line_bands(ink, core)
    bands = geometry.bands
    if not 2 <= len(bands) <= MAX_BANDS:
        return
    mask = ink > max(0.25, otsu(ink))
    if read is None:
        read = tesseract_read(paper, bands)
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
        if sum(len(rows[i]) for i in chosen) < MIN_SEEN:  # not text tesseract or the chevrons could see
            continue
        key = (tuple(chosen), length)
        if key not in geometry.grids:
            geometry.grids[key] = _grid(ink, [bands[i] for i in chosen], length, core)
        yield from _read_lines(ink, geometry.grids[key], [rows[i] for i in chosen], length, cut)


def _grid(ink: Gray, bands: list[tuple[int, int]], length: int, core: tuple[int, int] | None
          ) -> tuple[float, list[float], list[tuple[int, int]]]:  # fmt: skip
    """The grid of these lines with `length` cells each: (pitch, each line's cell 0 x, (top, baseline)).

    The ink's column profiles (over `core`) give the pitch and each line's phase, the run of cells
    holding the most ink the first cell; the templates then settle each line's baseline and moves
    of up to three cells at the line's ends.
    """
    pitch, phases = ink_comb(ink[:, core[0] : core[1]] if core else ink, bands)
    if core:
        phases = [phase + core[0] for phase in phases]
    starts = ink_starts(ink, bands, pitch, phases, length)
    bands = [(top, cell_templates.fit_baseline(ink, pitch, at, length, bottom))
             for at, (top, bottom) in zip(starts, bands, strict=True)]  # fmt: skip
    ends = [(at, bottom, length) for at, (_, bottom) in zip(starts, bands, strict=True)]
    moves = cell_templates.fit_offsets(ink, pitch, ends, blur=cell_templates.fit_blur(ink, pitch, ends))
    return pitch, _aligned([at + move * pitch for at, move in zip(starts, moves, strict=True)], pitch), bands


def _read_lines(ink: Gray, grid: tuple[float, list[float], list[tuple[int, int]]],
                rows: list[list[tuple[float, str, float]]], length: int, cut: NDArray[np.bool_] | None
                ) -> list[ZoneText]:  # fmt: skip
    """Readings of the zone's lines on `grid` (pitch, cell 0 x, (top, baseline) per line), `length` cells
    each: the templates', at the blur that fits this preprocessing best, then tesseract's."""
    pitch, starts, bands = grid
    layout = LAYOUTS[(len(rows), length)]
    ends = [(at, bottom, length) for at, (_, bottom) in zip(starts, bands, strict=True)]
    blur = cell_templates.fit_blur(ink, pitch, ends)
    grids = [(_fill(items, at, pitch, length), at) for items, at in zip(rows, starts, strict=True)]
    spec = [(at, bottom, [_CELL[kind] for kind in kinds])
            for (_, at), (_, bottom), kinds in zip(grids, bands, layout, strict=True)]  # fmt: skip
    ranked = cell_templates.classify(ink, pitch, spec, blur=blur, cut=cut)
    readings = []
    if ranked is None:  # no OCR-B font: tesseract's reading alone
        cells = [line for line, _ in grids]
        return [ZoneText(["".join(c for c, _ in line) for line in cells],
                         [[min(100.0, p) for _, p in line] for line in cells])]  # fmt: skip
    # The templates' reading first: it is the more accurate one.
    margins = [[100.0 * c.margin for c in line] for line in ranked]
    best = ["".join(c.best for c in line) for line in ranked]
    readings.append(ZoneText(best, margins, ranked, _sure(best, ranked)))
    # Tesseract's reading, its look-alikes and holes settled by the templates.
    cells = [[(_settled(char, conf, cell), conf) for (char, conf), cell in zip(line, marks, strict=True)]
             for (line, _), marks in zip(grids, ranked, strict=True)]  # fmt: skip
    lines = ["".join(c for c, _ in line) for line in cells]
    readings.append(ZoneText(lines, [[min(100.0, p) for _, p in line] for line in cells],
                             sure=_sure(lines, ranked)))  # fmt: skip
    return readings


def _sure(lines: list[str], ranked: list[list[cell_templates.Cell]]) -> bool:
    """Whether every letter no check digit covers (names, states, sex) is the templates' first
    choice by at least UNSURE: two preprocessings of one crop can agree on a wrong N/M there."""
    unchecked = UNCHECKED.get((len(lines), len(lines[0]) if lines else 0), frozenset())
    for row, col in unchecked:
        char, cell = lines[row][col], ranked[row][col]
        if char not in "<?" and (char != cell.best or cell.margin < UNSURE):
            return False
    return True


def _aligned(starts: list[float], pitch: float) -> list[float]:
    """The lines of a zone start at the same x: with three lines, one off by cells joins the others."""
    if len(starts) < 3:
        return starts
    middle = float(np.median(starts))
    return [x + round((middle - x) / pitch) * pitch for x in starts]


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

"""Every zone cell classified by OCR-B templates: normalised cross-correlation on the fitted grid.

The zone is fixed-pitch OCR-B: once the grid (pitch, each line's cell 0, its baseline) is known,
each cell is compared with the glyphs its position allows, drawn from Debian's fonts-ocr-b at the
grid's pitch, over a small x/y shift search. Without the font there are no templates (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from kiosk.camera.imaging import Gray

# Debian fonts-ocr-b (SYSTEM_PACKAGES); without it only tesseract's reading is left.
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")

ZONE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
SHIFT = 3  # pixels searched around the grid position, each way
OVERSAMPLE = 4
LEAST = 0.35  # a cell whose best correlation is lower reads '?'
_REF_SIZE = 100  # font size at which the advance and digit height are measured


@dataclass(frozen=True)
class Cell:
    """A cell's best characters, highest correlation first: [(score, char), ...]."""

    ranked: list[tuple[float, str]]

    @property
    def best(self) -> str:
        return self.ranked[0][1]

    @property
    def margin(self) -> float:
        return self.ranked[0][0] - self.ranked[1][0] if len(self.ranked) > 1 else 0.0


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | None:
    try:
        return ImageFont.truetype(str(OCR_B), size)
    except (OSError, ImportError):  # no font file, or a Pillow built without FreeType: no templates
        return None


@cache
def _metrics() -> tuple[float, float] | None:
    """(advance, digit height) of OCR-B per unit of font size."""
    font = _font(_REF_SIZE)
    if font is None:
        return None
    box = font.getbbox("0", anchor="ls")
    return font.getlength("0") / _REF_SIZE, -box[1] / _REF_SIZE


@cache
def templates(pitch10: int, blur10: int) -> tuple[NDArray[np.float32], int, int, int] | None:
    """All zone characters drawn one per cell at pitch pitch10/10 px: (37, h*w) rows, zero mean, unit norm.

    Also the template's height, width and baseline row. Cells are `round(pitch)` wide with the glyph's
    advance box centred; `blur10`/10 px of Gaussian blur softens them like a camera does.
    """
    metrics = _metrics()
    if metrics is None:
        return None
    advance, digit = metrics
    pitch = pitch10 / 10
    size = pitch / advance
    digit_h = digit * size
    width = max(4, round(pitch))
    base = round(digit_h * 1.2)
    height = base + max(2, round(digit_h * 0.2))
    font = _font(max(4, round(size * OVERSAMPLE)))
    if font is None:
        return None
    rows = []
    for char in ZONE_CHARS:
        big = Image.new("L", (width * OVERSAMPLE, height * OVERSAMPLE), 0)
        left = (width * OVERSAMPLE - font.getlength(char)) / 2
        ImageDraw.Draw(big).text((left, base * OVERSAMPLE), char, font=font, fill=255, anchor="ls")
        small = big.resize((width, height), Image.Resampling.BOX)
        if blur10:
            small = small.filter(ImageFilter.GaussianBlur(blur10 / 10))
        t = np.asarray(small, dtype=np.float32).ravel() / 255.0
        t = t - t.mean()
        rows.append(t / max(float(np.sqrt((t * t).sum())), 1e-6))
    return np.stack(rows), height, width, base


def _peaks(ink: Gray, pitch: float, blur: float, centres: list[tuple[float, int]]
           ) -> NDArray[np.float32] | None:  # fmt: skip
    """Each template's best correlation over the shifts, for cells at (x centre, baseline row): (n, 37)."""
    built = templates(round(pitch * 10), round(blur * 10))
    if built is None:
        return None
    bank, th, tw, base = built
    if not centres:
        return np.zeros((0, len(ZONE_CHARS)), dtype=np.float32)
    pad = SHIFT + tw + th
    padded = np.pad(ink.astype(np.float32), pad, mode="constant")
    rh, rw = th + 2 * SHIFT, tw + 2 * SHIFT
    corners = []
    for x, baseline in centres:
        left = min(max(0, round(x - tw / 2) + pad - SHIFT), padded.shape[1] - rw)
        top = min(max(0, baseline - base + pad - SHIFT), padded.shape[0] - rh)
        corners.append((top, left))
    regions = np.stack([padded[top : top + rh, left : left + rw] for top, left in corners])
    windows = sliding_window_view(regions, (1, th, tw)).reshape(len(corners), -1, th * tw)
    # The templates have zero mean, so the window's own mean drops out of the dot product.
    # einsum, not `@`: the bundles' numpy has no BLAS (docs/deploy.md), and there numpy's own
    # matmul loop is 3-6x slower than einsum's for these shapes (40 pages: median read 0.71 s with
    # `@`, 0.52 s with einsum; with OpenBLAS `@` gave 0.53 s).
    flat = windows.reshape(-1, th * tw)
    dots = np.einsum("ij,kj->ik", flat, bank).reshape(len(corners), -1, len(ZONE_CHARS))
    sums = windows.sum(axis=2)
    energy = np.square(windows).sum(axis=2) - sums * sums / (th * tw)
    scores = dots / np.sqrt(np.maximum(energy, 1e-6))[:, :, None]
    return np.asarray(scores.max(axis=1), dtype=np.float32)  # each template's best over the shifts


def fit_baseline(ink: Gray, pitch: float, x0: float, cells: int, baseline: int, *, reach: int = 8,
                 blur: float = 0.6) -> int:  # fmt: skip
    """The baseline row of a line near `baseline`: where the line's row profile of ink best matches
    the templates' (a line band's bottom sits lower than the glyphs when blur or glare smears it)."""
    built = templates(round(pitch * 10), round(blur * 10))
    if built is None:
        return baseline
    bank, th, tw, base = built
    model = bank.reshape(len(ZONE_CHARS), th, tw).sum(axis=(0, 2))
    model = model - model.mean()
    top = baseline - base - reach
    left, right = max(0, round(x0 - pitch / 2)), max(0, round(x0 + (cells - 0.5) * pitch))
    padded = np.pad(ink[:, left:right].astype(np.float32), ((th + reach, th + reach), (0, 0)))
    rows = padded[top + th + reach : top + 2 * th + 3 * reach].mean(axis=1)  # th + 2*reach rows
    if rows.size < th + 2 * reach:
        return baseline
    fits = [float(np.dot(rows[k : k + th] - rows[k : k + th].mean(), model)) for k in range(2 * reach + 1)]
    return baseline + int(np.argmax(fits)) - reach


BLURS = (0.6, 1.0, 1.5)  # template softness (px of Gaussian blur at the grid's scale) to choose from


def fit_blur(ink: Gray, pitch: float, lines: list[tuple[float, int, int]], *, every: int = 4) -> float:
    """The template blur that fits the zone best: the highest mean best-correlation over every
    `every`-th cell of the lines (x of cell 0's centre, baseline row, cells); camera blur varies."""
    centres = [(x0 + k * pitch, baseline) for x0, baseline, n in lines for k in range(0, n, every)]
    best, chosen = -1.0, BLURS[0]
    for blur in BLURS:
        peaks = _peaks(ink, pitch, blur, centres)
        if peaks is None or not len(peaks):
            return BLURS[0]
        fit = float(peaks.max(axis=1).mean())
        if fit > best:
            best, chosen = fit, blur
    return chosen


SHIFT_GAIN = 0.2  # per cell moved: how much better the cells gained must fit than the cells lost
MAX_MOVE = 3


def fit_offsets(ink: Gray, pitch: float, lines: list[tuple[float, int, int]], *, blur: float = 0.6
                ) -> list[int]:  # fmt: skip
    """Per line (x of cell 0's centre, baseline row, cells): how many cells (-3..3) to move the grid by.

    A grid off by a cell or two (tesseract missed or invented characters at an end) leaves blank cells
    at one end and cuts characters at the other: the end cells' best template fits say which way.
    """
    ks = [*range(-MAX_MOVE, MAX_MOVE), *range(-MAX_MOVE, MAX_MOVE)]  # cells just before/after each end
    centres = [(x0 + (k if i < 2 * MAX_MOVE else n + k) * pitch, baseline)
               for x0, baseline, n in lines for i, k in enumerate(ks)]  # fmt: skip
    peaks = _peaks(ink, pitch, blur, centres)
    if peaks is None:
        return [0] * len(lines)
    fits = peaks.max(axis=1).reshape(len(lines), 2, 2 * MAX_MOVE)  # [line, start/end, k + MAX_MOVE]
    out = []
    for start, end in fits.tolist():
        gains = {0: 0.0}
        for d in range(1, MAX_MOVE + 1):  # right by d: cells n..n+d-1 in, 0..d-1 out; left: the reverse
            inside, outside = slice(MAX_MOVE, MAX_MOVE + d), slice(MAX_MOVE - d, MAX_MOVE)
            gains[d] = sum(end[inside]) - sum(start[inside]) - SHIFT_GAIN * d
            gains[-d] = sum(start[outside]) - sum(end[outside]) - SHIFT_GAIN * d
        out.append(max(gains, key=lambda d: gains[d]))
    return out


def classify(ink: Gray, pitch: float, lines: list[tuple[float, int, list[str]]], *, blur: float = 0.6,
             cut: NDArray[np.bool_] | None = None) -> list[list[Cell]] | None:  # fmt: skip
    """Per line (x of cell 0's centre, baseline row, allowed characters per cell): each cell ranked.

    `ink` is high on strokes. A cell whose glyph box touches `cut` (outside the camera's frame) or
    leaves `ink` reads '?': part of its glyph is missing (an I without its foot is a T). None
    without the OCR-B font.
    """
    centres = [(x0 + k * pitch, baseline) for x0, baseline, allowed in lines for k in range(len(allowed))]
    peaks = _peaks(ink, pitch, blur, centres)
    built = templates(round(pitch * 10), round(blur * 10))
    if peaks is None or built is None:
        return None
    _, th, tw, base = built
    if cut is not None:
        outside = np.pad(cut, 1, constant_values=True)  # beyond the crop: unknown too
        for n, (x, baseline) in enumerate(centres):
            top, left = max(0, baseline - base + 1), max(0, round(x - tw / 2) + 1)
            beyond = top + th > outside.shape[0] or left + tw > outside.shape[1]
            if beyond or outside[top : top + th, left : left + tw].any():
                peaks[n] = 0.0
    out: list[list[Cell]] = []
    n = 0
    for _, _, allowed in lines:
        cells = []
        for chars in allowed:
            idx = [ZONE_CHARS.index(c) for c in chars]
            best = peaks[n, idx]
            n += 1
            order = np.argsort(-best)
            if float(best[order[0]]) < LEAST:  # blank, cut off or drowned: unknown, not a guess
                cells.append(Cell([(0.0, "?")]))
                continue
            cells.append(Cell([(float(best[i]), chars[i]) for i in order]))
        out.append(cells)
    return out

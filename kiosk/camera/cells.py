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
    except OSError:
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


def classify(ink: Gray, pitch: float, lines: list[tuple[float, int, list[str]]], *, blur: float = 0.6
             ) -> list[list[Cell]] | None:  # fmt: skip
    """Per line (x of cell 0's centre, baseline row, allowed characters per cell): each cell ranked.

    `ink` is high on strokes. None without the OCR-B font.
    """
    built = templates(round(pitch * 10), round(blur * 10))
    if built is None:
        return None
    bank, th, tw, base = built
    pad = SHIFT + tw + th
    padded = np.pad(ink.astype(np.float32), pad, mode="constant")
    rh, rw = th + 2 * SHIFT, tw + 2 * SHIFT
    corners = []
    for x0, baseline, allowed in lines:
        for k in range(len(allowed)):
            left = min(max(0, round(x0 + k * pitch - tw / 2) + pad - SHIFT), padded.shape[1] - rw)
            top = min(max(0, baseline - base + pad - SHIFT), padded.shape[0] - rh)
            corners.append((top, left))
    if not corners:
        return [[] for _ in lines]
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
    peaks = scores.max(axis=1)  # (cells, 37): each template's best over the shifts
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

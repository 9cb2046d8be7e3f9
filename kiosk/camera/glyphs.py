"""A second opinion on look-alike characters (O/0, I/1, B/8...): OCR-B templates, if the font is installed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from kiosk.camera.imaging import Gray

# Debian fonts-ocr-b; without it tesseract's reading stands alone.
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
GROUPS = ("O0", "IL1", "B8", "S53", "Z2", "G6")
DIGIT_HEIGHT = 0.77  # OCR-B digits are 0.77 of the font size high, capitals 0.70: a clue in itself
SHIFT = 2  # pixels tried around the grid position, each way


def group_of(char: str) -> str | None:
    return next((group for group in GROUPS if char in group), None)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | None:
    try:
        return ImageFont.truetype(str(OCR_B), size)
    except OSError:
        return None


@cache
def _glyph(char: str, size: int) -> NDArray[np.float32] | None:
    """The glyph's ink (0..1) cropped to its box, and its baseline at the bottom row."""
    font = _font(size)
    if font is None:
        return None
    canvas = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(canvas).text((size // 2, size // 4), char, font=font, fill=255)
    ink = np.asarray(canvas, dtype=np.float32) / 255.0
    rows, cols = np.flatnonzero(ink.max(axis=1) > 0.3), np.flatnonzero(ink.max(axis=0) > 0.3)
    if not rows.size:
        return None
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _score(ink: Gray, glyph: NDArray[np.float32], x: int, bottom: int) -> float:
    """Best normalised correlation of `glyph` placed with its baseline at `bottom`, centred on `x`."""
    gh, gw = glyph.shape
    template = np.zeros((gh + 4, gw + 4), dtype=np.float32)
    template[2 : 2 + gh, 2 : 2 + gw] = glyph
    b = template - template.mean()
    norm_b = float(np.sqrt((b * b).sum()))
    best = -1.0
    for dy in range(-SHIFT, SHIFT + 1):
        for dx in range(-SHIFT, SHIFT + 1):
            top, left = bottom + dy - gh - 2, x + dx - gw // 2 - 2
            if top < 0 or left < 0 or top + gh + 4 > ink.shape[0] or left + gw + 4 > ink.shape[1]:
                continue
            window = ink[top : top + gh + 4, left : left + gw + 4]
            a = window - window.mean()
            denom = float(np.sqrt((a * a).sum())) * norm_b
            if denom > 0:
                best = max(best, float((a * b).sum()) / denom)
    return best


def settle(ink: Gray, char: str, x: float, bottom: int, digit_height: float, allowed: str) -> str:
    """The look-alike of `char` (among `allowed`) that best fits the ink at x, baseline `bottom`."""
    group = "".join(c for c in group_of(char) or "" if c in allowed)
    size = round(digit_height / DIGIT_HEIGHT)
    if len(group) < 2 or size < 8 or _font(size) is None:
        return char
    scores = {}
    for other in group:
        glyph = _glyph(other, size)
        if glyph is not None:
            scores[other] = _score(ink, glyph, round(x), bottom)
    return max(scores, key=lambda c: scores[c]) if scores and max(scores.values()) > 0.3 else char


def guess(ink: Gray, x: float, bottom: int, digit_height: float, allowed: str) -> str:
    """A hole tesseract left: the allowed OCR-B character that clearly fits best, or '?'."""
    size = round(digit_height / DIGIT_HEIGHT)
    if size < 8 or _font(size) is None:
        return "?"
    templates = [(c, g) for c in allowed if (g := _glyph(c, size)) is not None]
    scores = sorted(((_score(ink, g, round(x), bottom), c) for c, g in templates), reverse=True)
    if len(scores) < 2 or scores[0][0] < 0.6 or scores[0][0] - scores[1][0] < 0.1:
        return "?"
    return scores[0][1]

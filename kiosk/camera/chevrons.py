"""Find the zone's filler chevrons '<' by template matching: tesseract's stock model misreads runs of them."""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from kiosk.camera.imaging import Gray

MATCH = 0.62  # normalised correlation with the template that counts as a chevron


@cache
def template(height: int) -> NDArray[np.float32]:
    """An OCR-B '<' as ink 0..1, `height` pixels high (apex left, arms to the right corners)."""
    width = max(3, round(height * 0.78))
    scale = 4
    image = Image.new("L", (width * scale, height * scale), 0)
    h, w = height * scale, width * scale
    stroke = max(scale, round(height * 0.15 * scale))
    half = stroke // 2
    arms = [(w - half, half), (half, h // 2), (w - half, h - half)]
    ImageDraw.Draw(image).line(arms, fill=255, width=stroke, joint="curve")
    small = image.resize((width, height), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32) / 255.0


def find(strip: Gray, height: int) -> list[tuple[int, int]]:
    """(left, right) columns of each chevron in a one-line `strip` (ink = high values)."""
    tpl = template(height)
    th, tw = tpl.shape
    if strip.shape[0] < th or strip.shape[1] < tw:
        return []
    windows = sliding_window_view(strip, (th, tw))  # (rows, cols, th, tw)
    centred = tpl - tpl.mean()
    norm_t = float(np.sqrt(np.square(centred).sum())) or 1.0
    means = windows.mean(axis=(2, 3))
    dots = np.einsum("ijkl,kl->ij", windows, centred)
    energy = np.einsum("ijkl,ijkl->ij", windows, windows) - means**2 * th * tw
    score = dots / (np.sqrt(np.maximum(energy, 1e-6)) * norm_t)
    best = score.max(axis=0)
    rows = score.argmax(axis=0)
    found: list[tuple[int, int]] = []
    order = np.argsort(-best)
    taken = np.zeros(best.size, dtype=bool)
    spacing = max(1, round(tw * 0.7))
    for x in order:
        if best[x] < MATCH:
            break
        if taken[x] or _not_a_chevron(strip[rows[x] : rows[x] + th, x : x + tw]):
            continue
        taken[max(0, x - spacing) : x + spacing + 1] = True
        found.append((int(x), int(x) + tw))
    return sorted(found)


def _not_a_chevron(window: Gray) -> bool:
    """Ink in the left corners (K's stem) or in the open middle between the arms (S, X, 3...)."""
    h, w = window.shape
    qh, qw = max(1, h // 4), max(1, w // 4)
    corners = max(window[:qh, :qw].mean(), window[-qh:, :qw].mean())
    top, left = int(h * 0.38), int(w * 0.5)
    mouth = window[top : max(top + 1, int(h * 0.62)), left : max(left + 1, int(w * 0.8))]
    return float(corners) > 0.3 or float(mouth.mean()) > 0.2

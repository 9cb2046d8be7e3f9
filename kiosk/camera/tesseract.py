"""Run Debian's `tesseract` binary on one grey image through pipes (no file holds the image)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

BINARY = "tesseract"  # looked up on PATH at each call; tests point it elsewhere
WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
TIMEOUT_S = 5.0


class TesseractMissing(RuntimeError):
    """The OCR program is not installed (Debian: tesseract-ocr, tesseract-ocr-eng)."""


def available() -> bool:
    return shutil.which(BINARY) is not None


def _pgm(pixels: NDArray[np.uint8]) -> bytes:
    h, w = pixels.shape
    return b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(pixels).tobytes()


@dataclass(frozen=True)
class Glyph:
    """One character tesseract read: its box's centre in the image's pixels and its confidence."""

    x: float
    y: float
    char: str
    confidence: float


_CHAR = re.compile(r"x_bboxes (\d+) (\d+) (\d+) (\d+); x_conf ([\d.]+)'>([^<]*)</span>")


def ocr_glyphs(pixels: NDArray[np.uint8], *, psm: int = 6, timeout_s: float = TIMEOUT_S) -> list[Glyph]:
    """The characters tesseract reads in `pixels` (uint8 grey), restricted to zone characters.

    Raises TesseractMissing when the program is absent; a crash or timeout reads as nothing.
    One OpenMP thread: on a 2-core kiosk parallel threads only slow the GUI down.
    """
    path = shutil.which(BINARY)
    if path is None:
        raise TesseractMissing(BINARY)
    command = [path, "stdin", "stdout", "-l", "eng", "--psm", str(psm), "--oem", "1",
               "-c", f"tessedit_char_whitelist={WHITELIST}", "-c", "load_system_dawg=0",
               "-c", "load_freq_dawg=0", "-c", "hocr_char_boxes=1", "hocr"]  # fmt: skip
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=_pgm(pixels), capture_output=True, timeout=timeout_s,
                              env=env, check=False)  # fmt: skip
    except (subprocess.TimeoutExpired, OSError):
        return []
    if done.returncode != 0:
        return []
    return parse_hocr(done.stdout.decode("utf-8", "replace"))


def parse_hocr(hocr: str) -> list[Glyph]:
    """Character boxes (hocr_char_boxes) of tesseract's hOCR output."""
    glyphs = []
    for match in _CHAR.finditer(hocr):
        left, top, right, bottom = (int(match.group(i)) for i in range(1, 5))
        char = html.unescape(match.group(6)).strip()
        if len(char) == 1:
            glyphs.append(Glyph((left + right) / 2, (top + bottom) / 2, char, float(match.group(5))))
    return glyphs

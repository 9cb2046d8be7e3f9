"""Draw a QR code as vector modules on a ReportLab canvas (sharp at any printer resolution)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white border, as ISO/IEC 18004 asks
QR_BOX = 30 * mm  # symbol plus quiet zone: modules of 0.57 mm at version 7 (usual K2), 0.53 mm at 8
MAX_VERSION = 8  # the payload must stay at or below this version at error correction M


@lru_cache(maxsize=16)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Modules of the QR code at error correction M, without the quiet zone (cached: every page
    of a form carries the same code, and choosing the mask costs about 40 ms)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def qr_version(text: str) -> int:
    """The QR version (1-40) the payload needs at error correction M."""
    return (len(qr_matrix(text)) - 17) // 4


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> float:
    """Draw the code so that the symbol plus quiet zone fills `size` points; returns module size.

    The modules are drawn once per document as a form XObject and placed on every page.
    """
    matrix = qr_matrix(text)
    module = size / (len(matrix) + 2 * QUIET_ZONE)
    name = f"kioskqr{abs(hash((text, round(size, 3)))):x}"
    if not canvas.hasForm(name):
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=size, uppery=size)
        _modules(canvas, matrix, size, module)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()
    return module


def _modules(canvas: Canvas, matrix: tuple[tuple[bool, ...], ...], size: float, module: float) -> None:
    count = len(matrix)
    origin_x = QUIET_ZONE * module
    top = size - QUIET_ZONE * module
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(0, 0, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < count:  # one rectangle per horizontal run of dark modules
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            canvas.rect(origin_x + start * module, top - (r + 1) * module,
                        (c - start) * module, module, stroke=0, fill=1)  # fmt: skip

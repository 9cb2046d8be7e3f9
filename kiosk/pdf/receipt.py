"""The 80 mm thermal receipt: center, form title, reference, QR and what to do next; no answers.

Also what a staff reprint gives once the full form's PDF is gone: the answers are sealed to the
office key, so the kiosk cannot print them again, but the reference and signed QR find them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.i18n import N_
from kiosk.pdf.flow import TextBlock
from kiosk.pdf.fonts import register_fonts
from kiosk.pdf.page import CENTER, REFERENCE, REPRINT, stamp
from kiosk.pdf.qrdraw import QR_BOX, draw_qr
from kiosk.pdf.render import DOCUMENTS
from kiosk.pdf.text import both, second_language
from kiosk.pdf.textlayout import document_layout
from kiosk.refcode import display

NEXT_STEPS = N_("Take this receipt and your documents to the counter. The staff scan the code to "
                "find your form.")  # fmt: skip
WIDTH = 80 * mm
SIDE = 4 * mm  # thermal heads print about 72 mm of the 80 mm roll


@dataclass(frozen=True)
class ReceiptInfo:
    """What a receipt shows: nothing personal."""

    form_title: str  # msgid
    lang: str
    reference: str
    qr_payload: str
    created: dt.datetime
    kiosk_id: str
    documents: tuple[str, ...] = ()  # msgids
    reprint: bool = False
    photo_lines: tuple[tuple[str, str], ...] = ()  # (zh, other): kiosk.pdf.text.photo_lines


def _blocks(info: ReceiptInfo) -> list[tuple[TextBlock, float]]:
    """(block, space after) from top to bottom, the QR code excepted."""
    lang2 = second_language(info.lang)
    out: list[tuple[TextBlock, float]] = []

    def pair(msgid: str, size: float, after: float, bold: bool = False) -> None:
        zh, other = both(msgid, info.lang)
        out.append((TextBlock(zh, "zh", size, align="center"), 0.5 * mm))
        out.append((TextBlock(other, lang2, size - 1, bold=bold, align="center"), after))

    pair(CENTER, 9, 2 * mm)
    pair(info.form_title, 12, 3 * mm, bold=True)
    if info.reprint:
        pair(REPRINT, 9, 2 * mm, bold=True)
    pair(REFERENCE, 9, 0.5 * mm)
    out.append((TextBlock(display(info.reference), "en", 24, leading=28, bold=True, align="center"), 1 * mm))
    out.append((TextBlock(stamp(info.created, info.kiosk_id), "en", 7.5, align="center"), 2 * mm))
    return out


def _after_qr(info: ReceiptInfo) -> list[tuple[TextBlock, float]]:
    lang2 = second_language(info.lang)
    zh, other = both(NEXT_STEPS, info.lang)
    out = [(TextBlock(zh, "zh", 9), 1 * mm), (TextBlock(other, lang2, 9), 3 * mm)]
    if info.documents:
        zh, other = both(DOCUMENTS, info.lang)
        out += [(TextBlock(zh, "zh", 9), 0.5 * mm), (TextBlock(other, lang2, 8.5, bold=True), 1 * mm)]
        for msgid in info.documents:
            zh, other = both(msgid, info.lang)
            out += [(TextBlock(f"• {zh}", "zh", 8.5), 0), (TextBlock(other, lang2, 8), 1 * mm)]
    for zh, other in info.photo_lines:
        out += [(TextBlock(zh, "zh", 8.5), 0), (TextBlock(other, lang2, 8), 1 * mm)]
    return out


@document_layout()  # the layout memo lives as long as this document
def render_receipt(info: ReceiptInfo, out: Path | BytesIO) -> None:
    """Write a one-page PDF 80 mm wide and exactly as long as its content."""
    register_fonts()
    inner = WIDTH - 2 * SIDE
    before, after = _blocks(info), _after_qr(info)
    heights = [b.wrap(inner, 10_000)[1] + gap for b, gap in (*before, *after)]
    height = sum(heights) + QR_BOX + 2 * mm + 10 * mm
    target: Any = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=(WIDTH, height), initialFontName="KioskCJK")
    canvas.setTitle(f"{info.reference} receipt")
    canvas.setAuthor(info.kiosk_id)
    y = height - 5 * mm
    for block, gap in before:
        _, h = block.wrap(inner, 10_000)
        block.drawOn(canvas, SIDE, y - h)
        y -= h + gap
    draw_qr(canvas, info.qr_payload, (WIDTH - QR_BOX) / 2, y - QR_BOX, QR_BOX)
    y -= QR_BOX + 2 * mm
    for block, gap in after:
        _, h = block.wrap(inner, 10_000)
        block.drawOn(canvas, SIDE, y - h)
        y -= h + gap
    canvas.showPage()
    canvas.save()

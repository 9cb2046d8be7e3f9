"""Header and footer of every page of the printed form: center, title, reference, QR, page n of m.

An office reprint adds a red "补打 / Reprint" mark with the reprint time under the reference, and
may have no QR code (a submission synced before the office kept the signed payload).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.i18n import N_
from kiosk.pdf.flow import TextBlock
from kiosk.pdf.qrdraw import QR_BOX, draw_qr
from kiosk.pdf.text import both, second_language
from kiosk.refcode import display

CENTER = N_("Shekou Management and Service Center for Expats")
REFERENCE = N_("Reference")
REPRINT = N_("Reprint")
REPRINT_RED = "#B71C1C"
PAGE_N_OF_M = N_("Page {page} of {pages}")
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))
MARGIN = 15 * mm
REF_W = 58 * mm
GAP = 4 * mm


def stamp(created: dt.datetime, kiosk_id: str) -> str:
    return f"{created.astimezone(CHINA_TIME):%Y-%m-%d %H:%M} (UTC+8) · {kiosk_id}"


def reprint_mark(lang: str, when: dt.datetime) -> list[TextBlock]:
    """The mark: "补打 <time>", then "Reprint" in the second language; red, right-aligned."""
    zh, other = both(REPRINT, lang)
    time_text = f"{when.astimezone(CHINA_TIME):%Y-%m-%d %H:%M}"
    return [TextBlock(f"{zh} {time_text}", "zh", 10.5, color=REPRINT_RED, align="right"),
            TextBlock(other, second_language(lang), 9.5, color=REPRINT_RED, bold=True,
                      align="right")]  # fmt: skip


def place(canvas: Canvas, block: TextBlock, x: float, top: float, width: float) -> float:
    """Draw `block` with its top at `top`; returns the y of its bottom."""
    _, height = block.wrap(width, 10_000)
    block.drawOn(canvas, x, top - height)
    return top - height


@dataclass
class Header:
    """Lays out the header once (its height sets the top margin), then draws it on every page."""

    lang: str
    title: str  # msgid
    reference: str
    qr_payload: str
    created: dt.datetime
    kiosk_id: str
    page_width: float
    reprinted: dt.datetime | None = None  # set for a reprint: the mark and its time

    def __post_init__(self) -> None:
        lang2 = second_language(self.lang)
        center_zh, center_other = both(CENTER, self.lang)
        title_zh, title_other = both(self.title, self.lang)
        ref_zh, ref_other = both(REFERENCE, self.lang)
        self.left_w = self.page_width - 2 * MARGIN - QR_BOX - REF_W - 2 * GAP
        self.left = [
            TextBlock(center_zh, "zh", 10),
            TextBlock(center_other, lang2, 8.5, color="#333333"),
            TextBlock(title_zh, "zh", 16, leading=21),
            TextBlock(title_other, lang2, 12, bold=True),
        ]
        self.right = [TextBlock(ref_zh, "zh", 8.5, align="right"),
                      TextBlock(ref_other, lang2, 8, color="#333333", align="right"),
                      TextBlock(display(self.reference), "en", 22, leading=26, bold=True, align="right"),
                      TextBlock(stamp(self.created, self.kiosk_id), "en", 7.5, align="right")]  # fmt: skip
        if self.reprinted is not None:
            self.right += reprint_mark(self.lang, self.reprinted)
        left_h = sum(b.wrap(self.left_w, 10_000)[1] for b in self.left)
        right_h = sum(b.wrap(REF_W, 10_000)[1] for b in self.right)
        self.height = max(left_h, right_h, QR_BOX) + 5 * mm

    def draw(self, canvas: Canvas, page_height: float, number: int, total: int) -> None:
        top = page_height - MARGIN
        y = top
        for block in self.left:
            y = place(canvas, block, MARGIN, y, self.left_w) - 0.6 * mm
        y = top
        ref_x = self.page_width - MARGIN - QR_BOX - GAP - REF_W
        for block in self.right:
            y = place(canvas, block, ref_x, y, REF_W)
        if self.qr_payload:  # empty only on a reprint of a submission synced without its code
            draw_qr(canvas, self.qr_payload, self.page_width - MARGIN - QR_BOX, top - QR_BOX, QR_BOX)
        rule = top - self.height + 2 * mm
        canvas.setStrokeColor(colors.HexColor("#555555"))
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, rule, self.page_width - MARGIN, rule)
        self._footer(canvas, number, total)

    def _footer(self, canvas: Canvas, number: int, total: int) -> None:
        page_zh, page_other = both(PAGE_N_OF_M, self.lang, page=number, pages=total)
        width = 80 * mm
        x = self.page_width - MARGIN - width
        place(canvas, TextBlock(page_zh, "zh", 8, align="right"), x, 14 * mm, width)
        place(canvas, TextBlock(page_other, second_language(self.lang), 8, align="right"), x, 10 * mm,
              width)  # fmt: skip
        place(canvas, TextBlock(display(self.reference), "en", 9, bold=True), MARGIN, 14 * mm, 60 * mm)
        place(canvas, TextBlock(stamp(self.created, self.kiosk_id), "en", 7), MARGIN, 10 * mm, 80 * mm)


def decorated_canvas(header: Header, page_height: float) -> type[Canvas]:
    """A canvas class that draws header and footer on every page once the page count is known."""

    class DecoratedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                header.draw(self, page_height, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return DecoratedCanvas

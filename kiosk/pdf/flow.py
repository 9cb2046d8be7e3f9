"""`TextBlock`: a ReportLab flowable of mixed-script text laid out by kiosk.pdf.textlayout."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from kiosk.pdf.textlayout import Line, Paragraph, draw_line


class TextBlock(Flowable):
    """Wrapped text in one language: right-aligned for a right-to-left language, else left.

    `wrap` lays the lines out at the width the table cell or frame offers, so a long value
    grows the row instead of overflowing it. `lines_at` lets the renderer split huge values.
    """

    def __init__(self, text: str, lang: str, size: float, leading: float | None = None,
                 color: str = "#000000", bold: bool = False, align: str | None = None,
                 auto: bool = False, rtl: bool | None = None) -> None:  # fmt: skip
        super().__init__()
        self.text = text
        self.lang = lang
        self.size = size
        self.leading = leading or size * 1.15
        self.color = colors.HexColor(color)
        self.paragraph = Paragraph(text, lang, size, bold, auto, rtl)
        # Catalog text of a right-to-left language lines up on the right; typed text (auto) and
        # everything else by its own direction.
        rtl_column = lang == "ar" and not auto
        self.align = align or ("right" if self.paragraph.rtl or rtl_column else "left")
        self._lines: list[Line] = []
        self._width = -1.0

    def lines_at(self, width: float) -> list[Line]:
        return self.paragraph.lines(width)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._width or not self._lines:  # tables ask again and again
            self._width = avail_width
            self._lines = self.paragraph.lines(avail_width)
        return avail_width, self.leading * len(self._lines) + self.size * 0.22

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.setFillColor(self.color)
        y = self.leading * len(self._lines) - self.size + self.size * 0.22
        for line in self._lines:
            if self.align == "right":
                x = self._width - line.width
            elif self.align == "center":
                x = (self._width - line.width) / 2
            else:
                x = 0.0
            draw_line(canvas, line, x, y, self.size)
            y -= self.leading

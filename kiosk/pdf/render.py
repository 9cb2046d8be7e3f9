"""Render the printed form: every label in Chinese and the visitor's language, the values as
entered, fonts embedded, and on every page the reference, the signed QR code and "page n of m".

Pure ReportLab, no Qt: runs in a worker thread of the kiosk and in `kiosk render`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.forms.display import display_value, is_free_text
from kiosk.forms.model import Answers, Form
from kiosk.i18n import N_, translate
from kiosk.pdf.fonts import BASE_FACE, register_fonts
from kiosk.pdf.qrdraw import draw_qr
from kiosk.pdf.text import both, para, second_language

CENTER = N_("Shekou Management and Service Center for Expats")
QR_SIZE = 30 * mm
MARGIN = 15 * mm
HEADER_H = 40 * mm


@dataclass(frozen=True)
class PrintedForm:
    """What the renderer needs besides the answers: nothing personal here."""

    form: Form
    lang: str
    reference: str
    qr_payload: str
    created: dt.datetime
    kiosk_id: str
    paper: str = "A4"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=BASE_FACE, fontSize=10, leading=13)
    return {
        "label_zh": ParagraphStyle("label_zh", parent=base, fontSize=9.5, leading=12),
        "label": ParagraphStyle("label", parent=base, fontSize=8.5, leading=11),
        "value": ParagraphStyle("value", parent=base, fontSize=11, leading=14),
        "section": ParagraphStyle("section", parent=base, fontSize=12, leading=15),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
    }


def _label_cell(msgid: str, lang: str, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    zh, other = both(msgid, lang)
    return [
        para(zh, "zh", st["label_zh"]),
        para(other, second_language(lang), st["label"], "#444444"),
    ]


def _value_cell(
    doc: PrintedForm, field_id: str, value: Any, st: dict[str, ParagraphStyle]
) -> list[Flowable]:
    f = doc.form.field(field_id)
    if value is None or value == "" or value == []:
        return [para("—", "en", st["value"])]
    if is_free_text(f):
        return [para(str(value), doc.lang, st["value"])]
    zh, other = display_value(f, value, "zh"), display_value(f, value, second_language(doc.lang))
    cells = [para(zh, "zh", st["value"])]
    if other != zh:
        cells.append(para(other, second_language(doc.lang), st["label"], "#444444"))
    return cells


def _sections(
    doc: PrintedForm, answers: Answers, st: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    story: list[Flowable] = []
    for step in doc.form.steps:
        shown = step.visible_fields(answers)
        if not shown:
            continue
        zh, other = both(step.title, doc.lang)
        rows: list[list[Any]] = [[para(f"{zh}  /  {other}", "zh", st["section"]), ""]]
        for f in shown:
            rows.append(
                [_label_cell(f.label, doc.lang, st), _value_cell(doc, f.id, answers.get(f.id), st)]
            )
        table = Table(rows, colWidths=[width * 0.42, width * 0.58], repeatRows=1)
        table.setStyle(TableStyle([
            ("SPAN", (0, 0), (1, 0)),
            ("FONTNAME", (0, 0), (-1, -1), BASE_FACE),
            ("BACKGROUND", (0, 0), (1, 0), colors.HexColor("#E8EEF5")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA5B1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))  # fmt: skip
        story += [table, Spacer(1, 5 * mm)]
    return story


def _closing(doc: PrintedForm, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    sign = Table(
        [[_label_cell(N_("Signature of applicant"), doc.lang, st), "",
          _label_cell(N_("Date"), doc.lang, st), ""]],
        colWidths=[width * 0.22, width * 0.38, width * 0.12, width * 0.28], rowHeights=[14 * mm],
    )  # fmt: skip
    sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE_FACE),
                              ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                              ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))  # fmt: skip
    office = Table(
        [[_label_cell(N_("For official use"), doc.lang, st)],
         [_label_cell(N_("Received by / date / stamp"), doc.lang, st)]],
        colWidths=[width], rowHeights=[None, 24 * mm],
    )  # fmt: skip
    office.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE_FACE),
                                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                                ("LINEBELOW", (0, 0), (0, 0), 0.4, colors.grey),
                                ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    return [KeepTogether([sign, Spacer(1, 6 * mm), office])]


def _page_decorator(doc: PrintedForm, page_size: tuple[float, float]) -> type[Canvas]:
    """A canvas class that draws header and footer on every page once the page count is known."""
    width, height = page_size
    center_zh, center_other = both(CENTER, doc.lang)
    title_zh, title_other = both(doc.form.title, doc.lang)
    lang2 = second_language(doc.lang)

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
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _text(
            self, text: str, lang: str, x: float, y: float, size: float, right: bool = False
        ) -> None:
            from kiosk.pdf.fonts import face_for
            from kiosk.pdf.text import visual

            self.setFont(face_for(lang), size)
            (self.drawRightString if right else self.drawString)(x, y, visual(text, lang))

        def _decorate(self, number: int, total: int) -> None:
            top = height - MARGIN
            self.setFillColor(colors.black)
            self._text(center_zh, "zh", MARGIN, top - 5 * mm, 11)
            self._text(center_other, lang2, MARGIN, top - 10 * mm, 9)
            self._text(title_zh, "zh", MARGIN, top - 19 * mm, 16)
            self._text(title_other, lang2, MARGIN, top - 25.5 * mm, 12)
            ref_zh, ref_other = both(N_("Reference"), doc.lang)
            self._text(f"{ref_zh} / {ref_other}", lang2, width - MARGIN - QR_SIZE - 4 * mm,
                       top - 5 * mm, 9, right=True)  # fmt: skip
            self.setFont("KioskLatinBold", 20)
            self.drawRightString(width - MARGIN - QR_SIZE - 4 * mm, top - 14 * mm,
                                 f"{doc.reference[:4]} {doc.reference[4:]}")  # fmt: skip
            stamp = doc.created.astimezone(dt.timezone(dt.timedelta(hours=8)))
            self._text(f"{stamp:%Y-%m-%d %H:%M} (UTC+8) · {doc.kiosk_id}", "en",
                       width - MARGIN - QR_SIZE - 4 * mm, top - 20 * mm, 8, right=True)  # fmt: skip
            draw_qr(self, doc.qr_payload, width - MARGIN - QR_SIZE, top - QR_SIZE, QR_SIZE)
            self.setStrokeColor(colors.HexColor("#555555"))
            self.line(MARGIN, top - HEADER_H + 6 * mm, width - MARGIN, top - HEADER_H + 6 * mm)
            page_zh, page_other = both(
                N_("Page {page} of {pages}"), doc.lang, page=number, pages=total
            )
            self._text(f"{page_zh} / {page_other}", lang2, width - MARGIN, 9 * mm, 8, right=True)
            self._text(doc.reference, "en", MARGIN, 9 * mm, 8)

    return DecoratedCanvas


def render_pdf(doc: PrintedForm, answers: Answers, out: Path | BytesIO) -> None:
    """Write the printed form; `answers` are only the visible, validated answers."""
    register_fonts()
    page_size = LETTER if doc.paper == "Letter" else A4
    width = page_size[0] - 2 * MARGIN
    st = _styles()
    target: Any = str(out) if isinstance(out, Path) else out
    template = SimpleDocTemplate(
        target, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_H, bottomMargin=MARGIN + 4 * mm,
        title=f"{translate('zh', doc.form.title)} {doc.reference}", author=doc.kiosk_id,
        subject=doc.reference, creator="Shekou expat center kiosk",
        initialFontName=BASE_FACE,  # the default Helvetica would be an unembedded font
    )  # fmt: skip
    story = _sections(doc, answers, st, width) + _closing(doc, st, width)
    template.build(story, canvasmaker=_page_decorator(doc, page_size))

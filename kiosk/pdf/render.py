"""Render the printed form: every label in Chinese and the visitor's language, the values as
entered, fonts embedded, and on every page the reference, the signed QR code and "page n of m".
The staff console renders it again for a reprint (`reprinted` set: a mark on every page).

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
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.forms.display import display_value, is_free_text
from kiosk.forms.model import Answers, Form
from kiosk.i18n import N_, translate
from kiosk.pdf.flow import TextBlock
from kiosk.pdf.fonts import BASE_FACE, register_fonts
from kiosk.pdf.page import CENTER, MARGIN, Header, decorated_canvas
from kiosk.pdf.text import both, documents_to_bring, photo_lines, second_language
from kiosk.pdf.textlayout import base_is_rtl, document_layout

__all__ = ["CENTER", "PrintedForm", "page_size", "render_pdf"]

SIGNATURE = N_("Signature of applicant")
DATE = N_("Date")
OFFICIAL = N_("For official use")
RECEIVED = N_("Received by / date / stamp")
DECLARATION = N_("I declare that the information on this form is true and complete.")
DOCUMENTS = N_("Documents to bring")
CHUNK = 500  # characters of one value per table row: a huge value spreads over rows and pages
GRID = colors.HexColor("#9AA5B1")


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
    reprinted: dt.datetime | None = None  # an office reprint: marked on every page with this time
    photos_taken: tuple[str, ...] = ()  # picture keys (kiosk.forms.documents.photo_label names them)
    photos_skipped: tuple[str, ...] = ()


def page_size(paper: str) -> tuple[float, float]:
    return LETTER if paper == "Letter" else A4


def label_cell(msgid: str, lang: str, size: float = 8.5) -> list[Flowable]:
    zh, other = both(msgid, lang)
    return [TextBlock(zh, "zh", size, align="left"),
            TextBlock(other, second_language(lang), size - 1, color="#444444")]  # fmt: skip


def chunks(text: str) -> list[str]:
    """Cut a very long value at spaces (or anywhere) into pieces of about CHUNK characters."""
    out: list[str] = []
    while len(text) > CHUNK:
        cut = text.rfind(" ", CHUNK // 2, CHUNK)
        cut = cut if cut > 0 else CHUNK
        out.append(text[:cut])
        text = text[cut:].lstrip()
    return [*out, text]


def _value_rows(doc: PrintedForm, field_id: str, value: Any) -> list[list[Flowable]]:
    f = doc.form.field(field_id)
    label = label_cell(f.label, doc.lang)
    if value is None or value == "" or value == []:
        return [[label, [TextBlock("—", "en", 10)]]]
    if is_free_text(f):
        pieces = chunks(str(value))
        # The typed text's own direction; with no letters at all (a phone, a number) it reads left
        # to right even on an Arabic form: "+86 138 0013 8000" must not come out group-reversed.
        rtl = base_is_rtl(str(value), False)
        rows: list[list[Any]] = [[label, [TextBlock(pieces[0], doc.lang, 9.5, auto=True, rtl=rtl)]]]
        rows += [["", [TextBlock(piece, doc.lang, 9.5, auto=True, rtl=rtl)]] for piece in pieces[1:]]
        return rows
    lang2 = second_language(doc.lang)
    zh, other = display_value(f, value, "zh"), display_value(f, value, lang2)
    cell = [TextBlock(zh, "zh", 9.5)]
    if other != zh:
        cell.append(TextBlock(other, lang2, 8, color="#444444"))
    return [[label, cell]]


def _table(rows: list[list[Any]], widths: list[float], header: bool, span: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONTNAME", (0, 0), (-1, -1), BASE_FACE),
             ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]  # fmt: skip
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")))
        if span:
            style.append(("SPAN", (0, 0), (-1, 0)))
    table.setStyle(TableStyle(style))
    return table


def _sections(doc: PrintedForm, answers: Answers, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    for step in doc.form.steps:
        shown = step.visible_fields(answers)
        if not shown:
            continue
        zh, other = both(step.title, doc.lang)
        rows: list[list[Any]] = [[TextBlock(zh, "zh", 10.5),
                                  TextBlock(other, second_language(doc.lang), 9.5, bold=True)]]  # fmt: skip
        for f in shown:
            rows += _value_rows(doc, f.id, answers.get(f.id))
        story += [_table(rows, [width * 0.4, width * 0.6], header=True, span=False), Spacer(1, 2.5 * mm)]
    return story


def _documents(doc: PrintedForm, answers: Answers, width: float) -> list[Flowable]:
    items = documents_to_bring(doc.form, answers)
    if not items:
        return []
    zh, other = both(DOCUMENTS, doc.lang)
    lang2 = second_language(doc.lang)
    rows: list[list[Any]] = [[TextBlock(zh, "zh", 10.5), TextBlock(other, lang2, 9.5, bold=True)]]
    for msgid in items:
        zh, other = both(msgid, doc.lang)
        rows.append([TextBlock(f"□ {zh}", "zh", 8.5), TextBlock(other, lang2, 8.5)])
    return [
        KeepTogether(_table(rows, [width * 0.4, width * 0.6], header=True, span=False)),
        Spacer(1, 2.5 * mm),
    ]


def _photos(doc: PrintedForm, width: float) -> list[Flowable]:
    """Which pictures travel with the submission, and which papers the counter must see."""
    lang2 = second_language(doc.lang)
    lines = photo_lines(doc.form, doc.lang, doc.photos_taken, doc.photos_skipped)
    rows: list[list[Any]] = [[TextBlock(zh, "zh", 8.5), TextBlock(other, lang2, 8.5)] for zh, other in lines]
    if not rows:
        return []
    return [KeepTogether(_table(rows, [width * 0.4, width * 0.6], header=False)), Spacer(1, 2.5 * mm)]


def closing(doc: PrintedForm, width: float) -> list[Flowable]:
    """Declaration, signature and date lines for the visitor, and the staff's box."""
    zh, other = both(DECLARATION, doc.lang)
    declaration = [TextBlock(zh, "zh", 9), TextBlock(other, second_language(doc.lang), 8)]
    sign = Table([[label_cell(SIGNATURE, doc.lang), "", label_cell(DATE, doc.lang), ""]],
                 colWidths=[width * 0.24, width * 0.38, width * 0.12, width * 0.26],
                 rowHeights=[12 * mm])  # fmt: skip
    sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE_FACE),
                              ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                              ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))  # fmt: skip
    office = Table([[label_cell(OFFICIAL, doc.lang, 9)], [label_cell(RECEIVED, doc.lang)]],
                   colWidths=[width], rowHeights=[None, 18 * mm])  # fmt: skip
    office.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE_FACE),
                                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                                ("LINEBELOW", (0, 0), (0, 0), 0.4, colors.grey),
                                ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#F2F2F2")),
                                ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    return [KeepTogether([*declaration, sign, Spacer(1, 3 * mm), office])]


@document_layout()  # the layout memo lives as long as this document
def render_pdf(doc: PrintedForm, answers: Answers, out: Path | BytesIO) -> None:
    """Write the printed form; `answers` are only the visible, validated answers."""
    register_fonts()
    size = page_size(doc.paper)
    width = size[0] - 2 * MARGIN
    header = Header(doc.lang, doc.form.title, doc.reference, doc.qr_payload, doc.created,
                    doc.kiosk_id, size[0], doc.reprinted)  # fmt: skip
    target: Any = str(out) if isinstance(out, Path) else out
    template = SimpleDocTemplate(
        target, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + header.height, bottomMargin=MARGIN + 6 * mm,
        title=f"{translate('zh', doc.form.title)} {doc.reference}", author=doc.kiosk_id,
        subject=doc.reference, creator="Shekou expat center kiosk",
        initialFontName=BASE_FACE,  # the default Helvetica would be an unembedded font
    )  # fmt: skip
    story = _sections(doc, answers, width) + _documents(doc, answers, width) + _photos(doc, width)
    story += closing(doc, width)
    template.build(story, canvasmaker=decorated_canvas(header, size[1]))

"""Text for the printed form: bilingual labels and script-aware paragraphs."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from kiosk.i18n import translate
from kiosk.pdf.fonts import face_for

RTL = frozenset({"ar"})


def second_language(lang: str) -> str:
    """The language printed beside Chinese: the visitor's, or English for a Chinese visitor."""
    return "en" if lang == "zh" else lang


def visual(text: str, lang: str) -> str:
    """Arabic joined and reordered for ReportLab, which does neither by itself."""
    if lang not in RTL:
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def para(text: str, lang: str, style: ParagraphStyle, color: str | None = None) -> Paragraph:
    """A paragraph of visitor or catalog text, escaped (values may contain '<' or '&')."""
    body = escape(visual(text, lang)).replace("\n", "<br/>")
    if color:
        body = f'<font color="{color}">{body}</font>'
    face = face_for(lang)
    align = 2 if lang in RTL else style.alignment
    return Paragraph(body, ParagraphStyle(f"{style.name}-{lang}", parent=style, fontName=face,
                                          alignment=align))  # fmt: skip


def both(msgid: str, lang: str, **params: object) -> tuple[str, str]:
    """(Chinese, second language) renderings of one catalog message."""
    return translate("zh", msgid, **params), translate(second_language(lang), msgid, **params)

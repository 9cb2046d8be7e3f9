"""Labels that show text as typed: a QLabel guesses rich text by default, so a visitor's
`<img src=file:///…>` or `<a href>` in an answer would be rendered. Every label here is plain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label

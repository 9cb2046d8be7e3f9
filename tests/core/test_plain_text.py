"""Visitors' text is shown as typed, never as markup: every QML Text and staff QLabel is plain.

Qt's Text and QLabel guess rich text by default, so an answer such as `<img src=file:///…>`
would be rendered (a file of the kiosk drawn on screen). The UI test types such an answer."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT_RE = re.compile(r"(?<![A-Za-z.])(Text|TextArea|TextEdit|Label) \{")


def test_every_qml_text_element_is_plain() -> None:
    missing = []
    for path in sorted((ROOT / "ui").rglob("*.qml")):
        source = path.read_text(encoding="utf-8")
        for m in TEXT_RE.finditer(source):
            block = source[m.end() : m.end() + 400]
            if not re.match(r"[^{}]*textFormat: (Text|TextEdit)\.PlainText", block):
                missing.append(f"{path.relative_to(ROOT)}:{source[: m.start()].count(chr(10)) + 1}")
    assert missing == [], missing


def test_staff_labels_are_made_plain() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "kiosk").rglob("*.py"))
        if path.name != "labels.py" and re.search(r"\bQLabel\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use kiosk.staff_qt.labels.plain_label"

"""Find clipped or overflowing text in the visible QML items (for the pseudo-language and German)."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from tests.ui.qml_driver import Driver


def clipped_texts(d: Driver) -> list[str]:
    """Texts whose box is smaller than their content where no elision is intended, or that run
    past the window's left or right edge."""
    problems = []
    width = d.window.width()
    for item in d.visible_items():
        if not item.inherits("QQuickText") or item.width() <= 0:
            continue
        text = item.property("text")
        # `truncated` is true for intended elision (the only truncation we use).
        if not isinstance(text, str) or not text.strip() or item.property("truncated"):
            continue
        where = f"{item.objectName() or item.parentItem().metaObject().className()}: {text[:50]!r}"
        if item.property("contentWidth") > item.width() + 1:
            problems.append(f"too wide ({item.property('contentWidth'):.0f} > {item.width():.0f}) {where}")
        elif item.property("contentHeight") > item.height() + 2:
            problems.append(f"too tall ({item.property('contentHeight'):.0f} > {item.height():.0f}) {where}")
        left = item.mapToScene(QPointF(0, 0)).x()
        right = item.mapToScene(QPointF(item.width(), 0)).x()
        if left < -1 or right > width + 1:
            problems.append(f"outside the window ({left:.0f}..{right:.0f}) {where}")
    return problems

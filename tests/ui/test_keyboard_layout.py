"""The field being typed is never under the keyboard or off screen, at the kiosk panels' sizes.

At 1280x800 the keyboard takes about half the screen: tapping a field low on the step must
scroll it into the part that is left. Checked for every text field of the temporary-residence
form (the center's most used), at four sizes, and at 200% text on the smallest.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tests.ui.qml_driver import Driver, show_active
from tests.ui.walk import FORM, sample

SIZES = [(1280, 800), (1366, 768), (1920, 1080), (1080, 1920)]
TEXT_TYPES = {"text", "number", "phone", "email"}


def hidden_fields(d: Driver, kw, tag: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Tap every text field of every step; list those whose box is not fully in view.
    A screenshot of each step with its last text field being typed."""
    visit = kw.visit
    panel = d.find("inputPanel")
    problems: list[str] = []
    visit.session.answers.update(sample())
    visit.setAnswer("surname", "KIM")  # refresh the models from the filled session
    for step in range(1, visit.stepCount + 1):
        rows = [r for r in visit.fields.rows if r.field_type in TEXT_TYPES]
        for row in rows:
            name = f"input_{row.field_id}"
            d.click(name)
            d.process(250)  # the keyboard slides in, the view follows the focus
            item = d.find(name)
            if not item.hasActiveFocus() or not panel.property("active"):
                problems.append(f"{name}: tapping it did not open the keyboard")
                continue
            top = item.mapToScene(QPointF(0, 0)).y()
            bottom = item.mapToScene(QPointF(0, item.height())).y()
            keyboard = panel.mapToScene(QPointF(0, 0)).y()
            if top < 0 or bottom > keyboard + 1:
                problems.append(f"{name}: {top:.0f}..{bottom:.0f}, keyboard from {keyboard:.0f}")
        if rows:
            d.screenshot(f"{tag}-step{step}")
        d.click("nextButton")
    return problems


CASES = [(size, 1.0) for size in SIZES] + [((1280, 800), 2.0)]  # 200% text on the smallest panel


@pytest.mark.parametrize(("size", "scale"), CASES, ids=lambda c: f"{c[0]}x{c[1]}" if isinstance(c, tuple)
                         else f"{int(c * 100)}pct")  # fmt: skip
def test_the_focused_field_is_above_the_keyboard(qapp, qtbot, tmp_path, size, scale) -> None:  # type: ignore[no-untyped-def]
    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window

    kw = create_window(KioskConfig(data_dir=tmp_path), sync=False)
    try:
        kw.window.resize(*size)
        kw.window.show()
        show_active(qtbot, kw.window)
        d = Driver(kw.window)
        kw.display.setTextScale(scale)
        d.click("startButton")
        d.click("lang_en")
        d.click(f"service_{FORM}")
        d.click("consentAccept")
        problems = hidden_fields(d, kw, f"keyboard-{size[0]}x{size[1]}-{int(scale * 100)}")
        assert not problems, "\n".join(problems)
    finally:
        kw.close()

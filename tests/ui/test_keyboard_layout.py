"""The field being typed is never under the keyboard or off screen, at the kiosk panels' sizes.

At 1280x800 the keyboard takes about half the screen: tapping a field low on the step must
scroll it into the part that is left. Checked for every text field of the temporary-residence
form (the center's most used), at four sizes, and at 200% text on the smallest.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF

from tests.ui.qml_driver import Driver, show_active
from tests.ui.walk import FORM, sample

SIZES = [(1280, 800), (1366, 768), (1920, 1080), (1080, 1920)]
TEXT_TYPES = {"text", "number", "phone", "email"}


@contextmanager
def kiosk_at(qtbot, tmp_path: Path, size: tuple[int, int]) -> Iterator[tuple[Any, Driver]]:
    """A kiosk window of `size` on a throwaway data folder, and its driver; closed afterwards."""
    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window

    kw = create_window(KioskConfig(data_dir=tmp_path, demo=True), sync=False)
    try:
        kw.window.resize(*size)
        kw.window.show()
        show_active(qtbot, kw.window)
        yield kw, Driver(kw.window)
    finally:
        kw.close()


def hidden_fields(d: Driver, kw, tag: str) -> list[str]:
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
def test_the_focused_field_is_above_the_keyboard(qapp, qtbot, tmp_path, size, scale) -> None:
    with kiosk_at(qtbot, tmp_path, size) as (kw, d):
        kw.display.setTextScale(scale)
        d.click("startButton")
        d.click("lang_en")
        d.click(f"service_{FORM}")
        d.accept_consent()
        problems = hidden_fields(d, kw, f"keyboard-{size[0]}x{size[1]}-{int(scale * 100)}")
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_service_and_language_shows_at_once(qapp, qtbot, tmp_path, size) -> None:
    """No service below the fold, the most used first; the language screen keeps its Back button."""
    with kiosk_at(qtbot, tmp_path, size) as (kw, d):
        d.click("startButton")
        tag = f"{size[0]}x{size[1]}"
        d.screenshot(f"menu-{tag}-language")
        names = ["backButton", *(f"lang_{code}" for code in kw.config.languages)]
        assert [n for n in names if not fully_shown(d, n)] == []
        d.click("lang_en")
        d.screenshot(f"menu-{tag}-service")
        services = list(kw.visit.session.forms)
        assert [n for n in (f"service_{s}" for s in services) if not fully_shown(d, n)] == []
        first = d.find("service_temporary-residence").mapToScene(QPointF(0, 0))
        for other in services:
            at = d.find(f"service_{other}").mapToScene(QPointF(0, 0))
            assert (first.y(), first.x()) <= (at.y(), at.x()), other


def fully_shown(d: Driver, name: str) -> bool:
    item = d.find(name)
    top_left = item.mapToScene(QPointF(0, 0))
    bottom_right = item.mapToScene(QPointF(item.width(), item.height()))
    clip = item.parentItem()
    while clip is not None and not clip.inherits("QQuickFlickable"):
        clip = clip.parentItem()
    low, high = (0.0, float(d.window.height()))
    if clip is not None:
        low = clip.mapToScene(QPointF(0, 0)).y()
        high = clip.mapToScene(QPointF(0, clip.height())).y()
    return bool(top_left.y() >= low - 1 and bottom_right.y() <= high + 1
                and top_left.x() >= 0 and bottom_right.x() <= d.window.width() + 1)


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_service_texts_fit_their_buttons_in_every_language(qapp, qtbot, tmp_path, size) -> None:
    """On the short panels, each service's icon, name and summary lie inside its button, in every
    language; with room to spare (1920x1080), what to bring shows as well."""
    with kiosk_at(qtbot, tmp_path, size) as (kw, d):
        d.click("startButton")
        d.click("lang_en")
        spilled = []
        for lang in kw.config.languages:
            kw.visit.setLanguage(lang)
            d.process(60)
            for form_id in kw.visit.session.forms:
                button = d.find(f"service_{form_id}")
                bottom = button.mapToScene(QPointF(0, button.height())).y()
                right = button.mapToScene(QPointF(button.width(), 0)).x()
                for item in descendants(button.property("contentItem")):
                    if not item.isVisible() or not item.inherits("QQuickText"):
                        continue
                    corner = item.mapToScene(QPointF(item.width(), item.height()))
                    if corner.y() > bottom + 1 or corner.x() > right + 1:
                        spilled.append(f"{lang} {form_id}: {item.property('text')[:40]!r}")
            d.screenshot(f"menu-{size[0]}x{size[1]}-service-{lang}")
        assert spilled == []
        bring = next(i for i in descendants(kw.window.contentItem())
                     if i.objectName() == "serviceBring_temporary-residence")  # fmt: skip
        assert bring is not None and not bring.isVisible()  # no room: the consent screen lists them
        kw.window.resize(1920, 1080)
        d.process(100)
        assert bring.isVisible()
        d.screenshot(f"menu-1920x1080-service-{kw.visit.language}")


def descendants(item):
    stack = list(item.childItems())
    while stack:
        child = stack.pop()
        yield child
        stack.extend(child.childItems())


def test_agreeing_needs_the_whole_consent_text_seen(qapp, qtbot, tmp_path) -> None:
    """At 1280x800 in German the consent text is longer than the screen: the main button says
    "More below" and scrolls until "who sees it" has been on screen, and only then agrees."""
    from kiosk.i18n import translate

    with kiosk_at(qtbot, tmp_path, (1280, 800)) as (kw, d):
        d.click("startButton")
        d.click("lang_de")
        d.click(f"service_{FORM}")
        kw.display.setTextScale(1.5)
        d.process(100)
        button = d.find("consentAccept")
        assert translate("de", "More below") in button.property("text")
        assert not fully_shown(d, "consentWho")
        d.screenshot("consent-1280x800-de-more")
        presses = d.accept_consent()
        assert presses >= 2 and kw.visit.screen == "step"


def test_one_tap_on_a_language_of_the_attract_screen_starts_in_it(kiosk_window, driver: Driver) -> None:
    driver.click("attractLang_ko")
    assert kiosk_window.visit.screen == "service" and kiosk_window.visit.language == "ko"

"""Every screen in the pseudo-language and in German, at 1920x1080 and 1280x800: no clipped text.
Also saves screenshots of the key screens in every language as artifacts."""

from __future__ import annotations

import pytest

from kiosk.languages import LANGUAGES
from tests.ui.layout_check import clipped_texts
from tests.ui.qml_driver import Driver, show_active
from tests.ui.walk import FORM, walk_all_screens

SIZES = [(1920, 1080), (1280, 800)]


def walk(d: Driver, kw, lang: str, tag: str, check: bool) -> list[str]:
    """Visit every screen (and the pop-ups); return the clipping problems found."""
    problems: list[str] = []

    def look(name: str) -> None:
        d.process(60)
        if check:
            problems.extend(f"[{name}] {p}" for p in clipped_texts(d))
        d.screenshot(f"{tag}-{name}")

    walk_all_screens(d, kw, lang, look)
    return problems


@pytest.mark.parametrize("lang", ["qps", "de"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_clipped_text(qapp, qtbot, tmp_path, lang: str, size: tuple[int, int]) -> None:
    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window

    config = KioskConfig(data_dir=tmp_path, languages=(*LANGUAGES, "qps"), demo=True)
    kw = create_window(config, sync=False)
    try:
        kw.window.resize(*size)
        kw.window.show()
        show_active(qtbot, kw.window)
        problems = walk(Driver(kw.window), kw, lang, f"layout-{lang}-{size[0]}x{size[1]}", check=True)
        assert not problems, "\n".join(problems)
    finally:
        kw.close()


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code not in ("de",)])
def test_key_screens_in_every_language(qapp, qtbot, tmp_path, lang: str) -> None:
    from kiosk.config import KioskConfig
    from kiosk.qt.app import create_window

    kw = create_window(KioskConfig(data_dir=tmp_path, demo=True), sync=False)
    try:
        kw.window.resize(1920, 1080)
        kw.window.show()
        show_active(qtbot, kw.window)
        walk(Driver(kw.window), kw, lang, f"lang-{lang}", check=False)
        assert kw.visit.screen == "done" and kw.visit.language == lang
    finally:
        kw.close()


def test_arabic_mirrors_the_layout(kiosk_window, driver: Driver) -> None:
    from PySide6.QtCore import QPointF

    d = driver
    d.click("startButton")
    d.click("lang_ar")
    d.click(f"service_{FORM}")
    d.accept_consent()

    def x(name: str) -> float:
        return d.find(name).mapToScene(QPointF(0, 0)).x()

    # Right to left: Back on the right, Next on the left, labels aligned right, title right of the
    # language button.
    assert x("backButton") > x("nextButton")
    assert x("topTitle") > x("languageButton")
    label = d.find("label_surname")
    assert label.mapToScene(QPointF(label.width(), 0)).x() > d.window.width() / 2
    d.screenshot("rtl-ar-step")
    d.click("languageButton")
    d.click("popupLang_en")
    assert x("backButton") < x("nextButton")

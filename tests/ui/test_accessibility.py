"""Accessibility: touch target sizes on every screen, 200% text, reach mode, speech, keypad-only."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests.ui.layout_check import clipped_texts
from tests.ui.qml_driver import Driver
from tests.ui.walk import FORM, sample, walk_all_screens

INTERACTIVE = ("QQuickAbstractButton", "QQuickTextField", "QQuickTumbler")


def interactive_items(d: Driver) -> list:
    return [
        i for i in d.visible_items()
        if any(i.inherits(c) for c in INTERACTIVE) and not i.inherits("QQuickScrollBar")
        and i.property("enabled") and _in_view(d, i)
    ]  # fmt: skip


def _in_view(d: Driver, item) -> bool:
    """Inside the window and not scrolled out of its Flickable (those are checked once in view)."""
    top = item.mapToScene(QPointF(0, 0))
    if top.y() + item.height() <= 0 or top.y() >= d.window.height():
        return False
    parent = item.parentItem()
    while parent is not None:
        if parent.inherits("QQuickFlickable") and parent.property("clip"):
            p = parent.mapToScene(QPointF(0, 0)).y()
            if top.y() + item.height() <= p or top.y() >= p + parent.height():
                return False
        parent = parent.parentItem()
    return True


def test_every_interactive_item_is_at_least_64px(kiosk_window, driver: Driver) -> None:
    small: list[str] = []
    seen = 0

    def look(name: str) -> None:
        nonlocal seen
        driver.process(60)
        for item in interactive_items(driver):
            seen += 1
            if item.width() < 64 or item.height() < 64:
                small.append(f"[{name}] {item.objectName() or item.metaObject().className()} "
                             f"{item.width():.0f}x{item.height():.0f}")  # fmt: skip

    walk_all_screens(driver, kiosk_window, "en", look)
    assert seen > 100
    assert not small, "\n".join(small)


def test_text_at_200_percent_is_not_clipped(kiosk_window, driver: Driver) -> None:
    kiosk_window.display.setTextScale(2.0)
    problems: list[str] = []

    def look(name: str) -> None:
        driver.process(60)
        problems.extend(f"[{name}] {p}" for p in clipped_texts(driver))
        driver.screenshot(f"text-200-{name}")

    d = driver
    d.click("startButton")
    d.click("lang_en")
    kiosk_window.display.setTextScale(2.0)  # the choice outlives screen changes within a visit
    look("service")
    d.click(f"service_{FORM}")
    look("consent")
    d.accept_consent()
    d.click("nextButton")
    look("step-errors")
    assert kiosk_window.display.textScale == 2.0
    assert not problems, "\n".join(problems)


def test_reach_mode_keeps_controls_in_the_lower_part(kiosk_window, driver: Driver) -> None:
    d = driver
    d.click("startButton")
    d.click("lang_en")
    d.click(f"service_{FORM}")
    d.accept_consent()
    d.click("accessibilityButton")
    d.click("reachButton")
    d.click("accessibilityClose")
    limit = d.window.height() / 3
    for screen in ("step", "date-picker"):
        if screen == "date-picker":
            d.click("date_birth_date")
        d.process(100)
        high = [i.objectName() for i in interactive_items(d) if i.mapToScene(QPointF(0, 0)).y() < limit]
        assert not high, (screen, high)
        d.screenshot(f"reach-{screen}")
    d.click("dateCancel")
    d.click("backButton")
    d.click("backButton")
    assert kiosk_window.visit.screen == "service"
    # The choice belongs to the visitor: wiped with the session.
    kiosk_window.visit.finish()
    assert not kiosk_window.display.reachMode


def test_speaker_button_and_auto_read(kiosk_window, driver: Driver, clock) -> None:
    from kiosk.i18n import catalog

    d, speech = driver, kiosk_window.speech
    d.click("startButton")
    d.click("lang_fr")
    d.click(f"service_{FORM}")
    d.accept_consent()
    fr = catalog("fr")
    d.click("input_surname")
    d.click("speakButton")
    assert fr.gettext("Surname") in speech.spoken[-1]
    help_text = fr.gettext("Exactly as printed on your passport's photo page, in Latin letters.")
    assert help_text in speech.spoken[-1]
    d.click("nextButton")  # errors are read too
    d.click("speakButton")
    assert fr.gettext("Please fill in this field.") in speech.spoken[-1]

    d.click("accessibilityButton")
    d.click("autoReadButton")
    d.click("accessibilityClose")
    kiosk_window.visit.session.answers.update(sample())
    before = len(speech.spoken)
    d.click("nextButton")
    assert len(speech.spoken) == before + 1
    assert fr.gettext("Passport and entry") in speech.spoken[-1]
    # Speech mode doubles the timeout: no warning at 1.5x the normal timeout.
    clock.advance(kiosk_window.config.idle_timeout_s * 1.5)
    d.process(400)
    assert not d.exists("timeoutOverlay")
    clock.advance(kiosk_window.config.idle_timeout_s)
    d.process(400)
    assert d.exists("timeoutOverlay")
    d.click("stillHereButton")
    kiosk_window.visit.finish()
    assert not speech.autoRead


def keypad_to(d: Driver, name: str, limit: int = 400) -> None:
    """Press Tab until the control named `name` has the focus, then nothing else."""
    for _ in range(limit):
        item = d.window.activeFocusItem()
        if item is not None and item.objectName() == name:
            return
        QTest.keyClick(d.window, Qt.Key.Key_Tab)
        d.process(5)
    d.screenshot(f"keypad-stuck-{name}")
    focus = d.window.activeFocusItem()
    raise AssertionError(f"Tab never reached {name!r}; focus on {focus.objectName() if focus else None!r}")


def keypad_press(d: Driver, name: str) -> None:
    keypad_to(d, name)
    QTest.keyClick(d.window, Qt.Key.Key_Return)
    d.process(60)


def test_keypad_only_visit(kiosk_window, driver: Driver) -> None:
    d, visit = driver, kiosk_window.visit
    answers = sample()
    keypad_press(d, "startButton")
    keypad_press(d, "lang_en")
    keypad_press(d, f"service_{FORM}")
    while visit.screen == "consent":  # Enter scrolls a long text first ("More below"), then agrees
        keypad_press(d, "consentAccept")
    while visit.screen == "step":
        done: set[str] = set()
        while True:
            todo = [r for r in visit.fields.rows if r.field_id in answers and r.field_id not in done]
            if not todo:
                break
            row, value = todo[0], answers[todo[0].field_id]
            done.add(row.field_id)
            if row.field_type == "choice":
                keypad_press(d, f"choice_{row.field_id}_{value}")
            elif row.field_type == "date":
                keypad_press(d, f"date_{row.field_id}")
                day, low = dt.date.fromisoformat(value), dt.date.fromisoformat(row.date_min)
                for wheel, steps in (("yearWheel", day.year - low.year), ("monthWheel", day.month - 1),
                                     ("dayWheel", day.day - 1)):  # fmt: skip
                    keypad_to(d, wheel)
                    turn = steps - d.window.activeFocusItem().property("currentIndex")
                    for _ in range(abs(turn)):  # the wheel opens on today: turn it either way
                        QTest.keyClick(d.window, Qt.Key.Key_Down if turn > 0 else Qt.Key.Key_Up)
                    assert d.window.activeFocusItem().property("currentIndex") == steps, wheel
                keypad_press(d, "dateOk")
            elif row.field_type == "country":
                keypad_press(d, f"country_{row.field_id}")
                for ch in value:
                    QTest.keyClick(d.window, ch)
                keypad_press(d, f"countryItem_{value}")
            else:
                keypad_to(d, f"input_{row.field_id}")
                for ch in str(value):
                    QTest.keyClick(d.window, ch)  # type: ignore[call-overload]
                d.process(20)
        keypad_press(d, "nextButton")
        assert not any(r.error for r in visit.fields.rows), [r.error for r in visit.fields.rows]
    assert visit.screen == "review"
    keypad_press(d, "submitButton")
    d.find("doneScreen", timeout=15)
    assert visit.session.receipt is not None
    d.screenshot("keypad-done")

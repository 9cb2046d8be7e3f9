"""Theme contrast (WCAG AAA, 7:1 for every text pair) and what the speaker button reads."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from kiosk.i18n import catalog
from kiosk.screen_text import screen_text
from kiosk.session import Receipt, VisitorSession
from kiosk.theme import PALETTES, contrast, worst_pairs


def test_contrast_formula_on_known_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_text_pair_reaches_7_to_1(name: str) -> None:
    fg, bg, ratio = worst_pairs(PALETTES[name])[0]
    assert ratio >= 7.0, f"{name}: {fg} on {bg} is only {ratio:.2f}:1"


def session_on_step(lang: str) -> VisitorSession:
    s = VisitorSession(load_forms(), ("en", "fr", "zh"), "en")
    s.touch_attract()
    s.set_language(lang)
    s.choose_service("temporary-residence")
    s.accept_consent()
    return s


def test_step_text_reads_labels_help_of_focus_and_errors() -> None:
    s = session_on_step("fr")
    fr = catalog("fr")
    s.next(dt.date(2026, 11, 27))
    text = screen_text(s, "surname")
    assert fr.gettext("Your name and nationality") in text
    assert fr.gettext("Exactly as printed on your passport's photo page, in Latin letters.") in text
    assert fr.gettext("Please fill in this field.") in text


def test_review_and_done_read_answers_and_reference() -> None:
    s = session_on_step("zh")
    s.answers.update(load_sample(s.form, dt.date(2026, 11, 27)))  # type: ignore[arg-type]
    while s.screen.value == "step":
        assert s.next(dt.date(2026, 11, 27))
    text = screen_text(s)
    assert "KIM" in text and catalog("zh").gettext("Surname") in text
    assert s.begin_submit(dt.date(2026, 11, 27)) is not None
    s.submit_succeeded(Receipt("ACEF4679", "K1:x", False))
    assert "A C E F 4 6 7 9" in screen_text(s)

"""Walk every screen of a visit (and the pop-ups), calling `look(name)` on each."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.forms import load_forms
from kiosk.forms.samples import load_sample
from tests.ui.qml_driver import Driver

FORM = "temporary-residence"


def sample(form: str = FORM) -> dict:
    """The form's sample answers, relative dates resolved on today."""
    return load_sample(load_forms()[form])


def walk_all_screens(d: Driver, kw, lang: str, look: Callable[[str], None]) -> None:
    visit = kw.visit
    look("attract")
    d.click("startButton")
    look("language")
    d.click(f"lang_{lang}")
    look("service")
    d.click(f"service_{FORM}")
    look("consent")
    d.accept_consent()
    d.click("nextButton")  # show the validation messages too
    look("step-errors")
    d.click("date_birth_date")
    look("date-picker")
    d.click("dateCancel")
    d.click("country_nationality")
    look("country-picker")
    d.click("countryClose")
    visit.session.answers.update(sample())
    visit.setAnswer("surname", "KIM")  # refresh the models from the filled session
    n = 0
    while visit.screen == "step":
        n += 1
        look(f"step-{n}")
        d.click("nextButton")
    look("review")
    d.click("languageButton")
    look("language-popup")
    d.click(f"popupLang_{lang}")
    d.click("accessibilityButton")
    look("accessibility-popup")
    d.click("accessibilityClose")
    d.click("submitButton")
    d.find("doneScreen", timeout=15)
    look("done")

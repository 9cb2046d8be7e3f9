""""I need help" on every screen after the attract screen: a number, spoken, the answers kept,
the session given more time, and the call closed by the visitor or by the end of the session."""

from __future__ import annotations

from kiosk.i18n import translate
from kiosk.idle import WAITING_FACTOR
from tests.ui.conftest import FakeClock
from tests.ui.qml_driver import Driver
from tests.ui.test_language_and_privacy import start_form


def test_help_shows_a_number_speaks_it_and_keeps_the_answers(kiosk_window, driver: Driver,
                                                             clock: FakeClock) -> None:  # fmt: skip
    d, kw = driver, kiosk_window
    start_form(d, "ko")
    d.type_text("input_surname", "HELPME")
    d.click("helpButton")
    assert d.exists("helpNumber")
    assert d.find("helpNumber").property("text") == "01"
    # No office in this test: the kiosk cannot know staff were told, so it says to go to the counter.
    assert d.find("helpWhatNext").property("text") == translate(
        "ko", "Please show this number at the counter. Your answers are kept.")
    assert translate("ko", "A staff member will help you") in kw.speech.spoken[-1]
    assert "0 1" in kw.speech.spoken[-1]  # read digit by digit
    d.screenshot("help-popup-ko")

    # Waiting for staff takes time: the quiet period before "are you still there?" is longer.
    clock.advance(kw.config.idle_timeout_s * 1.5)
    d.process(400)
    assert not kw.idle.warning and kw.visit.screen == "step"

    d.click("helpClose")
    assert not d.exists("helpNumber")
    assert d.find("input_surname").property("text") == "HELPME"
    d.click("helpButton")
    assert d.find("helpNumber").property("text") == "02"


def test_the_end_of_the_session_closes_the_call(kiosk_window, driver: Driver, clock: FakeClock) -> None:
    d, kw = driver, kiosk_window
    start_form(d, "en")
    d.click("helpButton")
    assert kw.help.open
    # The visitor walked away: even the longer wait runs out, the session is wiped with the call.
    clock.advance((kw.config.idle_timeout_s + kw.config.idle_warning_s) * WAITING_FACTOR + 1)
    d.process(600)
    assert kw.visit.screen == "attract"
    assert not kw.help.open and kw.help.number == ""
    assert not d.exists("helpNumber")

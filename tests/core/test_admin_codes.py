"""The admin screen's result codes and their words (kiosk.admin.codes), which QML only shows."""

from __future__ import annotations

from kiosk.admin.codes import AdminStatus, PinState, pin_keys_enabled, pin_text, status_text


def test_each_status_has_its_words_and_none_says_working_only_while_busy() -> None:
    assert status_text(AdminStatus.SAVED, False, "en").startswith("The printer is not available")
    assert status_text(AdminStatus.NONE, True, "en") == "Working…"
    assert status_text(AdminStatus.NONE, False, "en") == ""
    assert status_text(AdminStatus.ERROR, True, "en") == "That did not work. See the log below."
    assert AdminStatus.NOSYNC == "nosync"  # what QML and the tests still read from `status`


def test_the_pin_pad_says_why_it_waits() -> None:
    assert "kiosk admin set-pin" in pin_text(PinState.NOTSET, 0, "en")
    assert pin_text(PinState.WRONG, 0, "en") == "Wrong PIN."
    assert pin_text(PinState.LOCKED, 27, "en") == "Too many wrong PINs. Try again in 27 seconds."
    assert pin_text(PinState.NONE, 0, "en") == ""
    assert "27" in pin_text(PinState.LOCKED, 27, "zh") and "%1" not in pin_text(PinState.LOCKED, 27, "zh")


def test_the_keys_take_digits_only_when_a_pin_can_be_checked() -> None:
    assert pin_keys_enabled(PinState.NONE, 0) and pin_keys_enabled(PinState.WRONG, 0)
    assert not pin_keys_enabled(PinState.CHECKING, 0)
    assert not pin_keys_enabled(PinState.NOTSET, 0)
    assert not pin_keys_enabled(PinState.NONE, 5)

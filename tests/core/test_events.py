"""kiosk.events: the typed, Qt-free registry the kiosk's parts use instead of single callbacks."""

from __future__ import annotations

import logging
import re

import pytest

from kiosk import events


def test_an_event_reaches_every_handler_once_in_order() -> None:
    said: list[str] = []
    event = events.speech_did_toggle_auto_read()
    event.connect(lambda on: said.append(f"a{on}"))
    handler = lambda on: said.append(f"b{on}")  # noqa: E731
    event.connect(handler)
    event.connect(handler)  # connecting twice does not double it
    event(True)
    event.disconnect(handler)
    event(False)
    assert said == ["aTrue", "bTrue", "aFalse"]


def test_a_failing_handler_is_logged_and_the_others_still_run(caplog: pytest.LogCaptureFixture) -> None:
    heard: list[str] = []
    event = events.help_did_call()

    def broken() -> None:
        raise RuntimeError("listener bug")

    event.connect(broken)
    event.connect(lambda: heard.append("told"))
    with caplog.at_level(logging.ERROR, logger="kiosk.events"):
        event()
    assert heard == ["told"]
    assert "help_did_call" in caplog.text


def test_each_owner_has_its_own_event_and_every_name_says_subject_did_verb() -> None:
    first, second = events.help_did_call(), events.help_did_call()
    first.connect(lambda: None)
    assert len(first) == 1 and len(second) == 0
    for make in events.ALL:
        assert make().name == make.__name__
        assert re.fullmatch(r"[a-z]+_did_[a-z_]+", make.__name__)

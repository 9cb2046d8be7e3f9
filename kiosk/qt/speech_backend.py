"""SpeechBackend: the speaker button and auto-read mode, over kiosk.speech.SpeechService.

The service owns the engine in a worker process; `say` never blocks, so the GUI never waits on
speech. Speech stops, and auto-read turns off, when the session is wiped.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import events
from kiosk.screen_text import screen_text
from kiosk.session import VisitorSession

log = logging.getLogger(__name__)


class SpeechBackend(QObject):
    changed = Signal()

    def __init__(self, session: VisitorSession, service: Any = None) -> None:
        super().__init__()
        self._session = session
        self._service = service  # a kiosk.speech.SpeechService, made on first use
        self._auto = False
        self._last_screen = ""
        self._last_camera = ""
        self.spoken: list[str] = []  # the last texts handed to the engine (tests read it)
        self.speech_did_toggle_auto_read = events.speech_did_toggle_auto_read()

    def _engine(self) -> Any:
        if self._service is None:
            from kiosk.speech import SpeechService

            self._service = SpeechService()
        return self._service

    def _say(self, text: str) -> None:
        if not text.strip():
            return
        self.spoken = [*self.spoken[-9:], text]
        try:
            self._engine().say(text, self._session.lang)
        except Exception:  # speech is a help, never a reason to break the visit
            log.exception("speech failed")

    def _get_auto(self) -> bool:
        return self._auto

    autoRead = Property(bool, _get_auto, notify=changed)  # noqa: N815

    @Slot(str)
    def readScreen(self, focused_item: str = "") -> None:  # noqa: N802
        """Read the screen; `focused_item` is the objectName of the focused control, if any."""
        self._say(screen_text(self._session, self._field_of(focused_item)))

    def _field_of(self, item_name: str) -> str:
        form = self._session.form
        if not form or "_" not in item_name:
            return ""
        rest = item_name.split("_", 1)[1]  # input_surname, choice_sex_F, date_birth_date...
        ids = [f.id for f in form.fields if rest == f.id or rest.startswith(f.id + "_")]
        return max(ids, key=len) if ids else ""

    @Slot()
    def toggleAutoRead(self) -> None:  # noqa: N802
        self._auto = not self._auto
        self.changed.emit()
        self.speech_did_toggle_auto_read(self._auto)
        if self._auto:
            self.readScreen("")
        else:
            self.stop()

    def screen_changed(self) -> None:
        """Called on every visit change: auto-read speaks each new screen or step once."""
        key = f"{self._session.screen}:{self._session.step_index}:{self._session.lang}"
        if self._auto and key != self._last_screen:
            self.readScreen("")
        self._last_screen = key

    def camera_changed(self, text: str) -> None:
        """With auto-read on, the camera pop-up's title and guidance are spoken as they change
        ("move the page closer", "the picture is blurred"): holding a passport to a camera is
        done by ear by someone who cannot see the preview."""
        if self._auto and text and text != self._last_camera:
            self._say(text)
        self._last_camera = text

    def idle_warning(self, seconds: int) -> None:
        """The "are you still there?" prompt, spoken in the visitor's language whether or not
        auto-read is on: someone who cannot read the screen must hear that time runs out."""
        from kiosk.i18n import translate

        lang = self._session.lang
        countdown = translate(lang, "For your privacy, your answers will be erased in %1 seconds.")
        self._say(f"{translate(lang, 'Are you still there?')} {countdown.replace('%1', str(seconds))}")

    def help_called(self, number: str) -> None:
        """The help pop-up, spoken in the visitor's language whether or not auto-read is on:
        a visitor who asks for help may be one who cannot read the screen."""
        from kiosk.i18n import translate

        lang = self._session.lang
        self._say(" ".join((translate(lang, "A staff member will help you"), translate(lang, "Your number"),
                            " ".join(number), translate(lang, "Please show this number at the counter. "
                                                               "Your answers are kept."))))  # fmt: skip

    @Slot()
    def stop(self) -> None:
        if self._service is not None:
            self._service.stop_all()

    def reset(self) -> None:
        self.stop()
        self.spoken = []
        if self._auto:
            self._auto = False
            self.changed.emit()
            self.speech_did_toggle_auto_read(False)

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
            self._service = None

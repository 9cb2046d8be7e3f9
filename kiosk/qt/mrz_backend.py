"""MrzBackend: the "scan your passport" prefill of a form's first step, as QML sees it.

A document reader types the machine-readable zone like a keyboard (or the visitor types it);
`read` parses and verifies it (kiosk.mrz), `confirm` copies the verified values into the
visitor's answers. Nothing is prefilled from a zone that failed. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.forms.display import display_value
from kiosk.forms.model import Answers
from kiosk.forms.prefill import mrz_answers
from kiosk.i18n import N_, catalog
from kiosk.mrz import MrzError, is_complete, parse_mrz
from kiosk.qt.visit_backend import VisitBackend
from kiosk.session import Screen

READ_OK = N_('Please check what was read, then tap "Use these details".')
NOTHING_TO_USE = N_("Nothing on this document matches the questions of this form.")


class MrzBackend(QObject):
    """State: available (a form step that can be prefilled), message, error, the values read."""

    changed = Signal()

    def __init__(self, visit: VisitBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._visit = visit
        self._read: Answers = {}
        self._message = ""
        self._error = False
        self._params: dict[str, str] = {}
        visit.changed.connect(self._on_visit_changed)
        visit.wiped.connect(self.clear)

    def _on_visit_changed(self) -> None:
        if not self._available():
            self._forget()
        self.changed.emit()

    def _available(self) -> bool:
        s = self._visit.session
        if s.screen is not Screen.STEP or s.form is None or not s.form.mrz_prefill:
            return False
        visible = s.visible_step_indexes()
        return bool(visible) and s.step_index == visible[0]

    def _forget(self) -> None:
        self._read, self._message, self._error, self._params = {}, "", False, {}

    def _message_text(self) -> str:
        cat = catalog(self._visit.session.lang)
        return cat.format(self._message, **self._params) if self._message else ""

    def _lines(self) -> list[str]:
        """What was read, as "label: value" lines in the visitor's language."""
        form, lang = self._visit.session.form, self._visit.session.lang
        if form is None:
            return []
        cat = catalog(lang)
        return [f"{cat.gettext(form.field(fid).label)}: {display_value(form.field(fid), v, lang)}"
                for fid, v in self._read.items()]  # fmt: skip

    available = Property(bool, _available, notify=changed)
    message = Property(str, _message_text, notify=changed)
    error = Property(bool, lambda self: self._error, notify=changed)
    hasResult = Property(bool, lambda self: bool(self._read), notify=changed)  # noqa: N815
    result = Property(list, _lines, notify=changed)

    @Slot(str, result=bool)
    def complete(self, text: str) -> bool:
        """Whether `text` is a whole zone by its shape (line count and lengths, from kiosk.mrz)."""
        return is_complete(text)

    @Slot(str)
    def read(self, text: str) -> None:
        """Parse typed or scanned lines; a failed check leaves nothing to confirm."""
        form = self._visit.session.form
        self._forget()
        if form is None:
            return
        try:
            answers = mrz_answers(form, parse_mrz(text))
        except MrzError as exc:
            self._message, self._params, self._error = exc.message, exc.params, True
        else:
            self._read = answers
            self._message = READ_OK if answers else NOTHING_TO_USE
            self._error = not answers
        self.changed.emit()

    @Slot()
    def confirm(self) -> None:
        read, self._read = self._read, {}
        for field_id, value in read.items():
            self._visit.setAnswer(field_id, value)
        self._forget()
        self.changed.emit()

    @Slot()
    def clear(self) -> None:
        self._forget()
        self.changed.emit()

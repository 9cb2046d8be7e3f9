"""VisitBackend: the visitor's session as QML sees it (screen, step, fields, review, receipt).

Wraps kiosk.session.VisitorSession. GUI thread only; submitting runs on a worker thread and
reports back through kiosk.qt.worker.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.forms.model import Form
from kiosk.i18n import N_, catalog
from kiosk.languages import RTL_LANGUAGES, keyboard_locale
from kiosk.presenter import (
    DoneRow,
    FieldRow,
    ReviewRow,
    ServiceRow,
    field_rows,
    group_review_rows,
    service_rows,
)
from kiosk.qt.qr_image import GROUP_QR_SIDE, QR_SIDE, qr_url
from kiosk.qt.rows_model import RowsModel
from kiosk.qt.worker import run_async
from kiosk.refcode import display
from kiosk.session import Receipt, Screen, VisitorSession

if TYPE_CHECKING:
    from kiosk.submit import SubmitResult, Submitter

log = logging.getLogger(__name__)

WHO_SEES = N_("Only the staff of the service center and the police office responsible for "
              "your registration see your answers. They are encrypted on this kiosk and sent "
              "to the center's office database.")  # fmt: skip
BRING_MORE = N_("Other documents may be needed, depending on your answers: the printed form lists them.")
RETENTION = N_("Your answers are kept for {days} days after they reach the center, then deleted.")
PRINT_FAILED = N_("The printer is not available. Please show this screen to the staff at the "
                  "counter; your form is saved.")  # fmt: skip
SAVE_FAILED = N_("Your form could not be saved. Please try again or ask the staff for help.")
PERSON_STEP = N_("{step} (person {n})")


class VisitBackend(QObject):
    changed = Signal()  # screen, step or language: every derived property re-reads
    languageChanged = Signal(str)  # noqa: N815 - QML name
    wiped = Signal()

    def __init__(self, session: VisitorSession, submitter: Submitter | None) -> None:
        super().__init__()
        self._session = session
        self._submitter = submitter
        self._busy = False
        self._fields = RowsModel(FieldRow, self)
        self._review = RowsModel(ReviewRow, self)
        self._services = RowsModel(ServiceRow, self)
        self._done = RowsModel(DoneRow, self)
        self._qr_urls: dict[tuple[str, int], str] = {}  # this visit's codes (dropped at the wipe)
        self._services.set_rows(service_rows(session.forms, session.lang))

    @property
    def session(self) -> VisitorSession:
        return self._session

    # -- properties ---------------------------------------------------------------------------
    def _screen(self) -> str:
        return self._session.screen.value

    def _lang(self) -> str:
        return self._session.lang

    def _rtl(self) -> bool:
        return self._session.lang in RTL_LANGUAGES

    def _keyboard_locale(self) -> str:
        return keyboard_locale(self._session.lang)

    def _form(self) -> Form | None:
        return self._session.form

    def _form_title(self) -> str:
        form = self._form()
        return catalog(self._lang()).gettext(form.title) if form else ""

    def _step_number(self) -> int:
        visible = self._session.visible_step_indexes()
        return (
            visible.index(self._session.step_index) + 1
            if self._session.step_index in visible
            else 0
        )

    def _step_count(self) -> int:
        return len(self._session.visible_step_indexes())

    def _step_title(self) -> str:
        form = self._form()
        if not form or self._session.screen is not Screen.STEP:
            return ""
        cat = catalog(self._lang())
        title = cat.gettext(form.steps[self._session.step_index].title)
        if len(self._session.people) > 1 or self._session.person > 0:  # whose step, in a group
            return cat.format(PERSON_STEP, step=title, n=self._session.person + 1)
        return title

    def _consent_purpose(self) -> str:
        form = self._form()
        return catalog(self._lang()).gettext(form.purpose) if form else ""

    def _consent_collected(self) -> str:
        form = self._form()
        if not form:
            return ""
        cat = catalog(self._lang())
        return "\n".join(f"• {cat.gettext(step.title)}" for step in form.steps)

    def _consent_retention(self) -> str:
        form = self._form()
        return catalog(self._lang()).format(RETENTION, days=form.retention_days) if form else ""

    def _consent_who(self) -> str:
        return catalog(self._lang()).gettext(WHO_SEES)

    def _consent_bring(self) -> str:
        """The documents every visitor of this service needs, and a word on those that depend
        on the answers (the printout lists exactly which)."""
        form = self._form()
        if not form:
            return ""
        cat = catalog(self._lang())
        lines = [f"• {cat.gettext(doc.label)}" for doc in form.documents if not doc.when]
        if any(doc.when for doc in form.documents):
            lines.append(cat.gettext(BRING_MORE))
        return "\n".join(lines)

    def _receipt(self) -> Receipt | None:
        return self._session.receipt

    def _reference(self) -> str:
        r = self._receipt()
        return display(r.reference) if r else ""

    def _qr(self, payload: str, side: int) -> str:
        """The code as a PNG data URL, drawn once per visit (QML re-reads at every change)."""
        url = self._qr_urls.get((payload, side))
        if url is None:
            url = self._qr_urls[(payload, side)] = qr_url(payload, side)
        return url

    def _qr_source(self) -> str:
        r = self._receipt()
        return self._qr(r.qr_payload, QR_SIDE) if r else ""

    def _print_message(self) -> str:
        """The first print problem of anyone in the group ("" when every form printed)."""
        message = next((r.print_message for r in self._session.receipts if r.print_message), "")
        return catalog(self._lang()).gettext(message) if message else ""

    def _printed(self) -> bool:
        receipts = self._session.receipts
        return bool(receipts) and all(r.printed for r in receipts)

    def _submit_error(self) -> str:
        error = self._session.submit_error
        return catalog(self._lang()).gettext(error) if error else ""

    def _can_add_person(self) -> bool:
        return self._session.can_add_person() and not self._busy

    def _person_count(self) -> int:
        return len(self._session.people)

    def _get_busy(self) -> bool:
        return self._busy

    def _has_warnings(self) -> bool:
        return any(p.warning for p in self._session.problems)

    screen = Property(str, _screen, notify=changed)
    language = Property(str, _lang, notify=changed)
    rtl = Property(bool, _rtl, notify=changed)
    keyboardLocale = Property(str, _keyboard_locale, notify=changed)  # noqa: N815
    formTitle = Property(str, _form_title, notify=changed)  # noqa: N815
    stepNumber = Property(int, _step_number, notify=changed)  # noqa: N815
    stepCount = Property(int, _step_count, notify=changed)  # noqa: N815
    stepTitle = Property(str, _step_title, notify=changed)  # noqa: N815
    consentPurpose = Property(str, _consent_purpose, notify=changed)  # noqa: N815
    consentCollected = Property(str, _consent_collected, notify=changed)  # noqa: N815
    consentRetention = Property(str, _consent_retention, notify=changed)  # noqa: N815
    consentWho = Property(str, _consent_who, notify=changed)  # noqa: N815
    consentBring = Property(str, _consent_bring, notify=changed)  # noqa: N815
    reference = Property(str, _reference, notify=changed)
    qrSource = Property(str, _qr_source, notify=changed)  # noqa: N815
    printMessage = Property(str, _print_message, notify=changed)  # noqa: N815
    printed = Property(bool, _printed, notify=changed)
    submitError = Property(str, _submit_error, notify=changed)  # noqa: N815
    busy = Property(bool, _get_busy, notify=changed)
    hasWarnings = Property(bool, _has_warnings, notify=changed)  # noqa: N815
    canAddPerson = Property(bool, _can_add_person, notify=changed)  # noqa: N815
    personCount = Property(int, _person_count, notify=changed)  # noqa: N815

    @Property(QObject, constant=True)
    def fields(self) -> QObject:
        return self._fields

    @Property(QObject, constant=True)
    def review(self) -> QObject:
        return self._review

    @Property(QObject, constant=True)
    def services(self) -> QObject:
        return self._services

    @Property(QObject, constant=True)
    def receipts(self) -> QObject:
        """Every person's reference and QR on the done screen."""
        return self._done

    # -- refresh ------------------------------------------------------------------------------
    def _refresh(self, reset_fields: bool = True) -> None:
        s = self._session
        if s.screen is Screen.STEP:
            rows = field_rows(s)
            same_fields = [r.field_id for r in rows] == [r.field_id for r in self._fields.rows]
            if reset_fields or not same_fields:
                self._fields.set_rows(rows)
            else:
                self._fields.update_rows(rows)
        elif self._fields.rowCount():
            self._fields.clear()
        if s.screen in (Screen.REVIEW, Screen.SUBMITTING) and s.form:
            self._review.set_rows(group_review_rows(s.form, s.people, s.lang))
        elif self._review.rowCount():
            self._review.clear()
        if s.screen is Screen.DONE:
            self._done.set_rows([DoneRow(display(r.reference), self._qr(r.qr_payload, GROUP_QR_SIDE), n)
                                 for n, r in enumerate(s.receipts, start=1)])  # fmt: skip
        elif self._done.rowCount():
            self._done.clear()
        self.changed.emit()

    # -- slots --------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        if self._session.touch_attract():
            self._refresh()

    @Slot(str)
    def setLanguage(self, code: str) -> None:  # noqa: N802
        if code == self._session.lang:
            if self._session.set_language(code):  # from attract/language: go on to services
                self._refresh()
            return
        if self._session.set_language(code):
            self._services.set_rows(service_rows(self._session.forms, code))
            self.languageChanged.emit(code)
            self._refresh(reset_fields=False)

    @Slot(str)
    def chooseService(self, form_id: str) -> None:  # noqa: N802
        if self._session.choose_service(form_id):
            self._refresh()

    @Slot()
    def acceptConsent(self) -> None:  # noqa: N802
        if self._session.accept_consent():
            self._refresh()

    @Slot()
    def back(self) -> None:
        if self._session.back():
            self._refresh()

    @Slot()
    def next(self) -> None:
        before = (self._session.screen, self._session.step_index)
        moved = self._session.next()
        after = (self._session.screen, self._session.step_index)
        self._refresh(reset_fields=moved and before != after)

    @Slot(str, "QVariant")
    def setAnswer(self, field_id: str, value: Any) -> None:  # noqa: N802
        if isinstance(value, str) and self._uppercase(field_id):
            value = value.upper()
        if isinstance(value, list):
            value = [str(v) for v in value]
        if self._session.set_answer(field_id, value):
            self._refresh(reset_fields=False)

    def _uppercase(self, field_id: str) -> bool:
        form = self._form()
        try:
            return bool(form and form.field(field_id).uppercase)
        except KeyError:
            return False

    @Slot(str)
    def edit(self, field_id: str) -> None:
        if self._session.edit(field_id):
            self._refresh()

    @Slot(str, int)
    def editFor(self, field_id: str, person: int) -> None:  # noqa: N802
        """Edit one person's answer (0-based); a shared answer is edited for everyone."""
        if self._session.edit(field_id, person):
            self._refresh()

    @Slot()
    def addPerson(self) -> None:  # noqa: N802
        if not self._busy and self._session.add_person():
            self._refresh()

    @Slot(int)
    def removePerson(self, person: int) -> None:  # noqa: N802
        if not self._busy and self._session.remove_person(person):
            self._refresh()

    @Slot()
    def submit(self) -> None:
        s = self._session
        form, lang = s.form, s.lang
        people = s.begin_submit()
        if people is None or form is None:
            self._refresh()
            return
        self._busy = True
        self._refresh()
        submitter = self._submitter
        if submitter is None:
            self._on_submit_failed(RuntimeError("no queue configured"))
            return
        # One local transaction for the whole group: every person is queued, or nobody.
        photos = s.photos_to_submit()  # sealed with each person's answers (docs/photos.md)
        run_async(lambda: submitter.submit_group(form, lang, people, photos=photos), self._on_submitted,
                  self._on_submit_failed)  # fmt: skip

    def _on_submitted(self, results: list[SubmitResult]) -> None:
        self._busy = False
        receipts = []
        for result in results:
            q = result.queued
            message = "" if result.printed else PRINT_FAILED if self._wants_printer() else ""
            receipts.append(Receipt(q.reference, q.qr_payload, result.printed, message))
        self._session.submit_succeeded(receipts)
        self._refresh()

    def _wants_printer(self) -> bool:
        return bool(self._submitter and self._submitter.config.printer)

    def _on_submit_failed(self, exc: BaseException) -> None:
        self._busy = False
        log.error("submit failed: %s", type(exc).__name__)  # no message: it may hold answers
        self._session.submit_failed(SAVE_FAILED)
        self._refresh()

    @Slot()
    def finish(self) -> None:
        """Done, declined or timed out: wipe every answer, model and screen."""
        if self._busy:
            return  # never wipe while the queue write is in flight; done screen follows
        self._session.wipe()
        self._qr_urls.clear()
        self._fields.clear()
        self._review.clear()
        self._done.clear()
        self._services.set_rows(service_rows(self._session.forms, self._session.lang))
        self.languageChanged.emit(self._session.lang)
        self.wiped.emit()
        self.changed.emit()

"""The visitor's session as a plain state machine, tested without Qt.

attract → language → service → consent → step 1..n → review → submitting → done → (wipe) attract.
Any screen can switch language (answers kept) or be wiped by the idle timeout. An event that does
not apply to the current screen (a double tap, a late signal) is ignored and returns False.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.forms.model import Answers, Form
from kiosk.forms.validate import Problem, blocking, validate_answers, validate_step


class Screen(StrEnum):
    ATTRACT = "attract"
    LANGUAGE = "language"
    SERVICE = "service"
    CONSENT = "consent"
    STEP = "step"
    REVIEW = "review"
    SUBMITTING = "submitting"
    DONE = "done"


@dataclass(frozen=True)
class Receipt:
    """What the done screen shows: no personal data, only the reference and its QR payload."""

    reference: str
    qr_payload: str
    printed: bool
    print_message: str = ""


class VisitorSession:
    """One visitor's path through the kiosk. Not thread-safe: owned by the GUI thread's backend."""

    def __init__(self, forms: dict[str, Form], languages: tuple[str, ...], default_language: str):
        self.forms = forms
        self.languages = languages
        self.default_language = default_language
        self.wipe()

    # -- state ---------------------------------------------------------------------------------
    def wipe(self) -> None:
        """Forget everything about the visitor and return to the attract screen."""
        self.screen = Screen.ATTRACT
        self.lang = self.default_language
        self.form: Form | None = None
        self.step_index = 0
        self.answers: Answers = {}
        self.problems: list[Problem] = []
        self.return_to_review = False
        self.receipt: Receipt | None = None
        self.submit_error = ""

    @property
    def step_count(self) -> int:
        return len(self.form.steps) if self.form else 0

    def visible_step_indexes(self) -> list[int]:
        if not self.form:
            return []
        return [i for i, s in enumerate(self.form.steps) if s.visible_fields(self.answers)]

    # -- events --------------------------------------------------------------------------------
    def touch_attract(self) -> bool:
        if self.screen is not Screen.ATTRACT:
            return False
        self.screen = Screen.LANGUAGE
        return True

    def set_language(self, lang: str) -> bool:
        """Switch language on any screen; answers are kept. From attract/language go on to services."""
        if lang not in self.languages:
            return False
        self.lang = lang
        if self.screen in (Screen.ATTRACT, Screen.LANGUAGE):
            self.screen = Screen.SERVICE
        return True

    def choose_service(self, form_id: str) -> bool:
        if self.screen is not Screen.SERVICE or form_id not in self.forms:
            return False
        if self.form is None or self.form.id != form_id:
            self.answers = {}
        self.form = self.forms[form_id]
        self.screen = Screen.CONSENT
        return True

    def accept_consent(self) -> bool:
        if self.screen is not Screen.CONSENT or self.form is None:
            return False
        self.screen = Screen.STEP
        self.step_index = self.visible_step_indexes()[0]
        self.problems = []
        return True

    def set_answer(self, field_id: str, value: Any) -> bool:
        if self.screen is not Screen.STEP or self.form is None:
            return False
        try:
            self.form.field(field_id)
        except KeyError:
            return False
        if value is None or value == "" or value == []:
            self.answers.pop(field_id, None)
        else:
            self.answers[field_id] = value
        self.problems = [p for p in self.problems if p.field != field_id]
        return True

    def next(self, today: dt.date | None = None) -> bool:
        """Validate the step; on success go to the next visible step, or to review."""
        if self.screen is not Screen.STEP or self.form is None:
            return False
        step = self.form.steps[self.step_index]
        self.problems = validate_step(self.form, step, self.answers, today)
        if blocking(self.problems):
            return False
        later = [i for i in self.visible_step_indexes() if i > self.step_index]
        if self.return_to_review or not later:
            self.return_to_review = False
            self.screen = Screen.REVIEW
        else:
            self.step_index = later[0]
        self.problems = []
        return True

    def back(self) -> bool:
        match self.screen:
            case Screen.LANGUAGE:
                self.screen = Screen.ATTRACT
            case Screen.SERVICE:
                self.screen = Screen.LANGUAGE
            case Screen.CONSENT:
                self.screen = Screen.SERVICE
            case Screen.STEP:
                earlier = [i for i in self.visible_step_indexes() if i < self.step_index]
                self.problems = []
                self.return_to_review = False
                if earlier:
                    self.step_index = earlier[-1]
                else:
                    self.screen = Screen.CONSENT
            case Screen.REVIEW:
                self.screen = Screen.STEP
                self.step_index = self.visible_step_indexes()[-1]
            case _:
                return False
        return True

    def edit(self, field_id: str) -> bool:
        """From review, jump to the step holding a field; Next comes back to review."""
        if self.screen is not Screen.REVIEW or self.form is None:
            return False
        try:
            self.step_index = self.form.step_of(field_id)
        except KeyError:
            return False
        self.screen = Screen.STEP
        self.return_to_review = True
        self.problems = []
        return True

    def begin_submit(self, today: dt.date | None = None) -> Answers | None:
        """Check everything once more and move to 'submitting'; returns the answers to queue."""
        if self.screen is not Screen.REVIEW or self.form is None:
            return None
        self.problems = validate_answers(self.form, self.form.visible_answers(self.answers), today)
        bad = blocking(self.problems)
        if bad:
            self.step_index = self.form.step_of(bad[0].field)
            self.screen = Screen.STEP
            self.return_to_review = True
            return None
        self.screen = Screen.SUBMITTING
        self.submit_error = ""
        return self.form.visible_answers(self.answers)

    def submit_succeeded(self, receipt: Receipt) -> bool:
        if self.screen is not Screen.SUBMITTING:
            return False
        self.receipt = receipt
        self.screen = Screen.DONE
        return True

    def submit_failed(self, message: str) -> bool:
        """The queue refused the submission (disk full...): back to review, answers kept."""
        if self.screen is not Screen.SUBMITTING:
            return False
        self.submit_error = message
        self.screen = Screen.REVIEW
        return True

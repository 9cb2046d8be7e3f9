"""The visitor's session as a plain state machine, tested without Qt.

attract → language → service → consent → step 1..n → review → submitting → done → (wipe) attract.
Any screen can switch language (answers kept) or be wiped by the idle timeout. An event that does
not apply to the current screen (a double tap, a late signal) is ignored and returns False.

Groups (docs/groups.md): on a form with a group rule, review offers "add another person": the
new person starts with the shared steps' answers (address, host, stay) and walks only the
per-person steps. `people` holds each person's complete answers; `answers` is the current
person's. A shared answer is kept the same for everyone: setting it sets it for all.

Photos (docs/photos.md): each person has their own pictures (JPEG bytes, already checked and
re-encoded by kiosk.photos) and the keys they chose to skip. A group's shared documents (the
lease, the host's ID) belong to the first person. Pictures are overwritten with zeros and
dropped by `wipe`, like the answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.forms.documents import PhotoNeed, photos_needed, shared_photo_keys
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
        self._wipe_photos()
        self.people: list[Answers] = [{}]  # every person's answers; one unless a group
        self.people_photos: list[dict[str, bytearray]] = [{}]  # per person: key -> JPEG
        self.people_skipped: list[set[str]] = [set()]  # per person: keys not photographed
        self.person = 0  # whose answers the steps show
        self.adding = False  # walking a newly added person, not yet back on review
        self.problems: list[Problem] = []
        self.return_to_review = False
        self.receipts: list[Receipt] = []  # one per person, in order
        self.submit_error = ""

    @property
    def answers(self) -> Answers:
        """The current person's answers (the only person's, outside a group)."""
        return self.people[self.person]

    @answers.setter
    def answers(self, value: Answers) -> None:
        self.people[self.person] = value

    # -- photos --------------------------------------------------------------------------------
    def _wipe_photos(self) -> None:
        for photos in getattr(self, "people_photos", []):
            for data in photos.values():
                data[:] = bytes(len(data))  # best effort: our copy is zeroed before it is dropped
            photos.clear()

    def _who(self, person: int | None) -> int:
        """`person` if it is one of the visit's people, else the current person."""
        return person if person is not None and 0 <= person < len(self.people) else self.person

    def _photo_owner(self, key: str, person: int | None = None) -> int:
        """Whose picture `key` is: the first person's for a group's shared document."""
        shared = self.form is not None and key in shared_photo_keys(self.form)
        return 0 if shared else self._who(person)

    def photos_needed(self, person: int | None = None) -> list[PhotoNeed]:
        """The pictures to take of `person` (default: the current one); none before a form."""
        if self.form is None:
            return []
        who = self._who(person)
        return photos_needed(self.form, self.people[who], first_person=who == 0)

    def set_photo(self, key: str, jpeg: bytes, person: int | None = None) -> bool:
        """Keep a checked picture for `key` (replacing an earlier one); un-skips it."""
        if self.form is None or key not in {n.key for n in self.photos_needed(person)} or not jpeg:
            return False
        owner = self._photo_owner(key, person)
        old = self.people_photos[owner].pop(key, None)
        if old is not None:
            old[:] = bytes(len(old))
        self.people_photos[owner][key] = bytearray(jpeg)
        self.people_skipped[owner].discard(key)
        return True

    def photo(self, key: str, person: int | None = None) -> bytes | None:
        data = self.people_photos[self._photo_owner(key, person)].get(key)
        return bytes(data) if data is not None else None

    def remove_photo(self, key: str, person: int | None = None) -> bool:
        data = self.people_photos[self._photo_owner(key, person)].pop(key, None)
        if data is None:
            return False
        data[:] = bytes(len(data))
        return True

    def skip_photo(self, key: str) -> bool:
        """The visitor will show this paper at the counter instead: recorded so staff see it."""
        if self.form is None or key not in {n.key for n in self.photos_needed()}:
            return False
        self.remove_photo(key)
        self.people_skipped[self._photo_owner(key)].add(key)
        return True

    @property
    def photos(self) -> Mapping[str, bytes]:
        """The current person's pictures, with the group's shared ones for the first person."""
        return {k: bytes(v) for k, v in self.people_photos[self.person].items()}

    def photos_to_submit(self) -> list[tuple[dict[str, bytes], list[str]]]:
        """Per person, in order: (key -> JPEG, keys skipped or never taken), for what applies
        to their visible answers now (a picture of a document the answers no longer need is
        left out)."""
        if self.form is None:
            return []
        out: list[tuple[dict[str, bytes], list[str]]] = []
        for n, answers in enumerate(self.people):
            keys = [need.key for need in photos_needed(self.form, answers, first_person=n == 0)]
            taken = {k: bytes(self.people_photos[n][k]) for k in keys if k in self.people_photos[n]}
            out.append((taken, [k for k in keys if k not in taken]))
        return out

    @property
    def receipt(self) -> Receipt | None:
        return self.receipts[0] if self.receipts else None

    def can_add_person(self) -> bool:
        form = self.form
        return (self.screen is Screen.REVIEW and form is not None and form.group is not None
                and len(self.people) < form.group.max_people)  # fmt: skip

    def visible_step_indexes(self) -> list[int]:
        """Steps with something to ask; a further person of a group skips the shared steps."""
        if not self.form:
            return []
        asked = self.form.person_step_indexes() if self.person > 0 else range(len(self.form.steps))
        return [i for i in asked if self.form.steps[i].visible_fields(self.answers)]

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
            self._wipe_photos()
            self.people, self.person, self.adding = [{}], 0, False
            self.people_photos, self.people_skipped = [{}], [set()]
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
        shared = self.form.shared_field(field_id)
        for answers in self.people if shared else [self.answers]:
            if value is None or value == "" or value == []:
                answers.pop(field_id, None)
            else:
                answers[field_id] = value
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
            self.return_to_review = self.adding = False
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
                elif self.person > 0:  # back from a further person's first step: to review
                    if self.adding:  # never reviewed: adding them is cancelled
                        self._drop_person(self.person)
                    self.person, self.adding = 0, False
                    self.screen = Screen.REVIEW
                else:
                    self.screen = Screen.CONSENT
            case Screen.REVIEW:
                self.screen = Screen.STEP
                self.person = len(self.people) - 1
                self.step_index = self.visible_step_indexes()[-1]
            case _:
                return False
        return True

    def edit(self, field_id: str, person: int = 0) -> bool:
        """From review, jump to the step holding a person's field; Next comes back to review.
        A shared field is edited once, for everyone."""
        if self.screen is not Screen.REVIEW or self.form is None or not 0 <= person < len(self.people):
            return False
        try:
            self.step_index = self.form.step_of(field_id)
        except KeyError:
            return False
        self.person = 0 if self.form.shared_field(field_id) else person
        self.screen = Screen.STEP
        self.return_to_review = True
        self.problems = []
        return True

    def add_person(self) -> bool:
        """From review: another person at this address. The shared steps' answers are carried
        over; the per-person steps start empty."""
        form = self.form
        if not self.can_add_person() or form is None:
            return False
        carried = {k: v for k, v in self.people[0].items() if form.shared_field(k)}
        if form.group and form.group.guardian:  # asked only for a minor; editable
            names = dict(form.mrz_prefill)
            first = self.people[0]
            name = " ".join(str(first.get(names.get(k, ""), "")) for k in ("given_names", "surname"))
            if name.strip():
                carried[form.group.guardian] = name.strip()
        self.people.append(carried)
        self.people_photos.append({})
        self.people_skipped.append(set())
        self.person, self.adding = len(self.people) - 1, True
        self.screen = Screen.STEP
        self.step_index = self.visible_step_indexes()[0]
        self.problems, self.return_to_review = [], False
        return True

    def remove_person(self, person: int) -> bool:
        """From review: take a person out of the group (never the last one)."""
        if self.screen is not Screen.REVIEW or len(self.people) < 2 or not 0 <= person < len(self.people):
            return False
        self._drop_person(person)
        self.person = 0
        return True

    def _drop_person(self, person: int) -> None:
        if person == 0 and len(self.people) > 1 and self.form is not None:
            for key in shared_photo_keys(self.form):  # the group's pictures go to the new first
                if key in self.people_photos[0]:
                    self.people_photos[1][key] = self.people_photos[0].pop(key)
                if key in self.people_skipped[0]:
                    self.people_skipped[1].add(key)
        for data in self.people_photos[person].values():
            data[:] = bytes(len(data))
        del self.people[person], self.people_photos[person], self.people_skipped[person]

    def begin_submit(self, today: dt.date | None = None) -> list[Answers] | None:
        """Check every person once more and move to 'submitting'; returns each person's answers
        to queue (one entry outside a group). On a problem, go to that person's step."""
        if self.screen is not Screen.REVIEW or self.form is None:
            return None
        form = self.form
        for person, answers in enumerate(self.people):
            self.problems = validate_answers(form, form.visible_answers(answers), today)
            bad = blocking(self.problems)
            if bad:
                self.person = 0 if form.shared_field(bad[0].field) else person
                self.step_index = form.step_of(bad[0].field)
                self.screen = Screen.STEP
                self.return_to_review = True
                return None
        self.screen = Screen.SUBMITTING
        self.submit_error = ""
        return [form.visible_answers(answers) for answers in self.people]

    def submit_succeeded(self, receipts: Receipt | list[Receipt]) -> bool:
        if self.screen is not Screen.SUBMITTING:
            return False
        self.receipts = list(receipts) if isinstance(receipts, list) else [receipts]
        self.screen = Screen.DONE
        return True

    def submit_failed(self, message: str) -> bool:
        """The queue refused the submission (disk full...): back to review, answers kept."""
        if self.screen is not Screen.SUBMITTING:
            return False
        self.submit_error = message
        self.screen = Screen.REVIEW
        return True

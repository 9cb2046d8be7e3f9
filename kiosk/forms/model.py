"""The in-memory form model: a form is steps of fields, each field typed, with conditions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.icons import DEFAULT_SERVICE_ICON

Answers = dict[str, Any]


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    COUNTRY = "country"
    PHONE = "phone"
    EMAIL = "email"
    YESNO = "yesno"
    NOTE = "note"  # a text shown between fields; never answered


@dataclass(frozen=True)
class Option:
    value: str
    label: str  # English source text, translated through the catalogs
    parent: str = ""  # cascading lists: shown only when the `filter_by` field's answer is this
    # Staff-edited data files carry their own translations (language code → text).
    labels: tuple[tuple[str, str], ...] = ()

    def label_in(self, lang: str) -> str | None:
        for code, text in self.labels:
            if code == lang:
                return text
        return None


@dataclass(frozen=True)
class Condition:
    """Show a field only when another field's answer matches (equals one of `values`, or is set).

    `negate` turns the test around: shown unless the answer is one of `values` (or unless set).
    `age_under`: the answer is a date of birth of someone younger than that many years today
    (a minor's guardian, docs/groups.md); false while the date is missing or not a date.
    """

    field: str
    values: tuple[Any, ...] = ()
    filled: bool = False
    negate: bool = False
    age_under: int | None = None

    def holds(self, answers: Answers, today: dt.date | None = None) -> bool:
        return self._matches(answers, today) != self.negate

    def _matches(self, answers: Answers, today: dt.date | None) -> bool:
        value = answers.get(self.field)
        if self.age_under is not None:
            return age_in_years(value, today or dt.date.today()) < self.age_under
        if self.filled:
            return value not in (None, "", [])
        if isinstance(value, list):
            return any(v in self.values for v in value)
        return value in self.values


def age_in_years(birth: Any, today: dt.date) -> float:
    """Whole years from an ISO date of birth to `today`; infinity when it is not a date."""
    try:
        born = dt.date.fromisoformat(str(birth))
    except ValueError:
        return float("inf")
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# A compiled expression (kiosk.forms.expr): answers, the field's own value, today (ISO) → result.
Expression = Callable[[Answers, Any], Any]


@dataclass(frozen=True)
class Field:
    id: str
    type: FieldType
    label: str
    help: str = ""
    required: bool = False
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str | None = None
    latin: bool = False  # names and numbers as in the passport: Latin letters only
    uppercase: bool = False
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    date_min: str | None = None  # "today", "-120y", "+10y", "+30d" or an ISO date
    date_max: str | None = None
    filter_by: str | None = None  # cascading list: options whose `parent` is this field's answer
    relevant: Expression | None = field(default=None, compare=False)  # XLSForm-style condition
    constraint: Expression | None = field(default=None, compare=False)
    constraint_message: str | None = None

    def visible(self, answers: Answers) -> bool:
        if self.show_if is not None and not self.show_if.holds(answers):
            return False
        if self.relevant is not None and not _truthy(self.relevant, answers):
            return False
        # a cascading list with nothing to offer (parent unanswered, or no data for it) is hidden
        return self.filter_by is None or bool(self.options_for(answers))

    def options_for(self, answers: Answers) -> tuple[Option, ...]:
        """The options to offer now: all of them, or those of a cascading list's parent answer."""
        if self.filter_by is None:
            return self.options
        parent = answers.get(self.filter_by)
        return tuple(o for o in self.options if parent is not None and o.parent == parent)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


def _truthy(expression: Expression, answers: Answers) -> bool:
    try:
        return bool(expression(answers, None))
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    fields: tuple[Field, ...]

    def visible_fields(self, answers: Answers) -> list[Field]:
        return [f for f in self.fields if f.visible(answers)]


@dataclass(frozen=True)
class DateOrderCheck:
    """A cross-field check: `later` must be on or after `earlier` (a block, or a warning)."""

    earlier: str
    later: str
    message: str
    warning: bool = False
    when: tuple[Condition, ...] = ()  # applies only when every condition holds


@dataclass(frozen=True)
class DateFromTodayCheck:
    """A date must lie `min_days`..`max_days` from today (e.g. registered within 24 hours)."""

    field: str
    message: str
    min_days: int | None = None
    max_days: int | None = None
    warning: bool = False
    when: tuple[Condition, ...] = ()


Check = DateOrderCheck | DateFromTodayCheck


@dataclass(frozen=True)
class Document:
    """One line of the documents-to-bring checklist, listed when every condition holds."""

    label: str  # English source text (a msgid)
    when: tuple[Condition, ...] = ()
    # "photo": true: the visitor photographs it at the kiosk (docs/photos.md). `key` names the
    # picture in storage and at the office; `photo_label` is the short name on the printout.
    key: str = ""
    photo: bool = False
    photo_label: str = ""

    def applies(self, answers: Answers) -> bool:
        return all(c.holds(answers) for c in self.when)


@dataclass(frozen=True)
class GroupRule:
    """Several people at one address in one visit (docs/groups.md): the steps asked once for the
    whole group (address, host, stay), and how many people one visit may hold. Every other step
    is asked again for each person."""

    shared_steps: tuple[str, ...]
    max_people: int = 6
    # A per-person field prefilled for each further person with the first person's name (a
    # parent registering children names them the guardian); editable, asked only when shown.
    guardian: str | None = None


@dataclass(frozen=True)
class Form:
    id: str
    version: int
    title: str
    summary: str
    purpose: str  # why the data is collected (consent screen)
    retention_days: int
    steps: tuple[Step, ...]
    checks: tuple[Check, ...] = ()
    source: str = ""
    documents: tuple[Document, ...] = ()
    # Passport prefill: MRZ field name (kiosk.mrz.MrzResult) → this form's field id.
    mrz_prefill: tuple[tuple[str, str], ...] = ()
    priority: int = 100  # place on the service menu: the center's most used service first
    icon: str = DEFAULT_SERVICE_ICON  # its picture on the menu (a name in kiosk.icons)
    bring: str = ""  # a short "what to bring" for the menu (msgid); the full list is `documents`
    group: GroupRule | None = None  # None: one person per visit
    portrait: bool = False  # a 2-inch portrait is taken at the kiosk (docs/photos.md)
    _by_id: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for step in self.steps:
            for f in step.fields:
                self._by_id[f.id] = f

    @property
    def fields(self) -> list[Field]:
        return [f for step in self.steps for f in step.fields]

    def field(self, field_id: str) -> Field:
        return self._by_id[field_id]

    def step_of(self, field_id: str) -> int:
        for index, step in enumerate(self.steps):
            if any(f.id == field_id for f in step.fields):
                return index
        raise KeyError(field_id)

    def shared_field(self, field_id: str) -> bool:
        """Whether a field is answered once for the whole group (a field of a shared step)."""
        return self.group is not None and self.steps[self.step_of(field_id)].id in self.group.shared_steps

    def person_step_indexes(self) -> list[int]:
        """The steps asked again for each further person of a group (all steps without a group)."""
        shared = self.group.shared_steps if self.group else ()
        return [i for i, step in enumerate(self.steps) if step.id not in shared]

    def visible_answers(self, answers: Answers) -> Answers:
        """Answers of visible fields only: a hidden field's stale answer is never submitted."""
        out: Answers = {}
        for f in self.fields:
            if f.visible(answers) and answers.get(f.id) not in (None, "", []):
                out[f.id] = answers[f.id]
        return out


def menu_order(forms: dict[str, Form]) -> list[Form]:
    """The service menu's order: the center's priority (`priority`), then the form id."""
    return sorted(forms.values(), key=lambda f: (f.priority, f.id))

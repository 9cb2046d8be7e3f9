"""The in-memory form model: a form is steps of fields, each field typed, with conditions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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


@dataclass(frozen=True)
class Option:
    value: str
    label: str  # English source text, translated through the catalogs


@dataclass(frozen=True)
class Condition:
    """Show a field only when another field's answer matches (equals one of `values`, or is set)."""

    field: str
    values: tuple[Any, ...] = ()
    filled: bool = False

    def holds(self, answers: Answers) -> bool:
        value = answers.get(self.field)
        if self.filled:
            return value not in (None, "", [])
        if isinstance(value, list):
            return any(v in self.values for v in value)
        return value in self.values


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

    def visible(self, answers: Answers) -> bool:
        return self.show_if is None or self.show_if.holds(answers)

    def option_label(self, value: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return value


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


@dataclass(frozen=True)
class Form:
    id: str
    version: int
    title: str
    summary: str
    purpose: str  # why the data is collected (consent screen)
    retention_days: int
    steps: tuple[Step, ...]
    checks: tuple[DateOrderCheck, ...] = ()
    source: str = ""
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

    def visible_answers(self, answers: Answers) -> Answers:
        """Answers of visible fields only: a hidden field's stale answer is never submitted."""
        out: Answers = {}
        for f in self.fields:
            if f.visible(answers) and answers.get(f.id) not in (None, "", []):
                out[f.id] = answers[f.id]
        return out

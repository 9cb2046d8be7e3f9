"""Row types shown by QML lists, built from the session in the visitor's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kiosk.forms.display import display_value, option_text
from kiosk.forms.model import Field, FieldType, Form, menu_order
from kiosk.forms.validate import Problem, parse_date, resolve_bound
from kiosk.i18n import catalog
from kiosk.icons import glyph
from kiosk.session import VisitorSession


@dataclass(frozen=True)
class ServiceRow:
    form_id: str
    title: str
    summary: str
    icon: str  # the glyph in the icon font (kiosk.icons)
    bring: str  # what to bring, in short ("" if the form says nothing)


@dataclass(frozen=True)
class LanguageRow:
    code: str
    native_name: str


@dataclass(frozen=True)
class FieldRow:
    field_id: str
    field_type: str
    label: str
    help: str
    required: bool
    value: Any
    display: str
    error: str
    warning: str
    options: list[dict[str, str]]
    latin: bool
    uppercase: bool
    max_length: int
    date_min: str
    date_max: str
    date_start: str  # where the wheels open: the answer, else today, kept within min..max


@dataclass(frozen=True)
class ReviewRow:
    field_id: str
    section: str
    label: str
    display: str


def _date_range(f: Field, value: Any, today: dt.date) -> tuple[str, str, str]:
    """A date field's lowest, highest and opening day of the wheels, from the kiosk's clock."""
    if f.type is not FieldType.DATE:
        return "", "", ""
    low = resolve_bound(f.date_min, today) if f.date_min else resolve_bound("-100y", today)
    high = resolve_bound(f.date_max, today) if f.date_max else resolve_bound("+20y", today)
    start = min(max(parse_date(value) or today, low), high)
    return low.isoformat(), high.isoformat(), start.isoformat()


def field_rows(session: VisitorSession, today: dt.date | None = None) -> list[FieldRow]:
    form, lang = session.form, session.lang
    if form is None:
        return []
    cat = catalog(lang)
    today = today or dt.date.today()
    step = form.steps[session.step_index]
    problems: dict[str, Problem] = {}
    for problem in session.problems:
        problems.setdefault(problem.field, problem)
    rows = []
    for f in step.visible_fields(session.answers):
        value = session.answers.get(f.id)
        p = problems.get(f.id)
        message = cat.format(p.message, **p.params) if p else ""
        low, high, start = _date_range(f, value, today)
        rows.append(FieldRow(
            field_id=f.id, field_type=f.type.value, label=cat.gettext(f.label),
            help=cat.gettext(f.help) if f.help else "", required=f.required,
            value=value if value is not None else "", display=display_value(f, value, lang),
            error=message if p and not p.warning else "", warning=message if p and p.warning else "",
            options=[{"value": o.value, "label": option_text(o, lang)}
                     for o in f.options_for(session.answers)],
            latin=f.latin, uppercase=f.uppercase, max_length=f.max_length or 0,
            date_min=low, date_max=high, date_start=start,
        ))  # fmt: skip
    return rows


def review_rows(form: Form, answers: dict[str, Any], lang: str) -> list[ReviewRow]:
    cat = catalog(lang)
    rows = []
    for step in form.steps:
        for f in step.visible_fields(answers):
            rows.append(ReviewRow(f.id, cat.gettext(step.title), cat.gettext(f.label),
                                  display_value(f, answers.get(f.id), lang)))  # fmt: skip
    return rows


def service_rows(forms: dict[str, Form], lang: str) -> list[ServiceRow]:
    """The service menu in the center's order (`priority`), then by id."""
    cat = catalog(lang)
    ordered = menu_order(forms)
    return [ServiceRow(f.id, cat.gettext(f.title), cat.gettext(f.summary), glyph(f.icon),
                       cat.gettext(f.bring) if f.bring else "") for f in ordered]  # fmt: skip
